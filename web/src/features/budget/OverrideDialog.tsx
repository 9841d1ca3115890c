// The team lead's approval above what is left (issue 11): the API lets `{"as":"team_lead"}` carry
// an `override_reason`, and then nothing stops the commit. That is a real decision, so it is a
// confirmation dialog that says what it does ("the budget goes € X over") and asks why; without
// a reason nothing is sent.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatMoney } from '../../i18n/format';
import { TextareaField } from '../../ui/Field';
import { required, type Errors } from '../../ui/forms';
import { Notice } from '../../ui/States';
import { useFailure } from '../plan/common';
import { categoryLabel } from '../plan/labels';
import { budgetApi, type ApproverRole, type SpendingRequest } from './api';
import './override.css';

const MAX_REASON = 1000;

export function OverrideDialog({ familyId, request: r, balanceCents, stillMissing, onDone, onClose }: { familyId: string; request: SpendingRequest; balanceCents: number; stillMissing: ApproverRole[]; onDone: () => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  const fail = useFailure();
  const ref = useRef<HTMLDialogElement>(null);
  const id = `override-${r.id}-reason`;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const over = Math.max(0, r.amount_cents - balanceCents);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const err = reason.trim() ? required(t, reason, MAX_REASON) : t('budgetOverride.reasonRequired');
    setErrors(err ? { [id]: err } : {});
    setGeneral(null);
    if (err) {
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    try {
      await budgetApi.approve(familyId, r.id, { as: 'team_lead', override_reason: reason.trim() });
      onDone();
    } catch (er) {
      const f = fail(er, { override_reason: id });
      setErrors(f.fields);
      setGeneral(f.general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="k-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-what ${id}-consequence`} onCancel={onClose}>
      <form className="k-form" onSubmit={submit} noValidate>
        <Heading2 id={`${id}-title`}>{t('budgetOverride.title')}</Heading2>
        <Paragraph id={`${id}-what`}>
          {t('budgetOverride.what', { amount: formatMoney(r.amount_cents), what: r.description, category: categoryLabel(r.category, lang), left: formatMoney(balanceCents) })}
        </Paragraph>
        <p id={`${id}-consequence`} className="k-override-consequence" data-testid="override-consequence">
          {over > 0 ? t('budgetOverride.consequence', { over: formatMoney(over) }) : t('budgetOverride.consequencePot')}
        </p>
        {stillMissing.length > 0 && <Paragraph className="k-muted">{t('budgetOverride.stillWaiting', { who: stillMissing.map((m) => t(`budget.role.${m}`)).join(', ') })}</Paragraph>}
        {general && <Notice type="error">{general}</Notice>}
        <TextareaField id={id} autoFocus label={t('budgetOverride.reason')} description={t('budgetOverride.reasonHint')} value={reason} onValue={setReason} error={errors[id]} rows={3} maxLength={MAX_REASON} required />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" hint="danger" busy={busy} disabled={busy}>
            {t('budgetOverride.confirm')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </ButtonGroup>
      </form>
    </dialog>
  );
}
