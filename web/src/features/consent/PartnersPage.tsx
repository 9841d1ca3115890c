// Team lead: the partner organisations that consent to share may name (name, kind, contact).
// A list instead of free text, so a typo cannot silently break who may receive data.
import { useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { Page } from '../../api/types';
import { useI18n } from '../../i18n';
import { StatusBadge } from '../../ui/Badges';
import { SelectField, TextField, focusFirstError } from '../../ui/Field';
import { useConfirm } from '../../ui/ConfirmDialog';
import { maxLength, required, serverErrors, type Errors } from '../../ui/forms';
import { ListStates, Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { PARTNER_KINDS, consentApi, type PartnerKind, type PartnerOrganisation } from './api';
import { ListTable } from '../../ui/ListTable';

const IDS = { name: 'partner-name', kind: 'partner-kind', contact: 'partner-contact' };

function AddPartner({ onSaved }: { onSaved: (p: PartnerOrganisation) => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PartnerKind | ''>('');
  const [contact, setContact] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const n = required(t, name, 200);
    if (n) errs[IDS.name] = n;
    if (!kind) errs[IDS.kind] = t('select.required');
    const c = maxLength(t, contact, 500);
    if (c) errs[IDS.contact] = c;
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(IDS));
    setBusy(true);
    try {
      const p = await consentApi.addPartner({ name: name.trim(), kind: kind as PartnerKind, contact: contact.trim() });
      setName('');
      setContact('');
      onSaved(p);
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, IDS);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.join(' ') || errorMessage(err));
      focusFirstError(fields, Object.values(IDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="partner-add">
      <Heading2 id="partner-add">{t('partners.add')}</Heading2>
      {general && <Notice type="error">{general}</Notice>}
      <div className="k-row">
        <TextField id={IDS.name} label={t('partners.name')} value={name} onValue={setName} error={errors[IDS.name]} autoComplete="off" required />
        <SelectField
          id={IDS.kind}
          label={t('partners.kind')}
          value={kind}
          onValue={(v) => setKind(v as PartnerKind)}
          error={errors[IDS.kind]}
          placeholder={t('select.choose')}
          required
          options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partnerKind.${k}`) }))}
        />
      </div>
      <TextField id={IDS.contact} label={t('partners.contact')} description={t('partners.contactHint')} value={contact} onValue={setContact} error={errors[IDS.contact]} autoComplete="off" optional />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('partners.addSubmit')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

export default function PartnersPage() {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  usePageTitle(t('partners.title'));
  const list = useApi<Page<PartnerOrganisation>>((signal) => consentApi.partners(signal), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { confirm, dialog } = useConfirm();

  async function toggle(p: PartnerOrganisation) {
    setError(null);
    const name = p.name;
    if (p.active && !(await confirm({ title: t('confirm.partnerTitle', { name }), text: t('confirm.partnerText', { name }), confirmLabel: t('confirm.partnerYes') }))) return;
    try {
      await consentApi.updatePartner(p.id, { active: !p.active }, p.version);
      setNotice(t(p.active ? 'partners.deactivated' : 'partners.activated', { name: p.name }));
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section aria-labelledby="page-title">
      <Heading1 id="page-title">{t('partners.title')}</Heading1>
      <Paragraph className="k-lead">{t('partners.intro')}</Paragraph>
      {notice && <Notice>{notice}</Notice>}
      {error && <Notice type="error">{error}</Notice>}
      {dialog}
      <AddPartner
        onSaved={(p) => {
          setNotice(t('partners.saved', { name: p.name }));
          list.reload();
        }}
      />
      <ListStates list={list} empty={t('partners.empty')}>
        {(items) => (
          <ListTable
            caption={t('partners.title')}
            columns={[t('partners.name'), t('partners.kind'), t('partners.contact'), t('consent.status')]}
          >
            {items.map((p) => (
              <TableRow key={p.id}>
                <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                <TableCell>{t(`partnerKind.${p.kind}`)}</TableCell>
                <TableCell>{p.contact || '—'}</TableCell>
                <TableCell>
                  <StatusBadge state={p.active ? 'on' : 'off'}>{p.active ? t('partners.active') : t('partners.inactive')}</StatusBadge>
                </TableCell>
                <TableCell className="k-actions">
                  <Button appearance="subtle-button" hint={p.active ? 'danger' : undefined} className={p.active ? 'k-danger' : undefined} onClick={() => toggle(p)}>
                    {p.active ? t('partners.deactivate', { name: p.name }) : t('partners.activate', { name: p.name })}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </ListTable>
        )}
      </ListStates>
    </section>
  );
}
