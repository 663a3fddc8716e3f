// Who may sit an exam, and on what terms: the audience (organisation subtrees or named people,
// optionally 关键少数 only) and the overrides that give one person or unit more time, a later
// close or more attempts.
import type { Prisma } from '../../generated/mysql/client.ts';
import { read, type RawSql } from '../db/raw-sql.ts';
import { organizationPath, overridesRead, sitterRead, type OverrideRow } from './attempt-queries.ts';
import { pathIds } from '../policy.ts';

export type Sitter = { id: number; organizationId: number; organizationPath: string; isKeyMinority: boolean };

/** The user as a sitter; `known` (the signed-in actor's organisation) saves reading its path again. */
export async function sitterOf(sql: RawSql, userId: number, known: { organizationId: number; organizationPath: string }): Promise<Sitter> {
  return sitterFrom(sql, userId, await read(sql, sitterRead(userId)), known);
}

export async function sitterFrom(
  sql: RawSql, userId: number, user: { organizationId: number; isKeyMinority: boolean }, known: { organizationId: number; organizationPath: string },
): Promise<Sitter> {
  const path = user.organizationId === known.organizationId ? known.organizationPath : await organizationPath(sql, user.organizationId);
  return { id: userId, organizationId: user.organizationId, organizationPath: path, isKeyMinority: user.isKeyMinority };
}

/** Exams whose audience includes the sitter: named, or in a listed subtree (关键少数 only if the exam says so). */
export function examsForSitterWhere(sitter: Sitter): Prisma.ExamWhereInput {
  const inSubtree: Prisma.ExamWhereInput = { audience: { some: { organizationId: { in: pathIds(sitter.organizationPath) } } } };
  return {
    OR: [
      { audience: { some: { userId: sitter.id } } },
      sitter.isKeyMinority ? inSubtree : { AND: [inSubtree, { keyMinorityOnly: false }] },
    ],
  };
}

/** The same rule as examsForSitterWhere, on an exam already in memory. */
export function isOfferedTo(exam: { keyMinorityOnly: boolean; audience: Array<{ organizationId: number | null; userId: number | null }> }, sitter: Sitter): boolean {
  if (exam.audience.some((a) => a.userId === sitter.id)) return true;
  if (exam.keyMinorityOnly && !sitter.isKeyMinority) return false;
  const subtree = new Set(pathIds(sitter.organizationPath));
  return exam.audience.some((a) => a.organizationId !== null && subtree.has(a.organizationId));
}

export type Terms = { closesAt: Date; extraMinutes: number; attemptsAllowed: number };

/** The exam's terms for one sitter: the most generous of the overrides that reach them. */
export async function termsFor(sql: RawSql, exam: { id: number; closesAt: Date; attemptsAllowed: number }, sitter: Pick<Sitter, 'id' | 'organizationPath'>): Promise<Terms> {
  return termsFrom(exam, await read(sql, overridesRead(exam.id, sitter.id, pathIds(sitter.organizationPath))));
}

export function termsFrom(exam: { closesAt: Date; attemptsAllowed: number }, overrides: OverrideRow[]): Terms {
  const latestClose = Math.max(exam.closesAt.getTime(), ...overrides.map((o) => o.closesAt?.getTime() ?? 0));
  return {
    closesAt: new Date(latestClose),
    extraMinutes: Math.max(0, ...overrides.map((o) => o.extraMinutes)),
    attemptsAllowed: exam.attemptsAllowed + Math.max(0, ...overrides.map((o) => o.extraAttempts)),
  };
}
