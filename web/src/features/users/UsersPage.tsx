// Admin: the users of the organisation — create, change role, disable or enable, and hand out
// one-time activation links. An admin never chooses or sees a user's password: the user picks it
// on the activation page (/activeren#token).
import { useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, ApiError } from '../../api/client';
import type { Activation, Page, Role, User } from '../../api/types';
import { useI18n } from '../../i18n';
import { StatusBadge } from '../../ui/Badges';
import { SelectField, TextField, focusFirstError } from '../../ui/Field';
import { useConfirm } from '../../ui/ConfirmDialog';
import { required, serverErrors, type Errors } from '../../ui/forms';
import { Notice, useErrorMessage, ListStates } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { useUser } from '../auth/session';
import { ListTable } from '../../ui/ListTable';

const ROLES: Role[] = ['coach', 'team_lead', 'admin'];
const FIELD_IDS = { username: 'user-username', display_name: 'user-display-name', role: 'user-role' };

type Created = User & { activation: Activation };

/** The full link: the token stays in the fragment, so no server or proxy log ever sees it. */
function fullLink(a: Activation): string {
  return `${window.location.origin}${a.link}`;
}

/** Shows a new activation link once, with a copy button. */
function ActivationNotice({ name, activation }: { name: string; activation: Activation }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const link = fullLink(activation);
  return (
    <section className="k-card" aria-labelledby="activation-title" data-testid="activation">
      <Heading2 id="activation-title">{t('users.activationTitle', { name })}</Heading2>
      <Paragraph>{t('users.activationText', { name })}</Paragraph>
      <TextField id="activation-link" label={t('users.activationLink')} value={link} onValue={() => {}} readOnly onFocus={(e) => e.currentTarget.select()} />
      <ButtonGroup>
        <Button
          type="button"
          appearance="secondary-action-button"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {t('users.activationCopy')}
        </Button>
      </ButtonGroup>
      {copied && <Notice type="ok">{t('users.activationCopied')}</Notice>}
    </section>
  );
}

