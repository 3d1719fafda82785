// Create an action (POST /api/v1/actions: title, owner, organisation, due date — a day in
// the Netherlands — and the case and meeting it belongs to, from ?casus= and ?overleg=)
// or change one (PATCH /api/v1/actions/{id} with the version read: title, owner,
// organisation, due date, status). A rejected save keeps every input and lists the
// errors at the top with links to the fields; a stale version says so and offers the
// current values.
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { api, ApiError } from '../api/client';
import { errorsByField } from '../api/fields';
import { useReference } from '../api/reference';
import { ACTION_STATUSES, type Action } from '../api/drieluik';
import { ErrorSummary, SelectField, TextField } from '../components/forms';
import { DueBadge, useFormErrors } from '../components/drieluik';
import { useI18n } from '../i18n/i18n';
import { mayDo } from '../nav';
import { AppLink, PageHeading, useRouter } from '../router';
import { useSession } from '../session';

interface ActionInput { title: string; owner: string; organisation: string; dueDate: string; status: string }

export function ActionFormPage({ id }: { id?: number }) {
  const { t } = useI18n();
  const { state, viewer } = useSession();
  const { ref } = useReference();
  const { location, navigate } = useRouter();
  const query = new URLSearchParams(location.search);
  const caseId = id === undefined && query.get('casus') ? Number(query.get('casus')) : undefined;
  const meetingId = id === undefined && query.get('overleg') ? Number(query.get('overleg')) : undefined;
  const me = state.status === 'signed_in' ? state.user : null;
  const [current, setCurrent] = useState<Action | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [form, setForm] = useState<ActionInput>({ title: '', owner: me?.username ?? '', organisation: me?.organisation ?? '', dueDate: '', status: 'open' });
  const [notice, setNotice] = useState<string | null>(null);
  const errs = useFormErrors();

  useEffect(() => {
    if (id === undefined) return;
    let alive = true;
    api<Action>(`/actions/${id}`)
      .then((a) => {
        if (!alive) return;
        setCurrent(a);
        setForm({ title: a.title, owner: a.owner, organisation: a.organisation, dueDate: a.dueDate, status: a.status });
      })
      .catch((e: unknown) => alive && setLoadError(e instanceof ApiError ? e : new ApiError({ status: 0 })));
    return () => {
      alive = false;
    };
  }, [id]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errs.clear();
    try {
      if (id === undefined) {
        const body: Record<string, unknown> = { title: form.title, owner: form.owner, organisation: form.organisation, dueDate: form.dueDate };
        if (caseId) body.caseId = caseId;
        if (meetingId) body.meetingId = meetingId;
        const a = await api<Action>('/actions', { method: 'POST', body });
        navigate(caseId ? `/casussen/${caseId}` : `/acties/${a.id}`);
      } else if (current) {
        const body: Record<string, unknown> = { version: current.version };
        for (const k of ['title', 'owner', 'organisation', 'dueDate', 'status'] as const) if (form[k] !== current[k]) body[k] = form[k];
        const a = await api<Action>(`/actions/${id}`, { method: 'PATCH', body });
        setCurrent(a);
        setForm({ title: a.title, owner: a.owner, organisation: a.organisation, dueDate: a.dueDate, status: a.status });
        setNotice(t('action.saved'));
      }
    } catch (err) {
      errs.fail(err);
      if (err instanceof ApiError && err.status === 409 && id !== undefined) {
        // Take the current version so the next save is not stale; the input stays.
        api<Action>(`/actions/${id}`).then(setCurrent).catch(() => undefined);
      }
    }
  };

  const heading = id === undefined ? t('action.newTitle') : t('action.editTitle');
  if (loadError) {
    return (
      <>
        <PageHeading>{heading}</PageHeading>
        <Alert type="error"><Paragraph>{t(loadError.status === 404 || loadError.status === 403 ? 'action.notFound' : 'error.load')}</Paragraph></Alert>
      </>
    );
  }
  if (id !== undefined && !current) {
    return (
      <>
        <PageHeading>{heading}</PageHeading>
        <Paragraph>{t('common.loading')}</Paragraph>
      </>
    );
  }
  const byField = errorsByField(errs.errors, 'a');
  const mayEdit = id === undefined ? mayDo(viewer, 'action.create') : mayDo(viewer, 'action.update');
  const belongsTo = current?.caseId ?? caseId;
  return (
    <>
      <PageHeading>{heading}</PageHeading>
      {belongsTo ? (
        <Paragraph>
          {t('action.forCase')} <AppLink to={`/casussen/${belongsTo}`}>{t('case.numberValue', { id: belongsTo })}</AppLink>
        </Paragraph>
      ) : null}
      {current ? (
        <Paragraph>
          {t('action.dueState')}: <DueBadge action={current} />
        </Paragraph>
      ) : null}
      {notice ? <Alert type="ok" role="status"><Paragraph>{notice}</Paragraph></Alert> : null}
      <ErrorSummary id="action-errors" fieldPrefix="a" errors={errs.errors} message={errs.message} focusKey={errs.focusKey} />
      <form onSubmit={submit} noValidate className="form" aria-label={heading}>
        <TextField id="a-title" label={t('action.titleField')} value={form.title} onChange={(v) => setForm({ ...form, title: v })} errors={byField} required maxLength={300} />
        <TextField id="a-owner" label={t('action.owner')} description={t('action.ownerHelp')} value={form.owner} onChange={(v) => setForm({ ...form, owner: v })} errors={byField} required maxLength={100} autoComplete="off" />
        <SelectField id="a-organisation" label={t('action.organisation')} value={form.organisation} onChange={(v) => setForm({ ...form, organisation: v })} errors={byField} emptyLabel={t('edit.choose')} required options={(ref?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        <TextField id="a-dueDate" type="date" label={t('action.dueDate')} description={t('action.dueDateHelp')} value={form.dueDate} onChange={(v) => setForm({ ...form, dueDate: v })} errors={byField} required />
        {id !== undefined ? (
          <SelectField id="a-status" label={t('action.status')} value={form.status} onChange={(v) => setForm({ ...form, status: v })} errors={byField} options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actionStatus.${s}`) }))} />
        ) : null}
        {mayEdit ? (
          <div className="button-row">
            <Button type="submit" appearance="primary-action-button">{id === undefined ? t('action.create') : t('edit.save')}</Button>
            <AppLink to={belongsTo ? `/casussen/${belongsTo}` : '/acties'}>{t('edit.cancel')}</AppLink>
          </div>
        ) : null}
      </form>
    </>
  );
}
