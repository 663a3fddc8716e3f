// Checking a practice answer: immediate feedback with the key, the explanation and the cited
// articles, a record of the answer, and the 错题本 updated in the same transaction.
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { FILL_BLANK } from '../bank/question-format.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { gradeResponse, responseProblem, type AnswerKey } from '../exams/grading.ts';
import { versionInclude, type VersionRow } from '../questions/queries.ts';
import { citationsWithText, reviewStatus } from './present.ts';
import { articleTexts, practicableWhere } from './queries.ts';
import { updateReviewCard } from './review-card.ts';
import type { AnswerBody } from './schemas.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

export async function checkAnswer({ db, clock }: Deps, actor: Actor, body: z.output<typeof AnswerBody>) {
  const version = await answeredVersion(db, actor, body);
  checkResponseShape(version, body.response);
  const { correct } = gradeResponse(version.type, version.answer as AnswerKey, body.response, 1, 'all-or-nothing');
  const now = clock.now();
  const card = await db.$transaction(async (tx) => {
    await tx.practiceAnswer.create({ data: { userId: actor.userId, questionVersionId: version.id, mode: body.mode, response: body.response, correct, answeredAt: now } });
    return updateReviewCard(tx, { userId: actor.userId, questionId: body.questionId, correct, now });
  });
  const texts = await articleTexts(db, version.citations);
  return {
    correct, key: version.answer, explanation: version.explanation,
    citations: citationsWithText(version, texts), review: card ? reviewStatus(card) : null,
  };
}

/** The version the cadre was shown: the current one or an earlier one of the same question (a page may be stale). */
async function answeredVersion(db: Db, actor: Actor, body: { questionId: number; versionId: number }): Promise<VersionRow> {
  const question = await db.question.findFirst({ where: { id: body.questionId, ...practicableWhere(actor) }, select: { id: true } });
  if (!question) throw new NotFoundError('题目不存在或无权访问');
  const version = await db.questionVersion.findFirst({ where: { id: body.versionId, questionId: question.id }, include: versionInclude });
  if (!version) throw new ValidationError('题目版本不正确', [{ path: 'body.versionId', code: 'unknown_version', message: '该版本不属于这道题' }]);
  return version;
}

function checkResponseShape(version: VersionRow, response: unknown): void {
  const optionKeys = ((version.options as Array<{ key: string }> | null) ?? []).map((option) => option.key);
  const blanks = version.type === 'fill' ? version.stem.split(FILL_BLANK).length - 1 : 0;
  const problem = responseProblem(version.type, response, optionKeys, blanks);
  if (problem) throw new ValidationError(problem, [{ path: 'body.response', code: 'invalid_response', message: problem }]);
}
