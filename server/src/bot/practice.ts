// Practice in a private chat, through the same services as the mini-program: the questions a
// cadre may practise, the same grading, and wrong answers into the same 错题本.
import type { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { ValidationError } from '../errors.ts';
import { checkAnswer } from '../practice/answer.ts';
import type { AnswerBody, PracticeQuestionsInput } from '../practice/schemas.ts';
import { practiceQuestions } from '../practice/service.ts';
import { auditBotAction, contactActor } from './contacts.ts';
import type { BotPracticeQueryInput } from './schemas.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/**
 * The statute a person means by a short name ("宪法", "行政处罚法") or a slug: an exact slug or
 * title first, else the shortest title containing the name.
 */
export async function resolveStatute(deps: Deps, name: string): Promise<string> {
  const wanted = name.trim();
  const statutes = await deps.db.statute.findMany({ select: { slug: true, title: true }, orderBy: { ordinal: 'asc' } });
  const exact = statutes.find((s) => s.slug === wanted || s.title === wanted);
  if (exact) return exact.slug;
  const containing = statutes.filter((s) => s.title.includes(wanted)).sort((a, b) => a.title.length - b.title.length);
  if (!containing.length) throw new ValidationError(`没有找到法规“${wanted}”，请发送法规名称，例如：练习 宪法 5`);
  return containing[0]!.slug;
}

/** Questions for the contact's quiz: by statute, at random, due 错题 reviews, or 背题 items. */
export async function botPracticeQuestions(deps: Deps, contactKey: string, query: BotPracticeQueryInput) {
  const { actor } = await contactActor(deps, contactKey, 'cadre');
  const statute = query.statute ? await resolveStatute(deps, query.statute) : undefined;
  const mode = query.mode === 'practice' ? (statute ? 'statute' : 'random') : query.mode;
  const practiceQuery = { mode, count: query.count, ...(statute ? { statute } : {}) } as PracticeQuestionsInput;
  const items = await practiceQuestions(deps, actor, practiceQuery);
  await auditBotAction(deps, actor, 'practice.questions', { mode, statute: statute ?? null, count: items.length });
  return items;
}

/** Grades a chat answer exactly as the mini-program's practice does, as the bound cadre. */
export async function botPracticeAnswer(deps: Deps, contactKey: string, body: z.output<typeof AnswerBody>) {
  const { actor } = await contactActor(deps, contactKey, 'cadre');
  const result = await checkAnswer(deps, actor, body);
  await auditBotAction(deps, actor, 'practice.answer', { questionId: body.questionId, correct: result.correct });
  return result;
}
