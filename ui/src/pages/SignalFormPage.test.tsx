// The edit screen against a fake server (fetch is the outside world here): a save that
// the server rejects shows each error beside its field, keeps every input, moves focus
// to the error summary and keeps the draft in sessionStorage.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../App';

const signal = {
  id: 75, referenceCode: 'MH-2026-R9MN4T', version: 2, status: 'in_intake', channel: 'partner', receivedAt: '2026-11-23T10:34:52Z',
  municipality: 'GM1950', summary: 'Schoonmakers krijgen geen loon', description: 'Drie maanden niet betaald.', forms: ['ARBEID'],
  indicators: [], vulnerableGroups: [], acuteDanger: false, persons: [], addresses: [], businesses: [], phoneNumbers: [], vehicles: [],
};
const patches: unknown[] = [];

function respond(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}

beforeEach(() => {
  patches.length = 0;
  sessionStorage.clear();
  localStorage.clear();
  window.history.pushState(null, '', '/meldingen/75/bewerken');
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const path = url.replace(/\?.*$/, '');
    if (path === '/api/v1/session') return respond(404, { status: 404, title: 'Niet gevonden / Not found' });
    if (path === '/api/v1/municipalities') return respond(200, { items: [{ code: 'GM1950', name: 'Westerwolde' }] });
    if (path === '/api/v1/organisations') return respond(200, { items: [] });
    if (path === '/api/v1/exploitation-forms') return respond(200, { items: [{ code: 'ARBEID', nl: 'arbeidsuitbuiting', en: 'labour exploitation' }] });
    if (path === '/api/v1/indicators') return respond(200, { version: '2026.1', lists: [] });
    if (path === '/api/v1/signals/75' && init?.method === 'PATCH') {
      patches.push(JSON.parse(String(init.body)));
      return respond(422, {
        type: 'https://drieluik.example/problems/validation', title: 'Ongeldige invoer / Invalid input', status: 422,
        errors: [
          { pointer: '/summary', key: 'required', nl: 'Dit veld is verplicht.', en: 'This field is required.' },
          { pointer: '/businesses/0/kvkNumber', key: 'invalid_kvk', nl: 'Een KvK-nummer heeft 8 cijfers.', en: 'A KvK number has 8 digits.' },
        ],
      });
    }
    if (path === '/api/v1/signals/75') return respond(200, signal);
    return respond(404, { status: 404 });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('signal edit screen', () => {
  it('keeps every input and shows the server errors beside their fields', async () => {
    render(<App />);
    const summary = (await screen.findByLabelText(/Korte omschrijving/)) as HTMLInputElement;
    expect(summary.value).toBe('Schoonmakers krijgen geen loon');

    fireEvent.change(summary, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText(/Beschrijving/), { target: { value: 'Nieuwe beschrijving' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bedrijf toevoegen' }));
    fireEvent.change(document.getElementById('f-businesses-0-kvkNumber')!, { target: { value: '12' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    });

    await waitFor(() => expect(document.getElementById('f-businesses-0-kvkNumber-error')?.textContent).toContain('8 cijfers'));
    expect(document.getElementById('f-summary-error')?.textContent).toContain('Dit veld is verplicht.');
    expect(document.getElementById('f-summary')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('f-summary')?.getAttribute('aria-describedby')).toContain('f-summary-error');
    expect((document.getElementById('f-description') as HTMLTextAreaElement).value).toBe('Nieuwe beschrijving');
    expect((document.getElementById('f-businesses-0-kvkNumber') as HTMLInputElement).value).toBe('12');
    await waitFor(() => expect(document.activeElement?.id).toBe('error-summary'));

    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ version: 2, summary: '', description: 'Nieuwe beschrijving', businesses: [{ kvkNumber: '12' }] });
    const draft = JSON.parse(sessionStorage.getItem('drieluik.draft.signal-75') ?? 'null');
    expect(draft.description).toBe('Nieuwe beschrijving');
  });

  it('switches the language of every text', async () => {
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Melding bewerken' });
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await screen.findByRole('heading', { level: 1, name: 'Edit signal' });
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('drieluik.lang')).toBe('en');
  });
});
