// Schemas shared by many routes: ids in paths, pagination, the response envelope.
import { z } from 'zod';

/**
 * An integer sent as text (a path segment, a query value): decimal digits only, because Number()
 * would read "0x10" as 16, "1e3" as 1000 and "" as 0.
 */
export function decimalInt<S extends z.ZodCoercedNumber>(schema: S) {
  return z.preprocess((value) => (typeof value === 'string' && !/^\d{1,15}$/.test(value) ? Number.NaN : value), schema);
}

/** A record id in a path. */
export const RecordId = decimalInt(z.coerce.number().int().positive());

export const IdParams = z.object({ id: RecordId.meta({ description: '记录 id' }) });

export const MAX_PAGE_SIZE = 100;

/** Page numbers are validated; an oversize page is clamped rather than refused. */
export const PageQuery = z.object({
  page: decimalInt(z.coerce.number().int().min(1)).default(1).meta({ description: '页码，从 1 开始' }),
  pageSize: decimalInt(z.coerce.number().int().min(1)).default(20).transform((n) => Math.min(n, MAX_PAGE_SIZE))
    .meta({ description: `每页条数，最大 ${MAX_PAGE_SIZE}（超过按最大值处理）` }),
});

export type PageInput = z.output<typeof PageQuery>;

export function pageWindow(page: PageInput): { skip: number; take: number } {
  return { skip: (page.page - 1) * page.pageSize, take: page.pageSize };
}

export const Timestamp = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 时间（服务器时间）' });

export const Pagination = z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export const ErrorEnvelope = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.string().meta({ description: '稳定的错误码，例如 validation_failed、not_found' }),
    message: z.string().meta({ description: '中文提示' }),
    details: z.unknown().optional(),
  }),
});

export function okEnvelope(data: z.ZodType, paginated: boolean) {
  return paginated
    ? z.object({ ok: z.literal(true), data: z.array(data), pagination: Pagination })
    : z.object({ ok: z.literal(true), data });
}
