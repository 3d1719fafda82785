import { describe, expect, it } from 'vitest';
import { errorsByField, fieldId } from './fields';

describe('fieldId', () => {
  it('maps JSON pointers to control ids', () => {
    expect(fieldId('/summary')).toBe('f-summary');
    expect(fieldId('/persons/0/name')).toBe('f-persons-0-name');
    expect(fieldId('/reporter/email')).toBe('f-reporter-email');
    expect(fieldId('/businesses/2')).toBe('f-businesses-2');
    expect(fieldId('')).toBe('f-form');
  });

  it('decodes pointer escapes and keeps ids safe', () => {
    expect(fieldId('/a~1b/c~0d')).toBe('f-a_b-c_d');
    expect(fieldId('/x y')).toBe('f-x_y');
  });

  it('gives each form of a page its own prefix, so ids stay unique', () => {
    expect(fieldId('/decisions/2/caseId', 'as')).toBe('as-decisions-2-caseId');
    expect(fieldId('', 'p')).toBe('p-form');
    expect([...errorsByField([{ pointer: '/to', key: 'x', nl: 'x', en: 'x' }], 'c').keys()]).toEqual(['c-to']);
  });
});

describe('errorsByField', () => {
  it('groups several errors on one field', () => {
    const map = errorsByField([
      { pointer: '/summary', key: 'required', nl: 'Verplicht', en: 'Required' },
      { pointer: '/summary', key: 'too_long', nl: 'Te lang', en: 'Too long' },
      { pointer: '/persons/0/nationality', key: 'invalid_country', nl: 'Landcode', en: 'Country code' },
    ]);
    expect(map.get('f-summary')?.map((e) => e.key)).toEqual(['required', 'too_long']);
    expect(map.get('f-persons-0-nationality')?.length).toBe(1);
    expect(map.size).toBe(2);
  });
});
