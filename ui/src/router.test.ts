import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it('matches literal and parameter segments', () => {
    expect(matchPath('/meldingen', '/meldingen')).toEqual({});
    expect(matchPath('/meldingen/:id', '/meldingen/42')).toEqual({ id: '42' });
    expect(matchPath('/meldingen/:id/bewerken', '/meldingen/42/bewerken')).toEqual({ id: '42' });
  });
  it('rejects other lengths and other literals', () => {
    expect(matchPath('/meldingen/:id', '/meldingen')).toBeNull();
    expect(matchPath('/meldingen/:id', '/casussen/1')).toBeNull();
    expect(matchPath('/meldingen/:id', '/meldingen/1/bewerken')).toBeNull();
  });
  it('decodes parameters', () => {
    expect(matchPath('/x/:ref', '/x/MH%2D1')).toEqual({ ref: 'MH-1' });
  });
});
