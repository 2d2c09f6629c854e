// The one way the UI talks to the server: JSON over fetch, the session cookie, and the CSRF header on writes.
import type { ErrorBody } from './types';

/** An error answered by the server (or a failure to reach it). The messages are shown as the server wrote them. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly field: string | null;
  /** The whole answer body, for errors that carry more than `error` (a flow's `issues`, an import's `rows`). */
  readonly data: unknown;

  constructor(status: number, code: string, messageZh: string, messageEn: string, field: string | null, data: unknown = null) {
    super(messageEn || messageZh || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.field = field;
    this.data = data;
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

/** Parses an answer's text: JSON when it is JSON, else null. */
function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The error for a non-2xx answer; a 401 outside /auth/ also ends the session. */
function answerError(status: number, data: unknown, path: string): ApiError {
  const body = (data as Partial<ErrorBody> | null)?.error;
  const err = body
    ? new ApiError(status, body.code ?? `http.${status}`, body.message ?? '', body.message_en ?? '', body.field ?? null, data)
    : new ApiError(status, `http.${status}`, '', '', null, data);
  if (status === 401 && !path.startsWith('/auth/')) unauthorizedHandler?.();
  return err;
}

export interface RequestOptions {
  query?: Query;
  /** A JSON body (serialised here). */
  body?: unknown;
  /** A body sent as it is (an XML document, file bytes) with its content type. */
  raw?: { data: BodyInit; type: string };
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.raw) {
    headers['Content-Type'] = opts.raw.type;
    body = opts.raw.data;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), { method, credentials: 'same-origin', headers, body });
  } catch {
    throw new ApiError(0, 'http.network', '', '', null);
  }

  const data = parseBody(await res.text());
  if (!res.ok) throw answerError(res.status, data, path);
  return data as T;
}

/**
 * POSTs a file's bytes as the body, reporting the upload's progress (0..100); fetch cannot, so this uses XHR.
 * Answers and errors are read as in `request`.
 */
export function upload<T>(path: string, query: Query, file: Blob, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'http.network', '', '', null));
    xhr.onload = () => {
      const data = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        resolve(data as T);
      } else {
        reject(answerError(xhr.status, data, path));
      }
    };
    xhr.send(file);
  });
}

/** Fetches a document (XML, SVG) as text; errors as in `request`. */
export async function getText(path: string, query?: Query): Promise<string> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'http.network', '', '', null);
  }
  const text = await res.text();
  if (!res.ok) throw answerError(res.status, parseBody(text), path);
  return text;
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  /** PUT with a body that is not JSON (an XML document). */
  putRaw: <T>(path: string, data: BodyInit, type: string) => request<T>('PUT', path, { raw: { data, type } }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
