// The console's only way to the server: openapi-fetch over the types generated from
// /api/openapi.json (schema.d.ts, made by `npm run api:types`), so a server change that breaks a
// page fails vue-tsc. The envelope is unwrapped here and errors keep the server's Chinese wording.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { clearSession, readToken } from '../stores/token';

export type { paths };

/** An error the server (or the network) reported, worded for people; `details` as the server sent them (e.g. field paths). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly retryAfterSeconds: number | null = null, readonly details: unknown = null) {
    super(message);
  }
}

type Pagination = { page: number; pageSize: number; total: number };
type Envelope<T> = { ok: true; data: T; pagination?: Pagination };
type FetchResult<T> = { data?: Envelope<T>; error?: unknown; response: Response };

/** Called when the server says the token is gone (expired, revoked): back to the login page. */
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const authorization: Middleware = {
  onRequest({ request }) {
    const token = readToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(authorization);

function toApiError(error: unknown, response: Response): ApiError {
  const body = error as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `请求失败（HTTP ${response.status}）`,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    body?.error?.details ?? null,
  );
}

async function settle<T>(request: Promise<FetchResult<T>>): Promise<Envelope<T>> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
  }
  if (result.response.status === 401 && readToken()) {
    clearSession();
    onUnauthenticated();
  }
  if (!result.data) throw toApiError(result.error, result.response);
  return result.data;
}

/** Awaits an `api.GET/POST/…` call and returns its `data`, or throws an ApiError. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  return (await settle(request)).data;
}

export type Page<T> = { items: T[]; total: number };

/** Like `call`, for paginated lists: the items and the total the server counted. */
export async function callPage<T>(request: Promise<FetchResult<T[]>>): Promise<Page<T>> {
  const envelope = await settle(request);
  return { items: envelope.data, total: envelope.pagination?.total ?? envelope.data.length };
}

/** Awaits a file download (`parseAs: 'blob'`) and returns the blob with the server's file name. */
export async function callFile(request: Promise<{ data?: Blob; error?: unknown; response: Response }>): Promise<{ blob: Blob; filename: string }> {
  let result;
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
  }
  if (!result.response.ok || !result.data) {
    const body = await result.response.clone().json().catch(() => undefined);
    throw toApiError(body ?? result.error, result.response);
  }
  return { blob: result.data, filename: filenameOf(result.response) ?? 'export.xlsx' };
}

function filenameOf(response: Response): string | null {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]!);
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}
