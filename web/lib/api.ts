import { currentLang, translate } from './i18n.tsx';
import { common } from './messages.ts';

/**
 * The one API client. Every call goes through `request`, which sends the session cookie and the
 * CSRF token, and turns every failure into an `ApiError` carrying the server's own message.
 */
export interface ErrorDetail {
  path?: string;
  row?: number;
  column?: string;
  message: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** The whole error object, for endpoints that add fields (a conflict's `current`, an import's `summary`). */
  readonly body: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = [], body: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.body = body;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return translate(common, currentLang(), 'unexpectedError');
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue | readonly string[]>;

/** `/api/v1` + path + the query string, skipping empty values. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

const SAFE = new Set(['GET', 'HEAD']);

function asDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter((d): d is ErrorDetail => typeof d === 'object' && d !== null && typeof (d as { message?: unknown }).message === 'string');
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status below.
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(response.status, error.code, error.message, asDetails(error.details), error);
  }
  return new ApiError(response.status, `http_${response.status}`, `${translate(common, currentLang(), 'unexpectedError')} (HTTP ${response.status})`);
}

async function send(method: string, path: string, options: RequestOptions, retried = false): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang() === 'zh' ? 'zh-CN' : 'en' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', translate(common, currentLang(), 'networkError'));
  }
  if (response.ok) return response;
  const error = await toApiError(response);
  // The CSRF token can go stale when the session was renewed in another tab: fetch it again once.
  if (error.code === 'csrf_failed' && !retried) {
    const me = await fetch(apiUrl('/auth/me'), { credentials: 'same-origin', headers: { accept: 'application/json' } }).catch(() => null);
    if (me?.ok) {
      const fresh = ((await me.json()) as { csrfToken?: string | null }).csrfToken ?? null;
      if (fresh && fresh !== csrfToken) {
        csrfToken = fresh;
        return send(method, path, options, true);
      }
    }
  }
  throw error;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await response.text()) as T;
  return (await response.json()) as T;
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** Fetch a file (a template, an export) so that failures show the server's message instead of a blank tab. */
  async download(path: string, query: Query | undefined, fallbackName: string): Promise<DownloadedFile> {
    const response = await send('GET', path, { query });
    return { blob: await response.blob(), filename: filenameFrom(response.headers.get('content-disposition'), fallbackName) };
  },
};

/** Hand a blob to the browser as a download. */
export function saveBlob({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
