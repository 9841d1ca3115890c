import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, request } from '../../api/client';
import type { MeAnswer } from '../../api/types';
import { useI18n } from '../../i18n';
import { TextField, focusFirstError } from '../../ui/Field';
import { useErrorMessage } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { homePathFor, useSession } from './session';
import type { Errors } from '../../ui/forms';

/** Only same-app paths, so ?terug= cannot send someone to another site. */
function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}

export default function LoginPage() {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('terug'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  usePageTitle(t('login.title'));

  useEffect(() => {
    if (needTotp) codeRef.current?.focus();
  }, [needTotp]);

  if (session.status === 'authenticated' && session.user) {
    return <Navigate to={next ?? homePathFor(session.can)} replace />;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!username.trim()) errs['login-username'] = t('validation.required');
    if (!password) errs['login-password'] = t('validation.required');
    if (needTotp && !/^\d{6}$/.test(code.trim())) errs['login-code'] = t('validation.code');
    setErrors(errs);
    setMessage(null);
    if (Object.keys(errs).length) {
      focusFirstError(errs, ['login-username', 'login-password', 'login-code']);
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, string> = { username: username.trim(), password };
      if (needTotp) body.totp_code = code.trim();
      const { data } = await request<MeAnswer>('POST', '/auth/login', { body, noAuthRedirect: true });
      const me = await session.signedIn(data);
      navigate(next ?? homePathFor((action) => me.capabilities.has(action)), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.problem.totp_required) {
        if (needTotp) {
          setErrors({ 'login-code': errorMessage(err, { unauthenticatedKey: 'login.totpFailed', genericCodes: ['totp_required'] }) });
          codeRef.current?.focus();
        }
        setNeedTotp(true);
      } else if (err instanceof ApiError && err.status === 503) {
        setMessage(t('login.busy'));
      } else {
        // Wrong password, lockout, no connection: by the answer's code, in the UI language.
        setMessage(errorMessage(err, { unauthenticatedKey: 'login.failed' }));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="k-login" aria-labelledby="page-title">
      <Heading1 id="page-title" tabIndex={-1}>
        {t('login.title')}
      </Heading1>
      {session.reason === 'expired' && !message && (
        <Alert type="info" role="status">
          <Paragraph>{t('login.sessionExpired')}</Paragraph>
        </Alert>
      )}
      {session.reason === 'logout' && !message && (
        <Alert type="ok" role="status">
          <Paragraph>{t('login.loggedOut')}</Paragraph>
        </Alert>
      )}
      {message && (
        <Alert type="error" role="alert">
          <Paragraph>{message}</Paragraph>
        </Alert>
      )}
      <Paragraph>{needTotp ? t('login.totpIntro') : t('login.intro')}</Paragraph>
      <form onSubmit={submit} noValidate className="k-form">
        <TextField
          id="login-username"
          label={t('login.username')}
          value={username}
          onValue={setUsername}
          autoComplete="username"
          error={errors['login-username']}
          readOnly={needTotp}
          required
        />
        <TextField
          id="login-password"
          type="password"
          label={t('login.password')}
          value={password}
          onValue={setPassword}
          autoComplete="current-password"
          error={errors['login-password']}
          readOnly={needTotp}
          required
        />
        {needTotp && (
          <TextField
            id="login-code"
            ref={codeRef}
            label={t('login.totp')}
            value={code}
            onValue={setCode}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            error={errors['login-code']}
            required
          />
        )}
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('login.submit')}
        </Button>
      </form>
    </section>
  );
}
