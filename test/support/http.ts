export type ApiResponse<T = any> = { status: number; headers: Headers; body: T };

export type CallOptions = {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** A multipart upload of one file in field `file`. */
  upload?: { name: string; content: Buffer | string };
  /** Return the body as a Buffer (file downloads). */
  binary?: boolean;
};

/** A tiny client for the running app: JSON in, parsed JSON out, status always returned. */
export function apiClient(baseUrl: string) {
  return async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | FormData | undefined;
    if (options.upload) {
      body = new FormData();
      body.append('file', new Blob([options.upload.content]), options.upload.name);
    } else if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (typeof body === 'string') headers['content-type'] ??= 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    if (options.binary && response.ok) return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) as T };
    const text = await response.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* non-JSON bodies are returned as text */ }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
}

export type Call = ReturnType<typeof apiClient>;
