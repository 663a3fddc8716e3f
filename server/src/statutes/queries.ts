import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';

export async function currentRevisionOrThrow(db: Db, slug: string) {
  const revision = await db.statuteRevision.findFirst({ where: { statute: { slug }, isCurrent: true }, include: { statute: true } });
  if (!revision) throw new NotFoundError('未找到该法规');
  return revision;
}

/** Live national questions citing each statute (a question citing two of its articles counts once). */
export async function questionCountsByStatute(db: Db): Promise<Map<number, number>> {
  const statutes = await db.statute.findMany({ select: { id: true } });
  const counts = await Promise.all(statutes.map((statute) => db.question.count({
    where: { ownerKey: 'national', status: 'active', versions: { some: { isCurrent: true, citations: { some: { statuteId: statute.id } } } } },
  })));
  return new Map(statutes.map((statute, i) => [statute.id, counts[i]!]));
}
