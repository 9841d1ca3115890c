// The kansplan at the kitchen table: first what each person is good at and dreams of, in their
// own words; then goals, who does what, and how it went. The family agrees a version; a later
// change makes a new one and older versions stay readable. "Printversie" gives the A4 sheet
// the family takes home, in Dutch or English.
import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, todayIso } from '../../i18n/format';
import { Badge } from '../../ui/Badges';
import { SelectField, TextField, TextareaField, focusFirstError } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { EMPTY_DATE, toDateParts, type DateParts } from '../../ui/dates';
import { checkDate, maxLength, required, type Errors } from '../../ui/forms';
import { ErrorState, Empty, Loading, Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { ApiError } from '../../api/client';
import { useCan } from '../auth/session';
import type { TabProps } from '../families/FamilyPage';
import { CheckField, householdOf, useFailure, useSaving } from './common';
import { GOAL_STATUSES, HORIZONS, LIFE_DOMAINS, planApi, type Goal, type GoalStatus, type Horizon, type Plan, type VersionInfo, type Words } from './api';
import { PlanPrint } from './PlanPrint';
import { domainLabel } from './labels';
import './plan.css';

type Member = { id: string; name: string };

function PortraitCard({ familyId, member, words, editable, onSaved }: { familyId: string; member: Member; words: Words[]; editable: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [talent, setTalent] = useState('');
  const [dream, setDream] = useState('');
  const { errors, setErrors, general, setGeneral, busy, run } = useSaving();
  const ids = { talent: `talent-${member.id}`, dream: `dream-${member.id}` };
  const talents = words.filter((w) => w.type === 'talent');
  const dreams = words.filter((w) => w.type === 'dream');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const a = maxLength(t, talent, 1000);
    if (a) errs[ids.talent] = a;
    const b = maxLength(t, dream, 1000);
    if (b) errs[ids.dream] = b;
    if (!talent.trim() && !dream.trim()) errs[ids.talent] = t('plan.wordsEmpty');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(ids));
    await run(async () => {
      // Talents first: strengths before anything else.
      if (talent.trim()) await planApi.add(familyId, { type: 'talent', member_id: member.id, text: talent.trim() });
      setTalent('');
      if (dream.trim()) await planApi.add(familyId, { type: 'dream', member_id: member.id, text: dream.trim() });
      setDream('');
      setEditing(false);
      onSaved();
    }, { text: ids.talent });
  }

  return (
    <section className="k-card k-person" aria-labelledby={`person-${member.id}`}>
      <Heading3 id={`person-${member.id}`}>{member.name}</Heading3>
      <dl className="k-words">
        <dt>{t('plan.talents')}</dt>
        {talents.length ? talents.map((w) => <dd key={w.id} className="k-pre">{w.text}</dd>) : <dd className="k-muted">{t('plan.talentsEmpty')}</dd>}
        <dt>{t('plan.dreams')}</dt>
        {dreams.length ? dreams.map((w) => <dd key={w.id} className="k-pre">{w.text}</dd>) : <dd className="k-muted">{t('plan.dreamsEmpty')}</dd>}
      </dl>
      {editing ? (
        <form className="k-form" onSubmit={submit} noValidate aria-label={t('plan.editWordsOf', { name: member.name })}>
          {general && <Notice type="error">{general}</Notice>}
          <TextareaField id={ids.talent} autoFocus label={t('plan.talentOf', { name: member.name })} description={t('plan.ownWords')} value={talent} onValue={setTalent} error={errors[ids.talent]} rows={2} optional />
          <TextareaField id={ids.dream} label={t('plan.dreamOf', { name: member.name })} description={t('plan.ownWords')} value={dream} onValue={setDream} error={errors[ids.dream]} rows={2} optional />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {t('common.save')}
            </Button>
            <Button type="button" appearance="secondary-action-button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
          </ButtonGroup>
        </form>
      ) : (
        editable && (
          <Button appearance="secondary-action-button" aria-label={t('plan.editWordsOf', { name: member.name })} onClick={() => setEditing(true)}>
            {t('plan.editWords')}
          </Button>
        )
      )}
    </section>
  );
}

