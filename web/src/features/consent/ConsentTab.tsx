// Consent per purpose (coaching, sharing with a named partner, research): who gave it,
// when and how, and withdrawal. Later features ask the server "may I?" before sharing.
import { useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { CONSENT_METHODS, CONSENT_PURPOSES, type ConsentMethod, type ConsentPurpose, type Member, type Page } from '../../api/types';
import { useI18n } from '../../i18n';
import { ageOn, formatDate, todayIso } from '../../i18n/format';
import { ConsentBadge } from '../../ui/Badges';
import { SelectField, TextareaField, focusFirstError } from '../../ui/Field';
import { useConfirm } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { toDateParts } from '../../ui/dates';
import { checkDate, maxLength, serverErrors, type Errors } from '../../ui/forms';
import { Notice, useErrorMessage, ListStates } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import type { TabProps } from '../families/FamilyPage';
import { trajectoryApi } from '../trajectory/api';
import { useCan } from '../auth/session';
import { consentApi, type PartnerOrganisation, type PersonConsent } from './api';
import { ListTable } from '../../ui/ListTable';

type Consent = PersonConsent;

const IDS = {
  purpose: 'consent-purpose',
  partner_organisation_id: 'consent-partner',
  partner_organisation: 'consent-partner',
  subject_member_id: 'consent-subject',
  given_by_member_id: 'consent-given-by',
  given_by: 'consent-given-by',
  given_on: 'consent-given-on',
  method: 'consent-method',
};
const ORDER = ['consent-purpose', 'consent-partner', 'consent-subject', 'consent-given-by', 'consent-given-on', 'consent-method'];

const memberName = (m: Member) => `${m.given_name} ${m.family_name}`.trim();

function ConsentForm({ familyId, members, onSaved, onCancel }: { familyId: string; members: Member[]; onSaved: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const errorMessage = useErrorMessage();
  const partners = useApi<Page<PartnerOrganisation>>((signal) => consentApi.partners(signal), []);
  const parents = members.filter((m) => m.household_role === 'parent');
  const [purpose, setPurpose] = useState<ConsentPurpose>('coaching');
  const [partner, setPartner] = useState('');
  const [subject, setSubject] = useState('');
  const [givenBy, setGivenBy] = useState(parents[0]?.id ?? members[0]?.id ?? '');
  const [givenOn, setGivenOn] = useState(toDateParts(todayIso()));
  const [method, setMethod] = useState<ConsentMethod | ''>('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const activePartners = (partners.data?.items ?? []).filter((p) => p.active);

  // Who gives it follows the person it is about: 16 or older themselves, younger a parent.
  function chooseSubject(id: string) {
    setSubject(id);
    const m = members.find((x) => x.id === id);
    if (!m) return;
    const age = ageOn(m.birth_date);
    if (age !== null && age >= 16) setGivenBy(m.id);
    else if (parents[0]) setGivenBy(parents[0].id);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (purpose === 'sharing' && !partner) errs[IDS.partner_organisation_id] = t('consent.partnerChoose');
    if (!givenBy) errs[IDS.given_by_member_id] = t('consent.givenByChoose');
    const [iso, dateErr] = checkDate(t, givenOn, { required: true, min: '2000-01-01' });
    if (dateErr) errs[IDS.given_on] = dateErr;
    if (!method) errs[IDS.method] = t('select.required');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, ORDER);
    setBusy(true);
    try {
      await consentApi.add(familyId, {
        purpose,
        ...(purpose === 'sharing' ? { partner_organisation_id: partner } : {}),
        ...(subject ? { subject_member_id: subject } : {}),
        given_by_member_id: givenBy,
        given_on: iso!,
        method: method as ConsentMethod,
      });
      onSaved();
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, IDS);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.join(' ') || errorMessage(err));
      focusFirstError(fields, ORDER);
    } finally {
      setBusy(false);
    }
  }

  const memberOptions = members.map((m) => ({ value: m.id, label: memberName(m) }));
  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="consent-form-title">
      <Heading3 id="consent-form-title">{t('consent.add')}</Heading3>
      {general && <Notice type="error">{general}</Notice>}
      <SelectField
        id={IDS.purpose}
        autoFocus
        label={t('consent.purpose')}
        value={purpose}
        onValue={(v) => setPurpose(v as ConsentPurpose)}
        error={errors[IDS.purpose]}
        options={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
      />
      {purpose === 'sharing' && (
        <>
          <SelectField
            id={IDS.partner_organisation_id}
            label={t('consent.partner')}
            description={t('consent.partnerFromList')}
            value={partner}
            onValue={setPartner}
            error={errors[IDS.partner_organisation_id]}
            placeholder={t('consent.partnerChoose')}
            options={activePartners.map((p) => ({ value: p.id, label: `${p.name} (${t(`partnerKind.${p.kind}`)})` }))}
          />
          {partners.data && activePartners.length === 0 && (
            <Notice type="info">{can('partner_org.create') ? t('consent.partnerNoneLead') : t('consent.partnerNone')}</Notice>
          )}
        </>
      )}
      <div className="k-row">
        <SelectField
          id={IDS.subject_member_id}
          label={t('consent.subject')}
          description={t('consent.subjectHint')}
          value={subject}
          onValue={chooseSubject}
          error={errors[IDS.subject_member_id]}
          options={[{ value: '', label: t('consent.subjectFamily') }, ...memberOptions]}
        />
        <SelectField
          id={IDS.given_by_member_id}
          label={t('consent.givenBy')}
          description={t('consent.whoMayHint')}
          value={givenBy}
          onValue={setGivenBy}
          error={errors[IDS.given_by_member_id]}
          options={memberOptions}
        />
      </div>
      <DateField id={IDS.given_on} legend={t('consent.givenOn')} value={givenOn} onValue={setGivenOn} error={errors[IDS.given_on]} required />
      <SelectField
        id={IDS.method}
        label={t('consent.method')}
        value={method}
        onValue={(v) => setMethod(v as ConsentMethod)}
        error={errors[IDS.method]}
        placeholder={t('select.choose')}
        required
        options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
      />
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

function WithdrawForm({ familyId, consent, onDone, onCancel }: { familyId: string; consent: Consent; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [date, setDate] = useState(toDateParts(todayIso()));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { withdrawn_on: `withdraw-${consent.id}-date`, note: `withdraw-${consent.id}-note` };
  const { confirm, dialog } = useConfirm();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const [iso, dateErr] = checkDate(t, date, { required: true, min: consent.given_on });
    if (dateErr) errs[ids.withdrawn_on] = dateErr;
    const n = maxLength(t, note, 2000);
    if (n) errs[ids.note] = n;
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(ids));
    const what = consent.purpose === 'sharing' && consent.partner_organisation ? `${t('purpose.sharing')}: ${consent.partner_organisation}` : t(`purpose.${consent.purpose}`);
    if (!(await confirm({ title: t('confirm.withdrawTitle'), text: t('confirm.withdrawText', { what }), confirmLabel: t('confirm.withdrawYes') }))) return;
    setBusy(true);
    try {
      await trajectoryApi.withdrawConsent(familyId, consent.id, { withdrawn_on: iso!, ...(note.trim() ? { note: note.trim() } : {}) });
      onDone();
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, ids);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.join(' ') || errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-form" onSubmit={submit} noValidate aria-label={t('consent.withdrawFor', { purpose: t(`purpose.${consent.purpose}`) })}>
      {general && <Notice type="error">{general}</Notice>}
      <DateField id={ids.withdrawn_on} autoFocus legend={t('consent.withdrawOn')} value={date} onValue={setDate} error={errors[ids.withdrawn_on]} required />
      {dialog}
      <TextareaField id={ids.note} label={t('consent.withdrawNote')} value={note} onValue={setNote} error={errors[ids.note]} rows={2} optional />
      <ButtonGroup>
        <Button type="submit" appearance="secondary-action-button" hint="danger" className="k-danger" busy={busy} disabled={busy}>
          {t('consent.withdraw')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

export default function ConsentTab({ family, reload }: TabProps) {
  const { t, lang } = useI18n();
  const consents = useApi<Page<Consent>>((signal) => consentApi.consents(family.id, signal), [family.id]);
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const members = family.members ?? [];
  const about = (c: Consent) => {
    const m = members.find((x) => x.id === c.subject_member_id);
    return m ? memberName(m) : t('consent.subjectFamily');
  };
  const purposeText = (c: Consent) => (c.purpose === 'sharing' && c.partner_organisation ? `${t('purpose.sharing')}: ${c.partner_organisation}` : t(`purpose.${c.purpose}`));

  return (
    <section aria-labelledby="consent-title">
      <div className="k-toolbar">
        <Heading2 id="consent-title">{t('consent.title')}</Heading2>
        {!adding && consents.error == null && (
          <Button
            appearance="primary-action-button"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            {t('consent.add')}
          </Button>
        )}
      </div>
      <Paragraph className="k-lead">{t('consent.intro')}</Paragraph>
      {notice && <Notice>{notice}</Notice>}
      {adding && (
        <ConsentForm
          familyId={family.id}
          members={members}
          onSaved={() => {
            setAdding(false);
            setNotice(t('consent.saved'));
            consents.reload();
            reload();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <ListStates list={consents} empty={t('consent.empty')}>
        {(items) => (
          <ListTable
            caption={t('consent.caption')}
            columns={[t('consent.purpose'), t('consent.subject'), t('consent.givenBy'), t('consent.givenOn'), t('consent.method'), t('consent.status')]}
          >
            {items.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{purposeText(c)}</TableCell>
                <TableCell>{about(c)}</TableCell>
                <TableCell>
                  {c.given_by}
                  <div className="k-muted">
                    {t('consent.recordedBy')}: {c.recorded_by_name}
                  </div>
                </TableCell>
                <TableCell className="k-date">{formatDate(c.given_on, lang)}</TableCell>
                <TableCell>{t(`method.${c.method}`)}</TableCell>
                <TableCell>
                  {c.withdrawn_on ? (
                    <>
                      <ConsentBadge given={false}>{t('consent.withdrawn', { date: formatDate(c.withdrawn_on, lang) })}</ConsentBadge>
                      {c.withdrawal_note && <div className="k-muted">{c.withdrawal_note}</div>}
                    </>
                  ) : (
                    <ConsentBadge given>{t('consent.active')}</ConsentBadge>
                  )}
                </TableCell>
                <TableCell className={withdrawing === c.id ? undefined : 'k-actions'}>
                  {!c.withdrawn_on &&
                    (withdrawing === c.id ? (
                      <WithdrawForm
                        familyId={family.id}
                        consent={c}
                        onDone={() => {
                          setWithdrawing(null);
                          setNotice(t('consent.withdrawnDone'));
                          consents.reload();
                          reload();
                        }}
                        onCancel={() => setWithdrawing(null)}
                      />
                    ) : (
                      <Button
                        appearance="subtle-button"
                        aria-label={t('consent.withdrawFor', { purpose: purposeText(c) })}
                        onClick={() => {
                          setNotice(null);
                          setWithdrawing(c.id);
                        }}
                      >
                        {t('consent.withdraw')}
                      </Button>
                    ))}
                </TableCell>
              </TableRow>
            ))}
          </ListTable>
        )}
      </ListStates>
    </section>
  );
}
