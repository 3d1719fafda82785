import { describe, expect, it } from 'vitest';
import { createBody, draftFromSignal, emptyDraft, patchBody } from './signalForm';
import type { Signal } from './api/types';

const signal: Signal = {
  id: 75,
  referenceCode: 'MH-2026-R9MN4T',
  version: 2,
  status: 'in_intake',
  channel: 'partner',
  receivedAt: '2026-11-23T10:34:52.393Z',
  organisation: 'gem-westerwolde',
  observedAt: '2026-11-21T12:34:52.393Z',
  municipality: 'GM1950',
  reporter: { anonymous: false, name: 'Sanne Dijkstra', organisation: 'Gemeente Westerwolde', phone: '0762105324', email: '', professional: true },
  summary: 'Schoonmakers krijgen al maanden geen loon',
  description: 'Drie maanden niet betaald.',
  location: 'Zuiderweg, Vlagtwedde',
  forms: ['ARBEID'],
  indicators: [{ code: 'ARB-03', note: '' }, { code: 'ILO08', note: 'reisschuld' }],
  vulnerableGroups: ['labour_migrant'],
  acuteDanger: false,
  persons: [{ role: 'possible_victim', name: 'Florin Stan', estimatedAge: 35, gender: 'male', nationality: 'RO', description: '' }],
  addresses: [{ street: 'Julianalaan', houseNumber: '63', postcode: '9708 HR', city: 'Ten Boer', description: '' }],
  businesses: [{ name: 'Dumitru Services', kvkNumber: '46826897', sector: 'schoonmaak' }],
  phoneNumbers: [{ number: '+31687901572', description: '' }],
  vehicles: [],
};

describe('signal form bodies', () => {
  it('an unchanged edit sends only the version read', () => {
    expect(patchBody(draftFromSignal(signal))).toEqual({ version: 2 });
  });

  it('an edit sends only what the user changed, whole lists replaced', () => {
    const d = draftFromSignal(signal);
    d.summary = 'Nieuwe samenvatting';
    d.indicators = [...d.indicators, { code: 'ILO07', note: 'paspoort' }];
    d.persons[0].nationality = 'PL';
    expect(patchBody(d)).toEqual({
      version: 2,
      summary: 'Nieuwe samenvatting',
      indicators: [{ code: 'ARB-03' }, { code: 'ILO08', note: 'reisschuld' }, { code: 'ILO07', note: 'paspoort' }],
      persons: [{ role: 'possible_victim', name: 'Florin Stan', estimatedAge: 35, gender: 'male', nationality: 'PL' }],
    });
  });

  it('without a base every writable field is sent', () => {
    const d = { ...draftFromSignal(signal), base: null };
    const body = patchBody(d);
    expect(body.status).toBe('in_intake');
    expect(body.reporter).toEqual({ anonymous: false, name: 'Sanne Dijkstra', organisation: 'Gemeente Westerwolde', phone: '0762105324', professional: true });
    expect(new Date(body.observedAt as string).toISOString()).toBe('2026-11-21T12:34:00.000Z');
  });

  it('an emptied optional text is removed with null (merge patch)', () => {
    const d = draftFromSignal(signal);
    d.location = '  ';
    d.observedAt = '';
    d.organisation = '';
    const body = patchBody(d);
    expect(body.location).toBeNull();
    expect(body.observedAt).toBeNull();
    expect(body.organisation).toBeNull();
  });

  it('sends an age that is not a number as typed, so the server names the field', () => {
    const d = draftFromSignal(signal);
    d.persons[0].estimatedAge = 'ongeveer 30';
    expect((patchBody(d).persons as Record<string, unknown>[])[0].estimatedAge).toBe('ongeveer 30');
    d.persons[0].estimatedAge = ' 31 ';
    expect((patchBody(d).persons as Record<string, unknown>[])[0].estimatedAge).toBe(31);
  });

  it('a new signal sends only what is filled in', () => {
    const d = emptyDraft({ municipality: 'GM0014' });
    d.summary = 'Kort';
    d.description = 'Lang';
    const body = createBody(d);
    expect(body).toEqual({
      channel: 'professional', municipality: 'GM0014', summary: 'Kort', description: 'Lang', indicators: [], vulnerableGroups: [],
      acuteDanger: false, reporter: { anonymous: true }, persons: [], addresses: [], businesses: [], phoneNumbers: [], vehicles: [],
    });
    expect(body).not.toHaveProperty('version');
    expect(body).not.toHaveProperty('location');
  });
});
