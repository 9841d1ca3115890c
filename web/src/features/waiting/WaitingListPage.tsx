// Team lead: families waiting for a coach, longest first, with a coach picker per row. Long
// waits carry a mark in words (issue 13); the total says how many wait beyond this page.
import { useState } from 'react';
import {
  Button,
  Heading1,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { Family, Page, User } from '../../api/types';
import { useI18n } from '../../i18n';
import { PhaseBadge, useDays } from '../../ui/Badges';
import { Notice, ListStates } from '../../ui/States';
import { LongWait } from '../../ui/LongWait';
import { ListTable } from '../../ui/ListTable';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { loadCoaches } from '../families/api';
import { AssignCoach } from '../trajectory/AssignCoach';
import { trajectoryApi } from '../trajectory/api';
import { referrerKindLabel } from '../trajectory/api';

export default function WaitingListPage() {
  const { t } = useI18n();
  const days = useDays();
  usePageTitle(t('waiting.title'));
  const list = useApi<Page<Family>>((signal) => trajectoryApi.waitingList(signal), []);
  const coaches = useApi<User[]>((signal) => loadCoaches(signal), []);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section aria-labelledby="page-title">
      <Heading1 id="page-title">{t('waiting.title')}</Heading1>
      <Paragraph className="k-lead">{t('waiting.intro')}</Paragraph>
      {notice && <Notice>{notice}</Notice>}
      <ListStates list={list} empty={t('waiting.empty')}>
        {(items) => (
          <>
          {list.data?.total !== undefined && (
            <Paragraph className="k-total" id="waiting-total">
              {list.data.total === 1 ? t('waiting.totalOne') : t('waiting.total', { count: list.data.total })}
            </Paragraph>
          )}
          <ListTable
            caption={t('waiting.caption')}
            columns={[t('caseload.col.name'), t('waiting.col.waiting'), t('caseload.col.phase'), t('waiting.col.referrer'), t('caseload.col.programme')]}
          >
            {items.map((f) => (
              <TableRow key={f.id}>
                <TableCell>
                  <Link className="utrecht-link" to={`/gezinnen/${f.id}`}>
                    {f.name}
                  </Link>
                </TableCell>
                <TableCell className="k-date">
                  {days(f.waiting_days)}
                  {f.long_wait && (
                    <>
                      {' '}
                      <LongWait days={f.waiting_days} />
                    </>
                  )}
                </TableCell>
                <TableCell>
                  <PhaseBadge phase={f.phase} />
                </TableCell>
                <TableCell>
                  {f.referral ? `${f.referral.referrer_organisation} (${referrerKindLabel(t, f.referral.referrer_kind)})` : t('common.none')}
                </TableCell>
                <TableCell>{f.programme_name ?? t('common.none')}</TableCell>
                <TableCell className={open === f.id ? undefined : 'k-actions'}>
                  {open === f.id ? (
                    <div role="group" aria-label={t('waiting.assignFor', { family: f.name })}>
                      <AssignCoach
                        family={f}
                        coaches={coaches.data ?? []}
                        idPrefix={`wait-${f.id}`}
                        autoFocus
                        onAssigned={(_, coachName) => {
                          setOpen(null);
                          setNotice(t('waiting.assigned', { coach: coachName, family: f.name }));
                          list.reload();
                        }}
                        onCancel={() => setOpen(null)}
                      />
                    </div>
                  ) : (
                    <Button
                      appearance="secondary-action-button"
                      aria-label={t('waiting.assignFor', { family: f.name })}
                      onClick={() => {
                        setNotice(null);
                        setOpen(f.id);
                      }}
                    >
                      {t('waiting.assign')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </ListTable>
          </>
        )}
      </ListStates>
    </section>
  );
}
