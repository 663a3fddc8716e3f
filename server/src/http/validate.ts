import { z, type ZodType } from 'zod';
import { ValidationError } from '../errors.ts';

// Validation messages reach users, so zod speaks Chinese.
z.config(z.locales.zhCN());

type Part = 'params' | 'query' | 'body';

/** Parses one part of a request; failures name the field path, e.g. `body.phone`. */
export function parseRequestPart<S extends ZodType>(schema: S, part: Part, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ValidationError('请求参数不正确', result.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    code: issue.code,
    message: issue.message,
  })));
}
