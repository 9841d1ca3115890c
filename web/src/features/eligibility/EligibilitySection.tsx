// Income check: household type, cost-sharers and net incomes per month against the
// bijstandsnorm (the server computes; the norm tables are dated data with a source).
import { useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { Button, ButtonGroup, Heading3, Heading4, Paragraph } from '@utrecht/component-library-react';
import { HOUSEHOLD_TYPES, type EligibilityCheck, type Family, type HouseholdType } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDate, formatMoney, formatPercent, parseEuro, toInputDate, todayIso } from '../../i18n/format';
import { Badge } from '../../ui/Badges';
import { SelectField, TextField, TextareaField, focusFirstError } from '../../ui/Field';
import { checkDate, required, serverErrors, type Errors } from '../../ui/forms';
import { Empty, ErrorState, Loading, Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useCan } from '../auth/session';
import { trajectoryApi } from '../trajectory/api';

interface IncomeDraft {
  key: number;
  source: string;
  amount: string;
}

function CheckForm({ family, onDone }: { family: Family; onDone: () => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [type, setType] = useState<HouseholdType>('alleenstaande_ouder');
  const [sharers, setSharers] = useState('1');
  const [date, setDate] = useState(toInputDate(todayIso()));
  const [incomes, setIncomes] = useState<IncomeDraft[]>([{ key: 0, source: '', amount: '' }]);
  const [nextKey, setNextKey] = useState(1);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setIncome = (key: number, patch: Partial<IncomeDraft>) => setIncomes((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const order = ['elig-type', 'elig-sharers', 'elig-date'];
    const n = /^\d+$/.test(sharers.trim()) ? Number(sharers) : NaN;
    if (!(n >= 1)) errs['elig-sharers'] = t('validation.number', { min: 1 });
    const [iso, dateErr] = checkDate(t, date, { required: true, min: '2000-01-01' });
    if (dateErr) errs['elig-date'] = dateErr;
    const rows = incomes.map((x) => {
      const sid = `elig-i${x.key}-source`;
      const aid = `elig-i${x.key}-amount`;
      order.push(sid, aid);
      const s = required(t, x.source, 100);
      if (s) errs[sid] = s;
      const cents = parseEuro(x.amount);
      if (cents === null) errs[aid] = t('validation.amount');
      return { source: x.source.trim(), amount_cents: cents ?? 0 };
    });
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, order);
    setBusy(true);
    try {
      await trajectoryApi.check(family.id, { household_type: type, cost_sharers: n, incomes: rows, date: iso! });
      onDone();
    } catch (err) {
      const ids: Record<string, string> = { household_type: 'elig-type', cost_sharers: 'elig-sharers', date: 'elig-date' };
      incomes.forEach((x, i) => {
        for (const f of ['source', 'amount_cents']) {
          const id = f === 'source' ? `elig-i${x.key}-source` : `elig-i${x.key}-amount`;
          ids[`incomes[${i}].${f}`] = id;
          ids[`incomes.${i}.${f}`] = id;
        }
      });
      const { fields, general: rest } = serverErrors(err, ids);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.join(' ') || errorMessage(err));
      focusFirstError(fields, order);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-form" onSubmit={submit} noValidate>
      {general && <Notice type="error">{general}</Notice>}
      <div className="k-row">
        <SelectField
          id="elig-type"
          label={t('eligibility.householdType')}
          value={type}
          onValue={(v) => setType(v as HouseholdType)}
          options={HOUSEHOLD_TYPES.map((h) => ({ value: h, label: t(`householdType.${h}`) }))}
        />
        <TextField id="elig-date" label={t('trajectory.date')} description={t('common.dateHint')} value={date} onValue={setDate} error={errors['elig-date']} inputMode="numeric" autoComplete="off" />
      </div>
      <TextField
        id="elig-sharers"
        label={t('eligibility.costSharers')}
        description={t('eligibility.costSharersHint')}
        value={sharers}
        onValue={setSharers}
        error={errors['elig-sharers']}
        inputMode="numeric"
      />
      <fieldset className="k-fieldset">
        <legend>{t('eligibility.incomes')}</legend>
        {incomes.map((x, i) => (
          <div className="k-row" key={x.key} role="group" aria-label={t('eligibility.income', { n: i + 1 })}>
            <TextField
              id={`elig-i${x.key}-source`}
              label={t('eligibility.incomeSource')}
              description={i === 0 ? t('eligibility.incomeSourceHint') : undefined}
              value={x.source}
              onValue={(v) => setIncome(x.key, { source: v })}
              error={errors[`elig-i${x.key}-source`]}
              autoComplete="off"
            />
            <TextField
              id={`elig-i${x.key}-amount`}
              label={t('eligibility.incomeAmount')}
              value={x.amount}
              onValue={(v) => setIncome(x.key, { amount: v })}
              error={errors[`elig-i${x.key}-amount`]}
              inputMode="decimal"
              autoComplete="off"
            />
            {incomes.length > 1 && (
              <Button type="button" appearance="subtle-button" onClick={() => setIncomes((xs) => xs.filter((y) => y.key !== x.key))}>
                {t('eligibility.removeIncome', { n: i + 1 })}
              </Button>
            )}
          </div>
        ))}
        <div>
          <Button
            type="button"
            appearance="secondary-action-button"
            onClick={() => {
              const key = nextKey;
              flushSync(() => {
                setNextKey(key + 1);
                setIncomes((xs) => [...xs, { key, source: '', amount: '' }]);
              });
              document.getElementById(`elig-i${key}-source`)?.focus();
            }}
          >
            {t('eligibility.addIncome')}
          </Button>
        </div>
      </fieldset>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('eligibility.submit')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function OverrideForm({ family, check, onDone }: { family: Family; check: EligibilityCheck; onDone: () => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [passes, setPasses] = useState(check.passes ? 'no' : 'yes');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rid = `override-${check.id}-reason`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = required(t, reason, 2000);
    setError(r);
    setGeneral(null);
    if (r) return focusFirstError({ [rid]: r }, [rid]);
    setBusy(true);
    try {
      await trajectoryApi.override(family.id, check.id, { passes: passes === 'yes', reason: reason.trim() });
      onDone();
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, { reason: rid });
      setError(fields[rid] ?? null);
      if (!fields[rid]) setGeneral(rest.join(' ') || errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-form" onSubmit={submit} noValidate aria-labelledby={`override-${check.id}`}>
      <Heading4 id={`override-${check.id}`}>{t('eligibility.override')}</Heading4>
      {general && <Notice type="error">{general}</Notice>}
      <SelectField
        id={`override-${check.id}-passes`}
        label={t('eligibility.overridePasses')}
        value={passes}
        onValue={setPasses}
        options={[
          { value: 'yes', label: t('eligibility.passes') },
          { value: 'no', label: t('eligibility.fails') },
        ]}
      />
      <TextareaField id={rid} label={t('eligibility.overrideReason')} value={reason} onValue={setReason} error={error} rows={2} required />
      <div>
        <Button type="submit" appearance="secondary-action-button" busy={busy} disabled={busy}>
          {t('eligibility.overrideSubmit')}
        </Button>
      </div>
    </form>
  );
}

export function EligibilitySection({ family, onChanged }: { family: Family; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const checks = useApi<{ items: EligibilityCheck[] }>((signal) => trajectoryApi.checks(family.id, signal), [family.id]);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const done = () => {
    setNotice(t('eligibility.done'));
    setFormKey((k) => k + 1);
    checks.reload();
    onChanged();
  };
  const latest = checks.data?.items[0];
  const passes = (c: EligibilityCheck) => (c.override ? c.override.passes : c.passes);

  return (
    <section className="k-card" aria-labelledby="elig-title">
      <Heading3 id="elig-title">{t('eligibility.title')}</Heading3>
      <Paragraph className="k-muted">{t('eligibility.intro')}</Paragraph>
      {notice && <Notice>{notice}</Notice>}
      {checks.loading && !checks.data && <Loading />}
      {checks.error != null && <ErrorState error={checks.error} onRetry={checks.reload} />}
      {checks.data && (
        <>
          {checks.data.items.length === 0 ? (
            <Empty>{t('eligibility.none')}</Empty>
          ) : (
            <ul className="k-checks">
              {checks.data.items.map((c) => (
                <li key={c.id} className="k-check-item">
                  <div>
                    <strong>{formatDate(c.date, lang)}</strong> — {t(`householdType.${c.household_type}`)}
                    {c.cost_sharers > 1 ? ` (${c.cost_sharers})` : ''}:{' '}
                    <Badge tone={passes(c) ? 'ok' : 'bad'}>{passes(c) ? t('eligibility.passes') : t('eligibility.fails')}</Badge>
                  </div>
                  <div>
                    {t('eligibility.result', { percent: formatPercent(c.percent, lang), threshold: c.threshold_percent })} ·{' '}
                    {t('eligibility.incomeTotal')} {formatMoney(c.income_cents)} · {t('eligibility.norm')} {formatMoney(c.norm_cents)} ·{' '}
                    <span className="k-muted">{t('eligibility.table', { version: c.norm_table_version })}</span>
                  </div>
                  {c.override && <div className="k-muted">{t('eligibility.overridden', { name: c.override.by_name, reason: c.override.reason })}</div>}
                </li>
              ))}
            </ul>
          )}
          {can('eligibility.override') && latest && !latest.override && <OverrideForm family={family} check={latest} onDone={done} />}
          <CheckForm key={formKey} family={family} onDone={done} />
        </>
      )}
    </section>
  );
}