function NewUserForm({ onCreated, onCancel }: { onCreated: (u: Created) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const u = required(t, username, 100);
    if (u) errs[FIELD_IDS.username] = u;
    const n = required(t, name, 200);
    if (n) errs[FIELD_IDS.display_name] = n;
    // The role decides what someone may see: no role is chosen beforehand.
    if (!role) errs[FIELD_IDS.role] = t('select.required');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(FIELD_IDS));
    setBusy(true);
    try {
      const created = await api.post<Created>('/users', { username: username.trim(), display_name: name.trim(), role });
      onCreated(created);
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, FIELD_IDS);
      if (err instanceof ApiError && err.status === 409) fields[FIELD_IDS.username] = errorMessage(err);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.length ? rest.join(' ') : errorMessage(err));
      focusFirstError(fields, Object.values(FIELD_IDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="new-user-title">
      <Heading2 id="new-user-title">{t('users.new')}</Heading2>
      {general && <Notice type="error">{general}</Notice>}
      <TextField id={FIELD_IDS.username} label={t('users.username')} value={username} onValue={setUsername} error={errors[FIELD_IDS.username]} autoComplete="off" required />
      <TextField id={FIELD_IDS.display_name} label={t('users.displayName')} value={name} onValue={setName} error={errors[FIELD_IDS.display_name]} autoComplete="off" required />
      <SelectField
        id={FIELD_IDS.role}
        label={t('users.role')}
        value={role}
        onValue={(v) => setRole(v as Role)}
        error={errors[FIELD_IDS.role]}
        placeholder={t('select.choose')}
        required
        options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('users.create')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function UserRow({
  user,
  self,
  onSaved,
  onError,
  onActivation,
}: {
  user: User;
  self: boolean;
  onSaved: (u: User) => void;
  onError: (err: unknown) => void;
  onActivation: (u: User, a: Activation) => void;
}) {
  const { t } = useI18n();
  const [role, setRole] = useState<Role>(user.role);
  const [busy, setBusy] = useState(false);
  const { confirm, dialog } = useConfirm();

  async function patch(body: Partial<User>) {
    setBusy(true);
    try {
      onSaved(await api.patch<User>(`/users/${encodeURIComponent(user.id)}`, body, user.version ?? 1));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  // Disabling locks someone out at once: ask first. Turning an account back on needs no question.
  async function toggleDisabled() {
    const name = user.display_name;
    if (!user.disabled && !(await confirm({ title: t('confirm.disableTitle', { name }), text: t('confirm.disableText', { name }), confirmLabel: t('confirm.disableYes') }))) return;
    await patch({ disabled: !user.disabled });
  }

  async function reset() {
    const name = user.display_name;
    if (!(await confirm({ title: t('confirm.resetTitle', { name }), text: t('users.resetConfirm', { name }), confirmLabel: t('confirm.resetYes') }))) return;
    setBusy(true);
    try {
      const r = await api.post<{ activation: Activation }>(`/users/${encodeURIComponent(user.id)}/activation`);
      onActivation(user, r.activation);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <TableRow>
      <TableCell>
        {user.display_name} {self && <span className="k-muted">{t('users.you')}</span>}
      </TableCell>
      <TableCell>{user.username}</TableCell>
      <TableCell>
        <form
          className="k-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void patch({ role });
          }}
        >
          <label className="k-visually-hidden" htmlFor={`role-${user.id}`}>
            {t('users.changeRole', { name: user.display_name })}
          </label>
          <select id={`role-${user.id}`} className="utrecht-select utrecht-select--html-select" value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={self}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          {role !== user.role && (
            <Button type="submit" appearance="secondary-action-button" disabled={busy}>
              {t('users.saveRole')}
            </Button>
          )}
        </form>
      </TableCell>
      <TableCell>
        {user.activation_pending && !user.disabled ? (
          <StatusBadge state="pending">{t('users.pending')}</StatusBadge>
        ) : (
          <StatusBadge state={user.disabled ? 'off' : 'on'}>{user.disabled ? t('users.disabled') : t('users.active')}</StatusBadge>
        )}
      </TableCell>
      <TableCell>{user.totp_enabled ? t('common.yes') : t('common.no')}</TableCell>
      <TableCell className="k-actions">
        {!self && (
          <Button appearance="subtle-button" disabled={busy} aria-label={t('users.resetLabel', { name: user.display_name })} onClick={() => void reset()}>
            {t('users.reset')}
          </Button>
        )}
        {!self && (
          <Button
            appearance="subtle-button"
            disabled={busy}
            aria-label={user.disabled ? t('users.enableLabel', { name: user.display_name }) : t('users.disableLabel', { name: user.display_name })}
            hint={user.disabled ? undefined : 'danger'}
            className={user.disabled ? undefined : 'k-danger'}
            onClick={() => void toggleDisabled()}
          >
            {user.disabled ? t('users.enable') : t('users.disable')}
          </Button>
        )}
        {dialog}
      </TableCell>
    </TableRow>
  );
}

export default function UsersPage() {
  const { t } = useI18n();
  const me = useUser();
  const errorMessage = useErrorMessage();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<{ text: string; type: 'ok' | 'error' } | null>(null);
  const [activation, setActivation] = useState<{ name: string; activation: Activation } | null>(null);
  usePageTitle(t('users.title'));
  const users = useApi<Page<User>>((signal) => api.get<Page<User>>('/users', { limit: 200 }, signal), []);

  return (
    <section aria-labelledby="page-title">
      <div className="k-toolbar">
        <Heading1 id="page-title">{t('users.title')}</Heading1>
        {!creating && (
          <Button
            appearance="primary-action-button"
            onClick={() => {
              setNotice(null);
              setActivation(null);
              setCreating(true);
            }}
          >
            {t('users.new')}
          </Button>
        )}
      </div>
      <Paragraph className="k-lead">{t('users.intro')}</Paragraph>
      <Paragraph>{t('users.intro2')}</Paragraph>
      {notice && <Notice type={notice.type}>{notice.text}</Notice>}
      {activation && <ActivationNotice name={activation.name} activation={activation.activation} />}
      {creating && (
        <NewUserForm
          onCreated={(u) => {
            setCreating(false);
            setNotice({ text: t('users.created', { name: u.username }), type: 'ok' });
            setActivation({ name: u.display_name, activation: u.activation });
            users.reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <ListStates list={users} empty={t('users.empty')}>
        {(items) => (
          <>
          {users.data?.total !== undefined && (
            <Paragraph className="k-total" id="users-total">
              {t('users.total', { count: users.data.total })}
            </Paragraph>
          )}
          <ListTable
            caption={t('users.caption')}
            columns={[t('users.displayName'), t('users.username'), t('users.role'), t('users.status'), t('users.totp')]}
          >
            {items.map((u) => (
              <UserRow
                key={`${u.id}-${u.version ?? 0}`}
                user={u}
                self={u.id === me.id}
                onSaved={(saved) => {
                  setNotice({ text: t('users.updated', { name: saved.display_name }), type: 'ok' });
                  users.reload();
                }}
                onError={(err) => {
                  setNotice({ text: errorMessage(err), type: 'error' });
                  users.reload();
                }}
                onActivation={(u, a) => {
                  setNotice(null);
                  setActivation({ name: u.display_name, activation: a });
                  users.reload();
                }}
              />
            ))}
          </ListTable>
          </>
        )}
      </ListStates>
    </section>
  );
}
