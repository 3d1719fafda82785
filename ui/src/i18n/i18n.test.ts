import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import nl from './nl.json';
import en from './en.json';
import { formatDate, formatDateTime, formatNumber, translate } from './i18n';
import { CHANNELS, GENDERS, PERSON_ROLES, ROLES, STATUSES, VULNERABLE_GROUPS } from '../api/types';
import { SECTIONS } from '../nav';
import {
  ACTION_STATUSES, AGENDA_KINDS, AGENDA_STATUSES, CASE_STATUSES, DECISION_KINDS, DUE_STATES, MEETING_STATUSES, MEETING_TYPES, OUTCOMES,
} from '../api/drieluik';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\./.test(name) ? [p] : [];
  });
}

describe('translations', () => {
  it('nl and en have the same keys and no empty texts', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [k, v] of [...Object.entries(nl), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('every literal key the code uses exists', () => {
    const src = join(import.meta.dirname, '..');
    const missing: string[] = [];
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (!(m[1] in nl)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/\?\s*'([a-z]+\.[a-zA-Z.]+)'\s*:\s*'([a-z]+\.[a-zA-Z.]+)'/g))
        for (const k of [m[1], m[2]]) if (!(k in nl)) missing.push(`${file}: ${k}`);
    }
    expect(missing).toEqual([]);
  });

  it('every code the API can send has a text', () => {
    const need = [
      ...STATUSES.map((s) => `status.${s}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...VULNERABLE_GROUPS.map((g) => `vulnerable.${g}`),
      ...ROLES.map((r) => `role.${r}`),
      ...PERSON_ROLES.map((r) => `personRole.${r}`),
      ...GENDERS.map((g) => `gender.${g}`),
      ...['low', 'normal', 'high', 'acute'].map((u) => `urgency.${u}`),
      ...['act', 'means', 'purpose'].map((e) => `element.${e}`),
      ...['indicated', 'not_indicated', 'not_applicable'].map((e) => `elementStatus.${e}`),
      ...['zorgcoordinator', 'police', 'labour_inspectorate', 'veilig_thuis', 'nidos', 'comensha', 'riec'].map((r) => `route.${r}`),
      ...['created', 'updated', 'addition'].map((h) => `history.${h}`),
      ...SECTIONS.map((s) => s.labelKey),
      ...MEETING_TYPES.map((x) => `meetingType.${x}`),
      ...MEETING_STATUSES.map((x) => `meetingStatus.${x}`),
      ...AGENDA_KINDS.map((x) => `agendaKind.${x}`),
      ...AGENDA_STATUSES.map((x) => `agendaStatus.${x}`),
      ...OUTCOMES.map((x) => `outcome.${x}`),
      ...DECISION_KINDS.map((x) => `decision.${x}`),
      ...CASE_STATUSES.map((x) => `caseStatus.${x}`),
      ...ACTION_STATUSES.map((x) => `actionStatus.${x}`),
      ...DUE_STATES.map((x) => `dueState.${x}`),
      // The case log's keys (src/domain/drieluik/case.cc and drieluik_service.cc).
      ...['case.log.created', 'case.log.participant_added', 'case.log.signal_linked', 'case.log.merged_from', 'case.transition.start_followup',
        'case.transition.close', 'case.transition.merge', 'case.transition.start_monitoring', 'case.transition.resume_followup', 'case.transition.reopen',
      ].map((k) => `caseLog.${k}`),
      ...['agenda.item_assessed', 'case.closed_or_merged', 'meeting.cancelled'].map((k) => `apiDetail.${k}`),
      ...['loading', 'forbidden', 'notAvailable', 'notFound', 'welcome'].flatMap((k) => [`message.${k}.title`, `message.${k}.text`]),
    ];
    expect(need.filter((k) => !(k in nl))).toEqual([]);
  });

  it('fills placeholders and falls back to the key', () => {
    expect(translate('nl', 'signal.titleWith', { reference: 'MH-1' })).toBe('Melding MH-1');
    expect(translate('en', 'signal.titleWith', { reference: 'MH-1' })).toBe('Signal MH-1');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});

describe('locale formatting', () => {
  it('formats instants in Dutch time, nl-NL by default', () => {
    // 23:30 UTC on 31 December is already 1 January in Amsterdam (UTC+1).
    const s = formatDateTime('nl', '2026-12-31T23:30:00Z');
    expect(s).toContain('1 jan');
    expect(s).toContain('2027');
    expect(s).toContain('00:30');
    expect(formatDateTime('en', '2026-12-31T23:30:00Z')).toContain('Jan');
  });

  it('formats dates and numbers per language', () => {
    expect(formatDate('nl', '2026-03-05')).toBe('5 maart 2026');
    expect(formatDate('en', '2026-03-05')).toBe('5 March 2026');
    expect(formatNumber('nl', 1234567.5)).toBe('1.234.567,5');
    expect(formatNumber('en', 1234567.5)).toBe('1,234,567.5');
  });

  it('leaves empty and unreadable values alone', () => {
    expect(formatDateTime('nl', undefined)).toBe('');
    expect(formatDateTime('nl', 'gisteren')).toBe('gisteren');
  });
});
