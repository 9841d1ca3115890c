// "Vandaag": the coach's start page. What needs doing now, each line a link to the right tab of
// the right family; an empty list says so kindly. A team lead sees the same for the team.
import type { ReactNode } from 'react';
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/nl';
import { formatDate, formatDateTime, formatDayOf, formatMoney } from '../../i18n/format';
import { ErrorState, Loading } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { useCan } from '../auth/session';
import { HoursChart } from '../contacts/ContactsTab';
import type { Hours } from '../contacts/api';
import '../plan/plan.css';

interface Today {
  date: string;
  planned_contacts: { family_id: string; family_name: string; contact_id: string; started_at: string; kind: string }[];
  due_actions: { family_id: string; family_name: string; action_id: string; what: string; due_on: string }[];
  waiting_approvals: { family_id: string; family_name: string; request_id: string; amount_cents: number; missing: string[] }[];
  below_target: { family_id: string; family_name: string; minutes_this_week: number; target_minutes: number }[];
  follow_ups: { family_id?: string; family_name?: string; what?: string; due_on?: string }[];
  due_measurements?: { family_id: string; family_name: string; member_id: string; given_name: string; moment: string; due_on: string }[];
  waiting_intake: { family_id: string; family_name: string; waiting_since: string }[];
  coaches_over_caseload?: { coach_id: string; name: string; families: number }[];
}

/** The caller's own hours per week over all their families. */
function MyHours() {
  const { t, lang } = useI18n();
  const hours = useApi<Hours>((signal) => api.get<Hours>('/me/contact-hours', { weeks: 8 }, signal), []);
  if (!hours.data) return hours.error != null ? <ErrorState error={hours.error} onRetry={hours.reload} /> : null;
  const h = (m: number) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(m / 60);
  return (
    <section className="k-card" aria-labelledby="today-my-hours">
      <Heading2 id="today-my-hours">{t('today.myHours')}</Heading2>
      <p id="today-my-hours-chart" className="k-visually-hidden">
        {t('today.myHoursChart')}
      </p>
      <HoursChart hours={hours.data} titleId="today-my-hours-chart" />
      <ul className="k-visually-hidden">
        {hours.data.weeks.map((w) => (
          <li key={w.week_start}>{t('today.myHoursWeek', { date: formatDate(w.week_start, lang), direct: h(w.direct_minutes), indirect: h(w.indirect_minutes) })}</li>
        ))}
      </ul>
    </section>
  );
}

function Block({ id, title, empty, children, count }: { id: string; title: string; empty: string; children: ReactNode; count: number }) {
  return (
    <section className="k-card" aria-labelledby={id}>
      <Heading2 id={id}>
        {title} {count > 0 && <span className="k-badge k-badge--neutral">{count}</span>}
      </Heading2>
      {count === 0 ? <Paragraph className="k-muted">{empty}</Paragraph> : <ul>{children}</ul>}
    </section>
  );
}

const family = (id: string, tab: string) => `/gezinnen/${encodeURIComponent(id)}/${tab}`;

/** A family's name, linking to the tab where the item is done. */
function FamilyLink({ item, tab }: { item: { family_id: string; family_name: string }; tab: string }) {
  return (
    <Link className="utrecht-link" to={family(item.family_id, tab)}>
      {item.family_name}
    </Link>
  );
}

