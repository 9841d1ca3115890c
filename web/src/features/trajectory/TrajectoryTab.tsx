// The trajectory of one family: where it stands (aanmelding → intake → actief →
// afsluiting → nazorg), the coach, the next step, the income check and the timeline.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { CLOSING_REASONS, FURTHER_COACH_ROLES, PHASES, type ClosingReason, type FurtherCoachRole, type Family, type Page, type Phase, type TimelineItem, type User } from '../../api/types';
import { useI18n, type T } from '../../i18n';
import { formatDate, formatDateTime, todayIso } from '../../i18n/format';
import { SelectField, TextareaField, focusFirstError } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { toDateParts } from '../../ui/dates';
import { checkDate, required, serverErrors, type Errors } from '../../ui/forms';
import { Empty, ErrorState, Loading, Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useCan } from '../auth/session';
import { loadCoaches } from '../families/api';
import type { TabProps } from '../families/FamilyPage';
import { EligibilitySection } from '../eligibility/EligibilitySection';
import { AssignCoach } from './AssignCoach';
import { FollowUps } from './FollowUps';
import { FurtherCoaches } from './FurtherCoaches';
import { trajectoryApi, type PhaseInput } from './api';

function phaseLabel(t: T, p: string | null | undefined): string {
  return p && (PHASES as readonly string[]).includes(p) ? t(`phase.${p as Phase}`) : p ?? '';
}

/**
 * The date the family entered each phase, from the timeline (the latest phase change or reopening
 * into it), falling back to the family's own dates. A phase after the current one has none.
 */
function phaseDates(family: Family, items: TimelineItem[] | undefined): Partial<Record<Phase, string>> {
  const dates: Partial<Record<Phase, string>> = {};
  const referral = items?.find((it) => it.kind === 'referral');
  const start = referral?.date ?? family.waiting_since ?? family.created_at;
  if (start) dates.aanmelding = start.slice(0, 10);
  // The timeline is newest first: the first hit per phase is the latest entry into it.
  for (const it of items ?? []) {
    if ((it.kind === 'phase' || it.kind === 'reopen') && it.to && (PHASES as readonly string[]).includes(it.to)) {
      const p = it.to as Phase;
      if (!dates[p] || it.date > dates[p]!) dates[p] = it.date;
    }
  }
  if (!dates.intake && family.intake_date) dates.intake = family.intake_date;
  if (!dates.afsluiting && family.closed_on) dates.afsluiting = family.closed_on;
  return dates;
}

/**
 * Where the family stands, as an ordered list: each done phase with a check and its date, the
 * current one marked for assistive technology (aria-current="step"), the next one named. Every
 * state is written out in words; the marks are decoration.
 */
