// Income check: household type, cost-sharers and net incomes per month against the
// bijstandsnorm (the server computes; the norm tables are dated data with a source).
import { useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { Button, ButtonGroup, Heading3, Heading4, Paragraph } from '@utrecht/component-library-react';
import { HOUSEHOLD_TYPES, type Family, type HouseholdType } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDate, formatMoney, formatPercent, parseEuro, todayIso } from '../../i18n/format';
import { Badge } from '../../ui/Badges';
import { SelectField, TextField, TextareaField, focusFirstError } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { dateIso, toDateParts } from '../../ui/dates';
import { checkDate, required, serverErrors, type Errors } from '../../ui/forms';
import { Empty, ErrorState, Loading, Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useCan } from '../auth/session';
import { describeCoded } from '../../ui/errors';
import { EXCLUSION_REASONS, eligibilityApi, type CheckWithDetails, type ExclusionReason, type HouseholdView } from './api';

type EligibilityCheck = CheckWithDetails;

/** Who lives in the house on the check date: age group, and who counts as a cost-sharer. */
function HouseholdPanel({
  view,
  exclusions,
  onExclude,
}: {
  view: HouseholdView;
  exclusions: Record<string, ExclusionReason>;
  onExclude: (memberId: string, reason: ExclusionReason | '') => void;
}) {
  const { t, lang } = useI18n();
  return (
    <section className="k-household" aria-labelledby="elig-household">
      <Heading4 id="elig-household">{t('eligibility.household', { date: formatDate(view.date, lang) })}</Heading4>
      <div className="k-table-wrap">
      <table className="utrecht-table">
        <caption className="k-visually-hidden">{t('eligibility.householdCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('eligibility.person')}</th>
            <th scope="col">{t('eligibility.age')}</th>
            <th scope="col">{t('eligibility.ageGroup')}</th>
            <th scope="col">{t('eligibility.countsAsSharer')}</th>
          </tr>
        </thead>
        <tbody>
          {view.people.map((p) => (
            <tr key={p.member_id}>
              <th scope="row">{p.name}</th>
              <td>{p.age ?? t('eligibility.ageUnknown')}</td>
              <td>{p.age_group ? t(`eligibility.group.${p.age_group}`) : '—'}</td>
              <td>
                {p.why === 'age_min_or_older' || p.why === 'excluded' ? (
                  <SelectField
                    id={`elig-excl-${p.member_id}`}
                    label={t('eligibility.sharerFor', { name: p.name })}
                    value={exclusions[p.member_id] ?? ''}
                    onValue={(v) => onExclude(p.member_id, v as ExclusionReason | '')}
                    options={[
                      { value: '', label: t('eligibility.counts') },
                      ...EXCLUSION_REASONS.map((r) => ({ value: r, label: t(`eligibility.exclusion.${r}`) })),
                    ]}
                  />
                ) : (
                  t(`eligibility.why.${p.why}`, { age: view.cost_sharer_min_age })
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <Paragraph>
        <strong>{t('eligibility.suggestion', { n: view.cost_sharers_suggested })}</strong>
      </Paragraph>
      <Paragraph className="k-muted">{t('eligibility.exclusionsExplained', { age: view.cost_sharer_min_age })}</Paragraph>
    </section>
  );
}

interface IncomeDraft {
  key: number;
  source: string;
  amount: string;
}

function CheckForm({ family, onDone }: { family: Family; onDone: () => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const { lang } = useI18n();
  // The kind of household picks the norm: nothing is chosen beforehand.
  const [type, setType] = useState<HouseholdType | ''>('');
  const [sharers, setSharers] = useState('');
  const [date, setDate] = useState(toDateParts(todayIso()));
  const [withHoliday, setWithHoliday] = useState('yes');
  const [exclusions, setExclusions] = useState<Record<string, ExclusionReason>>({});
  const isoForHousehold = dateIso(date) ?? todayIso();
  const household = useApi<HouseholdView>(
    (signal) => eligibilityApi.household(family.id, isoForHousehold, exclusions, signal),
    [family.id, isoForHousehold, JSON.stringify(exclusions)],
  );
  const onExclude = (memberId: string, reason: ExclusionReason | '') =>
    setExclusions((xs) => {
      const next = { ...xs };
      if (reason) next[memberId] = reason;
      else delete next[memberId];
      return next;
    });
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
    if (!type) errs['elig-type'] = t('select.required');
    const n = sharers.trim() === '' ? undefined : /^\d+$/.test(sharers.trim()) ? Number(sharers) : NaN;
    if (n !== undefined && !(n >= 1)) errs['elig-sharers'] = t('validation.number', { min: 1 });
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
      await eligibilityApi.check(family.id, {
        household_type: type as HouseholdType,
        cost_sharers: n,
        incomes: rows,
        date: iso!,
        incomes_include_holiday_allowance: withHoliday === 'yes',
        cost_sharer_exclusions: Object.entries(exclusions).map(([member_id, reason]) => ({ member_id, reason })),
      });
      onDone();
    } catch (err) {
      const ids: Record<string, string> = { household_type: 'elig-type', cost_sharers: 'elig-sharers', date: 'elig-date', incomes_include_holiday_allowance: 'elig-holiday' };
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
      {household.data?.stale && (
        <Notice type="warning">
          {describeCoded({ code: 'norm_table_stale', params: { valid_from: formatDate(household.data.newest_valid_from, lang), months: '6' } }, lang)}
        </Notice>
      )}
      <div className="k-row">
        <SelectField
          id="elig-type"
          label={t('eligibility.householdType')}
          value={type}
          onValue={(v) => setType(v as HouseholdType)}
          error={errors['elig-type']}
          placeholder={t('select.choose')}
          required
          options={HOUSEHOLD_TYPES.map((h) => ({ value: h, label: t(`householdType.${h}`) }))}
        />
        <DateField id="elig-date" legend={t('trajectory.date')} value={date} onValue={setDate} error={errors['elig-date']} />
      </div>
      {household.error != null && <ErrorState error={household.error} onRetry={household.reload} />}
      {household.data && <HouseholdPanel view={household.data} exclusions={exclusions} onExclude={onExclude} />}
      <TextField
        id="elig-sharers"
        label={t('eligibility.costSharers')}
        description={t('eligibility.costSharersHint', { n: household.data?.cost_sharers_suggested ?? 1 })}
        placeholder={String(household.data?.cost_sharers_suggested ?? 1)}
        optional
        value={sharers}
        onValue={setSharers}
        error={errors['elig-sharers']}
        inputMode="numeric"
      />
      <fieldset className="k-fieldset">
        <legend>{t('eligibility.incomes')}</legend>
        <aside className="k-aside" aria-labelledby="elig-not-income">
          <strong id="elig-not-income">{t('eligibility.notIncomeTitle')}</strong>
          <ul>
            <li>{t('eligibility.notIncome.kgb')}</li>
            <li>{t('eligibility.notIncome.aoKop')}</li>
            <li>{t('eligibility.notIncome.toeslagen')}</li>
          </ul>
        </aside>
        <SelectField
          id="elig-holiday"
          label={t('eligibility.holiday')}
          description={t('eligibility.holidayHint')}
          value={withHoliday}
          onValue={setWithHoliday}
          options={[
            { value: 'yes', label: t('eligibility.holidayIncl') },
            { value: 'no', label: t('eligibility.holidayExcl') },
          ]}
        />
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
      await eligibilityApi.override(family.id, check.id, { passes: passes === 'yes', reason: reason.trim() });
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
  const checks = useApi<{ items: EligibilityCheck[] }>((signal) => eligibilityApi.checks(family.id, signal), [family.id]);
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
                    {t('eligibility.incomeTotal')} {formatMoney(c.income_cents)} · {t('eligibility.norm')} {formatMoney(c.norm_cents)}
                    {c.details?.norm_includes_holiday_allowance === false ? ` (${t('eligibility.holidayExclShort')})` : ''}
                    {c.details?.age_group ? ` · ${t(`eligibility.group.${c.details.age_group}` as 'eligibility.group.under_21')}` : ''}
                  </div>
                  <div className="k-muted">
                    {t('eligibility.tableFrom', { version: c.norm_table_version, date: formatDate(c.details?.norm_valid_from ?? c.norm_table_version, lang) })}
                    {c.details?.incomes_include_holiday_allowance === false && ` · ${t('eligibility.enteredExcl')}`}
                  </div>
                  {c.details?.norm_source && (
                    <details>
                      <summary>{t('eligibility.source')}</summary>
                      <Paragraph className="k-small">{c.details.norm_source}</Paragraph>
                    </details>
                  )}
                  {(c.details?.warnings ?? []).map((w, i) => (
                    <Notice key={i} type="warning">
                      {describeCoded(w, lang)}
                    </Notice>
                  ))}
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