export default function TodayPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('today.title'));
  const can = useCan();
  const today = useApi<Today>((signal) => api.get<Today>('/me/today', undefined, signal), []);
  const h = (m: number) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(m / 60);

  return (
    <section aria-labelledby="page-title">
      <Heading1 id="page-title">{t('today.title')}</Heading1>
      {today.data && <Paragraph className="k-lead">{t('today.intro', { date: formatDate(today.data.date, lang) })}</Paragraph>}
      {today.loading && !today.data && <Loading />}
      {today.error != null && <ErrorState error={today.error} onRetry={today.reload} />}
      {today.data && (
        <div className="k-today">
          <Block id="today-contacts" title={t('today.contacts')} empty={t('today.contactsEmpty')} count={today.data.planned_contacts.length}>
            {today.data.planned_contacts.map((c) => (
              <li key={c.contact_id}>
                <FamilyLink item={c} tab="contacten" />{' '}
                — {formatDateTime(c.started_at, lang)}, {t(`contacts.kind.${c.kind}` as MessageKey) ?? c.kind}
              </li>
            ))}
          </Block>
          <Block id="today-actions" title={t('today.actions')} empty={t('today.actionsEmpty')} count={today.data.due_actions.length}>
            {today.data.due_actions.map((a) => (
              <li key={a.action_id}>
                <FamilyLink item={a} tab="kansplan" />
                : {a.what} ({t('plan.dueOn', { date: formatDate(a.due_on, lang) })})
              </li>
            ))}
          </Block>
          <Block id="today-approvals" title={t('today.approvals')} empty={t('today.approvalsEmpty')} count={today.data.waiting_approvals.length}>
            {today.data.waiting_approvals.map((r) => (
              <li key={r.request_id}>
                <FamilyLink item={r} tab="budget" />
                : {formatMoney(r.amount_cents)} — {t('today.waitingFor', { who: r.missing.map((m) => t(`budget.role.${m}` as MessageKey)).join(', ') })}
              </li>
            ))}
          </Block>
          <Block id="today-below" title={t('today.below')} empty={t('today.belowEmpty')} count={today.data.below_target.length}>
            {today.data.below_target.map((f) => (
              <li key={f.family_id}>
                <FamilyLink item={f} tab="contacten" />
                : {t('today.hoursOf', { hours: h(f.minutes_this_week), target: h(f.target_minutes) })}
              </li>
            ))}
          </Block>
          <Block id="today-moments" title={t('today.followUps')} empty={t('today.followUpsEmpty')} count={today.data.follow_ups.length}>
            {today.data.follow_ups.map((f, i) => (
              <li key={i}>
                {f.family_id ? (
                  <Link className="utrecht-link" to={family(f.family_id, 'traject')}>
                    {f.family_name ?? f.family_id}
                  </Link>
                ) : (
                  f.family_name
                )}
                {f.what ? `: ${f.what}` : ''}
                {f.due_on ? ` (${formatDate(f.due_on, lang)})` : ''}
              </li>
            ))}
          </Block>
          {today.data.due_measurements && (
            <Block id="today-measurements" title={t('today.measurements')} empty={t('today.measurementsEmpty')} count={today.data.due_measurements.length}>
              {today.data.due_measurements.map((m) => (
                <li key={`${m.member_id}-${m.moment}`}>
                  <FamilyLink item={m} tab="metingen" />
                  : {t('today.measurementOf', { name: m.given_name, moment: t(`moment.${m.moment}` as MessageKey) })} ({formatDate(m.due_on, lang)})
                </li>
              ))}
            </Block>
          )}
          <Block id="today-waiting" title={t('today.waiting')} empty={t('today.waitingEmpty')} count={today.data.waiting_intake.length}>
            {today.data.waiting_intake.map((f) => (
              <li key={f.family_id}>
                <FamilyLink item={f} tab="traject" />{' '}
                — {t('today.waitingSince', { date: formatDayOf(f.waiting_since, lang) })}
              </li>
            ))}
          </Block>
          {can('contact.hours_own') && <MyHours />}
          {today.data.coaches_over_caseload && (
            <Block id="today-caseload" title={t('today.caseload')} empty={t('today.caseloadEmpty')} count={today.data.coaches_over_caseload.length}>
              {today.data.coaches_over_caseload.map((c) => (
                <li key={c.coach_id}>
                  <Link className="utrecht-link" to="/team">
                    {c.name}
                  </Link>
                  : {t('today.families', { count: c.families })}
                </li>
              ))}
            </Block>
          )}
        </div>
      )}
    </section>
  );
}
