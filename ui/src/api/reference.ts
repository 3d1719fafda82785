// Reference data (municipalities, organisations, forms of exploitation, the indicator
// catalog), fetched once per page load and shared by every screen that needs it. A part
// the viewer may not read (anonymous callers on the public form) comes back empty, and
// the screens leave out what depends on it.
import { useEffect, useState } from 'react';
import { api } from './client';
import type { ExploitationForm, IndicatorCatalog, Municipality, Organisation } from './types';

export interface Reference {
  municipalities: Municipality[];
  organisations: Organisation[];
  forms: ExploitationForm[];
  catalog: IndicatorCatalog | null;
}

let cache: Promise<Reference> | null = null;

async function fetchAll(includeCatalog: boolean): Promise<Reference> {
  const [m, o, f, c] = await Promise.all([
    api<{ items: Municipality[] }>('/municipalities', { quiet401: true }).catch(() => ({ items: [] as Municipality[] })),
    api<{ items: Organisation[] }>('/organisations', { quiet401: true }).catch(() => ({ items: [] as Organisation[] })),
    api<{ items: ExploitationForm[] }>('/exploitation-forms', { quiet401: true }).catch(() => ({ items: [] as ExploitationForm[] })),
    includeCatalog ? api<IndicatorCatalog>('/indicators', { quiet401: true }).catch(() => null) : Promise.resolve(null),
  ]);
  return { municipalities: m.items, organisations: o.items, forms: f.items, catalog: c };
}

export function useReference(): { ref: Reference | null; error: unknown } {
  const [ref, setRef] = useState<Reference | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!cache) cache = fetchAll(true);
    let alive = true;
    cache.then(
      (r) => alive && setRef(r),
      (e) => {
        cache = null;
        if (alive) setError(e);
      },
    );
    return () => {
      alive = false;
    };
  }, []);
  return { ref, error };
}

/// Forgets the cached reference data (after login: the catalog may need a session).
export function resetReference(): void {
  cache = null;
}
