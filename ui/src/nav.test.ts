import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRIELUIK_ABILITIES, mayCreateSignal, mayDo, mayUse, navFor, SECTIONS } from './nav';
import { ROLES } from './api/types';

const ids = (v: Parameters<typeof navFor>[0]) => navFor(v).map((s) => s.id);

describe('navigation per role', () => {
  it('shows signal work to the signal roles, administration only to the beheerder', () => {
    expect(ids('aandachtsfunctionaris')).toEqual(['worklist', 'signals']);
    expect(ids('beheerder')).toEqual(['admin']);
  });

  it('shows the Drieluik screens to the roles of the policy table (meetings, cases, actions)', () => {
    expect(ids('zorgcoordinator')).toEqual(['worklist', 'signals', 'meetings', 'cases', 'actions']);
    expect(ids('ketenregisseur')).toEqual(['worklist', 'signals', 'meetings', 'cases', 'actions']);
    expect(ids('politie')).toEqual(['worklist', 'signals', 'meetings', 'cases', 'actions']);
    expect(ids('handhaving')).toEqual(['worklist', 'signals', 'meetings', 'actions']);
    expect(mayUse('aandachtsfunctionaris', 'meetings')).toBe(false);
    expect(mayUse('beleid', 'cases')).toBe(false);
  });

  it("offers the chair's and participants' operations only to the roles that may do them", () => {
    expect(mayDo('ketenregisseur', 'meeting.update')).toBe(true);
    expect(mayDo('politie', 'meeting.update')).toBe(false);
    expect(mayDo('politie', 'meeting.assess')).toBe(true);
    expect(mayDo('handhaving', 'meeting.assess')).toBe(false);
    expect(mayDo('handhaving', 'action.update')).toBe(true);
    expect(mayDo('handhaving', 'action.create')).toBe(false);
    expect(mayDo('zorgcoordinator', 'case.update')).toBe(true);
    expect(mayDo('politie', 'case.update')).toBe(false);
    expect(mayDo(null, 'meeting.update')).toBe(false);
    expect(mayDo('ketenregisseur', 'no.such')).toBe(false);
  });

  it('shows no signal screens to beleid and the privacy officer (aggregates and audit only)', () => {
    expect(ids('beleid')).toEqual([]);
    expect(ids('privacy_officer')).toEqual([]);
    expect(mayUse('beleid', 'signals')).toBe(false);
  });

  it('never shows parts that are not available yet, whatever the role', () => {
    const later = SECTIONS.filter((s) => !s.available).map((s) => s.id);
    expect(later).toEqual(expect.arrayContaining(['care', 'measures', 'monitor']));
    for (const role of ROLES) for (const id of later) expect(ids(role)).not.toContain(id);
  });

  it('shows nothing to nobody and the signal screens in open mode', () => {
    expect(ids(null)).toEqual([]);
    expect(ids('open')).toEqual(['worklist', 'signals', 'meetings', 'cases', 'actions']);
    expect(mayUse('open', 'admin')).toBe(false);
  });

  it('lets the signal roles register a signal', () => {
    expect(mayCreateSignal('handhaving')).toBe(true);
    expect(mayCreateSignal('beleid')).toBe(false);
    expect(mayCreateSignal(null)).toBe(false);
  });
});

describe('the Drieluik screens mirror docs/security/authorization.csv', () => {
  const csv = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'security', 'authorization.csv'), 'utf8').trim().split('\n');
  const header = csv[0].split(',');
  const allowed = (resource: string, action: string) => {
    const row = csv.map((l) => l.split(',')).find((r) => r[0] === resource && r[1] === action);
    if (!row) throw new Error(`no row ${resource},${action}`);
    return ROLES.filter((role) => row[header.indexOf(role)] === 'allow');
  };

  it('offers each operation to exactly the roles the policy allows', () => {
    for (const [ability, roles] of Object.entries(DRIELUIK_ABILITIES)) {
      const [resource, action] = ability.split('.');
      expect([...roles].sort(), ability).toEqual([...allowed(resource, action)].sort());
    }
  });

  it('shows the meetings, cases and actions sections to the roles that may list them', () => {
    for (const [id, resource] of [['meetings', 'meeting'], ['cases', 'case'], ['actions', 'action']] as const) {
      const section = SECTIONS.find((s) => s.id === id)!;
      expect([...section.roles].sort(), id).toEqual([...allowed(resource, 'list')].sort());
    }
  });
});
