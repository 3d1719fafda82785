import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildUrl, onUnauthorized, setCsrfToken } from './client';

type Call = { url: string; init: RequestInit };
let calls: Call[] = [];
let reply: () => Response;

beforeEach(() => {
  calls = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return reply();
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected the call to fail');
}

const json = (status: number, body: unknown, type = 'application/json') => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('api client', () => {
  it('builds query strings without empty filters', () => {
    expect(buildUrl('/signals', { q: 'loon', status: '', municipality: undefined, limit: 50 })).toBe('/api/v1/signals?q=loon&limit=50');
  });

  it('sends the CSRF token on state-changing calls only', async () => {
    setCsrfToken('tok-1');
    reply = json(200, { ok: true });
    await api('/signals');
    await api('/signals/1', { method: 'PATCH', body: { version: 1 } });
    const h0 = calls[0].init.headers as Record<string, string>;
    const h1 = calls[1].init.headers as Record<string, string>;
    expect(h0['X-CSRF-Token']).toBeUndefined();
    expect(h1['X-CSRF-Token']).toBe('tok-1');
    expect(h1['Content-Type']).toBe('application/json');
    expect(calls[1].init.body).toBe('{"version":1}');
  });

  it('turns problem+json into an ApiError with field errors', async () => {
    reply = json(422, { type: 'validation', title: 'Ongeldige invoer / Invalid input', status: 422, errors: [{ pointer: '/summary', key: 'required', nl: 'Dit veld is verplicht.', en: 'This field is required.' }] }, 'application/problem+json');
    const err = await failure(api('/signals', { method: 'POST', body: {} }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.fieldErrors[0].pointer).toBe('/summary');
  });

  it('reports a 409 with the current version', async () => {
    reply = json(409, { status: 409, title: 'Gewijzigd door een ander / Changed by someone else', currentVersion: 3 }, 'application/problem+json');
    const err = await failure(api('/signals/1', { method: 'PATCH', body: { version: 2 } }));
    expect(err.problem.currentVersion).toBe(3);
  });

  it('announces a 401, unless asked to keep quiet', async () => {
    let heard = 0;
    const off = onUnauthorized(() => heard++);
    reply = json(401, { status: 401, title: 'Inloggen mislukt / Login failed' });
    await api('/signals').catch(() => undefined);
    await api('/session', { quiet401: true }).catch(() => undefined);
    off();
    expect(heard).toBe(1);
  });

  it('retries once with a fresh token after a CSRF refusal', async () => {
    setCsrfToken('stale');
    const replies = [
      json(403, { type: 'https://drieluik.example/problems/csrf', status: 403, title: 'CSRF' }, 'application/problem+json'),
      json(200, { user: { username: 'af' }, csrf_token: 'fresh' }),
      json(200, { id: 1 }),
    ];
    reply = () => replies.shift()!();
    await expect(api('/signals/1', { method: 'PATCH', body: { version: 1 } })).resolves.toEqual({ id: 1 });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['PATCH /api/v1/signals/1', 'GET /api/v1/session', 'PATCH /api/v1/signals/1']);
    expect((calls[2].init.headers as Record<string, string>)['X-CSRF-Token']).toBe('fresh');
  });

  it('copes with a body that is not JSON and with 204', async () => {
    reply = () => new Response('gateway down', { status: 502, statusText: 'Bad Gateway' });
    const err = await failure(api('/signals'));
    expect(err.status).toBe(502);
    reply = () => new Response(null, { status: 204 });
    await expect(api('/session', { method: 'DELETE' })).resolves.toBeUndefined();
  });
});
