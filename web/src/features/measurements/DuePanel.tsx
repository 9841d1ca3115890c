// "Metingen om te doen" on the caseload (issue 10): the next measurement moment per person that
// is due within 30 days or overdue, from GET /measurements/due, each a link to the family's
// Metingen tab. Small and without charts, so it does not pull Chart.js into the caseload.
import { Link } from 'react-router';
import { Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { ErrorState } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { measurementsApi } from './api';

export default function DuePanel() {
  const { t, lang } = useI18n();
  const due = useApi((signal) => measurementsApi.due(signal), []);
  if (due.loading && !due.data) return null;
  return (
    <section className="k-card k-due" aria-labelledby="due-title">
      <h2 id="due-title" className="utrecht-heading-3">
        {t('due.title')}
      </h2>
      {due.error != null && <ErrorState error={due.error} onRetry={due.reload} />}
      {due.data && due.data.items.length === 0 && <Paragraph className="k-muted">{t('due.empty')}</Paragraph>}
      {due.data && due.data.items.length > 0 && (
        <ul className="k-due__list">
          {due.data.items.map((d) => (
            <li key={`${d.member_id}-${d.moment}-${d.due_on}`} className={d.overdue ? 'is-overdue' : undefined}>
              <Link className="utrecht-link" to={`/gezinnen/${d.family_id}/metingen`}>
                {d.given_name} — {d.family_name}
              </Link>{' '}
              <span>{t('due.on', { moment: t(`moment.${d.moment}`), date: formatDate(d.due_on, lang) })}</span>
              {d.overdue && <span className="k-badge k-badge--bad">{t('due.overdue')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