const GOAL_IDS = { title: 'goal-title', description: 'goal-description', life_domain: 'goal-domain', horizon: 'goal-horizon', owner_ids: 'goal-owners', target_date: 'goal-target', status: 'goal-status' };

function GoalForm({ familyId, members, onSaved, onCancel }: { familyId: string; members: Member[]; onSaved: () => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  // The life domain and the horizon are the family's answer, not ours: no choice beforehand.
  const [domain, setDomain] = useState<string>('');
  const [horizon, setHorizon] = useState<Horizon | ''>('');
  const [owners, setOwners] = useState<string[]>([]);
  const [target, setTarget] = useState<DateParts>(EMPTY_DATE);
  const [status, setStatus] = useState<GoalStatus>('active');
  const { errors, setErrors, general, setGeneral, busy, run } = useSaving();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const a = required(t, title, 200);
    if (a) errs[GOAL_IDS.title] = a;
    const b = maxLength(t, description, 2000);
    if (b) errs[GOAL_IDS.description] = b;
    if (!domain) errs[GOAL_IDS.life_domain] = t('select.required');
    if (!horizon) errs[GOAL_IDS.horizon] = t('select.required');
    const [iso, dateErr] = checkDate(t, target, { allowFuture: true, min: '2000-01-01' });
    if (dateErr) errs[GOAL_IDS.target_date] = dateErr;
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(GOAL_IDS));
    await run(async () => {
      await planApi.add(familyId, { type: 'goal', title: title.trim(), description: description.trim(), life_domain: domain, horizon: horizon as Horizon, owner_ids: owners, target_date: iso, status });
      onSaved();
    }, GOAL_IDS, true);
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="goal-form-title">
      <Heading3 id="goal-form-title">{t('plan.addGoal')}</Heading3>
      {general && <Notice type="error">{general}</Notice>}
      <TextField id={GOAL_IDS.title} autoFocus label={t('plan.goalTitle')} description={t('plan.goalTitleHint')} value={title} onValue={setTitle} error={errors[GOAL_IDS.title]} required />
      <TextareaField id={GOAL_IDS.description} label={t('plan.goalDescription')} value={description} onValue={setDescription} error={errors[GOAL_IDS.description]} rows={2} optional />
      <div className="k-row">
        <SelectField id={GOAL_IDS.life_domain} label={t('plan.domain')} value={domain} onValue={setDomain} error={errors[GOAL_IDS.life_domain]} placeholder={t('select.choose')} required options={LIFE_DOMAINS.map((d) => ({ value: d, label: domainLabel(d, lang) }))} />
        <SelectField id={GOAL_IDS.horizon} label={t('plan.horizon')} value={horizon} onValue={(v) => setHorizon(v as Horizon)} error={errors[GOAL_IDS.horizon]} placeholder={t('select.choose')} required options={HORIZONS.map((h) => ({ value: h, label: t(`plan.horizon.${h}`) }))} />
      </div>
      <fieldset className="k-fieldset" id={GOAL_IDS.owner_ids} tabIndex={-1} aria-describedby={errors[GOAL_IDS.owner_ids] ? `${GOAL_IDS.owner_ids}-error` : undefined}>
        <legend>{t('plan.owners')}</legend>
        {errors[GOAL_IDS.owner_ids] && (
          <p id={`${GOAL_IDS.owner_ids}-error`} className="k-field-error">
            {errors[GOAL_IDS.owner_ids]}
          </p>
        )}
        {members.map((m) => (
          <CheckField key={m.id} id={`goal-owner-${m.id}`} label={m.name} checked={owners.includes(m.id)} onChecked={(on) => setOwners((o) => (on ? [...o, m.id] : o.filter((x) => x !== m.id)))} />
        ))}
      </fieldset>
      <div className="k-row">
        <DateField id={GOAL_IDS.target_date} legend={t('plan.targetDate')} value={target} onValue={setTarget} error={errors[GOAL_IDS.target_date]} optional />
        <SelectField id={GOAL_IDS.status} label={t('plan.status')} value={status} onValue={(v) => setStatus(v as GoalStatus)} error={errors[GOAL_IDS.status]} options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))} />
      </div>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('plan.saveGoal')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function GoalStatusSelect({ familyId, goal, onSaved, onStale }: { familyId: string; goal: Goal; onSaved: () => void; onStale: () => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <SelectField
        id={`goal-status-${goal.id}`}
        label={t('plan.statusOf', { title: goal.title })}
        value={goal.status}
        error={error}
        onValue={async (v) => {
          setError(null);
          try {
            await planApi.change(familyId, goal.id, goal.version, { status: v });
            onSaved();
          } catch (err) {
            setError(errorMessage(err));
            // Changed on another device meanwhile: show what is there now, with the message.
            if (err instanceof ApiError && err.status === 412) onStale();
          }
        }}
        options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))}
      />
    </>
  );
}

