import { useRef, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading3 } from '@utrecht/component-library-react';
import { ApiError } from '../../api/client';
import { HOUSEHOLD_ROLES, SEXES, type HouseholdRole, type Member, type MemberInput, type Sex } from '../../api/types';
import { useI18n } from '../../i18n';
import { SelectField, TextField, focusFirstError } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { toDateParts } from '../../ui/dates';
import { checkDate, maxLength, required, serverErrors, type Errors } from '../../ui/forms';
import { Notice, useErrorMessage } from '../../ui/States';
import { familiesApi } from './api';

const FIELD_IDS = {
  given_name: 'member-given-name',
  family_name: 'member-family-name',
  birth_date: 'member-birth-date',
  sex: 'member-sex',
  household_role: 'member-role',
};
const ORDER = Object.values(FIELD_IDS);

interface Props {
  familyId: string;
  member?: Member;
  onSaved: (member: Member) => void;
  onCancel: () => void;
  onConflict: () => void;
}

export function MemberForm({ familyId, member, onSaved, onCancel, onConflict }: Props) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [given, setGiven] = useState(member?.given_name ?? '');
  const [family, setFamily] = useState(member?.family_name ?? '');
  const [birth, setBirth] = useState(toDateParts(member?.birth_date));
  const [sex, setSex] = useState<Sex>(member?.sex ?? 'unknown');
  const [role, setRole] = useState<HouseholdRole>(member?.household_role ?? 'child');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstRef = useRef<HTMLInputElement>(null);


  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const g = required(t, given, 100);
    if (g) errs[FIELD_IDS.given_name] = g;
    const f = maxLength(t, family, 100);
    if (f) errs[FIELD_IDS.family_name] = f;
    const [iso, dateError] = checkDate(t, birth);
    if (dateError) errs[FIELD_IDS.birth_date] = dateError;
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) {
      focusFirstError(errs, ORDER);
      return;
    }
    const body: MemberInput = { given_name: given.trim(), family_name: family.trim(), birth_date: iso, sex, household_role: role };
    setBusy(true);
    try {
      const saved = member
        ? await familiesApi.updateMember(familyId, member.id, body, member.version)
        : await familiesApi.addMember(familyId, body);
      onSaved(saved);
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, FIELD_IDS);
      setErrors(fields);
      if (err instanceof ApiError && err.status === 412) {
        setGeneral(errorMessage(err));
        onConflict();
      } else {
        setGeneral(rest.length ? rest.join(' ') : errorMessage(err));
      }
      focusFirstError(fields, ORDER);
    } finally {
      setBusy(false);
    }
  }

  const headingId = member ? `member-form-${member.id}` : 'member-form-new';
  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <Heading3 id={headingId}>{member ? t('members.editTitle', { name: member.given_name }) : t('members.addTitle')}</Heading3>
      {general && <Notice type="error">{general}</Notice>}
      <div className="k-row">
        <TextField
          id={FIELD_IDS.given_name}
          ref={firstRef}
          autoFocus
          label={t('members.givenName')}
          value={given}
          onValue={setGiven}
          error={errors[FIELD_IDS.given_name]}
          autoComplete="off"
          required
        />
        <TextField
          id={FIELD_IDS.family_name}
          label={t('members.familyName')}
          value={family}
          onValue={setFamily}
          error={errors[FIELD_IDS.family_name]}
          autoComplete="off"
          optional
        />
      </div>
      <div className="k-row">
        <DateField
          id={FIELD_IDS.birth_date}
          legend={t('members.birthDate')}
          value={birth}
          onValue={setBirth}
          error={errors[FIELD_IDS.birth_date]}
          optional
        />
        <SelectField
          id={FIELD_IDS.household_role}
          label={t('members.role')}
          value={role}
          onValue={(v) => setRole(v as HouseholdRole)}
          error={errors[FIELD_IDS.household_role]}
          options={HOUSEHOLD_ROLES.map((r) => ({ value: r, label: t(`householdRole.${r}`) }))}
        />
        <SelectField
          id={FIELD_IDS.sex}
          label={t('members.sex')}
          value={sex}
          onValue={(v) => setSex(v as Sex)}
          error={errors[FIELD_IDS.sex]}
          options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
        />
      </div>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('common.save')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
