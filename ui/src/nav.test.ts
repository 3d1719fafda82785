import { describe, expect, it } from 'vitest';
import { mayCreateSignal, mayUse, navFor, SECTIONS } from './nav';
import { ROLES } from './api/types';

const ids = (v: Parameters<typeof navFor>[0]) => navFor(v).map((s) => s.id);

describe('navigation per role', () => {
  it('shows signal work to the signal roles, administration only to the beheerder', () => {
    expect(ids('aandachtsfunctionaris')).toEqual(['worklist', 'signals']);
    expect(ids('zorgcoordinator')).toEqual(['worklist', 'signals']);
    expect(ids('politie')).toEqual(['worklist', 'signals']);
    expect(ids('beheerder')).toEqual(['admin']);
  });

  it('shows no signal screens to beleid and the privacy officer (aggregates and audit only)', () => {
    expect(ids('beleid')).toEqual([]);
    expect(ids('privacy_officer')).toEqual([]);
    expect(mayUse('beleid', 'signals')).toBe(false);
  });

  it('never shows parts that are not available yet, whatever the role', () => {
    const later = SECTIONS.filter((s) => !s.available).map((s) => s.id);
    expect(later).toEqual(expect.arrayContaining(['meetings', 'cases', 'actions', 'care', 'measures', 'monitor']));
    for (const role of ROLES) for (const id of later) expect(ids(role)).not.toContain(id);
  });

  it('shows nothing to nobody and the signal screens in open mode', () => {
    expect(ids(null)).toEqual([]);
    expect(ids('open')).toEqual(['worklist', 'signals']);
    expect(mayUse('open', 'admin')).toBe(false);
  });

  it('lets the signal roles register a signal', () => {
    expect(mayCreateSignal('handhaving')).toBe(true);
    expect(mayCreateSignal('beleid')).toBe(false);
    expect(mayCreateSignal(null)).toBe(false);
  });
});