function ActionForm({ familyId, members, goals, onSaved }: { familyId: string; members: Member[]; goals: Goal[]; onSaved: () => void }) {
  const { t } = useI18n();
  const ids = { what: 'action-what', member_id: 'action-who', goal_id: 'action-goal', due_on: 'action-due' };
  const [what, setWhat] = useState('');
  const [who, setWho] = useState(members[0]?.id ?? '');
  const [goal, setGoal] = useState(goals[0]?.id ?? '');
  const [due, setDue] = useState<DateParts>(EMPTY_DATE);
  const { errors, setErrors, general, setGeneral, busy, run } = useSaving();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const a = required(t, what, 500);
    if (a) errs[ids.what] = a;
    const [iso, dateErr] = checkDate(t, due, { allowFuture: true, min: '2000-01-01' });
    if (dateErr) errs[ids.due_on] = dateErr;
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(ids));
    await run(async () => {
      await planApi.add(familyId, { type: 'action', what: what.trim(), member_id: who || null, goal_id: goal || null, due_on: iso });
      setWhat('');
      setDue(EMPTY_DATE);
      onSaved();
    }, ids);
  }

  return (
    <form className="k-form k-form--inline" onSubmit={submit} noValidate aria-label={t('plan.addAction')}>
      {general && <Notice type="error">{general}</Notice>}
      <TextField id={ids.what} label={t('plan.actionWhat')} value={what} onValue={setWhat} error={errors[ids.what]} required />
      <SelectField id={ids.member_id} label={t('plan.actionWho')} value={who} onValue={setWho} error={errors[ids.member_id]} options={[{ value: '', label: t('plan.actionWhoCoach') }, ...members.map((m) => ({ value: m.id, label: m.name }))]} />
      <SelectField id={ids.goal_id} label={t('plan.actionGoal')} value={goal} onValue={setGoal} error={errors[ids.goal_id]} options={[{ value: '', label: t('plan.noGoal') }, ...goals.map((g) => ({ value: g.id, label: g.title }))]} />
      <DateField id={ids.due_on} legend={t('plan.actionDue')} value={due} onValue={setDue} error={errors[ids.due_on]} optional />
      <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
        {t('plan.addAction')}
      </Button>
    </form>
  );
}

