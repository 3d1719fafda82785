// Maps the server's field errors (JSON pointers into the request body, RFC 6901) to
// the ids of the form controls that hold those fields, so each message can be shown
// beside its field and linked from the error summary.
import type { FieldError } from './client';

/// "/persons/0/name" → "f-persons-0-name"; "" (the whole body) → "f-form". Pointer
/// escapes (~1 for "/", ~0 for "~") are decoded first. A page with more than one form
/// gives each its own prefix ("a" → "a-reasoning"), so every id stays unique.
export function fieldId(pointer: string, prefix = 'f'): string {
  if (pointer === '' || pointer === '/') return `${prefix}-form`;
  const parts = pointer
    .replace(/^\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~').replace(/[^A-Za-z0-9_-]/g, '_'));
  return `${prefix}-${parts.join('-')}`;
}

/// The errors indexed by field id. An error on an array element's member whose control
/// is absent stays reachable through its own id; the summary lists all of them.
export function errorsByField(errors: FieldError[], prefix = 'f'): Map<string, FieldError[]> {
  const map = new Map<string, FieldError[]>();
  for (const e of errors) {
    const id = fieldId(e.pointer, prefix);
    const list = map.get(id) ?? [];
    list.push(e);
    map.set(id, list);
  }
  return map;
}
