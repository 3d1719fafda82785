// Register (/meldingen/nieuw) or change (/meldingen/{id}/bewerken) a signal: the
// fields of a signal, indicators picked from the catalog grouped as in REFERENCE.md
// (list → group → indicator, with a note per chosen indicator), involved parties
// (persons, addresses, businesses, phone numbers, vehicles), vulnerable-group flags.
// Every change is kept as a draft (sessionStorage). A rejected save (422) shows each
// error beside its field and in a summary that takes focus, keeping every input; a
// stale version (409) says so and lets the user reload or keep their changes; a lost
// session (401) sends the user to log in and back to this draft.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { api, ApiError, type FieldError } from '../api/client';
import { errorsByField } from '../api/fields';
import { useReference, type Reference } from '../api/reference';
import { CHANNELS, GENDERS, PERSON_ROLES, STATUSES, VULNERABLE_GROUPS, type Signal } from '../api/types';
import { CheckboxField, CheckboxGroup, ErrorSummary, FieldErrors, SelectField, TextField, type Errors } from '../components/forms';
import { clearDraft, loadDraft, saveDraft } from '../draft';
import { useI18n } from '../i18n/i18n';
import { AppLink, PageHeading, useRouter } from '../router';
import { useSession } from '../session';
import {
  createBody, draftFromSignal, emptyDraft, patchBody, EMPTY_ADDRESS, EMPTY_BUSINESS, EMPTY_PERSON, EMPTY_PHONE, EMPTY_VEHICLE, type SignalDraft,
} from '../signalForm';

type Conflict = { currentVersion?: number } | null;

