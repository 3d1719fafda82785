// Search and filters over signals (GET /api/v1/signals?q=&municipality=&form=&status=&from=&to=&cursor=).
// The filters live in the address (so back, reload and a shared link keep them); the
// server scopes the results to what the role may see. Bad filters come back as field
// errors beside their field. "More" follows the cursor.
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { api, ApiError, type FieldError } from '../api/client';
import { errorsByField } from '../api/fields';
import { useReference } from '../api/reference';
import { STATUSES, type SignalPage, type SignalSummary } from '../api/types';
import { ErrorSummary, SelectField, TextField } from '../components/forms';
import { SignalTable } from '../components/SignalTable';
import { useI18n } from '../i18n/i18n';
import { AppLink, PageHeading, useRouter } from '../router';
import { useSession } from '../session';
import { mayCreateSignal } from '../nav';

const KEYS = ['q', 'municipality', 'form', 'status', 'from', 'to'] as const;
type Filters = Record<(typeof KEYS)[number], string>;

export function filtersFromSearch(search: string): Filters {
  const p = new URLSearchParams(search);
  return Object.fromEntries(KEYS.map((k) => [k, p.get(k) ?? ''])) as Filters;
}

export function searchFromFilters(f: Filters): string {
  const p = new URLSearchParams();
  for (const k of KEYS) if (f[k]) p.set(k, f[k]);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function SignalsPage() {
  const { t, lang, number } = useI18n();
  const { location, navigate } = useRouter();
  const { viewer } = useSession();
  const { ref } = useReference();
  const applied = filtersFromSearch(location.search);
  const [filters, setFilters] = useState<Filters>(applied);
  const [items, setItems] = useState<SignalSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failed, setFailed] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);

  const load = async (f: Filters, cursor: string | null) => {
    setBusy(true);
    try {
      const page = await api<SignalPage>('/signals', { query: { ...f, cursor: cursor ?? undefined, limit: 50 } });
      setItems((prev) => (cursor && prev ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor ?? null);
      setErrors([]);
      setFailed(false);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) {
        setErrors(e.fieldErrors);
        setFocusKey((k) => k + 1);
      } else setFailed(true);
      setItems(null);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const f = filtersFromSearch(location.search);
    setFilters(f);
    void load(f, null);
  }, [location.search]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/meldingen${searchFromFilters(filters)}`);
  };
  const set = (k: keyof Filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const byField = errorsByField(errors);
  const anyFilter = KEYS.some((k) => applied[k]);

  return (
    <>
      <PageHeading>{t('signals.title')}</PageHeading>
      {mayCreateSignal(viewer) ? (
        <Paragraph>
          <AppLink to="/meldingen/nieuw">{t('worklist.newSignal')}</AppLink>
        </Paragraph>
      ) : null}
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <form role="search" aria-label={t('signals.searchLabel')} onSubmit={submit} noValidate className="form filters">
        <TextField id="f-q" label={t('signals.q')} description={t('signals.qHelp')} value={filters.q} onChange={set('q')} errors={byField} type="search" maxLength={200} />
        <div className="filter-grid">
          <SelectField id="f-municipality" label={t('signal.municipality')} value={filters.municipality} onChange={set('municipality')} errors={byField} emptyLabel={t('signals.all')} options={(ref?.municipalities ?? []).map((m) => ({ value: m.code, label: m.name }))} />
          <SelectField id="f-form" label={t('signal.form')} value={filters.form} onChange={set('form')} errors={byField} emptyLabel={t('signals.all')} options={(ref?.forms ?? []).map((f) => ({ value: f.code, label: lang === 'en' ? f.en : f.nl }))} />
          <SelectField id="f-status" label={t('signal.status')} value={filters.status} onChange={set('status')} errors={byField} emptyLabel={t('signals.all')} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          <TextField id="f-from" type="date" label={t('signals.from')} value={filters.from} onChange={set('from')} errors={byField} />
          <TextField id="f-to" type="date" label={t('signals.to')} value={filters.to} onChange={set('to')} errors={byField} />
        </div>
        <div className="button-row">
          <Button type="submit" appearance="primary-action-button">
            {t('signals.search')}
          </Button>
          {anyFilter ? (
            <Button type="button" appearance="secondary-action-button" onClick={() => navigate('/meldingen')}>
              {t('signals.clear')}
            </Button>
          ) : null}
        </div>
      </form>
      <div aria-live="polite" className="results-status">
        {items ? <Paragraph>{t(next ? 'signals.countMore' : 'signals.count', { count: number(items.length) })}</Paragraph> : busy ? <Paragraph>{t('common.loading')}</Paragraph> : null}
      </div>
      {failed ? (
        <Alert type="error"><Paragraph>{t('error.load')}</Paragraph></Alert>
      ) : null}
      {items && items.length > 0 ? <SignalTable items={items} caption={t('signals.results')} municipalities={ref?.municipalities} /> : null}
      {next ? (
        <Button type="button" appearance="secondary-action-button" onClick={() => void load(applied, next)} disabled={busy}>
          {t('signals.more')}
        </Button>
      ) : null}
    </>
  );
}
