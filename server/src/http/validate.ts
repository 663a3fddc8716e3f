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
 * Whether a value holds no ill-formed string (a lone UTF-16 surrogate, e.g. an emoji cut in
 * half: MariaDB's JSON check and utf8mb4 columns refuse it) and no nesting deeper than allowed,
 * in keys as well as values. Walked without recursion, so no input can exhaust the stack, and
 * without building paths: this runs on every answer save and heartbeat.
 */
function isSound(root: unknown): boolean {
  if (typeof root === 'string') return root.isWellFormed();
  if (!root || typeof root !== 'object') return true;
  const objects: object[] = [root];
  const depths: number[] = [1];
  while (objects.length) {
    const current = objects.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (depth > MAX_INPUT_DEPTH) return false;
    const children = Array.isArray(current) ? current : Object.values(current);
    if (children !== current && !Object.keys(current).every((key) => key.isWellFormed())) return false;
    for (let i = 0; i < children.length; i++) {
      const child: unknown = children[i];
      if (typeof child === 'string') {
        if (!child.isWellFormed()) return false;
      } else if (child && typeof child === 'object') {
        objects.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return true;
}

/** Where the first problem `isSound` found is, with the field path; only run once one was found. */
function locateProblem(part: Part, value: unknown): Problem {
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
  throw new Error('locateProblem found nothing isSound refused');
}

/** Parses one part of a request; failures name the field path, e.g. `body.phone`. */
export function parseRequestPart<S extends ZodType>(schema: S, part: Part, value: unknown): z.output<S> {
  if (!isSound(value)) throw new ValidationError('请求参数不正确', [locateProblem(part, value)]);
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ValidationError('请求参数不正确', result.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    code: issue.code,
    message: issue.message,
  })));
}
