// The open consent tasks on the caseload: families in actief whose coaching consent was
// withdrawn. Case writes are on hold there until consent is given again or the family is closed.
import { Link } from 'react-router';
import { Heading2 } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { useApi } from '../../ui/useApi';
import { useCan } from '../auth/session';
import { consentApi } from './api';

function Tasks() {
  const { t, lang } = useI18n();
  const tasks = useApi((signal) => consentApi.tasks(signal), []);
  const items = tasks.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="k-card k-tasks" aria-labelledby="consent-tasks">
      <Heading2 id="consent-tasks">{t('tasks.consentTitle', { n: items.length })}</Heading2>
      <ul>
        {items.map((task) => (
          <li key={task.family_id}>
            <Link to={`/gezinnen/${task.family_id}/toestemming`}>{task.family_name}</Link>:{' '}
            {t('tasks.consentWithdrawn', { date: formatDate(task.since, lang) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function ConsentTasks() {
  const can = useCan();
  return can('consent.tasks') ? <Tasks /> : null;
}
