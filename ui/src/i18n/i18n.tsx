// Translations and locale formatting. Every user-facing text lives in nl.json and
// en.json (same keys; a unit test checks that, and that every key the code uses
// exists). Dutch is the default; the choice is kept in localStorage and written to
// <html lang>. Dates and numbers are formatted with Intl in nl-NL (or en-GB),
// always in Dutch time (Europe/Amsterdam), whatever the browser's zone.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import nl from './nl.json';
import en from './en.json';

export type Lang = 'nl' | 'en';
export const LANGS: Lang[] = ['nl', 'en'];
const TABLES: Record<Lang, Record<string, string>> = { nl, en };
const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };
const TIME_ZONE = 'Europe/Amsterdam';
const STORAGE_KEY = 'drieluik.lang';

/// Looks key up in lang's table and fills {name} placeholders. An unknown key comes
/// back as the key itself, so a missing text is visible rather than blank.
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const text = TABLES[lang][key] ?? TABLES.nl[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function formatDateTime(lang: Lang, iso: string | undefined | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(d);
}

export function formatDate(lang: Lang, iso: string | undefined | null): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: TIME_ZONE }).format(d);
}

export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}

export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    /* storage blocked: default */
  }
  return 'nl';
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: string, params?: Record<string, string | number>) => string;
  dateTime: (iso: string | undefined | null) => string;
  date: (iso: string | undefined | null) => string;
  number: (n: number) => string;
  /// Picks the text of a {nl, en} pair (server messages, catalog labels).
  pick: (pair: { nl?: string; en?: string } | undefined | null) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang());
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      dateTime: (iso) => formatDateTime(lang, iso),
      date: (iso) => formatDate(lang, iso),
      number: (n) => formatNumber(lang, n),
      pick: (pair) => (pair ? ((lang === 'en' ? pair.en : pair.nl) ?? pair.nl ?? pair.en ?? '') : ''),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
