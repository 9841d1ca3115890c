// "Mijn account": details, change password, and extra security (TOTP) with a QR code
// drawn in the browser (no outside service sees the secret).
import { useMemo, useState, type FormEvent } from 'react';
import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import qrcode from 'qrcode-generator';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { TextField, focusFirstError } from '../../ui/Field';
import { serverErrors, type Errors } from '../../ui/forms';
import { Notice, useErrorMessage } from '../../ui/States';
import { usePageTitle } from '../../ui/usePageTitle';
import { useSession, useUser } from '../auth/session';

function PasswordForm() {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<{ text: string; type: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { current_password: 'pw-current', new_password: 'pw-new', repeat: 'pw-repeat' };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!current) errs[ids.current_password] = t('validation.required');
    if (next.length < 12) errs[ids.new_password] = t('validation.password');
    if (next !== repeat) errs[ids.repeat] = t('validation.passwordRepeat');
    setErrors(errs);
    setNotice(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(ids));
    setBusy(true);
    try {
      await api.post('/me/password', { current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setNotice({ text: t('account.passwordChanged'), type: 'ok' });
    } catch (err) {
      const { fields, general } = serverErrors(err, ids);
      setErrors(fields);
      if (!Object.keys(fields).length) setNotice({ text: general.join(' ') || errorMessage(err), type: 'error' });
      focusFirstError(fields, Object.values(ids));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="pw-title">
      <Heading2 id="pw-title">{t('account.password')}</Heading2>
      {notice && <Notice type={notice.type}>{notice.text}</Notice>}
      <TextField id={ids.current_password} type="password" label={t('account.currentPassword')} value={current} onValue={setCurrent} error={errors[ids.current_password]} autoComplete="current-password" required />
      <TextField
        id={ids.new_password}
        type="password"
        label={t('account.newPassword')}
        description={t('account.newPasswordHint')}
        value={next}
        onValue={setNext}
        error={errors[ids.new_password]}
        autoComplete="new-password"
        required
      />
      <TextField id={ids.repeat} type="password" label={t('account.repeatPassword')} value={repeat} onValue={setRepeat} error={errors[ids.repeat]} autoComplete="new-password" required />
      <div>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}

function QrCode({ text, label }: { text: string; label: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    return qr.createDataURL(5, 4);
  }, [text]);
  return (
    <div className="k-qr">
      <img src={src} alt={label} width={200} height={200} />
    </div>
  );
}

function TotpSection() {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const user = useUser();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; otpauth_uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; type: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);

  // Set-up and enabling ask for the password again: an open session alone is not enough to
  // change the second factor. The password typed for set-up is sent again with the code.
  async function start(e: FormEvent) {
    e.preventDefault();
    if (!password) {
      setError(t('validation.required'));
      return focusFirstError({ 'totp-start-password': 'x' }, ['totp-start-password']);
    }
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setSetup(await api.post<{ secret: string; otpauth_uri: string }>('/me/totp/setup', { password }));
    } catch (err) {
      const fieldError = Object.values(serverErrors(err).fields).join(' ') || null;
      setError(fieldError || errorMessage(err));
      focusFirstError({ 'totp-start-password': 'x' }, ['totp-start-password']);
    } finally {
      setBusy(false);
    }
  }

  async function enable(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setError(t('validation.code'));
      return focusFirstError({ 'totp-code': 'x' }, ['totp-code']);
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/me/totp/enable', { password, code: code.trim() });
      setSetup(null);
      setCode('');
      setPassword('');
      setNotice({ text: t('account.totpEnabled'), type: 'ok' });
      await refresh();
    } catch (err) {
      const fieldError = serverErrors(err).general.join(' ') || null;
      setError(fieldError || errorMessage(err));
      focusFirstError({ 'totp-code': 'x' }, ['totp-code']);
    } finally {
      setBusy(false);
    }
  }

  async function disable(e: FormEvent) {
    e.preventDefault();
    if (!password) {
      setError(t('validation.required'));
      return focusFirstError({ 'totp-password': 'x' }, ['totp-password']);
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/me/totp/disable', { password });
      setPassword('');
      setNotice({ text: t('account.totpDisabled'), type: 'ok' });
      await refresh();
    } catch (err) {
      const fieldError = serverErrors(err).general.join(' ') || null;
      setError(fieldError || errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="k-card" aria-labelledby="totp-title">
      <Heading2 id="totp-title">{t('account.totp')}</Heading2>
      {notice && <Notice type={notice.type}>{notice.text}</Notice>}
      <Paragraph>{user.totp_enabled ? t('account.totpOn') : t('account.totpOff')}</Paragraph>
      {!user.totp_enabled && !setup && (
        <form className="k-form" onSubmit={start} noValidate>
          <TextField
            id="totp-start-password"
            type="password"
            label={t('account.totpPassword')}
            description={t('account.totpStartHint')}
            value={password}
            onValue={setPassword}
            error={error}
            autoComplete="current-password"
            required
          />
          <div>
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {t('account.totpStart')}
            </Button>
          </div>
        </form>
      )}
      {!user.totp_enabled && setup && (
        <form className="k-form" onSubmit={enable} noValidate>
          <Paragraph>{t('account.totpScan')}</Paragraph>
          <QrCode text={setup.otpauth_uri} label={t('account.totpQr')} />
          <Paragraph>
            {t('account.totpSecret')}: <span className="k-secret" data-testid="totp-secret">{setup.secret}</span>
          </Paragraph>
          <TextField id="totp-code" label={t('account.totpCode')} value={code} onValue={setCode} error={error} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
          <div>
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {t('account.totpEnable')}
            </Button>
          </div>
        </form>
      )}
      {user.totp_enabled && (
        <form className="k-form" onSubmit={disable} noValidate>
          <TextField id="totp-password" type="password" label={t('account.totpDisablePassword')} value={password} onValue={setPassword} error={error} autoComplete="current-password" required />
          <div>
            <Button type="submit" appearance="secondary-action-button" busy={busy} disabled={busy}>
              {t('account.totpDisable')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

export default function AccountPage() {
  const { t } = useI18n();
  const user = useUser();
  usePageTitle(t('account.title'));
  return (
    <section aria-labelledby="page-title">
      <Heading1 id="page-title">{t('account.title')}</Heading1>
      <section className="k-card" aria-labelledby="details-title">
        <Heading2 id="details-title">{t('account.details')}</Heading2>
        <dl className="k-dl">
          <dt>{t('account.name')}</dt>
          <dd>{user.display_name}</dd>
          <dt>{t('account.username')}</dt>
          <dd>{user.username}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
          <dt>{t('account.organisation')}</dt>
          <dd>{user.organisation_name}</dd>
        </dl>
      </section>
      <div className="k-grid">
        <PasswordForm />
        <TotpSection />
      </div>
    </section>
  );
}
