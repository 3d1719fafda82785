import { describe, expect, it } from 'vitest';
import {
  assessmentBody, daysBetween, dueText, dutchToday, moveInOrder, participantsByOrganisation, transitionChoices,
  transitionNeedsTarget, triageKeys,
} from './drieluik';

describe('agenda order', () => {
  it('moves an item one place up or down', () => {
    expect(moveInOrder([10, 11, 12], 11, -1)).toEqual([11, 10, 12]);
    expect(moveInOrder([10, 11, 12], 11, 1)).toEqual([10, 12, 11]);
    expect(moveInOrder([10, 11, 12], 12, -1)).toEqual([10, 12, 11]);
  });
  it('refuses to move past either end or an unknown item, and leaves the input alone', () => {
    const order = [10, 11, 12];
    expect(moveInOrder(order, 10, -1)).toBeNull();
    expect(moveInOrder(order, 12, 1)).toBeNull();
    expect(moveInOrder(order, 99, 1)).toBeNull();
    expect(order).toEqual([10, 11, 12]);
  });
});

describe('case transitions', () => {
  it('offers exactly what the server allows, in lifecycle order', () => {
    expect(transitionChoices(['merged', 'closed', 'in_followup'])).toEqual(['in_followup', 'closed', 'merged']);
    expect(transitionChoices(['open'])).toEqual(['open']);
    expect(transitionChoices([])).toEqual([]);
    expect(transitionChoices(undefined)).toEqual([]);
  });
  it('leaves out codes it does not know', () => {
    expect(transitionChoices(['archived', 'monitoring'])).toEqual(['monitoring']);
  });
  it('asks for a target case only when merging', () => {
    expect(transitionNeedsTarget('merged')).toBe(true);
    expect(transitionNeedsTarget('closed')).toBe(false);
  });
});

describe('due dates', () => {
  it('counts Dutch calendar days', () => {
    // 23:30 UTC on 31 December is 1 January in Amsterdam.
    expect(dutchToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(dutchToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(dutchToday(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the DST switch
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2); // leap day
    expect(daysBetween('2026-12-05', '2026-12-01')).toBe(-4);
  });
  it('words the server\'s due state with the days from today', () => {
    const today = '2026-12-10';
    expect(dueText({ dueDate: '2026-12-08', dueState: 'overdue', status: 'open' }, today)).toEqual({ key: 'action.due.overdue', params: { days: 2 } });
    expect(dueText({ dueDate: '2026-12-09', dueState: 'overdue', status: 'open' }, today)).toEqual({ key: 'action.due.overdueOne', params: { days: 1 } });
    expect(dueText({ dueDate: '2026-12-10', dueState: 'due_today', status: 'open' }, today)).toEqual({ key: 'action.due.today', params: {} });
    expect(dueText({ dueDate: '2026-12-11', dueState: 'due_soon', status: 'open' }, today)).toEqual({ key: 'action.due.inOne', params: { days: 1 } });
    expect(dueText({ dueDate: '2026-12-13', dueState: 'due_soon', status: 'open' }, today)).toEqual({ key: 'action.due.inDays', params: { days: 3 } });
    expect(dueText({ dueDate: '2027-01-13', dueState: 'not_due', status: 'open' }, today).key).toBe('action.due.notDue');
    expect(dueText({ dueDate: '2026-12-01', dueState: 'closed', status: 'done' }, today).key).toBe('actionStatus.done');
  });
  it('trusts the server when its clock and the browser\'s disagree', () => {
    // The server says overdue although the browser thinks the day has not come: still overdue.
    expect(dueText({ dueDate: '2026-12-11', dueState: 'overdue', status: 'open' }, '2026-12-10')).toEqual({ key: 'action.due.overdueOne', params: { days: 1 } });
  });
});

describe('assessment body', () => {
  it('sends the chosen decisions in a fixed order, notes trimmed, a case only for merging', () => {
    const { body, index } = assessmentBody({
      outcome: 'suspicion_follow_up',
      reasoning: 'Paspoorten ingenomen.',
      decisions: { open_case: { note: '', caseId: '7' }, refer_politie: { note: ' TMM ', caseId: '' }, merge_into_case: { note: '', caseId: '3' } },
    });
    expect(body).toEqual({
      outcome: 'suspicion_follow_up',
      reasoning: 'Paspoorten ingenomen.',
      decisions: [{ kind: 'refer_politie', note: 'TMM' }, { kind: 'open_case' }, { kind: 'merge_into_case', caseId: 3 }],
    });
    expect(index.get('refer_politie')).toBe(0);
    expect(index.get('merge_into_case')).toBe(2);
    expect(index.has('close')).toBe(false);
  });
  it('sends an empty decision list when none is chosen (the server says whether that is enough)', () => {
    expect(assessmentBody({ outcome: 'no_indication', reasoning: 'x', decisions: {} }).body.decisions).toEqual([]);
  });
});

describe('participants per organisation', () => {
  it('groups in order of first appearance and keeps each index', () => {
    const groups = participantsByOrganisation([
      { organisation: 'zvhg', role: 'ketenregisseur' },
      { organisation: 'politie-tmm', role: 'politie' },
      { organisation: 'zvhg', role: 'zorgcoordinator' },
    ]);
    expect(groups.map((g) => [g.organisation, g.members.map((m) => m.index)])).toEqual([['zvhg', [0, 2]], ['politie-tmm', [1]]]);
  });
});

describe('agenda triage', () => {
  it('turns care and police details into route and group texts', () => {
    expect(triageKeys(['route:zorgcoordinator', 'group:labour_migrant', 'route:comensha', 'iets'])).toEqual({
      routes: ['route.zorgcoordinator', 'route.comensha'],
      groups: ['vulnerable.labour_migrant'],
      other: ['iets'],
    });
    expect(triageKeys(undefined)).toEqual({ routes: [], groups: [], other: [] });
  });
});
