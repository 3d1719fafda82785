// Login against a fake server (fetch is the outside world here): the generic failure
// message, the TOTP step with the challenge, and the role's navigation afterwards.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../App';

const requests: { method: string; path: string; body: unknown; csrf?: string }[] = [];
const user = { id: 3, username: 'kr.zvhg', display_name: 'Karin Regie', role: 'ketenregisseur', organisation: 'zvhg', municipality: null };

function respond(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}

beforeEach(() => {
  requests.length = 0;
  sessionStorage.clear();
  localStorage.clear();
  window.history.pushState(null, '', '/');
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const path = url.replace(/\?.*$/, '');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method, path, body, csrf: (init?.headers as Record<string, string>)?.['X-CSRF-Token'] });
    const failed = { type: 'https://drieluik.example/problems/unauthenticated', title: 'Inloggen mislukt / Login failed', status: 401 };
    if (path === '/api/v1/session' && method === 'GET') return respond(401, failed);
    if (path === '/api/v1/session' && method === 'POST')
      return body.password === 'goed' ? respond(200, { totp_required: true, challenge: 'ch-1' }) : respond(401, failed);
    if (path === '/api/v1/session/totp')
      return body.challenge === 'ch-1' && body.code === '123456' ? respond(200, { user, csrf_token: 'csrf-9' }) : respond(401, failed);
    if (path === '/api/v1/signals') return respond(200, { items: [], nextCursor: null });
    if (path === '/api/v1/actions') return respond(404, { status: 404 });
    if (path.startsWith('/api/v1/')) return respond(200, { items: [], version: '1', lists: [] });
    return respond(404, { status: 404 });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('login', () => {
  it('shows one generic message for a wrong password and keeps the username', async () => {
    render(<App />);
    fireEvent.change(await screen.findByLabelText(/Gebruikersnaam/), { target: { value: 'kr.zvhg' } });
    fireEvent.change(screen.getByLabelText(/Wachtwoord/), { target: { value: 'fout' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    });
    expect(await screen.findByText(/De gegevens kloppen niet/)).toBeTruthy();
    expect((screen.getByLabelText(/Gebruikersnaam/) as HTMLInputElement).value).toBe('kr.zvhg');
    expect(document.activeElement?.id).toBe('error-summary');
  });

  it('asks for the TOTP code, then shows the role navigation and sends the CSRF token', async () => {
    render(<App />);
    fireEvent.change(await screen.findByLabelText(/Gebruikersnaam/), { target: { value: 'kr.zvhg' } });
    fireEvent.change(screen.getByLabelText(/Wachtwoord/), { target: { value: 'goed' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    });
    const code = await screen.findByLabelText(/Verificatiecode/);
    fireEvent.change(code, { target: { value: '123 456' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Controleren' }));
    });
    await screen.findByRole('heading', { level: 1, name: 'Werkvoorraad' });
    expect(requests.find((r) => r.path === '/api/v1/session/totp')?.body).toEqual({ challenge: 'ch-1', code: '123456' });
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(nav.textContent).toContain('Signalen');
    expect(nav.textContent).not.toContain('Beheer');
    expect(screen.getByText(/Ingelogd als Karin Regie \(Ketenregisseur\)/)).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Uitloggen' }));
    });
    const logout = requests.find((r) => r.method === 'DELETE');
    expect(logout?.csrf).toBe('csrf-9');
  });
});
