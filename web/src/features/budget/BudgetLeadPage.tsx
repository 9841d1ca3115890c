// The team lead's budget page (issue 11): per programme and year the pot — how much, how much is
// committed and paid, what is left, as one figure and a bar like the family budget tab — a form to
// set or change the pot, and where the money went: per category (a chart with its table), per
// goal, per family and per programme, with the report as CSV or XLSX to download.
// Who sees what comes from the capabilities: `budget.report` reads, `budget.pot_manage` changes.
import '../plan/plan.css';
import './budget-lead.css';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatMoney, parseEuro, toInputEuro, todayIso } from '../../i18n/format';
import { SelectField, TextField, focusFirstError } from '../../ui/Field';
import { describeCoded } from '../../ui/errors';
import type { Errors } from '../../ui/forms';
import { Empty, ErrorState, Loading, Notice } from '../../ui/States';
import { Downloads } from '../../ui/Downloads';
import { ListTable, numColumn } from '../../ui/ListTable';
import { Pager, usePaged } from '../../ui/Paged';
import { TableWrap } from '../../ui/TableWrap';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { useCan } from '../auth/session';
import { ProgrammeChoiceState, useProgrammeChoice } from '../programmes/ProgrammeChoice';
import { BarCanvas, ChartFigure } from '../measurements/charts';
import { useSaving } from '../plan/common';
import { categoryLabel } from '../plan/labels';
import { potApi, type BudgetPot, type BudgetReport, type ReportLine } from './api';

const POT_IDS = { amount_cents: 'pot-amount', approval_threshold_cents: 'pot-threshold', year: 'pot-year' };

/** What was paid: the programme's totals when the server sends them, else the sum per category. */
const paidOf = (r: BudgetReport) => r.programme?.paid_cents ?? r.by_category.reduce((sum, l) => sum + l.paid_cents, 0);
const byCommitted = (a: ReportLine, b: ReportLine) => b.committed_cents - a.committed_cents || a.label.localeCompare(b.label);

/** Set or change the pot: euros in the form, integer cents to the server. */
function PotForm({ programmeId, programmeName, year, pot, onSaved, onCancel }: { programmeId: string; programmeName: string; year: number; pot: BudgetPot | null; onSaved: (pot: BudgetPot) => void; onCancel?: () => void }) {
  const { t, lang } = useI18n();
  const [amount, setAmount] = useState(pot ? toInputEuro(pot.amount_cents) : '');
  const [threshold, setThreshold] = useState(pot ? toInputEuro(pot.approval_threshold_cents) : '');
  const { errors, setErrors, general, setGeneral, busy, run } = useSaving();
  const coded = (code: string) => describeCoded({ code }, lang) ?? t('validation.required');
  const cents = parseEuro(amount);
  const thresholdCents = threshold.trim() ? parseEuro(threshold) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!amount.trim()) errs[POT_IDS.amount_cents] = coded('required');
    else if (cents === null) errs[POT_IDS.amount_cents] = t('validation.amount');
    else if (cents <= 0) errs[POT_IDS.amount_cents] = coded('amount_not_positive');
    if (thresholdCents === null) errs[POT_IDS.approval_threshold_cents] = t('validation.amount');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(POT_IDS));
    await run(async () => {
      const body = { year, amount_cents: cents!, ...(thresholdCents != null ? { approval_threshold_cents: thresholdCents } : {}) };
      onSaved(await potApi.put(programmeId, body, pot?.version));
    }, POT_IDS, true);
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="pot-form-title">
      <h2 id="pot-form-title" className="utrecht-heading-3">
        {t(pot ? 'budgetLead.potChange' : 'budgetLead.potSet', { programme: programmeName, year })}
      </h2>
      {general && <Notice type="error">{general}</Notice>}
      <TextField
        id={POT_IDS.amount_cents}
        autoFocus
        label={t('budgetLead.potAmount')}
        description={cents !== null && cents > 0 ? t('budget.amountShown', { amount: formatMoney(cents) }) : t('budgetLead.potAmountHint')}
        value={amount}
        onValue={setAmount}
        error={errors[POT_IDS.amount_cents]}
        inputMode="decimal"
        autoComplete="off"
        required
      />
      <TextField
        id={POT_IDS.approval_threshold_cents}
        label={t('budgetLead.potThreshold')}
        description={t('budgetLead.potThresholdHint')}
        value={threshold}
        onValue={setThreshold}
        error={errors[POT_IDS.approval_threshold_cents]}
        inputMode="decimal"
        autoComplete="off"
        optional
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('budgetLead.potSave')}
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

