// The one way the UI talks to the server: JSON over fetch, the session cookie, and the CSRF header on writes.
import type { ErrorBody } from './types';

/** An error answered by the server (or a failure to reach it). The messages are shown as the server wrote them. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly field: string | null;

  constructor(status: number, code: string, messageZh: string, messageEn: string, field: string | null) {
    super(messageEn || messageZh || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.field = field;
  }

  /** True when the server sent its own message (a body of the form `{"error": {...}}`). */
  get fromServer(): boolean {
    return Boolean(this.messageZh || this.messageEn);
  }
}

export const API_BASE = '/api/v1';

let csrfToken = '';
/** Remembers the token from /auth/login or /auth/me; it is sent as X-CSRF-Token on every non-GET request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

let unauthorizedHandler: (() => void) | null = null;
/** Called when a request outside /auth/ answers 401: the session has ended, the app goes to the login page. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return API_BASE + path + (qs ? `?${qs}` : '');
}

export async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      credentials: 'same-origin',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'http.network', '', '', null);
  }

  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!res.ok) {
    const body = (data as Partial<ErrorBody> | null)?.error;
    const err = body
      ? new ApiError(res.status, body.code ?? `http.${res.status}`, body.message ?? '', body.message_en ?? '', body.field ?? null)
      : new ApiError(res.status, `http.${res.status}`, '', '', null);
    if (res.status === 401 && !path.startsWith('/auth/')) unauthorizedHandler?.();
    throw err;
  }
  return data as T;
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
