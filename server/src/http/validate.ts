import { z, type ZodType } from 'zod';
import { ValidationError } from '../errors.ts';

// Validation messages reach users, so zod speaks Chinese.
z.config(z.locales.zhCN());

type Part = 'params' | 'query' | 'body';

/**
 * Deepest nesting a request may carry. Nothing the API takes is nearly this deep, and deeper
 * values are refused here before they reach code or a database that recurses over them
 * (MariaDB's JSON CHECK gives up at 32 levels; Prisma's SQLite path overflows the stack).
 */
export const MAX_INPUT_DEPTH = 16;

type Problem = { path: string; code: string; message: string };

/**
 * The first ill-formed string (a lone UTF-16 surrogate, e.g. an emoji cut in half: MariaDB's
 * JSON check and utf8mb4 columns refuse it) or over-deep nesting in a request part, in keys as
 * well as values. Walked without recursion, so no input can exhaust the stack.
 */
function inputProblem(part: Part, value: unknown): Problem | null {
  const pending: Array<{ value: unknown; path: string[] }> = [{ value, path: [part] }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      if (!current.isWellFormed()) return { path: path.join('.'), code: 'ill_formed_string', message: '文本含有无法识别的字符（不完整的表情或符号），请删除后重试' };
      continue;
    }
    if (!current || typeof current !== 'object') continue;
    if (path.length > MAX_INPUT_DEPTH) return { path: path.join('.'), code: 'too_deep', message: `数据嵌套层级过深（最多 ${MAX_INPUT_DEPTH} 层）` };
    for (const [key, child] of Object.entries(current)) {
      if (!key.isWellFormed()) return { path: path.join('.'), code: 'ill_formed_string', message: '字段名含有无法识别的字符' };
      pending.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

/** Parses one part of a request; failures name the field path, e.g. `body.phone`. */
export function parseRequestPart<S extends ZodType>(schema: S, part: Part, value: unknown): z.output<S> {
  const problem = inputProblem(part, value);
  if (problem) throw new ValidationError('请求参数不正确', [problem]);
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ValidationError('请求参数不正确', result.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    code: issue.code,
    message: issue.message,
  })));
}