/** The pot as one figure and a bar: paid, committed but not paid yet, and what is left. */
function PotSummary({ pot, paid, totals }: { pot: BudgetPot; paid: number; totals?: BudgetReport['programme'] }) {
  const { t } = useI18n();
  const open = Math.max(0, pot.committed_cents - paid);
  const pct = (cents: number) => (pot.amount_cents > 0 ? Math.max(0, Math.min(100, (cents / pot.amount_cents) * 100)) : 0);
  return (
    <>
      <div className="k-balance">
        <span className="k-balance-figure" data-testid="pot-left">
          {formatMoney(pot.balance_cents)}
        </span>
        <span>{t('budgetLead.potOf', { total: formatMoney(pot.amount_cents) })}</span>
      </div>
      <div className="k-bar" role="img" aria-label={t('budget.barLabel', { paid: formatMoney(paid), committed: formatMoney(open), left: formatMoney(pot.balance_cents) })}>
        <span className="k-bar-paid" style={{ width: `${pct(paid)}%` }} />
        <span className="k-bar-committed" style={{ width: `${pct(open)}%` }} />
      </div>
      <dl className="k-pot-figures">
        <div>
          <dt>{t('budgetLead.potAmountShort')}</dt>
          <dd data-testid="pot-amount">{formatMoney(pot.amount_cents)}</dd>
        </div>
        <div>
          <dt>{t('budgetLead.committed')}</dt>
          <dd>{formatMoney(pot.committed_cents)}</dd>
        </div>
        <div>
          <dt>
            <span aria-hidden="true" className="k-swatch k-bar-paid" />
            {t('budgetLead.paid')}
          </dt>
          <dd>{formatMoney(paid)}</dd>
        </div>
        <div>
          <dt>
            <span aria-hidden="true" className="k-swatch k-bar-committed" />
            {t('budgetLead.open')}
          </dt>
          <dd>{formatMoney(open)}</dd>
        </div>
        <div>
          <dt>
            <span aria-hidden="true" className="k-swatch is-free" />
            {t('budgetLead.left')}
          </dt>
          <dd>{formatMoney(pot.balance_cents)}</dd>
        </div>
      </dl>
      {totals && <Paragraph>{t('budgetLead.allocated', { amount: formatMoney(totals.allocated_cents), families: totals.families_allocated })}</Paragraph>}
      <Paragraph className="k-muted">{t('budget.threshold', { amount: formatMoney(pot.approval_threshold_cents) })}</Paragraph>
    </>
  );
}

/** One report table: a name per row, then count, committed and paid. */
function LinesTable({ caption, nameHeader, lines, name, testId }: { caption: string; nameHeader: string; lines: ReportLine[]; name: (l: ReportLine) => ReactNode; testId?: string }) {
  const { t } = useI18n();
  const total = lines.reduce((s, l) => ({ count: s.count + l.count, committed: s.committed + l.committed_cents, paid: s.paid + l.paid_cents }), { count: 0, committed: 0, paid: 0 });
  return (
    <ListTable
      caption={caption}
      captionHidden={false}
      actions={false}
      testId={testId}
      columns={[nameHeader, numColumn(t('budgetLead.count')), numColumn(t('budgetLead.committed')), numColumn(t('budgetLead.paid'))]}
      footer={
        <tr className="utrecht-table__row">
          <th scope="row" className="utrecht-table__header-cell">{t('budgetLead.total')}</th>
          <td className="utrecht-table__cell k-num">{total.count}</td>
          <td className="utrecht-table__cell k-num">{formatMoney(total.committed)}</td>
          <td className="utrecht-table__cell k-num">{formatMoney(total.paid)}</td>
        </tr>
      }
    >
      {lines.map((l) => (
        <tr key={l.key || '-'} className="utrecht-table__row">
          <th scope="row" className="utrecht-table__header-cell">{name(l)}</th>
          <td className="utrecht-table__cell k-num">{l.count}</td>
          <td className="utrecht-table__cell k-num">{formatMoney(l.committed_cents)}</td>
          <td className="utrecht-table__cell k-num">{formatMoney(l.paid_cents)}</td>
        </tr>
      ))}
    </ListTable>
  );
}

