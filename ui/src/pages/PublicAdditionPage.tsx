// Adding information to an earlier public report with its reference code and secret
// (POST /api/v1/public/signals/{reference}/additions). A wrong code or secret gets one
// message that does not say which was wrong; too many tries get the 429 message.
import { useRef, useState, useEffect, type FormEvent } from 'react';
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { api, ApiError, type FieldError } from '../api/client';
import { errorsByField } from '../api/fields';
import { ErrorSummary, TextField } from '../components/forms';
import { useI18n } from '../i18n/i18n';
import { PageHeading, useRouter } from '../router';

export function PublicAdditionPage() {
  const { t, dateTime } = useI18n();
  const { location } = useRouter();
  const [reference, setReference] = useState(() => new URLSearchParams(location.search).get('referentie') ?? '');
  const [secret, setSecret] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [addedAt, setAddedAt] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (addedAt) doneRef.current?.focus();
  }, [addedAt]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: FieldError[] = [];
    if (!reference.trim()) local.push({ pointer: '/reference', key: 'required', nl: t('addition.referenceRequired'), en: t('addition.referenceRequired') });
    if (local.length) {
      setErrors(local);
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      const r = await api<{ referenceCode: string; addedAt: string }>(`/public/signals/${encodeURIComponent(reference.trim())}/additions`, { method: 'POST', body: { secret: secret.trim(), text } });
      setErrors([]);
      setMessage(undefined);
      setText('');
      setSecret('');
      setAddedAt(r.addedAt);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors);
        setMessage(undefined);
      } else {
        setErrors([]);
        setMessage(
          err instanceof ApiError && err.status === 404 ? t('addition.notFound') : err instanceof ApiError && err.status === 429 ? t('error.throttled') : t('error.network'),
        );
      }
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  const byField = errorsByField(errors);
  return (
    <>
      <PageHeading>{t('addition.title')}</PageHeading>
      <Paragraph>{t('addition.intro')}</Paragraph>
      {addedAt ? (
        <div ref={doneRef} tabIndex={-1}>
          <Alert type="ok" role="status">
            <Paragraph>{t('addition.done', { at: dateTime(addedAt) })}</Paragraph>
          </Alert>
        </div>
      ) : null}
      <ErrorSummary errors={errors} message={message} focusKey={focusKey} />
      <form onSubmit={submit} noValidate className="form" aria-labelledby="page-heading">
        <TextField id="f-reference" label={t('addition.reference')} value={reference} onChange={setReference} errors={byField} required autoComplete="off" />
        <TextField id="f-secret" label={t('addition.secret')} description={t('addition.secretHelp')} value={secret} onChange={setSecret} errors={byField} required autoComplete="off" />
        <TextField id="f-text" label={t('addition.text')} value={text} onChange={setText} errors={byField} required multiline maxLength={10000} />
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('addition.submit')}
        </Button>
      </form>
    </>
  );
}
