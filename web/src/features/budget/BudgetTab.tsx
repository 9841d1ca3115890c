// The family budget at the kitchen table: what is left as one clear figure and a bar, what was
// asked for and who agreed, and the ledger (append-only: a correction is a reversing line).
// The family agrees on the coach's tablet: the member chooses their name and types it to sign.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatMoney, parseEuro, todayIso } from '../../i18n/format';
import { Badge } from '../../ui/Badges';
import { SelectField, TextField, TextareaField, focusFirstError } from '../../ui/Field';
import { useConfirm } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { toDateParts, type DateParts } from '../../ui/dates';
import { checkDate, required, type Errors } from '../../ui/forms';
import { ErrorState, Empty, Loading, Notice } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useCan } from '../auth/session';
import type { TabProps } from '../families/FamilyPage';
import { householdOf, useFailure, useSaving } from '../plan/common';
import { planApi, type Goal } from '../plan/api';
import { categoryLabel } from '../plan/labels';
import { ApiError } from '../../api/client';
import { OverrideDialog } from './OverrideDialog';
import { budgetApi, PAYMENT_METHODS, type ApproverRole, type Budget, type PaymentMethod, type SpendingRequest } from './api';
import '../plan/plan.css';
import { TableWrap } from '../../ui/TableWrap';

type Member = { id: string; name: string };
const MAX_RECEIPT = 5 * 1024 * 1024;

const REQ_IDS = { amount_cents: 'req-amount', category: 'req-category', goal_id: 'req-goal', supplier: 'req-supplier', description: 'req-description' };

function RequestForm({ familyId, budget, goals, onSaved, onCancel }: { familyId: string; budget: Budget; goals: Goal[]; onSaved: () => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [amount, setAmount] = useState('');
  const [category, setCategory] = useState('');
  const [goal, setGoal] = useState('');
  const [supplier, setSupplier] = useState('');
  const [description, setDescription] = useState('');
  const { errors, setErrors, general, setGeneral, busy, run } = useSaving();
  const cents = parseEuro(amount);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!amount.trim()) errs[REQ_IDS.amount_cents] = t('validation.required');
    else if (cents === null) errs[REQ_IDS.amount_cents] = t('budget.amountInvalid');
    else if (cents <= 0) errs[REQ_IDS.amount_cents] = t('budget.amountPositive');
    else if (cents > budget.balance_cents) errs[REQ_IDS.amount_cents] = t('budget.amountAboveBalance', { balance: formatMoney(budget.balance_cents) });
    if (!category) errs[REQ_IDS.category] = t('select.required');
    const s = required(t, supplier, 200);
    if (s) errs[REQ_IDS.supplier] = s;
    const d = required(t, description, 2000);
    if (d) errs[REQ_IDS.description] = d;
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(REQ_IDS));
    await run(async () => {
      await budgetApi.request(familyId, { amount_cents: cents!, category, goal_id: goal || null, supplier: supplier.trim(), description: description.trim() });
      onSaved();
    }, REQ_IDS, true);
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="req-form-title">
      <Heading3 id="req-form-title">{t('budget.newRequest')}</Heading3>
      {general && <Notice type="error">{general}</Notice>}
      <TextField
        id={REQ_IDS.amount_cents}
        autoFocus
        label={t('budget.amount')}
        description={cents !== null && cents > 0 ? t('budget.amountShown', { amount: formatMoney(cents) }) : t('budget.amountHint')}
        value={amount}
        onValue={setAmount}
        error={errors[REQ_IDS.amount_cents]}
        inputMode="decimal"
        autoComplete="off"
        required
      />
      <SelectField id={REQ_IDS.category} label={t('budget.category')} value={category} onValue={setCategory} error={errors[REQ_IDS.category]} placeholder={t('select.choose')} required options={budget.categories.map((c) => ({ value: c, label: categoryLabel(c, lang) }))} />
      <SelectField id={REQ_IDS.goal_id} label={t('budget.goal')} value={goal} onValue={setGoal} error={errors[REQ_IDS.goal_id]} options={[{ value: '', label: t('budget.noGoal') }, ...goals.map((g) => ({ value: g.id, label: g.title }))]} />
      <TextField id={REQ_IDS.supplier} label={t('budget.supplier')} description={t('budget.supplierHint')} value={supplier} onValue={setSupplier} error={errors[REQ_IDS.supplier]} required />
      <TextareaField id={REQ_IDS.description} label={t('budget.description')} value={description} onValue={setDescription} error={errors[REQ_IDS.description]} rows={2} required />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('budget.sendRequest')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/**
 * The family's agreement, given in person on the coach's device: a calm dialog where the member
 * chooses their own name and types it to sign. The server records the family-member principal.
 */