function PagedSection({ id, title, caption, nameHeader, lines, name, empty, testId }: { id: string; title: string; caption: string; nameHeader: string; lines: ReportLine[]; name: (l: ReportLine) => ReactNode; empty: string; testId: string }) {
  const sorted = [...lines].sort(byCommitted);
  const paged = usePaged(sorted);
  return (
    <section aria-labelledby={id} className="k-report-section">
      <Heading2 id={id}>{title}</Heading2>
      {sorted.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <>
          <LinesTable caption={paged.pages > 1 ? `${caption} (${paged.page + 1}/${paged.pages})` : caption} nameHeader={nameHeader} lines={paged.rows} name={name} testId={testId} />
          <Pager label={title} page={paged.page} pages={paged.pages} total={paged.total} setPage={paged.setPage} />
        </>
      )}
    </section>
  );
}

/** Every programme's pot in the chosen year, side by side. */
function ProgrammesOverview({ programmes, year }: { programmes: { id: string; name: string }[]; year: number }) {
  const { t } = useI18n();
  const all = useApi((signal) => Promise.all(programmes.map((p) => potApi.report(p.id, year, signal).then((r) => ({ programme: p, report: r })))), [programmes.map((p) => p.id).join(','), year]);
  // Newer servers send the programme's totals, with what was allocated to families.
  const withTotals = (all.data ?? []).some((x) => x.report.programme);
  return (
    <section aria-labelledby="lead-programmes" className="k-report-section">
      <Heading2 id="lead-programmes">{t('budgetLead.byProgramme')}</Heading2>
      {all.loading && !all.data ? (
        <Loading />
      ) : all.error != null ? (
        <ErrorState error={all.error} onRetry={all.reload} />
      ) : (
        <TableWrap>
          <table className="utrecht-table" data-testid="report-programmes">
            <caption className="utrecht-table__caption">{t('budgetLead.byProgrammeCaption', { year })}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">{t('budgetLead.programme')}</th>
                <th scope="col" className="utrecht-table__header-cell k-num">{t('budgetLead.potAmountShort')}</th>
                {withTotals && <th scope="col" className="utrecht-table__header-cell k-num">{t('budgetLead.allocatedShort')}</th>}
                <th scope="col" className="utrecht-table__header-cell k-num">{t('budgetLead.committed')}</th>
                <th scope="col" className="utrecht-table__header-cell k-num">{t('budgetLead.paid')}</th>
                <th scope="col" className="utrecht-table__header-cell k-num">{t('budgetLead.left')}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {(all.data ?? []).map(({ programme, report }) => (
                <tr key={programme.id} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">{programme.name}</th>
                  {report.pot ? (
                    <>
                      <td className="utrecht-table__cell k-num">{formatMoney(report.pot.amount_cents)}</td>
                      {withTotals && <td className="utrecht-table__cell k-num">{report.programme ? formatMoney(report.programme.allocated_cents) : t('common.none')}</td>}
                      <td className="utrecht-table__cell k-num">{formatMoney(report.pot.committed_cents)}</td>
                      <td className="utrecht-table__cell k-num">{formatMoney(paidOf(report))}</td>
                      <td className="utrecht-table__cell k-num">{formatMoney(report.pot.balance_cents)}</td>
                    </>
                  ) : (
                    <td className="utrecht-table__cell k-muted" colSpan={withTotals ? 5 : 4}>
                      {t('budgetLead.noPotShort')}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export default function BudgetLeadPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  usePageTitle(t('budgetLead.title'));
  const thisYear = Number(todayIso().slice(0, 4));
  const choice = useProgrammeChoice();
  const { list, programme } = choice;
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // An admin may set the pot but not read the report: then only the form is shown.
  const mayRead = can('budget.report');
  const mayManage = can('budget.pot_manage');
  const report = useApi<BudgetReport | null>((signal) => (programme && mayRead ? potApi.report(programme.id, year, signal) : Promise.resolve(null)), [programme?.id, year, mayRead]);
  const years = [thisYear - 2, thisYear - 1, thisYear, thisYear + 1];

  function choose(update: () => void) {
    update();
    setEditing(false);
    setNotice(null);
  }

  const data = report.data;
  const pot = data?.pot ?? null;
  const categories = data ? [...data.by_category].sort(byCommitted) : [];

  return (
    <section aria-labelledby="page-title" className="k-budget-lead">
      <Heading1 id="page-title">{t('budgetLead.title')}</Heading1>
      <Paragraph className="k-lead">{t('budgetLead.intro')}</Paragraph>
      <ProgrammeChoiceState choice={choice} empty={t('budgetLead.noProgrammes')} />
      {programme && (
        <div className="k-form k-form--inline k-noprint k-lead-pick" role="group" aria-label={t('budgetLead.pick')}>
          <SelectField id="lead-programme" label={t('budgetLead.programme')} value={programme.id} onValue={(v) => choose(() => choice.choose(v))} options={choice.options} />
          <SelectField id="lead-year" label={t('budgetLead.year')} value={String(year)} onValue={(v) => choose(() => setYear(Number(v)))} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        </div>
      )}

      {programme && (
        <div aria-live="polite" aria-busy={report.loading}>
          {notice && <Notice>{notice}</Notice>}
          {mayRead && report.loading && <Loading />}
          {mayRead && !report.loading && report.error != null && <ErrorState error={report.error} onRetry={report.reload} />}
          {(!mayRead || (data && !report.loading)) && (
            <>
              <section className="k-card" aria-labelledby="lead-pot">
                <div className="k-toolbar">
                  <Heading2 id="lead-pot">{t('budgetLead.potTitle', { programme: programme.name, year })}</Heading2>
                  {pot && mayManage && !editing && (
                    <Button appearance="secondary-action-button" onClick={() => { setNotice(null); setEditing(true); }}>
                      {t('budgetLead.potChangeButton')}
                    </Button>
                  )}
                </div>
                {pot ? <PotSummary pot={pot} paid={paidOf(data!)} totals={data!.programme} /> : mayRead ? <Empty>{t('budgetLead.noPot', { year })}</Empty> : <Paragraph>{t('budgetLead.setOnly')}</Paragraph>}
              </section>
              {mayManage && (editing || !pot) && (
                <PotForm
                  key={`${programme.id}-${year}`}
                  programmeId={programme.id}
                  programmeName={programme.name}
                  year={year}
                  pot={pot}
                  onCancel={pot ? () => setEditing(false) : undefined}
                  onSaved={(saved) => {
                    setEditing(false);
                    setNotice(t('budgetLead.potSaved', { amount: formatMoney(saved.amount_cents), year: saved.year }));
                    report.reload();
                  }}
                />
              )}

              {mayRead && data && pot && (
                <>
                  {categories.length === 0 ? (
                    <section aria-labelledby="lead-categories" className="k-report-section">
                      <Heading2 id="lead-categories">{t('budgetLead.byCategory')}</Heading2>
                      <Empty>{t('budgetLead.noSpending', { year })}</Empty>
                    </section>
                  ) : (
                    <ChartFigure
                      headingLevel={2}
                      title={t('budgetLead.byCategory')}
                      chart={
                        <BarCanvas
                          categories={categories.map((l) => categoryLabel(l.label, lang))}
                          values={categories.map((l) => l.committed_cents / 100)}
                          label={t('budgetLead.categoryChart', { year })}
                          axisLabel={t('budgetLead.axisEuro')}
                        />
                      }
                      table={<LinesTable caption={t('budgetLead.byCategoryCaption', { year })} nameHeader={t('budget.category')} lines={categories} name={(l) => categoryLabel(l.label, lang)} testId="report-categories" />}
                    />
                  )}
                  <PagedSection
                    key={`goal-${programme.id}-${year}`}
                    id="lead-goals"
                    title={t('budgetLead.byGoal')}
                    caption={t('budgetLead.byGoalCaption', { year })}
                    nameHeader={t('budgetLead.goal')}
                    lines={data.by_goal}
                    name={(l) => (l.key ? l.label || t('budgetLead.goalUnnamed') : t('budgetLead.noGoal'))}
                    empty={t('budgetLead.noSpending', { year })}
                    testId="report-goals"
                  />
                  <PagedSection
                    key={`family-${programme.id}-${year}`}
                    id="lead-families"
                    title={t('budgetLead.byFamily')}
                    caption={t('budgetLead.byFamilyCaption', { year })}
                    nameHeader={t('budgetLead.family')}
                    lines={data.by_family}
                    name={(l) => (
                      <Link className="utrecht-link" to={`/gezinnen/${encodeURIComponent(l.key)}/budget`}>
                        {l.label}
                      </Link>
                    )}
                    empty={t('budgetLead.noSpending', { year })}
                    testId="report-families"
                  />
                  <Downloads
                    title={t('budgetLead.download')}
                    hint={t('budgetLead.downloadHint')}
                    links={(['csv', 'xlsx'] as const).map((format) => ({ href: potApi.reportUrl(programme.id, year, format), label: t(format === 'csv' ? 'budgetLead.csv' : 'budgetLead.xlsx') }))}
                  />
                </>
              )}
              {mayRead && <ProgrammesOverview programmes={list} year={year} />}
            </>
          )}
        </div>
      )}
    </section>
  );
}
