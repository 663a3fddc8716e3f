// The question interchange format (shared/contracts/question.schema.json) as a zod schema,
// including the rules the JSON Schema cannot express (see shared/contracts/README.md).
import { z } from 'zod';

export const FILL_BLANK = '（  ）';
const OptionKey = z.string().regex(/^[A-H]$/);

export const QuestionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, { error: 'id 应为 3–64 位小写字母、数字或短横线' }),
  type: z.enum(['single', 'multiple', 'judge', 'fill']),
  // Bounded well under MySQL TEXT (65,535 bytes, 3 per Chinese character): longer text was a 500 there and a 200 on SQLite.
  stem: z.string().min(4).max(2_000, { error: '题干不超过 2000 字' }),
  options: z.array(z.object({ key: OptionKey, text: z.string().min(1).max(500, { error: '选项不超过 500 字' }) })).min(2).max(8).optional(),
  answer: z.union([OptionKey, z.boolean(), z.array(OptionKey).min(2), z.array(z.array(z.string().min(1)).min(1)).min(1)]),
  explanation: z.string().min(4).max(5_000, { error: '解析不超过 5000 字' }),
  citations: z.array(z.object({ law: z.string().min(1), article: z.number().int().min(1), paragraph: z.number().int().min(1).optional() })).min(1),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  tags: z.array(z.string().trim().min(1).max(32, { error: '标签不超过 32 个字' })).optional(),
  version: z.number().int().min(1).optional(),
}).loose().superRefine((q, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const keys = q.options?.map((o) => o.key) ?? [];
  if (q.type === 'single' || q.type === 'multiple') {
    if (!q.options) return issue('options', '单选题和多选题必须有选项');
    if (keys.some((key, i) => key !== 'ABCDEFGH'[i])) issue('options', '选项字母应从 A 起连续排列');
    const answer = q.type === 'single' ? (typeof q.answer === 'string' ? [q.answer] : null) : (Array.isArray(q.answer) && q.answer.every((a) => typeof a === 'string') ? q.answer as string[] : null);
    if (!answer) return issue('answer', q.type === 'single' ? '单选题答案应为一个选项字母' : '多选题答案应为两个以上选项字母');
    for (const key of answer) if (!keys.includes(key)) issue('answer', `答案 ${key} 不是选项`);
  } else {
    if (q.options) issue('options', '判断题和填空题不应有选项');
    if (q.type === 'judge' && typeof q.answer !== 'boolean') issue('answer', '判断题答案应为 true 或 false');
    if (q.type === 'fill') {
      const blanks = q.stem.split(FILL_BLANK).length - 1;
      if (!blanks) issue('stem', `填空题题干应以 ${FILL_BLANK} 表示空格`);
      const valid = Array.isArray(q.answer) && q.answer.every((a) => Array.isArray(a));
      if (!valid || (q.answer as string[][]).length !== blanks) issue('answer', `填空题答案应为每个空一组备选答案（共 ${blanks} 个空）`);
    }
  }
});

export type Question = z.infer<typeof QuestionSchema>;

/** The keys of the correct options, for choice questions. */
export function correctKeys(question: Question): string[] {
  if (question.type === 'single') return [question.answer as string];
  if (question.type === 'multiple') return question.answer as string[];
  return [];
}
