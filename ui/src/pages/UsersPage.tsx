// User administration for the beheerder (auth contract: GET/POST /api/v1/users,
// GET/PATCH /api/v1/users/{id}, POST .../disable, POST .../reset-password). Lists the
// accounts; adds one (with a first password); changes name, role, organisation and
// municipality; disables an account (accounts are disabled, never removed, for the
// audit trail); resets a password and shows the temporary one once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { api, ApiError, type FieldError } from '../api/client';
import { errorsByField } from '../api/fields';
import { useReference } from '../api/reference';
import { ROLES, type User } from '../api/types';
import { ErrorSummary, SelectField, TextField } from '../components/forms';
import { useI18n } from '../i18n/i18n';
import { PageHeading } from '../router';

interface RoleSetting { role: string; totp_required: boolean }

interface UserForm { username: string; display_name: string; role: string; organisation: string; municipality: string; password: string }
const EMPTY: UserForm = { username: '', display_name: '', role: 'aandachtsfunctionaris', organisation: '', municipality: '', password: '' };

export function UsersPage() {
  const { t } = useI18n();
  const { ref } = useReference();
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [form, setForm] = useState<UserForm>(EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [roleSettings, setRoleSettings] = useState<RoleSetting[] | null>(null);
  const [enrolment, setEnrolment] = useState<{ username: string; uri: string; secret: string } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const formHeadingRef = useRef<HTMLHeadingElement>(null);

  const load = () =>
    api<{ items: User[] } | User[]>('/users')
      .then((r) => setUsers(Array.isArray(r) ? r : r.items))
      .catch((e) => setLoadError(e instanceof ApiError && e.status === 404 ? t('users.unavailable') : t('error.load')));
  useEffect(() => {
    void load();
    // Which roles must use a second factor; absent on a server without the setting.
    api<{ items: RoleSetting[] }>('/role-settings')
      .then((r) => setRoleSettings(r.items))
      .catch(() => setRoleSettings(null));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const setTotpRequired = async (role: string, required: boolean) => {
    try {
      await api<RoleSetting>(`/role-settings/${encodeURIComponent(role)}`, { method: 'PUT', body: { totp_required: required } });
      setRoleSettings((list) => list?.map((r) => (r.role === role ? { ...r, totp_required: required } : r)) ?? null);
      setNotice(t(required ? 'users.totpOn' : 'users.totpOff', { role: t(`role.${role}`) }));
    } catch (err) {
      fail(err);
    }
  };

  const enrolTotp = async (u: User) => {
    try {
      const r = await api<{ otpauth_uri: string }>(`/users/${u.id}/totp`, { method: 'POST' });
      let secret = '';
      try {
        secret = new URL(r.otpauth_uri).searchParams.get('secret') ?? '';
      } catch {
        secret = '';
      }
      setEnrolment({ username: u.username, uri: r.otpauth_uri, secret });
      void load();
    } catch (err) {
      fail(err);
    }
  };
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  useEffect(() => {
    if (editing) formHeadingRef.current?.focus();
  }, [editing]);

  const startEdit = (u: User | 'new') => {
    setEditing(u);
    setErrors([]);
    setMessage(undefined);
    setForm(u === 'new' ? EMPTY : { username: u.username, display_name: u.display_name ?? '', role: u.role, organisation: u.organisation ?? '', municipality: u.municipality ?? '', password: '' });
  };

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.fieldErrors.length) {
      setErrors(e.fieldErrors);
      setMessage(undefined);
    } else {
      setErrors([]);
      setMessage(e instanceof ApiError && e.status === 403 ? t('error.forbidden') : e instanceof ApiError && e.status === 409 ? t('users.exists') : t('error.save'));
    }
    setFocusKey((k) => k + 1);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { display_name: form.display_name, role: form.role, organisation: form.organisation, municipality: form.municipality || null };
    try {
      if (editing === 'new') {
        await api<User>('/users', { method: 'POST', body: { ...body, username: form.username, password: form.password } });
        setNotice(t('users.created', { username: form.username }));
      } else if (editing) {
        await api<User>(`/users/${editing.id}`, { method: 'PATCH', body });
        setNotice(t('users.saved', { username: editing.username }));
      }
      setEditing(null);
      void load();
    } catch (err) {
      fail(err);
    }
  };

  const disable = async (u: User) => {
    if (!window.confirm(t('users.confirmDisable', { username: u.username }))) return;
    try {
      await api<unknown>(`/users/${u.id}/disable`, { method: 'POST' });
      setNotice(t('users.disabledNotice', { username: u.username }));
      void load();
    } catch (err) {
      fail(err);
    }
  };

  const reset = async (u: User) => {
    try {
      const r = await api<{ password: string }>(`/users/${u.id}/reset-password`, { method: 'POST' });
      setNotice(t('users.resetNotice', { username: u.username, password: r.password }));
    } catch (err) {
      fail(err);
    }
  };

  const byField = errorsByField(errors);
  const municipalityName = (code?: string | null) => (code ? (ref?.municipalities.find((m) => m.code === code)?.name ?? code) : '');
  const orgName = (id?: string | null) => (id ? (ref?.organisations.find((o) => o.id === id)?.name ?? id) : '');
  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>
      {notice ? (
        <div ref={noticeRef} tabIndex={-1}>
          <Alert type="ok" role="status">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        </div>
      ) : null}
      {enrolment ? (
        <Alert type="info">
          <Heading2>{t('users.totpEnrolTitle', { username: enrolment.username })}</Heading2>
          <Paragraph>{t('users.totpEnrolText')}</Paragraph>
          <dl className="receipt-codes">
            <dt>{t('users.totpSecret')}</dt>
            <dd>
              <code data-testid="totp-secret">{enrolment.secret}</code>
            </dd>
            <dt>{t('users.totpUri')}</dt>
            <dd>
              <code className="break">{enrolment.uri}</code>
            </dd>
          </dl>
          <Button type="button" appearance="secondary-action-button" onClick={() => setEnrolment(null)}>
            {t('users.totpDone')}
          </Button>
        </Alert>
      ) : null}
      {loadError ? <Alert type="error"><Paragraph>{loadError}</Paragraph></Alert> : null}
      <Button type="button" appearance="primary-action-button" onClick={() => startEdit('new')}>
        {t('users.add')}
      </Button>
      {editing ? (
        <section aria-labelledby="user-form-title" className="card">
          <h2 className="utrecht-heading-2" id="user-form-title" tabIndex={-1} ref={formHeadingRef}>
            {editing === 'new' ? t('users.addTitle') : t('users.editTitle', { username: editing.username })}
          </h2>
          <ErrorSummary errors={errors} message={message} focusKey={focusKey} />
          <form onSubmit={submit} noValidate className="form" aria-labelledby="user-form-title">
            {editing === 'new' ? <TextField id="f-username" label={t('users.username')} value={form.username} onChange={(v) => setForm({ ...form, username: v })} errors={byField} required autoComplete="off" /> : null}
            <TextField id="f-display_name" label={t('users.displayName')} value={form.display_name} onChange={(v) => setForm({ ...form, display_name: v })} errors={byField} autoComplete="off" />
            <SelectField id="f-role" label={t('users.role')} value={form.role} onChange={(v) => setForm({ ...form, role: v })} errors={byField} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
            <SelectField id="f-organisation" label={t('users.organisation')} value={form.organisation} onChange={(v) => setForm({ ...form, organisation: v })} errors={byField} emptyLabel={t('edit.none')} options={(ref?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))} />
            <SelectField id="f-municipality" label={t('users.municipality')} value={form.municipality} onChange={(v) => setForm({ ...form, municipality: v })} errors={byField} emptyLabel={t('edit.none')} options={(ref?.municipalities ?? []).map((m) => ({ value: m.code, label: m.name }))} />
            {editing === 'new' ? <TextField id="f-password" type="password" label={t('users.password')} description={t('users.passwordHelp')} value={form.password} onChange={(v) => setForm({ ...form, password: v })} errors={byField} required autoComplete="new-password" /> : null}
            <div className="button-row">
              <Button type="submit" appearance="primary-action-button">{t('edit.save')}</Button>
              <Button type="button" appearance="subtle-button" onClick={() => setEditing(null)}>{t('edit.cancel')}</Button>
            </div>
          </form>
        </section>
      ) : null}
      <Heading2>{t('users.list')}</Heading2>
      {users === null && !loadError ? <Paragraph>{t('common.loading')}</Paragraph> : null}
      {users ? (
        <div className="table-scroll">
          <Table>
            <TableCaption>{t('users.caption', { count: users.length })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('users.username')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.displayName')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.role')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.organisation')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.municipality')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.state')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.map((u) => (
                <TableRow key={u.id}>
                  <TableCell>{u.username}</TableCell>
                  <TableCell>{u.display_name}</TableCell>
                  <TableCell>{t(`role.${u.role}`)}</TableCell>
                  <TableCell>{orgName(u.organisation)}</TableCell>
                  <TableCell>{municipalityName(u.municipality)}</TableCell>
                  <TableCell>
                    {u.disabled ? t('users.disabled') : t('users.active')}
                    {u.totp_enrolled ? ` · ${t('users.totpEnrolled')}` : ''}
                  </TableCell>
                  <TableCell>
                    <div className="button-row compact">
                      <Button type="button" appearance="subtle-button" onClick={() => startEdit(u)} aria-label={t('users.editFor', { username: u.username })}>{t('users.edit')}</Button>
                      <Button type="button" appearance="subtle-button" onClick={() => void reset(u)} aria-label={t('users.resetFor', { username: u.username })}>{t('users.reset')}</Button>
                      <Button type="button" appearance="subtle-button" onClick={() => void enrolTotp(u)} aria-label={t('users.totpFor', { username: u.username })}>{t('users.totp')}</Button>
                      {!u.disabled ? (
                        <Button type="button" appearance="subtle-button" onClick={() => void disable(u)} aria-label={t('users.disableFor', { username: u.username })}>{t('users.disable')}</Button>
                      ) : null}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {roleSettings ? (
        <section aria-labelledby="role-settings-title">
          <h2 className="utrecht-heading-2" id="role-settings-title">{t('users.roleSettings')}</h2>
          <Paragraph>{t('users.roleSettingsHelp')}</Paragraph>
          <fieldset className="utrecht-form-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t('users.totpRequired')}</legend>
            <div className="checkbox-grid">
              {roleSettings.map((r) => (
                <div className="checkbox-row" key={r.role}>
                  <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" id={`totp-${r.role}`} checked={r.totp_required} onChange={(e) => void setTotpRequired(r.role, e.target.checked)} />
                  <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`totp-${r.role}`}>{t(`role.${r.role}`)}</label>
                </div>
              ))}
            </div>
          </fieldset>
        </section>
      ) : null}
    </>
  );
}
