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
import type { TabProps } from './FamilyPage';
import { familiesApi } from './api';

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
  // Known audit actions and outcomes in plain words; anything new is shown as recorded.
  const known = (key: string): key is MessageKey => key in nl;
  const actionLabel = (action: string) => (known(`action.${action}`) ? t(`action.${action}` as MessageKey) : action);
  const outcomeLabel = (outcome: string) => (known(`outcome.${outcome}`) ? t(`outcome.${outcome}` as MessageKey) : outcome);
  // The role is a label here; a role the web has no word for is shown as it is.
  const roleLabel = (role: string) => (Object.prototype.hasOwnProperty.call(ROLE_LABELS, role) ? t(ROLE_LABELS[role]) : role);
  return (
    <section aria-labelledby="access-title">
      <Heading2 id="access-title">{t('access.title')}</Heading2>
      <Paragraph className="k-lead">{t('access.intro')}</Paragraph>
      {log.loading && <Loading />}
      {log.error != null && <ErrorState error={log.error} onRetry={log.reload} />}
      {!log.loading && log.data && rows.length === 0 && <Empty>{t('access.empty')}</Empty>}
      {!log.loading && rows.length > 0 && (
        <div className="k-table-wrap">
          <Table>
            <TableCaption>{t('access.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('access.when')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('access.who')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('access.role')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('access.action')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('access.outcome')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.seq}>
                  <TableCell>{formatDateTime(r.at, lang)}</TableCell>
                  <TableCell>{r.user_name}</TableCell>
                  <TableCell>{roleLabel(r.role)}</TableCell>
                  <TableCell>{actionLabel(r.action)}</TableCell>
                  <TableCell>{outcomeLabel(r.outcome)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
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
