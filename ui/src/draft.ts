// Drafts: the form state of an unfinished edit, kept in sessionStorage (this tab only,
// gone when the tab closes) on every change, so nothing typed is lost when the session
// expires mid-edit: the app sends the user to the login page, remembers where they
// were (returnTo) and, after login, returns to the form, which reloads its draft. A
// draft is removed after a successful save, on cancel and on logout.
import { useCallback, useState } from 'react';

const PREFIX = 'drieluik.draft.';
const RETURN_KEY = 'drieluik.returnTo';

export function loadDraft<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft<T>(key: string, value: T): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    /* storage full or blocked: the form still works, only without the safety net */
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    /* ignore */
  }
}

export function clearAllDrafts(): void {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const k = sessionStorage.key(i);
      if (k && k.startsWith(PREFIX)) sessionStorage.removeItem(k);
    }
  } catch {
    /* ignore */
  }
}

export function rememberReturnTo(path: string): void {
  try {
    sessionStorage.setItem(RETURN_KEY, path);
  } catch {
    /* ignore */
  }
}

/// The path to go back to after login (only same-app paths), removed once read.
export function takeReturnTo(): string | null {
  try {
    const p = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    return p && p.startsWith('/') && !p.startsWith('//') ? p : null;
  } catch {
    return null;
  }
}


/// State that is also the draft: starts from the stored draft when there is one (and
/// reports that through `restored`), and stores every change.
export function useDraftState<T>(key: string, initial: () => T): [T, (update: T | ((prev: T) => T)) => void, boolean] {
  const [restored] = useState(() => loadDraft<T>(key) !== null);
  const [value, setValue] = useState<T>(() => loadDraft<T>(key) ?? initial());
  const set = useCallback(
    (update: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const next = typeof update === 'function' ? (update as (p: T) => T)(prev) : update;
        saveDraft(key, next);
        return next;
      });
    },
    [key],
  );
  return [value, set, restored];
}
