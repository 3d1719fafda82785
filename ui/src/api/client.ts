// The API client: JSON over fetch to /api/v1 on the same origin. Errors come back as
// ApiError with the problem+json body (RFC 9457; `errors` has one entry per bad field,
// each with a JSON pointer into the request). State-changing calls send the session's
// CSRF token (X-CSRF-Token). A 401 on any call except the session routes tells the
// listeners (the session provider), which sends the user to the login page while the
// form's draft stays in sessionStorage. A 403 "csrf" refusal is retried once with the
// session's current token.

export interface FieldError {
  pointer: string;
  key: string;
  params?: Record<string, string>;
  nl: string;
  en: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  currentVersion?: number;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.title ?? `HTTP ${problem.status}`);
    this.status = problem.status;
    this.problem = problem;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/// Turns a non-2xx response into a Problem, also when the body is not problem+json.
export async function problemOf(response: Response): Promise<Problem> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const p = body as Partial<Problem>;
    return { ...p, status: typeof p.status === 'number' ? p.status : response.status };
  }
  return { status: response.status, title: response.statusText };
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /// Do not announce a 401 (the session and login routes answer 401 as a normal outcome).
  quiet401?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

/// True for the server's CSRF refusal (403, problem type ending in "csrf").
function isCsrfProblem(p: Problem): boolean {
  return p.status === 403 && typeof p.type === 'string' && /csrf$/.test(p.type);
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await request<T>(path, options);
  } catch (e) {
    // A stale CSRF token (another tab logged in again): fetch the session's current token
    // once and repeat the call, so the user's save is not lost.
    if (e instanceof ApiError && isCsrfProblem(e.problem) && path !== '/session') {
      const s = await request<{ csrf_token?: string }>('/session', { quiet401: true }).catch(() => null);
      if (s?.csrf_token) {
        setCsrfToken(s.csrf_token);
        return request<T>(path, options);
      }
    }
    throw e;
  }
}

async function request<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError({ status: 0, type: 'network', title: 'network' });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !options.quiet401) unauthorizedListeners.forEach((l) => l());
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
