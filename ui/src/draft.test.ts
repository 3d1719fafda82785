import { beforeEach, describe, expect, it } from 'vitest';
import { clearAllDrafts, clearDraft, loadDraft, rememberReturnTo, saveDraft, takeReturnTo } from './draft';

beforeEach(() => sessionStorage.clear());

describe('drafts', () => {
  it('round-trips a draft and clears it', () => {
    saveDraft('signal-7', { summary: 'half getypt', persons: [{ name: 'A' }] });
    expect(loadDraft('signal-7')).toEqual({ summary: 'half getypt', persons: [{ name: 'A' }] });
    clearDraft('signal-7');
    expect(loadDraft('signal-7')).toBeNull();
  });

  it('clears every draft (logout) but nothing else', () => {
    saveDraft('a', 1);
    saveDraft('b', 2);
    sessionStorage.setItem('other', 'x');
    clearAllDrafts();
    expect(loadDraft('a')).toBeNull();
    expect(loadDraft('b')).toBeNull();
    expect(sessionStorage.getItem('other')).toBe('x');
  });

  it('returns to an in-app path once, never to another site', () => {
    rememberReturnTo('/meldingen/3/bewerken');
    expect(takeReturnTo()).toBe('/meldingen/3/bewerken');
    expect(takeReturnTo()).toBeNull();
    rememberReturnTo('//evil.example/');
    expect(takeReturnTo()).toBeNull();
    rememberReturnTo('https://evil.example/');
    expect(takeReturnTo()).toBeNull();
  });

  it('treats a corrupt draft as none', () => {
    sessionStorage.setItem('drieluik.draft.x', '{not json');
    expect(loadDraft('x')).toBeNull();
  });
});
