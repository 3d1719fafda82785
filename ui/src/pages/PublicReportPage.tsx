// The public signal form (meldformulier): anyone may report, anonymously by default.
// It says what happens with a report, who reads it, and that acute danger means calling
// 112. After sending it shows the reference code and the one-time secret, with the way
// to add information later (/melden/aanvullen). The draft survives a reload.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { api, ApiError, type FieldError } from '../api/client';
import { errorsByField } from '../api/fields';
import { useReference } from '../api/reference';
import type { PublicReceipt } from '../api/types';
import { CheckboxField, CheckboxGroup, ErrorSummary, SelectField, TextField } from '../components/forms';
import { clearDraft, useDraftState } from '../draft';
import { useI18n } from '../i18n/i18n';
import { AppLink, PageHeading } from '../router';
import { localToInstant } from '../util';

interface PublicForm {
  description: string;
  summary: string;
  location: string;
  observedAt: string;
  municipality: string;
  forms: string[];
  acuteDanger: boolean;
  anonymous: boolean;
  name: string;
  phone: string;
  email: string;
}

const EMPTY: PublicForm = { description: '', summary: '', location: '', observedAt: '', municipality: '', forms: [], acuteDanger: false, anonymous: true, name: '', phone: '', email: '' };
const DRAFT_KEY = 'public-signal';

export function toPublicBody(f: PublicForm): Record<string, unknown> {
  const body: Record<string, unknown> = { description: f.description };
  if (f.summary.trim()) body.summary = f.summary;
  if (f.location.trim()) body.location = f.location;
  if (f.observedAt) body.observedAt = localToInstant(f.observedAt);
  if (f.municipality) body.municipality = f.municipality;
  if (f.forms.length) body.forms = f.forms;
  if (f.acuteDanger) body.acuteDanger = true;
  if (!f.anonymous) {
    const reporter: Record<string, unknown> = { anonymous: false };
    if (f.name.trim()) reporter.name = f.name;
    if (f.phone.trim()) reporter.phone = f.phone;
    if (f.email.trim()) reporter.email = f.email;
    body.reporter = reporter;
  }
  return body;
}

export function PublicReportPage() {
  const { t, lang, pick } = useI18n();
  const { ref } = useReference();
  const [form, setForm] = useDraftState<PublicForm>(DRAFT_KEY, () => EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<PublicReceipt | null>(null);
  const receiptRef = useRef<HTMLDivElement>(null);
  const byField = errorsByField(errors);
  const set = <K extends keyof PublicForm>(k: K) => (v: PublicForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    if (receipt) receiptRef.current?.focus();
  }, [receipt]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await api<PublicReceipt>('/public/signals', { method: 'POST', body: toPublicBody(form) });
      clearDraft(DRAFT_KEY);
      setErrors([]);
      setMessage(undefined);
      setReceipt(r);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors);
        setMessage(undefined);
      } else {
        setErrors([]);
        setMessage(err instanceof ApiError && err.status === 429 ? t('error.throttled') : t('error.network'));
      }
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <div ref={receiptRef} tabIndex={-1} className="receipt" aria-labelledby="receipt-title">
        <h1 className="utrecht-heading-1" id="receipt-title">
          {t('public.receipt.title')}
        </h1>
        {receipt.message ? <Paragraph>{pick(receipt.message)}</Paragraph> : null}
        <Alert type="info">
          <Heading2>{t('public.receipt.keep')}</Heading2>
          <dl className="receipt-codes">
            <dt>{t('public.receipt.reference')}</dt>
            <dd>
              <code data-testid="reference-code">{receipt.referenceCode}</code>
            </dd>
            <dt>{t('public.receipt.secret')}</dt>
            <dd>
              <code data-testid="secret">{receipt.secret}</code>
            </dd>
          </dl>
          <Paragraph>{t('public.receipt.secretOnce')}</Paragraph>
        </Alert>
        <Paragraph>
          <AppLink to={`/melden/aanvullen?referentie=${encodeURIComponent(receipt.referenceCode)}`}>{t('public.receipt.addLater')}</AppLink>
        </Paragraph>
      </div>
    );
  }

  const forms = (ref?.forms ?? []).filter((f) => !f.intakeOnly);
  return (
    <>
      <PageHeading>{t('public.title')}</PageHeading>
      <Alert type="warning" role="note">
        <Paragraph>
          <strong>{t('public.danger')}</strong>
        </Paragraph>
      </Alert>
      <section aria-labelledby="public-what" className="intro">
        <Heading2 id="public-what">{t('public.whatHappens.title')}</Heading2>
        <UnorderedList>
          <UnorderedListItem>{t('public.whatHappens.who')}</UnorderedListItem>
          <UnorderedListItem>{t('public.whatHappens.next')}</UnorderedListItem>
          <UnorderedListItem>{t('public.whatHappens.anonymous')}</UnorderedListItem>
          <UnorderedListItem>{t('public.whatHappens.noAnswer')}</UnorderedListItem>
        </UnorderedList>
      </section>
      <ErrorSummary errors={errors} message={message} focusKey={focusKey} />
      <form onSubmit={submit} noValidate className="form" aria-label={t('public.formLabel')}>
        <TextField id="f-description" label={t('public.description')} description={t('public.descriptionHelp')} value={form.description} onChange={set('description')} errors={byField} required multiline maxLength={20000} />
        <TextField id="f-summary" label={t('public.summary')} description={t('public.summaryHelp')} value={form.summary} onChange={set('summary')} errors={byField} maxLength={200} />
        <TextField id="f-location" label={t('public.location')} description={t('public.locationHelp')} value={form.location} onChange={set('location')} errors={byField} maxLength={500} />
        <TextField id="f-observedAt" type="datetime-local" label={t('public.observedAt')} value={form.observedAt} onChange={set('observedAt')} errors={byField} />
        {ref && ref.municipalities.length > 0 ? (
          <SelectField id="f-municipality" label={t('public.municipality')} value={form.municipality} onChange={set('municipality')} errors={byField} emptyLabel={t('public.municipalityUnknown')} options={ref.municipalities.map((m) => ({ value: m.code, label: m.name }))} />
        ) : null}
        {forms.length > 0 ? (
          <CheckboxGroup id="f-forms" legend={t('public.forms')} description={t('public.formsHelp')} options={forms.map((f) => ({ value: f.code, label: lang === 'en' ? f.en : f.nl }))} selected={form.forms} onChange={set('forms')} errors={byField} />
        ) : null}
        <CheckboxField id="f-acuteDanger" label={t('public.acuteDanger')} description={t('public.acuteDangerHelp')} checked={form.acuteDanger} onChange={set('acuteDanger')} errors={byField} />
        <CheckboxField id="f-reporter-anonymous" label={t('public.anonymous')} description={t('public.anonymousHelp')} checked={form.anonymous} onChange={set('anonymous')} errors={byField} />
        {!form.anonymous ? (
          <fieldset className="utrecht-form-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t('public.contact')}</legend>
            <TextField id="f-reporter-name" label={t('public.name')} value={form.name} onChange={set('name')} errors={byField} autoComplete="name" />
            <TextField id="f-reporter-phone" type="tel" label={t('public.phone')} value={form.phone} onChange={set('phone')} errors={byField} autoComplete="tel" />
            <TextField id="f-reporter-email" type="email" label={t('public.email')} value={form.email} onChange={set('email')} errors={byField} autoComplete="email" />
          </fieldset>
        ) : null}
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('public.submit')}
        </Button>
      </form>
      <Paragraph>
        <AppLink to="/melden/aanvullen">{t('public.addLink')}</AppLink>
      </Paragraph>
    </>
  );
}
