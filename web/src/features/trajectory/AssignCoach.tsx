// Assigning the family's one coach (team lead). With a coach already there it is a
// handover, and the note for the new coach is required.
import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup } from '@utrecht/component-library-react';
import type { Family, User } from '../../api/types';
import { useI18n } from '../../i18n';
import { SelectField, TextareaField, focusFirstError } from '../../ui/Field';
import { serverErrors, type Errors } from '../../ui/forms';
import { Notice, useErrorMessage } from '../../ui/States';
import { trajectoryApi } from './api';

interface Props {
  family: Family;
  coaches: User[];
  idPrefix: string;
  onAssigned: (family: Family, coachName: string) => void;
  onCancel?: () => void;
  /** Put focus on the coach picker when the form opens (it was opened on purpose). */
  autoFocus?: boolean;
}

export function AssignCoach({ family, coaches, idPrefix, onAssigned, onCancel, autoFocus }: Props) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const handover = !!family.coach_id;
  const [coach, setCoach] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { coach_id: `${idPrefix}-coach`, note: `${idPrefix}-note` };
  const choices = coaches.filter((c) => c.id !== family.coach_id);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!coach) errs[ids.coach_id] = t('validation.required');
    if (handover && !note.trim()) errs[ids.note] = t('validation.required');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, [ids.coach_id, ids.note]);
    setBusy(true);
    try {
      const updated = await trajectoryApi.assign(family.id, { coach_id: coach, ...(note.trim() ? { note: note.trim() } : {}) });
      onAssigned(updated, coaches.find((c) => c.id === coach)?.display_name ?? '');
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, ids);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.join(' ') || errorMessage(err));
      focusFirstError(fields, [ids.coach_id, ids.note]);
    } finally {
      setBusy(false);
    }
  }

  if (choices.length === 0) return <Notice type="info">{t('assign.noCoaches')}</Notice>;
  return (
    <form className="k-form" onSubmit={submit} noValidate>
      {general && <Notice type="error">{general}</Notice>}
      <SelectField
        id={ids.coach_id}
        autoFocus={autoFocus}
        label={t('assign.coach')}
        value={coach}
        onValue={setCoach}
        error={errors[ids.coach_id]}
        placeholder={t('assign.choose')}
        options={choices.map((c) => ({ value: c.id, label: c.display_name }))}
        required
      />
      {(handover || note) && (
        <TextareaField id={ids.note} label={t('assign.note')} description={t('assign.noteHint')} value={note} onValue={setNote} error={errors[ids.note]} rows={3} required={handover} />
      )}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('assign.submit')}
        </Button>
        {onCancel && (
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </ButtonGroup>
    </form>
  );
}