function ReviewForm({ familyId, onSaved, onCancel }: { familyId: string; onSaved: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const ids = { held_on: 'review-date', went_well: 'review-well', next_steps: 'review-next' };
  const [date, setDate] = useState(toDateParts(todayIso()));
  const [well, setWell] = useState('');
  const [next, setNext] = useState('');
  const { errors, setErrors, general, busy, run } = useSaving();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const [iso, dateErr] = checkDate(t, date, { required: true, min: '2000-01-01' });
    if (dateErr) errs[ids.held_on] = dateErr;
    const a = required(t, well, 2000);
    if (a) errs[ids.went_well] = a;
    const b = maxLength(t, next, 2000);
    if (b) errs[ids.next_steps] = b;
    setErrors(errs);
    if (Object.keys(errs).length) return focusFirstError(errs, Object.values(ids));
    await run(async () => {
      await planApi.add(familyId, { type: 'review', held_on: iso!, went_well: well.trim(), next_steps: next.trim() });
      onSaved();
    }, ids);
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="review-form-title">
      <Heading3 id="review-form-title">{t('plan.addReview')}</Heading3>
      {general && <Notice type="error">{general}</Notice>}
      <DateField id={ids.held_on} autoFocus legend={t('plan.reviewDate')} value={date} onValue={setDate} error={errors[ids.held_on]} required />
      <TextareaField id={ids.went_well} label={t('plan.wentWell')} value={well} onValue={setWell} error={errors[ids.went_well]} rows={3} required />
      <TextareaField id={ids.next_steps} label={t('plan.next')} value={next} onValue={setNext} error={errors[ids.next_steps]} rows={3} optional />
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

function AgreeForm({ familyId, versionId, members, onDone, onCancel }: { familyId: string; versionId: string; members: Member[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const fail = useFailure();
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen.length) {
      setError(t('plan.agreeChooseSomeone'));
      return;
    }
    setBusy(true);
    try {
      await planApi.agree(familyId, versionId, { agreed_on: todayIso(), member_ids: chosen });
      onDone();
    } catch (err) {
      setError(fail(err, {}).general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby="agree-title">
      <Heading3 id="agree-title">{t('plan.agreeTitle')}</Heading3>
      <Paragraph>{t('plan.agreeIntro')}</Paragraph>
      {error && <Notice type="error">{error}</Notice>}
      <fieldset className="k-fieldset">
        <legend>{t('plan.agreeWho')}</legend>
        {members.map((m) => (
          <CheckField key={m.id} id={`agree-${m.id}`} label={m.name} checked={chosen.includes(m.id)} onChecked={(on) => setChosen((c) => (on ? [...c, m.id] : c.filter((x) => x !== m.id)))} />
        ))}
      </fieldset>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('plan.agreeButton')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** One plan version's content, read-only (an older version, or the agreed one). */
function OldVersion({ familyId, version, members, onClose }: { familyId: string; version: VersionInfo; members: Member[]; onClose: () => void }) {
  const { t } = useI18n();
  const v = useApi<Plan>((signal) => planApi.version(familyId, version.id, signal), [familyId, version.id]);
  return (
    <section className="k-card" aria-labelledby="old-version-title">
      <div className="k-toolbar">
        <Heading3 id="old-version-title">{t('plan.versionN', { n: version.number })}</Heading3>
        <Button appearance="secondary-action-button" onClick={onClose}>
          {t('plan.closeVersion')}
        </Button>
      </div>
      {v.loading && !v.data && <Loading />}
      {v.error != null && <ErrorState error={v.error} onRetry={v.reload} />}
      {v.data && <PlanPrint plan={v.data} members={members} familyName="" embedded />}
    </section>
  );
}

/** The names of those who agreed a version (ids from the server, names from the household). */
export function agreedNames(ids: string[] | undefined, members: Member[]): string {
  return (ids ?? []).map((id) => members.find((m) => m.id === id)?.name ?? id).join(', ');
}

export default function PlanTab({ family }: TabProps) {
  const { t, lang } = useI18n();
  const can = useCan();
  const plan = useApi<Plan>((signal) => planApi.get(family.id, signal), [family.id]);
  const [form, setForm] = useState<'goal' | 'review' | 'agree' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [oldVersion, setOldVersion] = useState<VersionInfo | null>(null);
  const errorMessage = useErrorMessage();
  const [rowError, setRowError] = useState<string | null>(null);
  const members = householdOf(family);
  const mayEdit = can('plan.update');
  const mayAgree = can('plan.agree');
  const done = (message: string) => {
    setForm(null);
    setNotice(message);
    plan.reload();
  };

  if (plan.loading && !plan.data) return <Loading />;
  if (plan.error != null && !plan.data) return <ErrorState error={plan.error} onRetry={plan.reload} />;
  const p = plan.data!;
  if (printing) return <PlanPrint plan={p} members={members} familyName={family.name} onClose={() => setPrinting(false)} />;
  const goalTitle = (id: string | null) => p.goals.find((g) => g.id === id)?.title;
  const nameOf = (id: string | null) => (id ? (members.find((m) => m.id === id)?.name ?? id) : t('plan.actionWhoCoach'));
  const v = p.version;
  const canAgreeNow = mayAgree && v && v.status === 'draft';
  const agreedVersions = p.versions.filter((x) => x.status === 'agreed');

  return (
    <div className="k-plan">
      <div className="k-toolbar">
        <Heading2 id="plan-title">{t('plan.title')}</Heading2>
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => setPrinting(true)}>
            {t('plan.printView')}
          </Button>
          {canAgreeNow && form !== 'agree' && (
            <Button appearance="primary-action-button" onClick={() => { setNotice(null); setForm('agree'); }}>
              {t('plan.agreeButton')}
            </Button>
          )}
        </ButtonGroup>
      </div>
      <Paragraph className="k-lead">{t('plan.intro')}</Paragraph>
      <Paragraph data-testid="plan-version">
        {!v
          ? t('plan.notStarted')
          : v.status === 'agreed'
            ? t('plan.agreedOn', { n: v.number, date: formatDate(v.agreed_on, lang), names: agreedNames(v.agreed_by, members) })
            : t('plan.draft', { n: v.number })}
      </Paragraph>
      {notice && <Notice>{notice}</Notice>}
      {rowError && <Notice type="error">{rowError}</Notice>}
      {form === 'agree' && v && <AgreeForm familyId={family.id} versionId={v.id} members={members} onDone={() => done(t('plan.agreed'))} onCancel={() => setForm(null)} />}

      <section aria-labelledby="plan-people">
        <Heading2 id="plan-people">{t('plan.people')}</Heading2>
        {members.length === 0 ? (
          <Empty>{t('plan.noMembers')}</Empty>
        ) : (
          <div className="k-grid">
            {members.map((m) => (
              <PortraitCard key={m.id} familyId={family.id} member={m} words={p.dreams.filter((w) => w.member_id === m.id)} editable={mayEdit} onSaved={() => done(t('plan.wordsSaved', { name: m.name }))} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="plan-goals">
        <div className="k-toolbar">
          <Heading2 id="plan-goals">{t('plan.goals')}</Heading2>
          {mayEdit && form !== 'goal' && (
            <Button appearance="primary-action-button" onClick={() => { setNotice(null); setForm('goal'); }}>
              {t('plan.addGoal')}
            </Button>
          )}
        </div>
        {form === 'goal' && <GoalForm familyId={family.id} members={members} onSaved={() => done(t('plan.goalSaved'))} onCancel={() => setForm(null)} />}
        {p.goals.length === 0 ? (
          <Empty>{t('plan.noGoals')}</Empty>
        ) : (
          <ul className="k-goals">
            {p.goals.map((g) => (
              <li key={g.id} className="k-card k-goal">
                <Heading3 id={`goal-${g.id}`}>{g.title}</Heading3>
                {g.description && <Paragraph className="k-pre">{g.description}</Paragraph>}
                <ul className="k-meta">
                  <li>{domainLabel(g.life_domain, lang)}</li>
                  <li>{t(`plan.horizon.${g.horizon}`)}</li>
                  {g.owner_ids.length > 0 && <li>{t('plan.ownersAre', { names: g.owner_ids.map(nameOf).join(', ') })}</li>}
                  {g.target_date && <li>{t('plan.targetOn', { date: formatDate(g.target_date, lang) })}</li>}
                  <li>
                    <Badge tone={g.status === 'achieved' ? 'ok' : 'neutral'}>{t(`plan.status.${g.status}`)}</Badge>
                  </li>
                </ul>
                {mayEdit && <GoalStatusSelect familyId={family.id} goal={g} onSaved={() => done(t('plan.goalUpdated'))} onStale={plan.reload} />}
                {(g.history?.length ?? 0) > 0 && (
                  <details>
                    <summary>{t('plan.history')}</summary>
                    <ul>
                      {g.history!.map((h, i) => (
                        <li key={i}>{t('plan.historyLine', { status: GOAL_STATUSES.includes(h.status as GoalStatus) ? t(`plan.status.${h.status as GoalStatus}`) : h.status, date: formatDateTime(h.at, lang), name: h.by_name })}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="plan-actions">
        <Heading2 id="plan-actions">{t('plan.actions')}</Heading2>
        {p.actions.length === 0 ? (
          <Empty>{t('plan.noActions')}</Empty>
        ) : (
          <ul className="k-checks">
            {p.actions.map((a) => {
              const text = `${a.what} — ${nameOf(a.member_id)}${a.due_on ? `, ${t('plan.dueOn', { date: formatDate(a.due_on, lang) })}` : ''}`;
              return (
                <li key={a.id} className="k-check-item">
                  {mayEdit ? (
                    <CheckField
                      id={`action-done-${a.id}`}
                      label={text}
                      checked={a.done}
                      onChecked={async (on) => {
                        setRowError(null);
                        try {
                          await planApi.change(family.id, a.id, a.version, { done: on });
                          plan.reload();
                        } catch (err) {
                          setRowError(errorMessage(err));
                          if (err instanceof ApiError && err.status === 412) plan.reload();
                        }
                      }}
                    />
                  ) : (
                    <span>
                      {a.done ? `${t('plan.done')}: ` : ''}
                      {text}
                    </span>
                  )}
                  {goalTitle(a.goal_id) && <div className="k-muted">{t('plan.forGoal', { title: goalTitle(a.goal_id)! })}</div>}
                </li>
              );
            })}
          </ul>
        )}
        {mayEdit && <ActionForm familyId={family.id} members={members} goals={p.goals} onSaved={() => done(t('plan.actionSaved'))} />}
      </section>

      <section aria-labelledby="plan-reviews">
        <div className="k-toolbar">
          <Heading2 id="plan-reviews">{t('plan.reviews')}</Heading2>
          {mayEdit && form !== 'review' && (
            <Button appearance="secondary-action-button" onClick={() => { setNotice(null); setForm('review'); }}>
              {t('plan.addReview')}
            </Button>
          )}
        </div>
        {form === 'review' && <ReviewForm familyId={family.id} onSaved={() => done(t('plan.reviewSaved'))} onCancel={() => setForm(null)} />}
        {p.reviews.length === 0 ? (
          <Empty>{t('plan.noReviews')}</Empty>
        ) : (
          <ul className="k-timeline">
            {p.reviews.map((r) => (
              <li key={r.id}>
                <time dateTime={r.held_on}>{formatDate(r.held_on, lang)}</time>
                <dl className="k-words">
                  <dt>{t('plan.wentWell')}</dt>
                  <dd className="k-pre">{r.went_well}</dd>
                  {r.next_steps && (
                    <>
                      <dt>{t('plan.next')}</dt>
                      <dd className="k-pre">{r.next_steps}</dd>
                    </>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="plan-versions">
        <Heading2 id="plan-versions">{t('plan.versions')}</Heading2>
        {agreedVersions.length === 0 ? (
          <Empty>{t('plan.noVersions')}</Empty>
        ) : (
          <ul className="k-checks">
            {agreedVersions.map((x) => (
              <li key={x.id} className="k-check-item">
                <span>{t('plan.versionAgreed', { n: x.number, date: formatDate(x.agreed_on, lang) })}</span>{' '}
                <Button appearance="subtle-button" aria-label={t('plan.readVersion', { n: x.number })} onClick={() => setOldVersion(x)}>
                  {t('plan.read')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {oldVersion && <OldVersion familyId={family.id} version={oldVersion} members={members} onClose={() => setOldVersion(null)} />}
      </section>
    </div>
  );
}
