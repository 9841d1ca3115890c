// Referral ("aanmelding"): who referred the family, why, how to reach them, and who
// belongs to the household. The family then waits on the list for a coach.
import { useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { Button, ButtonGroup, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useNavigate } from 'react-router';
import { HOUSEHOLD_ROLES, REFERRER_KINDS, type HouseholdRole, type Page, type Programme, type ReferrerKind, type ReferrerKindItem } from '../../api/types';
import { useI18n } from '../../i18n';
import { SelectField, TextField, TextareaField, focusFirstError } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { EMPTY_DATE, type DateParts } from '../../ui/dates';
import { checkDate, maxLength, required, serverErrors, type Errors } from '../../ui/forms';
import { Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { loadProgrammes } from '../families/api';
import { referrerKindLabel, trajectoryApi } from './api';

interface MemberDraft {
  key: number;
  given: string;
  family: string;
  birth: DateParts;
  role: HouseholdRole;
}

const IDS = {
  family_name: 'ref-family-name',
  programme_id: 'ref-programme',
  referrer_organisation: 'ref-organisation',
  referrer_kind: 'ref-kind',
  reason: 'ref-reason',
  contact: 'ref-phone',
  'contact.phone': 'ref-phone',
  'contact.email': 'ref-email',
  'contact.address': 'ref-address',
};

export default function ReferralPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  usePageTitle(t('referral.title'));
  const programmes = useApi<Programme[] | null>((signal) => loadProgrammes(signal).catch(() => null), []);
  const [familyName, setFamilyName] = useState('');
  const [programme, setProgramme] = useState('');
  const [organisation, setOrganisation] = useState('');
  // The organisation's own list of referrer kinds; the defaults when it cannot be read.
  const kinds = useApi<Page<ReferrerKindItem> | null>((signal) => trajectoryApi.referrerKinds(signal).catch(() => null), []);
  const kindItems: ReferrerKindItem[] = kinds.data?.items ?? REFERRER_KINDS.map((code) => ({ code, label: code }));
  // No kind chosen beforehand: a ready answer ("Woningcorporatie") would be the easy wrong one.
  const [kind, setKind] = useState<ReferrerKind>('');
  const [reason, setReason] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [address, setAddress] = useState('');
  const [members, setMembers] = useState<MemberDraft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setMember = (key: number, patch: Partial<MemberDraft>) =>
    setMembers((ms) => ms.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  function addMember() {
    const key = nextKey;
    flushSync(() => {
      setNextKey(key + 1);
      setMembers((ms) => [...ms, { key, given: '', family: '', birth: EMPTY_DATE, role: ms.length === 0 ? 'parent' : 'child' }]);
    });
    document.getElementById(`ref-m${key}-given`)?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const order: string[] = [IDS.family_name, IDS.referrer_organisation, IDS.referrer_kind, IDS.reason, 'ref-phone', 'ref-email', 'ref-address'];
    const set = (id: string, msg: string | null) => {
      if (msg) errs[id] = msg;
    };
    set(IDS.family_name, required(t, familyName, 200));
    set(IDS.referrer_organisation, required(t, organisation, 200));
    if (!kind) errs[IDS.referrer_kind] = t('select.required');
    set(IDS.reason, required(t, reason, 2000));
    if (!phone.trim() && !email.trim() && !address.trim()) errs['ref-phone'] = t('validation.contact');
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errs['ref-email'] = t('validation.email');
    const memberInputs = members.map((m) => {
      const gid = `ref-m${m.key}-given`;
      const bid = `ref-m${m.key}-birth`;
      order.push(gid, bid);
      set(gid, required(t, m.given, 100));
      set(`ref-m${m.key}-family`, maxLength(t, m.family, 100));
      const [iso, dateErr] = checkDate(t, m.birth);
      set(bid, dateErr);
      return { given_name: m.given.trim(), family_name: m.family.trim(), birth_date: iso, household_role: m.role, sex: 'unknown' as const };
    });
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) {
      setGeneral(t('state.fixErrors'));
      return focusFirstError(errs, order);
    }
    const contact: Record<string, string> = {};
    if (phone.trim()) contact.phone = phone.trim();
    if (email.trim()) contact.email = email.trim();
    if (address.trim()) contact.address = address.trim();
    setBusy(true);
    try {
      const family = await trajectoryApi.refer({
        family_name: familyName.trim(),
        programme_id: programme || undefined,
        referrer_organisation: organisation.trim(),
        referrer_kind: kind,
        reason: reason.trim(),
        contact,
        members: memberInputs,
      });
      navigate(`/gezinnen/${family.id}/overzicht`, { state: { notice: t('referral.done') } });
    } catch (err) {
      const ids: Record<string, string> = { ...IDS };
      members.forEach((m, i) => {
        ids[`members[${i}].given_name`] = `ref-m${m.key}-given`;
        ids[`members.${i}.given_name`] = `ref-m${m.key}-given`;
        ids[`members[${i}].birth_date`] = `ref-m${m.key}-birth`;
        ids[`members.${i}.birth_date`] = `ref-m${m.key}-birth`;
      });
      const { fields, general: rest } = serverErrors(err, ids);
      setErrors(fields);
      setGeneral(rest.length ? rest.join(' ') : errorMessage(err));
      focusFirstError(fields, order);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="page-title">
      <Heading1 id="page-title">{t('referral.title')}</Heading1>
      <Paragraph className="k-lead">{t('referral.intro')}</Paragraph>
      {general && <Notice type="error">{general}</Notice>}
      <form className="k-form" onSubmit={submit} noValidate>
        <TextField
          id={IDS.family_name}
          label={t('referral.familyName')}
          description={t('referral.familyNameHint')}
          value={familyName}
          onValue={setFamilyName}
          error={errors[IDS.family_name]}
          autoComplete="off"
          required
        />
        {programmes.data && programmes.data.length > 0 && (
          <SelectField
            id={IDS.programme_id}
            label={t('referral.programme')}
            value={programme}
            onValue={setProgramme}
            error={errors[IDS.programme_id]}
            placeholder={t('referral.noProgramme')}
            options={programmes.data.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        <fieldset className="k-fieldset">
          <legend>{t('referral.who')}</legend>
          <TextField id={IDS.referrer_organisation} label={t('referral.organisation')} value={organisation} onValue={setOrganisation} error={errors[IDS.referrer_organisation]} required />
          <SelectField
            id={IDS.referrer_kind}
            label={t('referral.kind')}
            value={kind}
            onValue={(v) => setKind(v as ReferrerKind)}
            error={errors[IDS.referrer_kind]}
            placeholder={t('select.choose')}
            required
            options={kindItems.map((k) => ({ value: k.code, label: referrerKindLabel(t, k.code, kindItems) }))}
          />
          <TextareaField id={IDS.reason} label={t('referral.reason')} description={t('referral.reasonHint')} value={reason} onValue={setReason} error={errors[IDS.reason]} rows={4} required />
        </fieldset>
        <fieldset className="k-fieldset">
          <legend>{t('referral.contact')}</legend>
          <Paragraph className="k-muted">{t('referral.contactHint')}</Paragraph>
          <TextField id="ref-phone" type="tel" label={t('family.phone')} value={phone} onValue={setPhone} error={errors['ref-phone']} autoComplete="off" optional />
          <TextField id="ref-email" type="email" label={t('family.email')} value={email} onValue={setEmail} error={errors['ref-email']} autoComplete="off" optional />
          <TextField id="ref-address" label={t('family.address')} value={address} onValue={setAddress} error={errors['ref-address']} autoComplete="off" optional />
        </fieldset>
        <fieldset className="k-fieldset">
          <legend>{t('referral.household')}</legend>
          <Paragraph className="k-muted">{t('referral.householdHint')}</Paragraph>
          <div className="k-member-rows">
            {members.map((m, i) => (
              <fieldset key={m.key} className="k-fieldset">
                <legend>{t('referral.member', { n: i + 1 })}</legend>
                <div className="k-row">
                  <TextField id={`ref-m${m.key}-given`} label={t('members.givenName')} value={m.given} onValue={(v) => setMember(m.key, { given: v })} error={errors[`ref-m${m.key}-given`]} autoComplete="off" required />
                  <TextField id={`ref-m${m.key}-family`} label={t('members.familyName')} value={m.family} onValue={(v) => setMember(m.key, { family: v })} error={errors[`ref-m${m.key}-family`]} autoComplete="off" optional />
                </div>
                <div className="k-row">
                  <DateField
                    id={`ref-m${m.key}-birth`}
                    legend={t('members.birthDate')}
                    value={m.birth}
                    onValue={(v) => setMember(m.key, { birth: v })}
                    error={errors[`ref-m${m.key}-birth`]}
                    optional
                  />
                  <SelectField
                    id={`ref-m${m.key}-role`}
                    label={t('members.role')}
                    value={m.role}
                    onValue={(v) => setMember(m.key, { role: v as HouseholdRole })}
                    options={HOUSEHOLD_ROLES.map((r) => ({ value: r, label: t(`householdRole.${r}`) }))}
                  />
                </div>
                <div>
                  <Button type="button" appearance="subtle-button" onClick={() => setMembers((ms) => ms.filter((x) => x.key !== m.key))}>
                    {t('referral.removeMember', { n: i + 1 })}
                  </Button>
                </div>
              </fieldset>
            ))}
          </div>
          <div>
            <Button type="button" appearance="secondary-action-button" onClick={addMember}>
              {t('referral.addMember')}
            </Button>
          </div>
        </fieldset>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('referral.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
