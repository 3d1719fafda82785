// Shared pieces of the Drieluik screens: loading a resource (with reload), the state of
// one form (the server's field errors, a message for the rest, the summary's focus), the
// text for a refusal that has no field (409 state, 403, network), and the small badges
// for meeting status, case status and an action's due state.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type FieldError, type RequestOptions } from '../api/client';
import type { Action } from '../api/drieluik';
import { dueText, dutchToday } from '../drieluik';
import { translate, useI18n, type Lang } from '../i18n/i18n';

export type Load<T> = { data: T | null; error: ApiError | null; reload: () => void };

/// GETs path (with query) on mount and whenever they change; reload() fetches again.
export function useLoad<T>(path: string | null, query?: RequestOptions['query']): Load<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(query ?? {});
  useEffect(() => {
    if (path === null) return;
    let alive = true;
    api<T>(path, { query: JSON.parse(key) })
      .then((d) => {
        if (!alive) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => alive && setError(e instanceof ApiError ? e : new ApiError({ status: 0, type: 'network' })));
    return () => {
      alive = false;
    };
  }, [path, key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload };
}

/// The text for a refusal without field errors, in lang: a stale version (409 with
/// currentVersion), a state the server names (409 detail such as "agenda.item_assessed"),
/// no access, the network, or a failed save.
export function refusalText(lang: Lang, e: unknown): string {
  if (!(e instanceof ApiError)) return translate(lang, 'error.save');
  const p = e.problem;
  if (p.status === 0) return translate(lang, 'error.network');
  if (p.status === 403) return translate(lang, 'error.forbidden');
  if (p.status === 404) return translate(lang, 'drieluik.gone');
  if (p.status === 409 && typeof p.currentVersion === 'number') return translate(lang, 'drieluik.stale', { version: p.currentVersion });
  if (p.status === 409 && p.detail) {
    const key = `apiDetail.${p.detail}`;
    const text = translate(lang, key);
    if (text !== key) return text;
  }
  if (p.title) {
    // The server's titles are "Dutch / English".
    const [nl, en] = p.title.split(' / ');
    return lang === 'en' && en ? en : nl;
  }
  return translate(lang, 'error.save');
}

/// The state of one form: field errors for the fields, a message for the rest, and the
/// key that moves focus to the error summary after every failed submit.
export function useFormErrors() {
  const { lang } = useI18n();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const [focusKey, setFocusKey] = useState(0);
  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.fieldErrors.length) {
        setErrors(e.fieldErrors);
        setMessage(undefined);
      } else {
        setErrors([]);
        setMessage(refusalText(lang, e));
      }
      setFocusKey((k) => k + 1);
    },
    [lang],
  );
  const clear = useCallback(() => {
    setErrors([]);
    setMessage(undefined);
  }, []);
  return { errors, message, focusKey, fail, clear };
}

export function StatusBadge({ group, code }: { group: string; code: string }) {
  const { t } = useI18n();
  return <span className={`status-badge status-badge--${code}`}>{t(`${group}.${code}`)}</span>;
}

/// An action's due state; an overdue one is marked by colour, an icon-free word and bold
/// text (not colour alone, WCAG 1.4.1).
export function DueBadge({ action }: { action: Pick<Action, 'dueDate' | 'dueState' | 'status'> }) {
  const { t } = useI18n();
  const d = dueText(action, dutchToday());
  const overdue = action.dueState === 'overdue';
  return (
    <span className={`due due--${action.dueState}`} data-due-state={action.dueState}>
      {overdue ? <strong>{t('dueState.overdue')}</strong> : null}
      {overdue ? ': ' : ''}
      {t(d.key, d.params)}
    </span>
  );
}

/// An organisation's name from the reference data, else its code.
export function orgName(list: { id: string; name: string }[] | undefined, id: string | undefined | null): string {
  if (!id) return '';
  return list?.find((o) => o.id === id)?.name ?? id;
}
