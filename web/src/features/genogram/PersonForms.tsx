// Forms for one person: a quick add (parent, partner, child, sibling, or anyone) and the edit form
// with themes. For a relative outside the household who has not consented ("minimal") only a
// first name or role and years are kept: the surname field is hidden and dates take a year only.
import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading3, Heading4 } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { SelectField, TextField, TextareaField, focusFirstError } from '../../ui/Field';
import { maxLength, type Errors } from '../../ui/forms';
import { Notice } from '../../ui/States';
import { CheckField, useFormSubmit } from './common';
import { fromDateInput, isYearOnly, toDateInput } from './dates';
import { GENOGRAM_SEXES, PERSON_KINDS, genogramApi, type Genogram, type GenogramSex, type LinkType, type Person, type PersonInput, type PersonKind } from './api';

function SexField({ id, value, onValue }: { id: string; value: GenogramSex; onValue: (v: GenogramSex) => void }) {
  const { t } = useI18n();
  return (
    <SelectField
      id={id}
      label={t('genogram.person.sex')}
      value={value}
      onValue={(v) => onValue(v as GenogramSex)}
      options={GENOGRAM_SEXES.map((s) => ({ value: s, label: t(`genogram.sex.${s}`) }))}
    />
  );
}

function KindField({ id, value, onValue }: { id: string; value: PersonKind; onValue: (v: PersonKind) => void }) {
  const { t } = useI18n();
  return (
    <SelectField
      id={id}
      label={t('genogram.person.kind')}
      description={t('genogram.person.kindHint')}
      value={value}
      onValue={(v) => onValue(v as PersonKind)}
      options={PERSON_KINDS.map((k) => ({ value: k, label: t(`genogram.personKind.${k}`) }))}
    />
  );
}

/** Partners of a person, for "child of … and …". */
export function partnersOf(g: Genogram, personId: string): Person[] {
  const ids = g.relations.filter((r) => r.type === 'partner' && (r.a === personId || r.b === personId)).map((r) => (r.a === personId ? r.b : r.a));
  return g.persons.filter((p) => ids.includes(p.id));
}

