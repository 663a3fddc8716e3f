// A route is declared once as data: method, path, access rule, zod schemas and a handler.
// The same declaration mounts the Koa route (validating input with the schemas) and
// describes the endpoint in the OpenAPI document, so the two cannot drift apart.
import type Koa from 'koa';
import type { Readable } from 'node:stream';
import type { z, ZodObject, ZodType } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Permission } from '../policy.ts';
import type { AppDeps } from '../deps.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route at all; finer, per-record checks happen in the services via the policy. */
export type RouteAccess =
  | { kind: 'public' }
  /** The Wechaty bot: no user token, the shared `X-Bot-Key`, checked before the body is looked at. */
  | { kind: 'bot' }
  | { kind: 'signed-in' }
  | { kind: 'permission'; permission: Permission };

export type RequestMeta = { requestId: string; ip: string; userAgent: string | undefined };

export type HandlerContext<A extends RouteAccess> = {
  actor: A['kind'] extends 'public' | 'bot' ? Actor | null : Actor;
  deps: AppDeps;
  meta: RequestMeta;
  koa: Koa.Context;
};

type Schema = ZodObject | undefined;
/** Bodies may be unions of objects (e.g. two ways to bind); params and queries are plain objects. */
type BodySchema = ZodType | undefined;
type Parsed<S extends BodySchema> = S extends ZodType ? z.output<S> : Record<string, never>;

/** An uploaded file, held in memory (imports are validated whole before anything is written). */
export type UploadedFile = { name: string; buffer: Buffer };

/** A file sent as the response instead of the JSON envelope. */
export type FileResponse = { filename: string; contentType: string; body: Buffer };

/** A file streamed to the client (from the file store) rather than built in memory. */
export type StreamedFileResponse = Omit<FileResponse, 'body'> & { body: Readable };

export type Paginated<T> = { items: T[]; total: number; page: number; pageSize: number };

export type RouteSpec<
  A extends RouteAccess = RouteAccess,
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends BodySchema = BodySchema,
  R extends ZodType = ZodType,
> = {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of `data` in the envelope; with `paginated`, of one list item. */
  response: R;
  paginated?: boolean;
  /** Status for a successful call (default 200). */
  status?: number;
  rateLimit?: 'login';
  /** Send `data` as the whole body, for documents other tools read (the OpenAPI file). */
  unwrapped?: boolean;
  /** A multipart/form-data upload with one file in field `file`, at most `maxBytes` (default: the UPLOAD_MAX_MB setting). */
  upload?: { maxBytes?: number; description: string };
  /** The handler returns a FileResponse with one of these content types. */
  download?: { contentTypes: string[] };
  /** A call of the peaks (answer saves, heartbeats): matched first, among a few routes rather than all of them. */
  hot?: boolean;
  handler: (
    input: { params: Parsed<P>; query: Parsed<Q>; body: Parsed<B>; file: UploadedFile | null },
    context: HandlerContext<A>,
  ) => Promise<z.input<R> | Paginated<z.input<R>> | FileResponse | StreamedFileResponse>;
};

/** Identity function that lets TypeScript infer a route's schema types from its declaration. */
export function defineRoute<A extends RouteAccess, P extends Schema, Q extends Schema, B extends BodySchema, R extends ZodType>(
  spec: RouteSpec<A, P, Q, B, R>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}