function FamilyApprovalDialog({ familyId, request: r, members, approvedIds, onDone, onClose }: { familyId: string; request: SpendingRequest; members: Member[]; approvedIds: string[]; onDone: (name: string) => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [who, setWho] = useState('');
  const [signature, setSignature] = useState('');
  const { errors, setErrors, general, setGeneral, busy, run } = useSaving();
  const ids = { member_id: 'sign-member', signature: 'sign-name' };

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const chosen = members.find((m) => m.id === who);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!chosen) errs[ids.member_id] = t('budget.signChooseName');
    else if (!signature.trim()) errs[ids.signature] = t('budget.signTypeName');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) {
      document.getElementById(errs[ids.member_id] ? `${ids.member_id}-${members[0]?.id}` : ids.signature)?.focus();
      return;
    }
    await run(async () => {
      // The server compares the typed name with the member's own name and keeps it as the signature.
      await budgetApi.approve(familyId, r.id, { as: 'family', member_id: chosen!.id, signature: signature.trim() });
      onDone(chosen!.name);
    }, { member_id: ids.member_id, signature: ids.signature });
  }

  return (
    <dialog ref={ref} className="k-dialog" aria-labelledby="sign-title" aria-describedby="sign-what" onCancel={onClose}>
      <form className="k-form" onSubmit={submit} noValidate>
        <Heading2 id="sign-title">{t('budget.signTitle')}</Heading2>
        <Paragraph id="sign-what">
          {t('budget.signWhat', { amount: formatMoney(r.amount_cents), what: r.description, supplier: r.supplier, category: categoryLabel(r.category, lang) })}
        </Paragraph>
        <Paragraph>{t('budget.signCalm')}</Paragraph>
        {general && <Notice type="error">{general}</Notice>}
        <fieldset className="k-names" aria-describedby={errors[ids.member_id] ? `${ids.member_id}-error` : undefined}>
          <legend className="k-field-legend">{t('budget.signWho')}</legend>
          {errors[ids.member_id] && (
            <p id={`${ids.member_id}-error`} className="k-field-error">
              {errors[ids.member_id]}
            </p>
          )}
          {members.map((m) => (
            <label key={m.id} htmlFor={`${ids.member_id}-${m.id}`}>
              <input type="radio" id={`${ids.member_id}-${m.id}`} name="sign-member" value={m.id} checked={who === m.id} disabled={approvedIds.includes(m.id)} onChange={() => setWho(m.id)} />
              {m.name}
            </label>
          ))}
        </fieldset>
        <TextField id={ids.signature} label={chosen ? t('budget.signTypeLabelName', { name: chosen.name }) : t('budget.signTypeLabel')} description={t('budget.signHint')} value={signature} onValue={setSignature} error={errors[ids.signature]} autoComplete="off" />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('budget.signAgree')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onClose}>
            {t('budget.signNotYet')}
          </Button>
        </ButtonGroup>
      </form>
    </dialog>
  );
}

function PayForm({ familyId, request: r, onDone }: { familyId: string; request: SpendingRequest; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const ids = { paid_on: `pay-${r.id}-date`, method: `pay-${r.id}-method` };
  const [date, setDate] = useState(toDateParts(todayIso()));
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const { errors, setErrors, general, busy, run } = useSaving();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const [iso, dateErr] = checkDate(t, date, { required: true, min: '2000-01-01' });
    const errs: Errors = dateErr ? { [ids.paid_on]: dateErr } : {};
    setErrors(errs);
    if (dateErr) return focusFirstError(errs, [ids.paid_on]);
    await run(async () => {
      await budgetApi.pay(familyId, r.id, { paid_on: iso!, method });
      onDone(t('budget.paidDone'));
    }, ids);
  }

  return (
    <form className="k-form k-form--inline" onSubmit={submit} noValidate aria-label={t('budget.payFor', { what: r.description })}>
      {general && <Notice type="error">{general}</Notice>}
      <DateField id={ids.paid_on} legend={t('budget.paidOn')} value={date} onValue={setDate} error={errors[ids.paid_on]} required />
      <SelectField id={ids.method} label={t('budget.method')} value={method} onValue={(v) => setMethod(v as PaymentMethod)} error={errors[ids.method]} options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`budget.method.${m}`) }))} />
      <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
        {t('budget.markPaid')}
      </Button>
    </form>
  );
}