function Stepper({ family, items }: { family: Family; items: TimelineItem[] | undefined }) {
  const { t, lang } = useI18n();
  const phase = family.phase!;
  const at = PHASES.indexOf(phase);
  const dates = phaseDates(family, items);
  return (
    <ol className="k-stepper" aria-label={t('trajectory.steps')}>
      {PHASES.map((p, i) => {
        const date = dates[p];
        const state = i < at ? 'done' : i === at ? 'current' : i === at + 1 ? 'next' : 'later';
        const text =
          state === 'done'
            ? date ? t('stepper.doneOn', { date: formatDate(date, lang) }) : t('stepper.done')
            : state === 'current'
              ? date ? t('stepper.currentSince', { date: formatDate(date, lang) }) : t('stepper.current')
              : state === 'next' ? t('stepper.next') : t('stepper.later');
        return (
          <li key={p} className={`k-stepper__step is-${state}`} aria-current={state === 'current' ? 'step' : undefined} data-phase={p}>
            <span className="k-stepper__mark" aria-hidden="true">
              {state === 'done' ? '✓' : i + 1}
            </span>
            <span className="k-stepper__text">
              <span className="k-stepper__name">{t(`phase.${p}`)}</span>
              <span className="k-stepper__state">{text}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Closing the trajectory is a deliberate act: a button that opens a modal dialog with the closing
 * form. Escape or "Annuleren" closes the dialog without changing anything, and focus returns to
 * the button. After closing the trajectory, focus goes to the tab's heading (see `changed`).
 */
function CloseTrajectory({ family, onDone }: { family: Family; onDone: (f: Family) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const early = family.phase === 'aanmelding' || family.phase === 'intake';

  useEffect(() => {
    const d = dialog.current;
    if (!open || !d) return;
    if (!d.open) d.showModal();
    // Start at the first question, the reason.
    document.getElementById('close-reason')?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, [open]);

  const cancel = () => {
    setOpen(false);
    requestAnimationFrame(() => opener.current?.focus());
  };

  return (
    <section className="k-card" aria-labelledby="close-card-title">
      <Heading3 id="close-card-title">{t('closing.cardTitle')}</Heading3>
      <Paragraph>{early ? t('closing.offer') : t('closing.offerActive')}</Paragraph>
      <Button ref={opener} id="close-open" appearance="secondary-action-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('closing.openButton')}
      </Button>
      {open && (
        <dialog
          ref={dialog}
          className="k-dialog k-close-dialog"
          aria-labelledby="close-title"
          onCancel={(e) => {
            // Escape: close without a trace, and let React remove the dialog.
            e.preventDefault();
            cancel();
          }}
        >
          <NextStepForm
            key={`${family.version}-close`}
            family={family}
            to="afsluiting"
            idPrefix="close"
            onDone={(f) => {
              setOpen(false);
              onDone(f);
            }}
            onCancel={cancel}
          />
        </dialog>
      )}
    </section>
  );
}

function NextStepForm({ family, to, reopen, idPrefix, onDone, onCancel }: {
  family: Family;
  to: Phase;
  reopen?: boolean;
  /** Ids of the form's fields start with this (default: phase-<to>, or reopen). */
  idPrefix?: string;
  onDone: (f: Family) => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const intake = to === 'intake';
  const closing = to === 'afsluiting';
  const [date, setDate] = useState(toDateParts(todayIso()));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<ClosingReason | ''>('');
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = idPrefix ?? (reopen ? 'reopen' : `phase-${to}`);
  // A completed trajectory is summed up; a family that never started needs only a reason,
  // and a few words when the reason is "anders".
  const summaryNeeded = family.phase === 'actief' || reason === 'anders';
  const ids = { to: `${p}-submit`, date: `${p}-date`, note: `${p}-note`, closing_reason: `${p}-reason`, closing_summary: `${p}-summary` };
  const order = closing ? [ids.closing_reason, ids.date, ids.closing_summary, ids.note] : [ids.date, ids.closing_reason, ids.closing_summary, ids.note];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const [iso, dateErr] = checkDate(t, date, { required: true, allowFuture: intake, min: '2000-01-01' });
    if (dateErr) errs[ids.date] = dateErr;
    if (closing) {
      if (!reason) errs[ids.closing_reason] = t('validation.required');
      const s = summaryNeeded ? required(t, summary, 4000) : null;
      if (s) errs[ids.closing_summary] = s;
    }
    if (reopen) {
      const n = required(t, note, 2000);
      if (n) errs[ids.note] = n;
    }
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, order);
    const body: PhaseInput = { to, date: iso! };
    if (note.trim()) body.note = note.trim();
    if (closing) {
      body.closing_reason = reason as ClosingReason;
      if (summary.trim()) body.closing_summary = summary.trim();
    }
    setBusy(true);
    try {
      onDone(await trajectoryApi.phase(family.id, body));
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, ids);
      // An error on "to" (a missing consent or check) is shown above the button.
      const onTo = fields[ids.to];
      delete fields[ids.to];
      setErrors(fields);
      const messages = [onTo, ...rest].filter(Boolean) as string[];
      if (messages.length || !Object.keys(fields).length) setGeneral(messages.join(' ') || errorMessage(err));
      focusFirstError(fields, order);
    } finally {
      setBusy(false);
    }
  }

  const dateField = (
    <DateField
      id={ids.date}
      legend={intake ? t('trajectory.intakeDate') : t('trajectory.date')}
      description={intake ? t('trajectory.intakeDateHint') : undefined}
      value={date}
      onValue={setDate}
      error={errors[ids.date]}
      required
    />
  );

  return (
    <form className="k-form" onSubmit={submit} noValidate aria-labelledby={idPrefix === 'close' ? 'close-title' : `${p}-title`}>
      {idPrefix === 'close' ? (
        <Heading2 id="close-title">{t('closing.dialogTitle')}</Heading2>
      ) : (
        <Heading3 id={`${p}-title`}>{reopen ? t('trajectory.reopen') : t('trajectory.next', { phase: t(`phase.${to}`) })}</Heading3>
      )}
      {idPrefix === 'close' && <Paragraph className="k-muted">{family.phase === 'actief' ? t('closing.introActive') : t('closing.intro')}</Paragraph>}
      {to === 'actief' && !reopen && <Paragraph className="k-muted">{t('trajectory.needsForActive')}</Paragraph>}
      {general && <Notice type="error">{general}</Notice>}
      {!closing && dateField}
      {closing && (
        <>
          <SelectField
            id={ids.closing_reason}
            label={t('trajectory.closingReason')}
            value={reason}
            onValue={(v) => setReason(v as ClosingReason)}
            error={errors[ids.closing_reason]}
            placeholder={t('trajectory.chooseReason')}
            options={CLOSING_REASONS.map((r) => ({ value: r, label: t(`closingReason.${r}`) }))}
            required
          />
          {dateField}
          <TextareaField
            id={ids.closing_summary}
            label={t('trajectory.closingSummary')}
            description={summaryNeeded ? t('trajectory.closingSummaryHint') : t('closing.summaryOptionalHint')}
            value={summary}
            onValue={setSummary}
            error={errors[ids.closing_summary]}
            rows={4}
            required={summaryNeeded}
            optional={!summaryNeeded}
          />
        </>
      )}
      <TextareaField
        id={ids.note}
        label={reopen ? t('trajectory.reopenNote') : t('trajectory.note')}
        value={note}
        onValue={setNote}
        error={errors[ids.note]}
        rows={2}
        optional={!reopen}
        required={reopen}
      />
      <ButtonGroup>
        <Button id={ids.to} type="submit" appearance={reopen ? 'secondary-action-button' : 'primary-action-button'} busy={busy} disabled={busy}>
          {reopen ? t('trajectory.reopen') : idPrefix === 'close' ? t('closing.confirm') : t('trajectory.toPhase', { phase: t(`phase.${to}`) })}
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

function roleLabel(t: T, role: string | null | undefined): string {
  return role && (FURTHER_COACH_ROLES as readonly string[]).includes(role) ? t(`coachRole.${role as FurtherCoachRole}`) : role ?? '';
}

function Timeline({ items }: { items: TimelineItem[] }) {
  const { t, lang } = useI18n();
  const text = (it: TimelineItem) => {
    const vars = { from: phaseLabel(t, it.from) || t('common.none'), to: phaseLabel(t, it.to) || t('common.none') };
    switch (it.kind) {
      case 'phase':
        return t('timeline.phase', vars);
      case 'assign':
        return t('timeline.assign', vars);
      case 'handover':
        return t('timeline.handover', vars);
      case 'reopen':
        return t('timeline.reopen', vars);
      case 'follow_up':
        return t('timeline.follow_up', {
          months: it.from ?? '',
          outcome: it.to === 'done' || it.to === 'not_reachable' ? t(`followUp.status.${it.to}`) : it.to ?? '',
        });
      case 'ended':
        return t('timeline.ended');
      case 'coach_added':
        return t('timeline.coach_added', { name: it.to ?? '', role: roleLabel(t, it.from) });
      case 'coach_handover':
        return t('timeline.coach_handover', { from: it.from ?? '', to: it.to ?? '' });
      case 'coach_ended':
        return t('timeline.coach_ended', { name: it.from ?? '', role: roleLabel(t, it.to) });
      default:
        return t(`timeline.${it.kind}`);
    }
  };
  if (items.length === 0) return <Empty>{t('trajectory.timelineEmpty')}</Empty>;
  return (
    <ol className="k-timeline">
      {items.map((it) => (
        <li key={it.id}>
          <time dateTime={it.date}>{formatDate(it.date, lang)}</time> — {text(it)}{' '}
          <span className="k-muted">
            {t('timeline.by', { name: it.user_name })} · {formatDateTime(it.at, lang)}
          </span>
          {it.note && <div className="k-pre">{it.note}</div>}
        </li>
      ))}
    </ol>
  );
}

export default function TrajectoryTab({ family, reload }: TabProps) {
  const { t } = useI18n();
  const can = useCan();
  // Assigning a coach needs the list of coaches to choose from.
  const assigns = can('family.assign_coach') && can('user.list_staff');
  const [notice, setNotice] = useState<string | null>(null);
  const timeline = useApi<Page<TimelineItem>>((signal) => trajectoryApi.timeline(family.id, signal), [family.id, family.version]);
  const coaches = useApi<User[]>((signal) => (assigns ? loadCoaches(signal) : Promise.resolve([])), [assigns]);
  const [handover, setHandover] = useState(false);

  if (family.phase === undefined) {
    return <Notice type="info">{t('state.notAvailable')}</Notice>;
  }
  const phase = family.phase;
  const at = PHASES.indexOf(phase);
  const next = at >= 0 && at < PHASES.length - 1 ? PHASES[at + 1] : null;
  const canReopen = phase === 'afsluiting' || phase === 'nazorg';
  // A family that never started reopens to the phase it was closed from.
  const reopenTo: Phase = family.not_started && family.closed_from_phase ? family.closed_from_phase : 'actief';
  // Closing is possible from every phase before afsluiting; from actief it is the next step.
  const canCloseEarly = phase === 'aanmelding' || phase === 'intake';

  const changed = (f: Family) => {
    setNotice(t('trajectory.phaseChanged', { phase: t(`phase.${f.phase ?? phase}`) }));
    reload();
    // The form that had focus is replaced by the next step's form: start again at the heading.
    document.getElementById('trajectory-title')?.focus();
  };

  return (
    <section aria-labelledby="trajectory-title">
      <Heading2 id="trajectory-title" tabIndex={-1}>
        {t('trajectory.title')}
      </Heading2>
      <Stepper family={family} items={timeline.data?.items} />
      {notice && <Notice>{notice}</Notice>}

      {assigns && (
        <section className="k-card" aria-labelledby="assign-title">
          <Heading3 id="assign-title">{t('assign.title')}</Heading3>
          <Paragraph>
            {t('family.coach')}: <strong>{family.coach_name ?? t('caseload.noCoach')}</strong>
          </Paragraph>
          {coaches.loading && <Loading />}
          {coaches.error != null && <ErrorState error={coaches.error} onRetry={coaches.reload} />}
          {coaches.data && (!family.coach_id || handover) && (
            <AssignCoach
              key={family.version}
              family={family}
              coaches={coaches.data}
              idPrefix="assign"
              onAssigned={(_, name) => {
                setHandover(false);
                setNotice(t('assign.done', { coach: name }));
                reload();
              }}
              onCancel={family.coach_id ? () => setHandover(false) : undefined}
              autoFocus={handover}
            />
          )}
          {coaches.data && family.coach_id && !handover && (
            <Button appearance="secondary-action-button" onClick={() => setHandover(true)}>
              {t('assign.handover')}
            </Button>
          )}
        </section>
      )}

      {/* Closing is never the open form on the page: it sits behind a button (see CloseTrajectory). */}
      {(next !== 'afsluiting' || canReopen) && (
        <section className="k-card" aria-label={next && next !== 'afsluiting' ? t('trajectory.next', { phase: t(`phase.${next}`) }) : t('trajectory.done')}>
          {next === 'intake' && !family.coach_id ? (
            <Paragraph>{t('trajectory.needsCoach')}</Paragraph>
          ) : next && next !== 'afsluiting' ? (
            <NextStepForm key={`${family.version}-${next}`} family={family} to={next} onDone={changed} />
          ) : (
            !next && <Paragraph>{t('trajectory.done')}</Paragraph>
          )}
          {canReopen && <NextStepForm key={`${family.version}-reopen`} family={family} to={reopenTo} reopen onDone={changed} />}
        </section>
      )}

      {(canCloseEarly || next === 'afsluiting') && <CloseTrajectory family={family} onDone={changed} />}

      {canReopen && can('follow_up.list') && (
        <FollowUps
          family={family}
          onChanged={() => {
            reload();
            timeline.reload();
          }}
        />
      )}

      {can('family.coach_list') && <FurtherCoaches family={family} onChanged={() => timeline.reload()} />}

      <EligibilitySection family={family} onChanged={() => timeline.reload()} />

      <section className="k-card" aria-labelledby="timeline-title">
        <Heading3 id="timeline-title">{t('trajectory.timeline')}</Heading3>
        {timeline.loading && !timeline.data && <Loading />}
        {timeline.error != null && <ErrorState error={timeline.error} onRetry={timeline.reload} />}
        {timeline.data && <Timeline items={timeline.data.items} />}
      </section>
    </section>
  );
}
