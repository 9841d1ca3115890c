// The family's access log (NEN 7513), grouped per visit (visits.ts): who, when, what they
// looked at; a refusal is its own row that stands out in words and look.
import { useState } from 'react';
import {
  Button,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { AccessLogEntry, Page } from '../../api/types';
import { useI18n } from '../../i18n';
import { nl, type MessageKey } from '../../i18n/nl';
import { formatDateTime } from '../../i18n/format';
import { Empty, ErrorState, Loading } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { TableWrap } from '../../ui/TableWrap';
import { groupVisits, type Visit } from './visits';
import type { TabProps } from './FamilyPage';
import { familiesApi } from './api';

/** The clock time in Amsterdam, e.g. "10:12": the end of a visit that began the same day. */
function formatTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }).format(
    new Date(iso),
  );
}

const ROLE_LABELS: Record<string, MessageKey> = { admin: 'role.admin', team_lead: 'role.team_lead', coach: 'role.coach' };

export default function AccessTab({ family }: TabProps) {
  const { t, lang } = useI18n();
  const [older, setOlder] = useState<AccessLogEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const log = useApi<Page<AccessLogEntry>>(
    async (signal) => {
      const page = await familiesApi.accessLog(family.id, undefined, signal);
      setOlder([]);
      setCursor(page.next_cursor);
      return page;
    },
    [family.id],
  );

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await familiesApi.accessLog(family.id, cursor);
      setOlder((o) => [...o, ...page.items]);
      setCursor(page.next_cursor);
    } finally {
      setLoadingMore(false);
    }
  }

  const rows = [...(log.data?.items ?? []), ...older];
  const visits = groupVisits(rows);
  const total = log.data?.total;
  // Known audit actions and outcomes in plain words; anything new is shown as recorded.
  const known = (key: string): key is MessageKey => key in nl;
  const actionLabel = (action: string) => (known(`action.${action}`) ? t(`action.${action}` as MessageKey) : action);
  const outcomeLabel = (outcome: string) => (known(`outcome.${outcome}`) ? t(`outcome.${outcome}` as MessageKey) : outcome);
  // The role is a label here; a role the web has no word for is shown as it is.
  const roleLabel = (role: string) => (Object.prototype.hasOwnProperty.call(ROLE_LABELS, role) ? t(ROLE_LABELS[role]) : role);
  const when = (v: Visit) =>
    v.first_at === v.last_at || formatDateTime(v.first_at, lang) === formatDateTime(v.last_at, lang)
      ? formatDateTime(v.last_at, lang)
      : t('access.period', { from: formatDateTime(v.first_at, lang), to: formatTime(v.last_at, lang) });
  return (
    <section aria-labelledby="access-title">
      <Heading2 id="access-title">{t('access.title')}</Heading2>
      <Paragraph className="k-lead">{t('access.intro')}</Paragraph>
      {log.loading && <Loading />}
      {log.error != null && <ErrorState error={log.error} onRetry={log.reload} />}
      {!log.loading && log.data && rows.length === 0 && <Empty>{t('access.empty')}</Empty>}
      {!log.loading && rows.length > 0 && (
        <>
          {total !== undefined && (
            <Paragraph className="k-total" id="access-total">
              {t('access.rows', { count: total })}
            </Paragraph>
          )}
          <TableWrap>
            <Table className="k-access-visits">
              <TableCaption>
                {t('access.caption')} — {t('access.visits', { count: visits.length })}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('access.when')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('access.who')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('access.visit.what')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('access.outcome')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {visits.map((v) => (
                  <TableRow key={v.key} className={v.kind === 'refused' ? 'k-row--refused' : undefined} data-kind={v.kind}>
                    <TableCell className="k-date">{when(v)}</TableCell>
                    <TableCell>
                      {v.user_name} <span className="k-muted">({roleLabel(v.role)})</span>
                    </TableCell>
                    <TableCell>
                      <ul className="k-visit-list">
                        {v.actions.map((a) => (
                          <li key={a.action}>
                            {actionLabel(a.action)}
                            {a.count > 1 && <span className="k-muted"> ({t('access.visit.times', { count: a.count })})</span>}
                          </li>
                        ))}
                      </ul>
                    </TableCell>
                    <TableCell>
                      {v.kind === 'refused' ? (
                        <strong className="k-refused">{t('access.refused')}</strong>
                      ) : v.kind === 'allowed' ? (
                        t('access.allowed')
                      ) : (
                        outcomeLabel(v.outcome)
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        </>
      )}
      {cursor && (
        <div className="k-pager">
          <Button appearance="secondary-action-button" onClick={() => void more()} busy={loadingMore} disabled={loadingMore}>
            {t('access.more')}
          </Button>
        </div>
      )}
    </section>
  );
}
