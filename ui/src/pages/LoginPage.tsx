// Login: username and password, then (when the role requires it) the TOTP code. Every
// failure shows the server's one generic message; a throttled login (429) says to
// wait. After success the user returns to where the session was lost (with the draft),
// or to the start page.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { PageHeading, useRouter } from '../router';
import { useSession } from '../session';
import { takeReturnTo } from '../draft';
import { ErrorSummary, TextField } from '../components/forms';

export function LoginPage() {
  const { t } = useI18n();
  const { state, login, verifyTotp } = useSession();
  const { navigate } = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 429) setError(t('login.throttled'));
    else if (e instanceof ApiError && e.status === 401) setError(t('login.failed'));
    else if (e instanceof ApiError && e.status === 404) setError(t('login.unavailable'));
    else setError(t('error.network'));
    setFocusKey((k) => k + 1);
  };
  const done = () => navigate(takeReturnTo() ?? '/', { replace: true });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (challenge) {
        await verifyTotp(challenge, code.replace(/\s+/g, ''));
        done();
      } else {
        const r = await login(username, password);
        if ('totp' in r) {
          setChallenge(r.totp);
          setPassword('');
        } else done();
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading>{challenge ? t('login.totpTitle') : t('login.title')}</PageHeading>
      {state.status === 'anonymous' && state.expired ? (
        <Alert type="warning">
          <Paragraph>{t('login.expired')}</Paragraph>
        </Alert>
      ) : null}
      <ErrorSummary errors={[]} message={error ?? undefined} title={t('login.errorTitle')} focusKey={focusKey} />
      <form onSubmit={submit} noValidate className="form narrow" aria-labelledby="page-heading">
        {challenge ? (
          <TextField id="f-code" label={t('login.code')} description={t('login.codeHelp')} value={code} onChange={setCode} autoComplete="one-time-code" required />
        ) : (
          <>
            <TextField id="f-username" label={t('login.username')} value={username} onChange={setUsername} autoComplete="username" required />
            <TextField id="f-password" label={t('login.password')} type="password" value={password} onChange={setPassword} autoComplete="current-password" required />
          </>
        )}
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {challenge ? t('login.verify') : t('login.submit')}
        </Button>
      </form>
    </>
  );
}