export function QuickAddForm({
  g,
  familyId,
  person,
  link,
  onDone,
  onCancel,
}: {
  g: Genogram;
  familyId: string;
  person?: Person;
  link?: LinkType;
  onDone: (created: Person) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ids = { given_names: 'gq-given', role_label: 'gq-role', surname: 'gq-surname', sex: 'gq-sex', birth: 'gq-birth', other_parent_id: 'gq-other-parent' };
  const order = Object.values(ids);
  const partners = person && link === 'child' ? partnersOf(g, person.id) : [];
  const [given, setGiven] = useState('');
  const [role, setRole] = useState('');
  const [surname, setSurname] = useState('');
  const [sex, setSex] = useState<GenogramSex>('unknown');
  const [kind, setKind] = useState<PersonKind>('born');
  const [birth, setBirth] = useState('');
  const [deceased, setDeceased] = useState(false);
  const [household, setHousehold] = useState(false);
  const [otherParent, setOtherParent] = useState(partners.length === 1 ? partners[0].id : '');
  const { errors, setErrors, general, setGeneral, busy, send } = useFormSubmit(ids, order);
  const name = person?.display_name ?? '';
  const title = link && person ? t(`genogram.quick.${link}Title`, { name }) : t('genogram.addPerson');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!given.trim() && !role.trim() && kind === 'born') errs[ids.given_names] = t('genogram.person.nameOrRole');
    for (const [id, v] of [[ids.given_names, given], [ids.role_label, role], [ids.surname, surname]] as const) {
      const m = maxLength(t, v, 100);
      if (m) errs[id] = m;
    }
    if (!household && !isYearOnly(birth)) errs[ids.birth] = t('genogram.person.yearOnly');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, order);
    const body: Parameters<typeof genogramApi.addPerson>[1] = {
      given_names: given.trim(),
      role_label: role.trim(),
      sex,
      birth: fromDateInput(birth),
      deceased,
    };
    if (kind !== 'born') body.kind = kind;
    if (household) {
      body.in_household = true;
      body.surname = surname.trim();
    }
    if (link && person) body.link = { type: link, person_id: person.id, ...(link === 'child' && otherParent ? { other_parent_id: otherParent } : {}) };
    await send(async () => {
      const created = await genogramApi.addPerson(familyId, body);
      onDone(created.person);
    });
  }

  return (
    <form className="k-form k-geno-subform" onSubmit={submit} noValidate aria-labelledby="gq-title">
      <Heading4 id="gq-title">{title}</Heading4>
      {general && <Notice type="error">{general}</Notice>}
      <TextField id={ids.given_names} autoFocus label={t('genogram.person.givenNames')} value={given} onValue={setGiven} error={errors[ids.given_names]} autoComplete="off" optional />
      <TextField
        id={ids.role_label}
        label={t('genogram.person.roleLabel')}
        description={t('genogram.person.roleLabelHint')}
        value={role}
        onValue={setRole}
        error={errors[ids.role_label]}
        autoComplete="off"
        optional
      />
      {!link && <CheckField id="gq-household" label={t('genogram.person.inHousehold')} checked={household} onChecked={setHousehold} />}
      {household && <TextField id={ids.surname} label={t('genogram.person.surname')} value={surname} onValue={setSurname} error={errors[ids.surname]} autoComplete="off" optional />}
      <div className="k-row">
        <SexField id={ids.sex} value={sex} onValue={setSex} />
        <TextField
          id={ids.birth}
          label={household ? t('genogram.person.birth') : t('genogram.person.birthYear')}
          description={household ? t('genogram.dateHint') : t('genogram.yearHint')}
          value={birth}
          onValue={setBirth}
          error={errors[ids.birth]}
          autoComplete="off"
          optional
        />
      </div>
      <CheckField id="gq-deceased" label={t('genogram.person.deceased')} checked={deceased} onChecked={setDeceased} />
      {link === 'child' && <KindField id="gq-kind" value={kind} onValue={setKind} />}
      {link === 'child' && partners.length > 0 && (
        <SelectField
          id={ids.other_parent_id}
          label={t('genogram.quick.otherParent')}
          value={otherParent}
          onValue={setOtherParent}
          placeholder={t('genogram.quick.noOtherParent')}
          options={partners.map((p) => ({ value: p.id, label: p.display_name }))}
        />
      )}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('common.add')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

export function PersonForm({
  g,
  familyId,
  person,
  onSaved,
  onConflict,
}: {
  g: Genogram;
  familyId: string;
  person: Person;
  onSaved: (p: Person) => void;
  onConflict: () => void;
}) {
  const { t } = useI18n();
  const ids = { given_names: 'gp-given', surname: 'gp-surname', role_label: 'gp-role', sex: 'gp-sex', birth: 'gp-birth', death: 'gp-death', note: 'gp-note' };
  const order = Object.values(ids);
  const [given, setGiven] = useState(person.given_names);
  const [surname, setSurname] = useState(person.surname);
  const [role, setRole] = useState(person.role_label);
  const [sex, setSex] = useState<GenogramSex>(person.sex);
  const [kind, setKind] = useState<PersonKind>(person.kind ?? 'born');
  const [birth, setBirth] = useState(toDateInput(person.birth));
  const [death, setDeath] = useState(toDateInput(person.death));
  const [deceased, setDeceased] = useState(person.deceased);
  const [indexPerson, setIndexPerson] = useState(person.index_person);
  const [household, setHousehold] = useState(person.in_household);
  const [consent, setConsent] = useState(person.details === 'full');
  const [themes, setThemes] = useState<string[]>(person.themes);
  const [note, setNote] = useState(person.note ?? '');
  const { errors, setErrors, general, setGeneral, busy, send } = useFormSubmit(ids, order);
  const minimal = !household && !consent;
  const strengths = g.themes.filter((x) => x.strength);
  const concerns = g.themes.filter((x) => !x.strength);

  function toggleTheme(id: string, on: boolean) {
    setThemes((xs) => (on ? [...xs.filter((x) => x !== id), id] : xs.filter((x) => x !== id)));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!given.trim() && !role.trim() && kind === 'born') errs[ids.given_names] = t('genogram.person.nameOrRole');
    for (const [id, v] of [[ids.given_names, given], [ids.role_label, role], [ids.surname, surname]] as const) {
      const m = maxLength(t, v, 100);
      if (m) errs[id] = m;
    }
    if (minimal) {
      if (!isYearOnly(birth)) errs[ids.birth] = t('genogram.person.yearOnly');
      if (!isYearOnly(death)) errs[ids.death] = t('genogram.person.yearOnly');
    }
    const n = maxLength(t, note, 4000);
    if (n) errs[ids.note] = n;
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, order);
    const body: PersonInput = {
      given_names: given.trim(),
      role_label: role.trim(),
      sex,
      birth: fromDateInput(birth),
      death: fromDateInput(death),
      deceased: deceased || !!death.trim(),
      index_person: indexPerson,
      in_household: household,
      details: household || consent ? 'full' : 'minimal',
      themes,
    };
    // kind came after the first contract: send it only when it is there or changed.
    if (person.kind !== undefined || kind !== 'born') body.kind = kind;
    // Without consent no surname is kept: unticking consent clears it (the hint says so).
    if (!minimal) body.surname = surname.trim();
    else if (person.surname) body.surname = '';
    if (g.notes_visible) body.note = note.trim();
    await send(async () => {
      onSaved(await genogramApi.updatePerson(familyId, person.id, body, person.version));
    }, onConflict);
  }

  return (
    <form className="k-form" onSubmit={submit} noValidate aria-labelledby="gp-title">
      <Heading3 id="gp-title">{t('genogram.person.details')}</Heading3>
      {general && <Notice type="error">{general}</Notice>}
      <TextField id={ids.given_names} label={t('genogram.person.givenNames')} value={given} onValue={setGiven} error={errors[ids.given_names]} autoComplete="off" optional />
      {!minimal && <TextField id={ids.surname} label={t('genogram.person.surname')} value={surname} onValue={setSurname} error={errors[ids.surname]} autoComplete="off" optional />}
      <TextField
        id={ids.role_label}
        label={t('genogram.person.roleLabel')}
        description={t('genogram.person.roleLabelHint')}
        value={role}
        onValue={setRole}
        error={errors[ids.role_label]}
        autoComplete="off"
        optional
      />
      <SexField id={ids.sex} value={sex} onValue={setSex} />
      {(person.kind !== undefined || kind !== 'born') && <KindField id="gp-kind" value={kind} onValue={setKind} />}
      <div className="k-row">
        <TextField
          id={ids.birth}
          label={minimal ? t('genogram.person.birthYear') : t('genogram.person.birth')}
          description={minimal ? t('genogram.yearHint') : t('genogram.dateHint')}
          value={birth}
          onValue={setBirth}
          error={errors[ids.birth]}
          autoComplete="off"
          optional
        />
        <TextField
          id={ids.death}
          label={minimal ? t('genogram.person.deathYear') : t('genogram.person.death')}
          value={death}
          onValue={setDeath}
          error={errors[ids.death]}
          autoComplete="off"
          optional
        />
      </div>
      <CheckField id="gp-deceased" label={t('genogram.person.deceased')} checked={deceased || !!death.trim()} onChecked={setDeceased} />
      <CheckField id="gp-index" label={t('genogram.person.indexPerson')} description={t('genogram.person.indexPersonHint')} checked={indexPerson} onChecked={setIndexPerson} />
      <CheckField id="gp-household" label={t('genogram.person.inHousehold')} checked={household} onChecked={setHousehold} />
      {!household && (
        <CheckField
          id="gp-consent"
          label={t('genogram.person.consent')}
          description={t('genogram.person.consentHint')}
          checked={consent}
          onChecked={setConsent}
        />
      )}
      {g.themes.length > 0 && (
        <fieldset className="k-fieldset k-geno-themes">
          <legend>{t('genogram.person.themes')}</legend>
          {strengths.length > 0 && (
            <div role="group" aria-labelledby="gp-strengths">
              <p id="gp-strengths" className="k-geno-themes__title">
                {t('genogram.strengths')}
              </p>
              {strengths.map((x) => (
                <CheckField key={x.id} id={`gp-theme-${x.id}`} label={x.label} checked={themes.includes(x.id)} onChecked={(on) => toggleTheme(x.id, on)} />
              ))}
            </div>
          )}
          {concerns.length > 0 && (
            <div role="group" aria-labelledby="gp-concerns">
              <p id="gp-concerns" className="k-geno-themes__title">
                {t('genogram.concerns')}
              </p>
              {concerns.map((x) => (
                <CheckField key={x.id} id={`gp-theme-${x.id}`} label={x.label} checked={themes.includes(x.id)} onChecked={(on) => toggleTheme(x.id, on)} />
              ))}
            </div>
          )}
        </fieldset>
      )}
      {g.notes_visible && <TextareaField id={ids.note} label={t('genogram.person.note')} description={t('genogram.person.noteHint')} value={note} onValue={setNote} error={errors[ids.note]} rows={3} optional />}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('common.save')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
