// Aftercare (nazorg): the follow-up moments of a closed trajectory, each due on a date. A moment
// that is due is recorded as "spoken, with a note" or "not reachable"; when the last one is
// recorded the trajectory ends.
import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { Family, FollowUp, Page } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDate, todayIso } from '../../i18n/format';
import { SelectField, TextareaField, focusFirstError } from '../../ui/Field';
import { serverErrors, type Errors } from '../../ui/forms';
import { Empty, ErrorState, Loading, Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { trajectoryApi } from './api';

function RecordForm({ family, moment, onDone }: { family: Family; moment: FollowUp; onDone: (f: Family) => void }) {
  const { t, lang } = useI18n();
  const errorMessage = useErrorMessage();
  const [outcome, setOutcome] = useState<'' | 'done' | 'not_reachable'>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = `fu-${moment.id}`;
  const ids = { outcome: `${p}-outcome`, note: `${p}-note` };
  const order = [ids.outcome, ids.note];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!outcome) errs[ids.outcome] = t('validation.required');
    if (outcome === 'done' && !note.trim()) errs[ids.note] = t('followUp.noteNeeded');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, order);
    setBusy(true);
    try {
      onDone(await trajectoryApi.recordFollowUp(family.id, moment.id, { outcome: outcome as 'done' | 'not_reachable', ...(note.trim() ? { note: note.trim() } : {}) }));
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, ids);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.join(' ') || errorMessage(err));
      focusFirstError(fields, order);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="k-form" onSubmit={submit} noValidate aria-label={t('followUp.recordFor', { date: formatDate(moment.due_on, lang) })}>
      {general && <Notice type="error">{general}</Notice>}
      <SelectField
        id={ids.outcome}
        label={t('followUp.outcome')}
        value={outcome}
        onValue={(v) => setOutcome(v as 'done' | 'not_reachable')}
        error={errors[ids.outcome]}
        placeholder={t('followUp.choose')}
        options={[
          { value: 'done', label: t('followUp.status.done') },
          { value: 'not_reachable', label: t('followUp.status.not_reachable') },
        ]}
        required
      />
      <TextareaField
        id={ids.note}
        label={t('followUp.note')}
        description={t('followUp.noteHint')}
        value={note}
        onValue={setNote}
        error={errors[ids.note]}
        rows={3}
        optional={outcome !== 'done'}
        required={outcome === 'done'}
      />
      <ButtonGroup>
        <Button id={`${p}-submit`} type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('followUp.record')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

export function FollowUps({ family, onChanged }: { family: Family; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const list = useApi<Page<FollowUp>>((signal) => trajectoryApi.followUps(family.id, signal), [family.id, family.version]);
  const [notice, setNotice] = useState<string | null>(null);
  const today = todayIso();
  const items = list.data?.items ?? [];
  return (
    <section className="k-card" aria-labelledby="followups-title">
      <Heading3 id="followups-title">{t('followUp.title')}</Heading3>
      {family.ended_on ? (
        <Notice type="info">{t('followUp.ended', { date: formatDate(family.ended_on, lang) })}</Notice>
      ) : (
        <Paragraph className="k-muted">{t('followUp.intro')}</Paragraph>
      )}
      {notice && <Notice>{notice}</Notice>}
      {list.loading && !list.data && <Loading />}
      {list.error != null && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && items.length === 0 && <Empty>{family.not_started ? t('followUp.noneNotStarted') : t('followUp.none')}</Empty>}
      {items.length > 0 && (
        <ul className="k-list">
          {items.map((m) => (
            <li key={m.id} className="k-followup">
              <Paragraph>
                <strong>{t('followUp.after', { months: m.months })}</strong> — {t('followUp.dueOn', { date: formatDate(m.due_on, lang) })}:{' '}
                <span className={m.status === 'open' ? 'k-badge k-badge--neutral' : 'k-badge'}>{t(`followUp.status.${m.status}`)}</span>
                {m.recorded_on && (
                  <span className="k-muted"> · {t('followUp.recordedBy', { date: formatDate(m.recorded_on, lang), name: m.recorded_by_name ?? '' })}</span>
                )}
              </Paragraph>
              {m.note && <div className="k-pre">{m.note}</div>}
              {m.status === 'open' && m.due_on <= today && (
                <RecordForm
                  family={family}
                  moment={m}
                  onDone={(f) => {
                    setNotice(f.ended_on ? t('followUp.endedNow') : t('followUp.recorded'));
                    list.reload();
                    onChanged();
                  }}
                />
              )}
              {m.status === 'open' && m.due_on > today && <Paragraph className="k-muted">{t('followUp.notYet')}</Paragraph>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The coach's due follow-up moments across their families (for the caseload). */
export function DueFollowUps() {
  const { t, lang } = useI18n();
  const today = todayIso();
  const list = useApi<Page<FollowUp>>((signal) => trajectoryApi.dueFollowUps(today, signal), [today]);
  if (list.error != null) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data || list.data.items.length === 0) return null;
  return (
    <section className="k-card" aria-labelledby="due-followups-title">
      <Heading2 id="due-followups-title">{t('followUp.dueTitle', { count: list.data.items.length })}</Heading2>
      <ul className="k-list">
        {list.data.items.map((m) => (
          <li key={m.id}>
            <Link to={`/gezinnen/${encodeURIComponent(m.family_id)}/traject`}>{m.family_name}</Link> —{' '}
            {t('followUp.after', { months: m.months })}, {t('followUp.dueOn', { date: formatDate(m.due_on, lang) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