export function SignalFormPage({ id }: { id?: number }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { state } = useSession();
  const { ref } = useReference();
  const draftKey = id ? `signal-${id}` : 'signal-new';
  const [draft, setDraftState] = useState<SignalDraft | null>(() => loadDraft<SignalDraft>(draftKey));
  const [restored] = useState(() => loadDraft<SignalDraft>(draftKey) !== null);
  const [loadError, setLoadError] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const [conflict, setConflict] = useState<Conflict>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);

  const setDraft = (update: (d: SignalDraft) => SignalDraft) =>
    setDraftState((prev) => {
      if (!prev) return prev;
      const next = update(prev);
      saveDraft(draftKey, next);
      return next;
    });

  useEffect(() => {
    if (draft) return;
    if (!id) {
      const user = state.status === 'signed_in' ? state.user : null;
      setDraftState(emptyDraft({ municipality: user?.municipality, organisation: user?.organisation }));
      return;
    }
    let alive = true;
    api<Signal>(`/signals/${id}`)
      .then((sig) => alive && setDraftState(draftFromSignal(sig)))
      .catch(() => alive && setLoadError(true));
    return () => {
      alive = false;
    };
  }, [id]); // eslint-disable-line react-hooks/exhaustive-deps

  const reload = async () => {
    if (!id) return;
    clearDraft(draftKey);
    const sig = await api<Signal>(`/signals/${id}`);
    setDraftState(draftFromSignal(sig));
    setConflict(null);
    setErrors([]);
    setMessage(undefined);
  };

  const keepMine = () => {
    if (conflict?.currentVersion !== undefined) setDraft((d) => ({ ...d, version: conflict.currentVersion ?? d.version }));
    setConflict(null);
    setMessage(undefined);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    try {
      const saved = id
        ? await api<Signal>(`/signals/${id}`, { method: 'PATCH', body: patchBody(draft) })
        : await api<Signal>('/signals', { method: 'POST', body: createBody(draft) });
      clearDraft(draftKey);
      navigate(`/meldingen/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // the session provider takes over; the draft is kept
      if (err instanceof ApiError && err.status === 409) {
        setConflict({ currentVersion: err.problem.currentVersion });
        setErrors([]);
        setMessage(t('edit.conflict', { version: String(err.problem.currentVersion ?? '?') }));
      } else if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors);
        setMessage(undefined);
      } else {
        setErrors([]);
        setMessage(err instanceof ApiError && err.status === 403 ? t('error.forbidden') : t('error.save'));
      }
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  const title = id ? t('edit.titleEdit') : t('edit.titleNew');
  if (loadError) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <Alert type="error"><Paragraph>{t('error.load')}</Paragraph></Alert>
      </>
    );
  }
  if (!draft) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <Paragraph>{t('common.loading')}</Paragraph>
      </>
    );
  }
  const byField = errorsByField(errors);
  return (
    <>
      <PageHeading>{title}</PageHeading>
      {restored ? (
        <Alert type="info" role="status">
          <Paragraph>{t('edit.restored')}</Paragraph>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} message={message} focusKey={focusKey} title={conflict ? t('edit.conflictTitle') : undefined} />
      {conflict ? (
        <div className="button-row">
          <Button type="button" appearance="secondary-action-button" onClick={() => void reload()}>
            {t('edit.reload')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={keepMine}>
            {t('edit.keepMine')}
          </Button>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="form" aria-labelledby="page-heading">
        <SignalFields draft={draft} setDraft={setDraft} errors={byField} reference={ref} editing={!!id} />
        <div className="button-row">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {id ? t('edit.save') : t('edit.create')}
          </Button>
          <Button
            type="button"
            appearance="subtle-button"
            onClick={() => {
              clearDraft(draftKey);
              navigate(id ? `/meldingen/${id}` : '/meldingen');
            }}
          >
            {t('edit.cancel')}
          </Button>
        </div>
      </form>
      {id ? (
        <Paragraph>
          <AppLink to={`/meldingen/${id}`}>{t('edit.backToSignal')}</AppLink>
        </Paragraph>
      ) : null}
    </>
  );
}

interface FieldsProps {
  draft: SignalDraft;
  setDraft: (update: (d: SignalDraft) => SignalDraft) => void;
  errors: Errors;
  reference: Reference | null;
  editing: boolean;
}

function SignalFields({ draft, setDraft, errors, reference, editing }: FieldsProps) {
  const { t, lang } = useI18n();
  const set = <K extends keyof SignalDraft>(k: K) => (v: SignalDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const setReporter = <K extends keyof SignalDraft['reporter']>(k: K) => (v: SignalDraft['reporter'][K]) => setDraft((d) => ({ ...d, reporter: { ...d.reporter, [k]: v } }));
  const label = (x: { nl: string; en: string }) => (lang === 'en' ? x.en : x.nl);
  return (
    <>
      <section aria-labelledby="sec-basics">
        <Heading2 id="sec-basics">{t('edit.basics')}</Heading2>
        {editing ? (
          <SelectField id="f-status" label={t('signal.status')} value={draft.status} onChange={set('status')} errors={errors} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        ) : null}
        <TextField id="f-summary" label={t('signal.summary')} description={t('edit.summaryHelp')} value={draft.summary} onChange={set('summary')} errors={errors} required maxLength={200} />
        <TextField id="f-description" label={t('signal.description')} value={draft.description} onChange={set('description')} errors={errors} required multiline maxLength={20000} rows={6} />
        <TextField id="f-location" label={t('signal.location')} value={draft.location} onChange={set('location')} errors={errors} maxLength={500} />
        <TextField id="f-observedAt" type="datetime-local" label={t('signal.observedAt')} value={draft.observedAt} onChange={set('observedAt')} errors={errors} />
        <div className="filter-grid">
          <SelectField id="f-channel" label={t('signal.channel')} value={draft.channel} onChange={set('channel')} errors={errors} options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          <SelectField id="f-municipality" label={t('signal.municipality')} value={draft.municipality} onChange={set('municipality')} errors={errors} required emptyLabel={t('edit.choose')} options={(reference?.municipalities ?? []).map((m) => ({ value: m.code, label: m.name }))} />
          <SelectField id="f-organisation" label={t('signal.organisation')} value={draft.organisation} onChange={set('organisation')} errors={errors} emptyLabel={t('edit.none')} options={(reference?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </div>
        <CheckboxGroup id="f-forms" legend={t('signal.forms')} options={(reference?.forms ?? []).map((f) => ({ value: f.code, label: label(f) }))} selected={draft.forms} onChange={set('forms')} errors={errors} />
        <CheckboxGroup id="f-vulnerableGroups" legend={t('signal.vulnerableGroups')} description={t('edit.vulnerableHelp')} options={VULNERABLE_GROUPS.map((g) => ({ value: g, label: t(`vulnerable.${g}`) }))} selected={draft.vulnerableGroups} onChange={set('vulnerableGroups')} errors={errors} />
        <CheckboxField id="f-acuteDanger" label={t('signal.acuteDanger')} description={t('edit.acuteHelp')} checked={draft.acuteDanger} onChange={set('acuteDanger')} errors={errors} />
      </section>

      <section aria-labelledby="sec-reporter">
        <Heading2 id="sec-reporter">{t('signal.reporter')}</Heading2>
        <CheckboxField id="f-reporter-anonymous" label={t('public.anonymous')} checked={draft.reporter.anonymous} onChange={setReporter('anonymous')} errors={errors} />
        {!draft.reporter.anonymous ? (
          <>
            <TextField id="f-reporter-name" label={t('reporter.name')} value={draft.reporter.name} onChange={setReporter('name')} errors={errors} />
            <TextField id="f-reporter-organisation" label={t('reporter.organisation')} value={draft.reporter.organisation} onChange={setReporter('organisation')} errors={errors} />
            <TextField id="f-reporter-phone" type="tel" label={t('reporter.phone')} value={draft.reporter.phone} onChange={setReporter('phone')} errors={errors} />
            <TextField id="f-reporter-email" type="email" label={t('reporter.email')} value={draft.reporter.email} onChange={setReporter('email')} errors={errors} />
            <CheckboxField id="f-reporter-professional" label={t('reporter.professional')} checked={draft.reporter.professional} onChange={setReporter('professional')} errors={errors} />
          </>
        ) : null}
      </section>

      <IndicatorPicker draft={draft} setDraft={setDraft} errors={errors} reference={reference} />

      <section aria-labelledby="sec-involved">
        <Heading2 id="sec-involved">{t('signal.involved')}</Heading2>
        <Repeater
          name="persons" legend={t('signal.persons')} itemLegend={(i) => t('edit.person', { n: i + 1 })} addLabel={t('edit.addPerson')}
          items={draft.persons} empty={EMPTY_PERSON} errors={errors} onChange={set('persons')}
          render={(p, i, up) => (
            <>
              <SelectField id={`f-persons-${i}-role`} label={t('person.role')} value={p.role} onChange={(v) => up({ ...p, role: v })} errors={errors} options={PERSON_ROLES.map((r) => ({ value: r, label: t(`personRole.${r}`) }))} />
              <TextField id={`f-persons-${i}-name`} label={t('person.name')} value={p.name} onChange={(v) => up({ ...p, name: v })} errors={errors} />
              <div className="filter-grid">
                <TextField id={`f-persons-${i}-dateOfBirth`} type="date" label={t('person.dateOfBirth')} value={p.dateOfBirth} onChange={(v) => up({ ...p, dateOfBirth: v })} errors={errors} />
                <TextField id={`f-persons-${i}-estimatedAge`} label={t('person.estimatedAge')} value={p.estimatedAge} onChange={(v) => up({ ...p, estimatedAge: v })} errors={errors} />
                <SelectField id={`f-persons-${i}-gender`} label={t('person.gender')} value={p.gender} onChange={(v) => up({ ...p, gender: v })} errors={errors} emptyLabel={t('edit.none')} options={GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))} />
                <TextField id={`f-persons-${i}-nationality`} label={t('person.nationality')} description={t('person.nationalityHelp')} value={p.nationality} onChange={(v) => up({ ...p, nationality: v })} errors={errors} maxLength={2} />
              </div>
              <TextField id={`f-persons-${i}-description`} label={t('person.description')} value={p.description} onChange={(v) => up({ ...p, description: v })} errors={errors} multiline rows={2} />
            </>
          )}
        />
        <Repeater
          name="addresses" legend={t('signal.addresses')} itemLegend={(i) => t('edit.address', { n: i + 1 })} addLabel={t('edit.addAddress')}
          items={draft.addresses} empty={EMPTY_ADDRESS} errors={errors} onChange={set('addresses')}
          render={(a, i, up) => (
            <div className="filter-grid">
              <TextField id={`f-addresses-${i}-street`} label={t('address.street')} value={a.street} onChange={(v) => up({ ...a, street: v })} errors={errors} autoComplete="off" />
              <TextField id={`f-addresses-${i}-houseNumber`} label={t('address.houseNumber')} value={a.houseNumber} onChange={(v) => up({ ...a, houseNumber: v })} errors={errors} autoComplete="off" />
              <TextField id={`f-addresses-${i}-postcode`} label={t('address.postcode')} value={a.postcode} onChange={(v) => up({ ...a, postcode: v })} errors={errors} autoComplete="off" />
              <TextField id={`f-addresses-${i}-city`} label={t('address.city')} value={a.city} onChange={(v) => up({ ...a, city: v })} errors={errors} autoComplete="off" />
              <TextField id={`f-addresses-${i}-description`} label={t('address.description')} value={a.description} onChange={(v) => up({ ...a, description: v })} errors={errors} />
            </div>
          )}
        />
        <Repeater
          name="businesses" legend={t('signal.businesses')} itemLegend={(i) => t('edit.business', { n: i + 1 })} addLabel={t('edit.addBusiness')}
          items={draft.businesses} empty={EMPTY_BUSINESS} errors={errors} onChange={set('businesses')}
          render={(b, i, up) => (
            <div className="filter-grid">
              <TextField id={`f-businesses-${i}-name`} label={t('business.name')} value={b.name} onChange={(v) => up({ ...b, name: v })} errors={errors} />
              <TextField id={`f-businesses-${i}-kvkNumber`} label={t('business.kvkNumber')} description={t('business.kvkHelp')} value={b.kvkNumber} onChange={(v) => up({ ...b, kvkNumber: v })} errors={errors} />
              <TextField id={`f-businesses-${i}-sector`} label={t('business.sector')} value={b.sector} onChange={(v) => up({ ...b, sector: v })} errors={errors} />
            </div>
          )}
        />
        <Repeater
          name="phoneNumbers" legend={t('signal.phoneNumbers')} itemLegend={(i) => t('edit.phone', { n: i + 1 })} addLabel={t('edit.addPhone')}
          items={draft.phoneNumbers} empty={EMPTY_PHONE} errors={errors} onChange={set('phoneNumbers')}
          render={(p, i, up) => (
            <div className="filter-grid">
              <TextField id={`f-phoneNumbers-${i}-number`} type="tel" label={t('phone.number')} value={p.number} onChange={(v) => up({ ...p, number: v })} errors={errors} autoComplete="off" />
              <TextField id={`f-phoneNumbers-${i}-description`} label={t('phone.description')} value={p.description} onChange={(v) => up({ ...p, description: v })} errors={errors} />
            </div>
          )}
        />
        <Repeater
          name="vehicles" legend={t('signal.vehicles')} itemLegend={(i) => t('edit.vehicle', { n: i + 1 })} addLabel={t('edit.addVehicle')}
          items={draft.vehicles} empty={EMPTY_VEHICLE} errors={errors} onChange={set('vehicles')}
          render={(v, i, up) => (
            <div className="filter-grid">
              <TextField id={`f-vehicles-${i}-licensePlate`} label={t('vehicle.licensePlate')} value={v.licensePlate} onChange={(x) => up({ ...v, licensePlate: x })} errors={errors} autoComplete="off" />
              <TextField id={`f-vehicles-${i}-description`} label={t('vehicle.description')} value={v.description} onChange={(x) => up({ ...v, description: x })} errors={errors} />
            </div>
          )}
        />
      </section>
    </>
  );
}

function Repeater<T>({ name, legend, itemLegend, addLabel, items, empty, errors, onChange, render }: {
  name: string; legend: string; itemLegend: (i: number) => string; addLabel: string; items: T[]; empty: T; errors: Errors;
  onChange: (items: T[]) => void; render: (item: T, index: number, update: (item: T) => void) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="repeater">
      <Heading3 id={`f-${name}`} tabIndex={-1}>{legend}</Heading3>
      <FieldErrors id={`f-${name}`} errors={errors.get(`f-${name}`)} />
      {items.map((item, i) => (
        <fieldset key={i} className="utrecht-form-fieldset repeater-item" id={`f-${name}-${i}`} tabIndex={-1}>
          <legend className="utrecht-form-fieldset__legend">{itemLegend(i)}</legend>
          <FieldErrors id={`f-${name}-${i}`} errors={errors.get(`f-${name}-${i}`)} />
          {render(item, i, (next) => onChange(items.map((x, j) => (j === i ? next : x))))}
          <Button type="button" appearance="subtle-button" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {t('edit.remove', { what: itemLegend(i) })}
          </Button>
        </fieldset>
      ))}
      <Button type="button" appearance="secondary-action-button" onClick={() => onChange([...items, { ...empty }])}>
        {addLabel}
      </Button>
    </div>
  );
}

/// Indicators from the catalog, grouped as in REFERENCE.md: one collapsible block per
/// list (ILO, clustered list, signal lists), a fieldset per group, a checkbox per
/// indicator and a note for the evidence once chosen. The chosen indicator at position
/// i carries the ids f-indicators-i-code / -note, the targets of the server's pointers.
function IndicatorPicker({ draft, setDraft, errors, reference }: { draft: SignalDraft; setDraft: FieldsProps['setDraft']; errors: Errors; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const catalog = reference?.catalog;
  const index = (code: string) => draft.indicators.findIndex((i) => i.code === code);
  const toggle = (code: string, on: boolean) =>
    setDraft((d) => ({ ...d, indicators: on ? [...d.indicators, { code, note: '' }] : d.indicators.filter((i) => i.code !== code) }));
  const setNote = (code: string, note: string) => setDraft((d) => ({ ...d, indicators: d.indicators.map((i) => (i.code === code ? { ...i, note } : i)) }));
  const known = new Set(catalog?.lists.flatMap((l) => l.groups.flatMap((g) => g.indicators.map((i) => i.code))) ?? []);
  const unknown = draft.indicators.filter((i) => !known.has(i.code));
  return (
    <section aria-labelledby="sec-indicators">
      <Heading2 id="sec-indicators" >{t('signal.indicators')}</Heading2>
      <Paragraph>{t('edit.indicatorsHelp', { version: catalog?.version ?? '' })}</Paragraph>
      <div id="f-indicators" tabIndex={-1}>
        <FieldErrors id="f-indicators" errors={errors.get('f-indicators')} />
      </div>
      {(catalog?.lists ?? []).map((list) => {
        const chosen = list.groups.flatMap((g) => g.indicators).filter((i) => index(i.code) >= 0).length;
        return (
          <details key={list.code} className="indicator-list" open={chosen > 0}>
            <summary>
              {lang === 'en' ? list.en : list.nl} {chosen > 0 ? t('edit.chosen', { n: chosen }) : ''}
            </summary>
            {list.groups.map((g) => (
              <fieldset key={g.code} className="utrecht-form-fieldset indicator-group">
                <legend className="utrecht-form-fieldset__legend">{lang === 'en' ? g.en : g.nl}</legend>
                {g.indicators.map((ind) => {
                  const i = index(ind.code);
                  const cid = i >= 0 ? `f-indicators-${i}-code` : `ind-${ind.code}`;
                  return (
                    <div key={ind.code} className="indicator">
                      <FieldErrors id={cid} errors={errors.get(cid)} />
                      <div className="checkbox-row">
                        <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" id={cid} checked={i >= 0} onChange={(e) => toggle(ind.code, e.target.checked)} aria-describedby={errors.get(cid) ? `${cid}-error` : undefined} />
                        <label htmlFor={cid} className="utrecht-form-label utrecht-form-label--checkbox">
                          <span className="code">{ind.code}</span> {lang === 'en' ? ind.en : ind.nl}
                        </label>
                      </div>
                      {i >= 0 ? (
                        <TextField id={`f-indicators-${i}-note`} label={t('edit.indicatorNote', { code: ind.code })} value={draft.indicators[i].note} onChange={(v) => setNote(ind.code, v)} errors={errors} maxLength={2000} />
                      ) : null}
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </details>
        );
      })}
      {unknown.length ? (
        <Alert type="warning">
          <Paragraph>{t('edit.unknownIndicators', { codes: unknown.map((u) => u.code).join(', ') })}</Paragraph>
        </Alert>
      ) : null}
    </section>
  );
}
