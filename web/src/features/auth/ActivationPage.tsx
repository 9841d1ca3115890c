// /activeren#token: a new user (or one whose password an admin reset) chooses their own password.
// Public page. The token is read from the fragment, which browsers never send to a server, and
// removed from the address bar at once so it does not stay in the history.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { ApiError, request } from '../../api/client';
import { useI18n } from '../../i18n';
import { TextField, focusFirstError } from '../../ui/Field';
import { serverErrors, type Errors } from '../../ui/forms';
import { usePageTitle } from '../../ui/usePageTitle';

// Kept outside the component: the page may mount again (the session check finishing
// re-renders the layout), and by then the fragment is gone from the address bar.
let takenToken = '';

function takeToken(): string {
  const token = window.location.hash.replace(/^#/, '');
  if (token) {
    takenToken = token;
    window.history.replaceState(null, '', window.location.pathname);
  }
  return takenToken;
}

export default function ActivationPage() {
  const { t } = useI18n();
  const [token] = useState(takeToken);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { password: 'activate-password', repeat: 'activate-repeat' };
  usePageTitle(t('activate.title'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (password.length < 12) errs[ids.password] = t('validation.password');
    if (password !== repeat) errs[ids.repeat] = t('validation.passwordRepeat');
    setErrors(errs);
    setMessage(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(ids));
    setBusy(true);
    try {
      const { data } = await request<{ username: string }>('POST', '/auth/activate', { body: { token, password }, noAuthRedirect: true });
      takenToken = '';
      setDone(data.username);
    } catch (err) {
      const { fields, general } = serverErrors(err, { password: ids.password });
      setErrors(fields);
      // The token's coded error (used or expired link) is in `general`, rendered from the catalogue.
      if (err instanceof ApiError && err.fieldErrors.token) setMessage(general.join(' '));
      else if (!Object.keys(fields).length) setMessage(general.join(' ') || t(err instanceof ApiError && err.status === 503 ? 'login.busy' : 'state.error'));
      focusFirstError(fields, Object.values(ids));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="k-login" aria-labelledby="page-title">
      <Heading1 id="page-title" tabIndex={-1}>
        {t('activate.title')}
      </Heading1>
      {done ? (
        <>
          <Alert type="ok" role="status">
            <Paragraph>{t('activate.done', { username: done })}</Paragraph>
          </Alert>
          <Paragraph>
            <Link className="utrecht-link" to="/login">
              {t('activate.toLogin')}
            </Link>
          </Paragraph>
        </>
      ) : !token ? (
        <Alert type="error" role="alert">
          <Paragraph>{t('activate.noToken')}</Paragraph>
        </Alert>
      ) : (
        <>
          {message && (
            <Alert type="error" role="alert">
              <Paragraph>{message}</Paragraph>
            </Alert>
          )}
          <Paragraph>{t('activate.intro')}</Paragraph>
          <form onSubmit={submit} noValidate className="k-form">
            <TextField
              id={ids.password}
              type="password"
              label={t('activate.password')}
              description={t('activate.passwordHint')}
              value={password}
              onValue={setPassword}
              autoComplete="new-password"
              error={errors[ids.password]}
              required
            />
            <TextField id={ids.repeat} type="password" label={t('activate.repeat')} value={repeat} onValue={setRepeat} autoComplete="new-password" error={errors[ids.repeat]} required />
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {t('activate.submit')}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}
