// Further coaches of a family: besides the main coach (gezinscoach, the family's one contact
// person) a kindercoach or jongerencoach may work with the family. Each is added with a role,
// handed over or ended with a note; only those with the capability see the buttons.
import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading3, Paragraph } from '@utrecht/component-library-react';
import { FURTHER_COACH_ROLES, type Family, type FamilyCoach, type FurtherCoachRole, type Page, type User } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { SelectField, TextareaField, focusFirstError } from '../../ui/Field';
import { useConfirm } from '../../ui/ConfirmDialog';
import { serverErrors, type Errors } from '../../ui/forms';
import { Empty, ErrorState, Loading, Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useCan } from '../auth/session';
import { loadCoaches } from '../families/api';
import { trajectoryApi } from './api';

type Mode = { kind: 'add' } | { kind: 'handover' | 'end'; coach: FamilyCoach };

function CoachForm({ family, mode, staff, taken, onDone, onCancel }: {
  family: Family;
  mode: Mode;
  staff: User[];
  taken: string[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [user, setUser] = useState('');
  const [role, setRole] = useState<FurtherCoachRole | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = mode.kind === 'add' ? 'coach-add' : `coach-${mode.kind}-${mode.coach.id}`;
  const ids = { user_id: `${p}-user`, role: `${p}-role`, note: `${p}-note` };
  const order = [ids.user_id, ids.role, ids.note];
  const noteRequired = mode.kind !== 'add';
  const choices = staff.filter((c) => !taken.includes(c.id));
  const { confirm, dialog } = useConfirm();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (mode.kind !== 'end' && !user) errs[ids.user_id] = t('validation.required');
    if (mode.kind === 'add' && !role) errs[ids.role] = t('validation.required');
    if (noteRequired && !note.trim()) errs[ids.note] = t('validation.required');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, order);
    if (mode.kind === 'end') {
      const name = mode.coach.display_name;
      if (!(await confirm({ title: t('confirm.endCoachTitle', { name }), text: t('confirm.endCoachText', { name }), confirmLabel: t('confirm.endCoachYes') }))) return;
    }
    setBusy(true);
    try {
      const text = note.trim();
      if (mode.kind === 'add') {
        const c = await trajectoryApi.addCoach(family.id, { user_id: user, role: role as FurtherCoachRole, ...(text ? { note: text } : {}) });
        onDone(t('coaches.added', { name: c.display_name, role: t(`coachRole.${c.role}`) }));
      } else if (mode.kind === 'handover') {
        const c = await trajectoryApi.handOverCoach(family.id, mode.coach.id, { user_id: user, note: text });
        onDone(t('coaches.handedOver', { name: c.display_name }));
      } else {
        await trajectoryApi.endCoach(family.id, mode.coach.id, { note: text });
        onDone(t('coaches.endedDone', { name: mode.coach.display_name }));
      }
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, ids);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.join(' ') || errorMessage(err));
      focusFirstError(fields, order);
    } finally {
      setBusy(false);
    }
  }

  const title =
    mode.kind === 'add' ? t('coaches.add') : mode.kind === 'handover' ? t('coaches.handoverOf', { name: mode.coach.display_name }) : t('coaches.endOf', { name: mode.coach.display_name });
  return (
    <form className="k-form" onSubmit={submit} noValidate aria-label={title}>
      {general && <Notice type="error">{general}</Notice>}
      {mode.kind !== 'end' && (
        <SelectField
          id={ids.user_id}
          autoFocus
          label={t('coaches.who')}
          value={user}
          onValue={setUser}
          error={errors[ids.user_id]}
          placeholder={t('assign.choose')}
          options={choices.map((c) => ({ value: c.id, label: c.display_name }))}
          required
        />
      )}
      {mode.kind === 'add' && (
        <SelectField
          id={ids.role}
          label={t('coaches.role')}
          value={role}
          onValue={(v) => setRole(v as FurtherCoachRole)}
          error={errors[ids.role]}
          placeholder={t('coaches.chooseRole')}
          options={FURTHER_COACH_ROLES.map((r) => ({ value: r, label: t(`coachRole.${r}`) }))}
          required
        />
      )}
      <TextareaField
        id={ids.note}
        autoFocus={mode.kind === 'end'}
        label={mode.kind === 'end' ? t('coaches.endNote') : t('coaches.note')}
        value={note}
        onValue={setNote}
        error={errors[ids.note]}
        rows={2}
        optional={!noteRequired}
        required={noteRequired}
      />
      <ButtonGroup>
        <Button
          id={`${p}-submit`}
          type="submit"
          appearance={mode.kind === 'end' ? 'secondary-action-button' : 'primary-action-button'}
          hint={mode.kind === 'end' ? 'danger' : undefined}
          className={mode.kind === 'end' ? 'k-danger' : undefined}
          busy={busy}
          disabled={busy}
        >
          {title}
        </Button>
        {dialog}
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

export function FurtherCoaches({ family, onChanged }: { family: Family; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const canAdd = can('family.coach_add') && can('user.list_staff');
  const list = useApi<Page<FamilyCoach>>((signal) => trajectoryApi.coaches(family.id, signal), [family.id]);
  const staff = useApi<User[]>((signal) => (canAdd ? loadCoaches(signal) : Promise.resolve([])), [canAdd]);
  const [mode, setMode] = useState<Mode | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const active = (list.data?.items ?? []).filter((c) => c.active);
  const past = (list.data?.items ?? []).filter((c) => !c.active);
  const taken = [family.coach_id ?? '', ...active.map((c) => c.user_id)];

  const done = (message: string) => {
    setMode(null);
    setNotice(message);
    list.reload();
    onChanged();
  };

  return (
    <section className="k-card" aria-labelledby="coaches-title">
      <Heading3 id="coaches-title">{t('coaches.title')}</Heading3>
      <Paragraph>
        {t('coaches.main')}: <strong>{family.coach_name ?? t('caseload.noCoach')}</strong>
      </Paragraph>
      {notice && <Notice>{notice}</Notice>}
      {list.loading && !list.data && <Loading />}
      {list.error != null && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && active.length === 0 && <Empty>{t('coaches.none')}</Empty>}
      {active.length > 0 && (
        <ul className="k-list">
          {active.map((c) => (
            <li key={c.id}>
              <strong>{c.display_name}</strong> — {t(`coachRole.${c.role}`)} · {t('coaches.since', { date: formatDate(c.started_on, lang) })}
              {c.note && <div className="k-pre">{c.note}</div>}
              {mode && mode.kind !== 'add' && mode.coach.id === c.id ? (
                <CoachForm family={family} mode={mode} staff={staff.data ?? []} taken={taken} onDone={done} onCancel={() => setMode(null)} />
              ) : (
                <ButtonGroup>
                  {canAdd && can('family.coach_handover') && (
                    <Button appearance="secondary-action-button" onClick={() => setMode({ kind: 'handover', coach: c })}>
                      {t('coaches.handover')}
                    </Button>
                  )}
                  {can('family.coach_end') && (
                    <Button appearance="secondary-action-button" onClick={() => setMode({ kind: 'end', coach: c })}>
                      {t('coaches.end')}
                    </Button>
                  )}
                </ButtonGroup>
              )}
            </li>
          ))}
        </ul>
      )}
      {past.length > 0 && (
        <details>
          <summary>{t('coaches.past', { count: past.length })}</summary>
          <ul className="k-list">
            {past.map((c) => (
              <li key={c.id}>
                {c.display_name} — {t(`coachRole.${c.role}`)} · {formatDate(c.started_on, lang)} – {formatDate(c.ended_on, lang)}
                {c.end_note && <div className="k-pre">{c.end_note}</div>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {canAdd &&
        (mode?.kind === 'add' ? (
          <CoachForm family={family} mode={mode} staff={staff.data ?? []} taken={taken} onDone={done} onCancel={() => setMode(null)} />
        ) : (
          <Button id="coach-add-open" appearance="secondary-action-button" onClick={() => setMode({ kind: 'add' })}>
            {t('coaches.add')}
          </Button>
        ))}
    </section>
  );
}