function ReceiptUpload({ familyId, request: r, onDone }: { familyId: string; request: SpendingRequest; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const fail = useFailure();
  const id = `receipt-${r.id}`;
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return setError(t('budget.receiptChoose'));
    if (file.size > MAX_RECEIPT) return setError(t('budget.receiptTooBig'));
    setBusy(true);
    setError(null);
    try {
      await budgetApi.uploadReceipt(familyId, r.id, file);
      onDone(t('budget.receiptSaved'));
    } catch (err) {
      setError(fail(err, {}).general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-form k-form--inline" onSubmit={submit} noValidate aria-label={t('budget.receiptFor', { what: r.description })}>
      <div className="utrecht-form-field k-field">
        <label className="utrecht-form-label" htmlFor={id}>
          {t('budget.receipt')}
        </label>
        <p id={`${id}-description`} className="k-muted">
          {t('budget.receiptHint')}
        </p>
        {error && (
          <p id={`${id}-error`} className="k-field-error" role="alert">
            {error}
          </p>
        )}
        <input id={id} type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby={`${id}-description${error ? ` ${id}-error` : ''}`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <Button type="submit" appearance="secondary-action-button" busy={busy} disabled={busy}>
        {t('budget.receiptUpload')}
      </Button>
    </form>
  );
}

/** A team lead reverses a committed request: a reversing ledger line, never an edit. */
function CorrectForm({ familyId, request: r, onDone, onCancel }: { familyId: string; request: SpendingRequest; onDone: (message: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const ids = { reason: `correct-${r.id}-reason` };
  const { confirm, dialog } = useConfirm();
  const [reason, setReason] = useState('');
  const { errors, setErrors, general, busy, run } = useSaving();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const err = required(t, reason, 1000);
    setErrors(err ? { [ids.reason]: err } : {});
    if (err) return focusFirstError({ [ids.reason]: err }, [ids.reason]);
    if (!(await confirm({ title: t('confirm.reverseTitle'), text: t('confirm.reverseText', { what: r.description }), confirmLabel: t('confirm.reverseYes') }))) return;
    await run(async () => {
      await budgetApi.correct(familyId, { request_id: r.id, reason: reason.trim() });
      onDone(t('budget.corrected'));
    }, ids);
  }

  return (
    <form className="k-form" onSubmit={submit} noValidate aria-label={t('budget.correctFor', { what: r.description })}>
      {general && <Notice type="error">{general}</Notice>}
      <TextareaField id={ids.reason} autoFocus label={t('budget.correctReason')} description={t('budget.correctHint')} value={reason} onValue={setReason} error={errors[ids.reason]} rows={2} required />
      <ButtonGroup>
        <Button type="submit" appearance="secondary-action-button" hint="danger" className="k-danger" busy={busy} disabled={busy}>
          {t('budget.correct')}
        </Button>
        {dialog}
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

const STATUS_TONE = { requested: 'neutral', committed: 'ok', paid: 'ok', reversed: 'bad' } as const;

function RequestCard({ familyId, r, members, goals, balance, onChanged }: { familyId: string; r: SpendingRequest; members: Member[]; goals: Goal[]; balance: number; onChanged: (message: string) => void }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const fail = useFailure();
  const [signing, setSigning] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<ApproverRole | null>(null);
  // The team lead may approve above what is left, with a reason (a confirmation dialog). Offered
  // when the request is more than the family has left, or when a commit was refused because the
  // family budget or the programme pot ran short (then the server said how much was left).
  const [overriding, setOverriding] = useState(false);
  const [shortOf, setShortOf] = useState<number | null>(null);
  const given = new Set(r.approvals.map((a) => a.as));
  const missing = r.needs.filter((n) => !given.has(n));
  const goal = goals.find((g) => g.id === r.goal_id);
  const CAP = { coach: 'budget.approve_coach', family: 'budget.approve_family', team_lead: 'budget.approve_team_lead' } as const;

  async function approve(as: 'coach' | 'team_lead') {
    setBusy(as);
    setError(null);
    try {
      await budgetApi.approve(familyId, r.id, { as });
      onChanged(t('budget.approvedAs', { role: t(`budget.role.${as}`) }));
    } catch (err) {
      setError(fail(err, {}).general);
      if (err instanceof ApiError && (err.code === 'budget_above_balance' || err.code === 'budget_pot_exhausted')) {
        const left = Number(err.problem.params?.balance_cents);
        setShortOf(Number.isFinite(left) ? left : balance);
      }
    } finally {
      setBusy(null);
    }
  }
  const mayOverride = r.status === 'requested' && !given.has('team_lead') && can(CAP.team_lead) && (r.amount_cents > balance || shortOf !== null);
  const overrideLeft = shortOf ?? balance;

  return (
    <li className="k-card k-request" aria-labelledby={`req-${r.id}`}>
      <div className="k-toolbar">
        <Heading3 id={`req-${r.id}`}>
          {formatMoney(r.amount_cents)} — {r.description}
        </Heading3>
        <Badge tone={STATUS_TONE[r.status]}>{t(`budget.status.${r.status}`)}</Badge>
      </div>
      <ul className="k-meta">
        <li>{categoryLabel(r.category, lang)}</li>
        <li>
          {t('budget.supplier')}: {r.supplier}
        </li>
        {goal && <li>{t('budget.forGoal', { title: goal.title })}</li>}
        <li className="k-muted">{t('budget.askedBy', { name: r.created_by_name, date: formatDateTime(r.created_at, lang) })}</li>
      </ul>
      <ul className="k-approvals" aria-label={t('budget.approvals')}>
        {r.approvals.map((a) => (
          <li key={`${a.as}-${a.at}`}>
            <Badge tone="ok">{t(`budget.role.${a.as}`)}</Badge> {t('budget.approvedBy', { name: a.name, date: formatDateTime(a.at, lang) })}
            {a.signature && <span className="k-muted"> · {t('budget.signedAs', { signature: a.signature })}</span>}
          </li>
        ))}
        {r.status === 'requested' &&
          missing.map((m) => (
            <li key={m}>
              <Badge tone="neutral">{t(`budget.role.${m}`)}</Badge> {t('budget.waitingFor')}
            </li>
          ))}
      </ul>
      {r.override_reason && <Paragraph className="k-muted">{t('budget.override', { reason: r.override_reason })}</Paragraph>}
      {r.payment && <Paragraph>{t('budget.paidInfo', { date: formatDate(r.payment.paid_on, lang), method: t(`budget.method.${r.payment.method as PaymentMethod}`) })}</Paragraph>}
      {r.receipt && can('budget.receipt_read') && (
        <Paragraph>
          <a className="utrecht-link" href={budgetApi.receiptUrl(familyId, r.id)} target="_blank" rel="noreferrer">
            {t('budget.receiptOpen')}
          </a>
        </Paragraph>
      )}
      {error && <Notice type="error">{error}</Notice>}
      {r.status === 'requested' && (
        <ButtonGroup>
          {missing.includes('family') && can(CAP.family) && (
            <Button appearance="primary-action-button" onClick={() => setSigning(true)}>
              {t('budget.familyApproves')}
            </Button>
          )}
          {missing.includes('coach') && can(CAP.coach) && (
            <Button appearance="secondary-action-button" busy={busy === 'coach'} disabled={busy !== null} onClick={() => approve('coach')}>
              {t('budget.approveAsCoach')}
            </Button>
          )}
          {missing.includes('team_lead') && can(CAP.team_lead) && !mayOverride && (
            <Button appearance="secondary-action-button" busy={busy === 'team_lead'} disabled={busy !== null} onClick={() => approve('team_lead')}>
              {t('budget.approveAsTeamLead')}
            </Button>
          )}
          {mayOverride && (
            <Button appearance="secondary-action-button" hint="danger" disabled={busy !== null} onClick={() => setOverriding(true)}>
              {t('budgetOverride.button')}
            </Button>
          )}
        </ButtonGroup>
      )}
      {mayOverride && shortOf === null && <Paragraph className="k-muted">{t('budgetOverride.above', { left: formatMoney(balance) })}</Paragraph>}
      {shortOf !== null && !can(CAP.team_lead) && r.status === 'requested' && <Paragraph className="k-muted">{t('budgetOverride.askLead')}</Paragraph>}
      {overriding && (
        <OverrideDialog
          familyId={familyId}
          request={r}
          balanceCents={overrideLeft}
          stillMissing={missing.filter((m) => m !== 'team_lead')}
          onClose={() => setOverriding(false)}
          onDone={() => {
            setOverriding(false);
            setShortOf(null);
            onChanged(t('budgetOverride.done'));
          }}
        />
      )}
      {r.status === 'committed' && can('budget.pay') && <PayForm familyId={familyId} request={r} onDone={onChanged} />}
      {(r.status === 'committed' || r.status === 'paid') && !r.receipt && can('budget.receipt_upload') && <ReceiptUpload familyId={familyId} request={r} onDone={onChanged} />}
      {(r.status === 'committed' || r.status === 'paid') && can('budget.correct') &&
        (correcting ? (
          <CorrectForm familyId={familyId} request={r} onDone={onChanged} onCancel={() => setCorrecting(false)} />
        ) : (
          <Button appearance="subtle-button" aria-label={t('budget.correctFor', { what: r.description })} onClick={() => setCorrecting(true)}>
            {t('budget.correct')}
          </Button>
        ))}
      {signing && (
        <FamilyApprovalDialog
          familyId={familyId}
          request={r}
          members={members}
          approvedIds={r.approvals.filter((a) => a.member_id).map((a) => a.member_id!)}
          onClose={() => setSigning(false)}
          onDone={(name) => {
            setSigning(false);
            onChanged(t('budget.familyApproved', { name }));
          }}
        />
      )}
    </li>
  );
}

function AllocateForm({ familyId, onDone }: { familyId: string; onDone: () => void }) {
  const { t } = useI18n();
  const year = todayIso().slice(0, 4);
  const ids = { amount_cents: 'alloc-amount', period_start: 'alloc-start', period_end: 'alloc-end' };
  const [amount, setAmount] = useState('');
  const [start, setStart] = useState(toDateParts(todayIso()));
  const [end, setEnd] = useState<DateParts>({ day: '31', month: '12', year });
  const { errors, setErrors, general, setGeneral, busy, run } = useSaving();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const cents = amount.trim() ? parseEuro(amount) : undefined;
    if (cents === null || cents === 0) errs[ids.amount_cents] = t('budget.amountInvalid');
    const [s, sErr] = checkDate(t, start, { required: true, allowFuture: true, min: '2000-01-01' });
    if (sErr) errs[ids.period_start] = sErr;
    const [en, eErr] = checkDate(t, end, { required: true, allowFuture: true, min: '2000-01-01' });
    if (eErr) errs[ids.period_end] = eErr;
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(ids));
    await run(async () => {
      await budgetApi.allocate(familyId, { ...(cents ? { amount_cents: cents } : {}), period_start: s!, period_end: en! });
      onDone();
    }, ids);
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="alloc-title">
      <Heading3 id="alloc-title">{t('budget.allocate')}</Heading3>
      {general && <Notice type="error">{general}</Notice>}
      <TextField id={ids.amount_cents} label={t('budget.allocationAmount')} description={t('budget.allocationAmountHint')} value={amount} onValue={setAmount} error={errors[ids.amount_cents]} inputMode="decimal" autoComplete="off" optional />
      <div className="k-row">
        <DateField id={ids.period_start} legend={t('budget.periodStart')} value={start} onValue={setStart} error={errors[ids.period_start]} required />
        <DateField id={ids.period_end} legend={t('budget.periodEnd')} value={end} onValue={setEnd} error={errors[ids.period_end]} required />
      </div>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('budget.allocate')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

export default function BudgetTab({ family }: TabProps) {
  const { t, lang } = useI18n();
  const can = useCan();
  const budget = useApi<Budget>((signal) => budgetApi.get(family.id, signal), [family.id]);
  const goals = useApi<Goal[]>((signal) => (can('plan.read') ? planApi.get(family.id, signal).then((p) => p.goals) : Promise.resolve([])), [family.id]);
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const members = householdOf(family);
  const changed = (message: string) => {
    setAsking(false);
    setNotice(message);
    budget.reload();
  };

  if (budget.loading && !budget.data) return <Loading />;
  if (budget.error != null && !budget.data) return <ErrorState error={budget.error} onRetry={budget.reload} />;
  const b = budget.data!;
  const total = b.allocation?.amount_cents ?? 0;
  const pct = (cents: number) => (total > 0 ? Math.max(0, Math.min(100, (cents / total) * 100)) : 0);
  const openCommitted = Math.max(0, b.committed_cents - b.paid_cents);

  return (
    <div className="k-budget">
      <div className="k-toolbar">
        <Heading2 id="budget-title">{t('budget.title')}</Heading2>
        {b.allocation && can('budget.request_create') && !asking && (
          <Button appearance="primary-action-button" onClick={() => { setNotice(null); setAsking(true); }}>
            {t('budget.newRequest')}
          </Button>
        )}
      </div>
      <Paragraph className="k-lead">{t('budget.intro')}</Paragraph>
      {notice && <Notice>{notice}</Notice>}

      {!b.allocation ? (
        <>
          <Empty>{t('budget.noAllocation')}</Empty>
          {can('budget.allocate') && <AllocateForm familyId={family.id} onDone={() => changed(t('budget.allocated'))} />}
        </>
      ) : (
        <section className="k-card" aria-labelledby="budget-balance">
          <Heading3 id="budget-balance">{t('budget.left')}</Heading3>
          <div className="k-balance">
            <span className="k-balance-figure" data-testid="budget-balance">
              {formatMoney(b.balance_cents)}
            </span>
            <span>{t('budget.ofAllocation', { total: formatMoney(total), start: formatDate(b.allocation.period_start, lang), end: formatDate(b.allocation.period_end, lang) })}</span>
          </div>
          <div className="k-bar" role="img" aria-label={t('budget.barLabel', { paid: formatMoney(b.paid_cents), committed: formatMoney(openCommitted), left: formatMoney(b.balance_cents) })}>
            <span className="k-bar-paid" style={{ width: `${pct(b.paid_cents)}%` }} />
            <span className="k-bar-committed" style={{ width: `${pct(openCommitted)}%` }} />
          </div>
          <ul className="k-legend">
            <li>
              <span aria-hidden="true" className="k-bar-paid" />
              {t('budget.legendPaid', { amount: formatMoney(b.paid_cents) })}
            </li>
            <li>
              <span aria-hidden="true" className="k-bar-committed" />
              {t('budget.legendCommitted', { amount: formatMoney(openCommitted) })}
            </li>
            <li>
              <span aria-hidden="true" className="is-free" />
              {t('budget.legendLeft', { amount: formatMoney(b.balance_cents) })}
            </li>
          </ul>
          <Paragraph className="k-muted">{t('budget.threshold', { amount: formatMoney(b.approval_threshold_cents) })}</Paragraph>
        </section>
      )}

      {asking && <RequestForm familyId={family.id} budget={b} goals={goals.data ?? []} onSaved={() => changed(t('budget.requestSaved'))} onCancel={() => setAsking(false)} />}

      <section aria-labelledby="budget-requests">
        <Heading2 id="budget-requests">{t('budget.requests')}</Heading2>
        {b.requests.length === 0 ? (
          <Empty>{t('budget.noRequests')}</Empty>
        ) : (
          <ul className="k-requests">
            {b.requests.map((r) => (
              <RequestCard key={r.id} familyId={family.id} r={r} members={members} goals={goals.data ?? []} balance={b.balance_cents} onChanged={changed} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="budget-ledger">
        <Heading2 id="budget-ledger">{t('budget.ledger')}</Heading2>
        <Paragraph className="k-muted">{t('budget.ledgerIntro')}</Paragraph>
        {b.ledger.length === 0 ? (
          <Empty>{t('budget.noLedger')}</Empty>
        ) : (
          <TableWrap>
            <Table>
              <TableCaption>{t('budget.ledgerCaption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('budget.when')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('budget.what')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('budget.by')}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="k-num">
                    {t('budget.amount')}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {b.ledger.map((e) => {
                  const r = b.requests.find((x) => x.id === e.request_id);
                  return (
                    <TableRow key={e.id} className={e.kind === 'reversal' ? 'k-reversal' : undefined}>
                      <TableCell className="k-date">{formatDateTime(e.at, lang)}</TableCell>
                      <TableCell>
                        {t(`budget.kind.${e.kind}`)}
                        {r ? `: ${r.description}` : ''}
                        {e.note && <div className="k-muted">{e.note}</div>}
                      </TableCell>
                      <TableCell>{e.by_name}</TableCell>
                      <TableCell className="k-num">{formatMoney(e.amount_cents)}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}
