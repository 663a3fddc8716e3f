// What a cadre sees of a finished attempt: exactly what the exam's review options allow at
// this moment (after submitting, or after the window has closed for them), nothing more.
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError } from '../errors.ts';
import { toChineseNumeral } from '../bank/sheet/numerals.ts';
import { termsFor } from './audience.ts';
import { examDefinition } from './exam-definition.ts';
import { rawSql } from '../db/raw-sql.ts';
import type { AppDeps } from '../deps.ts';
import { attemptById, itemsOf, type AttemptRow, type ItemRow } from './attempt-queries.ts';
import { withVersions } from './version-cache.ts';
import { presentItem, translateKeys } from './paper.ts';

type Shown = { score: boolean; correctness: boolean; keys: boolean; explanations: boolean };
const NOTHING: Shown = { score: false, correctness: false, keys: false, explanations: false };

export async function attemptResult(deps: Pick<AppDeps, 'db' | 'rawMysql'>, actor: Actor, attemptId: number, now: Date) {
  const sql = rawSql(deps);
  const attempt = await attemptById(sql, attemptId, actor.userId);
  if (!attempt) throw new NotFoundError('考试记录不存在');
  return presentResult(deps, actor, attempt, await itemsOf(sql, attempt.id), now);
}

/** The result of an attempt in memory (just graded, or read): only what the review options allow now. */
export async function presentResult(deps: Pick<AppDeps, 'db' | 'rawMysql'>, actor: Actor, attempt: AttemptRow, stored: ItemRow[], now: Date) {
  const { db } = deps;
  const exam = await examDefinition(db, attempt.examId);
  if (!exam) throw new NotFoundError('考试记录不存在');
  const terms = await termsFor(rawSql(deps), exam, { id: actor.userId, organizationPath: actor.organizationPath });
  const shown: Shown = attempt.status !== 'submitted' ? NOTHING
    : (now >= terms.closesAt ? exam.reviewAfterClose : exam.reviewAfterSubmit) as Shown;
  const items = await withVersions(db, stored);
  const articles = shown.explanations ? await citedArticleTexts(db, items.flatMap((i) => i.questionVersion.citations)) : new Map<string, string>();
  return {
    attemptId: attempt.id, examId: attempt.examId, status: attempt.status, submittedAt: attempt.submittedAt?.toISOString() ?? null,
    autoSubmitted: attempt.autoSubmitted, shown,
    score: shown.score ? attempt.score : null, maxScore: shown.score ? attempt.maxScore : null, passed: shown.score ? attempt.passed : null,
    breakdown: shown.score ? (attempt.breakdown as Array<{ statute: string; title: string; score: number; maxScore: number }> | null) : null,
    items: items.map((item) => {
      const { seq: _seq, ...view } = presentItem(item);
      const version = item.questionVersion;
      return {
        ...view,
        correct: shown.correctness ? item.correct : null,
        score: shown.correctness ? item.score : null,
        key: shown.keys ? translateKeys(version.answer, item, true) : null,
        explanation: shown.explanations ? version.explanation : null,
        citations: shown.explanations
          ? version.citations.map((c) => ({ law: c.slug, article: c.articleNumber, label: `第${toChineseNumeral(c.articleNumber)}条`, text: articles.get(`${c.statuteId}:${c.articleNumber}`) ?? '' }))
          : null,
      };
    }),
  };
}

async function citedArticleTexts(db: Db, citations: Array<{ statuteId: number; articleNumber: number }>): Promise<Map<string, string>> {
  if (!citations.length) return new Map();
  const rows = await db.article.findMany({
    where: { revision: { isCurrent: true }, OR: citations.map((c) => ({ number: c.articleNumber, revision: { statuteId: c.statuteId } })) },
    select: { number: true, text: true, revision: { select: { statuteId: true } } },
  });
  return new Map(rows.map((row) => [`${row.revision.statuteId}:${row.number}`, row.text]));
}
