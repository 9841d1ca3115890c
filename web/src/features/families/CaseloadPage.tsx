// "Mijn gezinnen": the caseload with search, filters by phase, programme and coach,
// sorting and cursor pagination. Filters live in the address, so Back and links work: the team
// overview links its numbers here with coach, fase, status and rol=hoofdcoach (issue 13), and
// every filter in the address is listed as an active filter.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { FamilyArrival } from './FamilyPage';
import { PHASES, type Family, type Page, type Phase, type Programme, type User } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { PhaseBadge } from '../../ui/Badges';
import { SelectField, TextField } from '../../ui/Field';
import { Empty, ErrorState, Loading } from '../../ui/States';
import { TableWrap } from '../../ui/TableWrap';
import { LongWait } from '../../ui/LongWait';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { useCan } from '../auth/session';
import { DueFollowUps } from '../trajectory/FollowUps';
import { familiesApi, loadCoaches, loadProgrammes } from './api';
import ConsentTasks from '../consent/ConsentTasks'; // issue 14: open consent tasks
import DuePanel from '../measurements/DuePanel';

const SORTS = ['name', 'waiting', 'updated'] as const;
const PAGE_SIZE = 25;

export default function CaseloadPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  // Whoever oversees the team sees the whole team's caseload, with each family's coach.
  const lead = can('team.overview');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const phase = params.get('fase') ?? '';
  const programme = params.get('programma') ?? '';
  const coach = params.get('coach') ?? '';
  const sort = params.get('sorteer') ?? 'name';
  // Set by links only (team overview): status=active|archived, rol=hoofdcoach.
  const status = params.get('status') === 'active' || params.get('status') === 'archived' ? params.get('status')! : '';
  const mainCoach = params.get('rol') === 'hoofdcoach';
  // Cursor pagination: the cursors of the pages seen so far, so "previous" works too.
  // Coming back from a family ("← Terug naar de gezinnen") restores the page the user was on.
  const location = useLocation();
  const [cursors, setCursors] = useState<string[]>(() => {
    const back = (location.state as { cursors?: unknown } | null)?.cursors;
    return Array.isArray(back) && back.every((c) => typeof c === 'string') ? back : [];
  });
  const cursor = cursors[cursors.length - 1];

  const [draft, setDraft] = useState({ q, phase, programme, coach, sort });
  const title = lead ? t('caseload.titleTeam') : t('caseload.title');
  usePageTitle(title);

  const programmes = useApi<Programme[] | null>((signal) => loadProgrammes(signal).catch(() => null), []);
  const coaches = useApi<User[]>((signal) => (lead && can('user.list_staff') ? loadCoaches(signal).catch(() => []) : Promise.resolve([])), [lead]);
  // The page number travels with the data, so the caption never runs ahead of the rows.
  const list = useApi<Page<Family> & { pageNo: number }>(
    (signal) =>
      familiesApi.list(
        {
          q: q || undefined,
          phase: phase || undefined,
          programme_id: programme || undefined,
          coach_id: coach || undefined,
          status: status || undefined,
          coach_role: coach && mainCoach ? 'main' : undefined,
          sort: sort !== 'name' ? sort : undefined,
          cursor,
          limit: PAGE_SIZE,
        },
        signal,
      ).then((page) => ({ ...page, pageNo: cursors.length + 1 })),
    [q, phase, programme, coach, status, mainCoach, sort, cursor],
  );

  // After turning a page, start reading at the table caption ("Gezinnen — Pagina 2").
  const captionRef = useRef<HTMLTableCaptionElement>(null);
  const [turned, setTurned] = useState(false);
  useEffect(() => {
    if (turned && !list.loading) {
      captionRef.current?.focus();
      setTurned(false);
    }
  }, [turned, list.loading]);
  function turnPage(next: string[]) {
    setTurned(true);
    setCursors(next);
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    if (draft.phase) next.set('fase', draft.phase);
    if (draft.programme) next.set('programma', draft.programme);
    if (draft.coach) next.set('coach', draft.coach);
    if (draft.sort !== 'name') next.set('sorteer', draft.sort);
    // Filters the form has no field for stay until "Filters wissen".
    if (status) next.set('status', status);
    if (mainCoach && draft.coach) next.set('rol', 'hoofdcoach');
    setCursors([]);
    setParams(next);
  }

  function reset() {
    setDraft({ q: '', phase: '', programme: '', coach: '', sort: 'name' });
    setCursors([]);
    setParams(new URLSearchParams());
  }

  const filtered = !!(q || phase || programme || coach || status);
  const coachName = coaches.data?.find((c) => c.id === coach)?.display_name ?? list.data?.items.find((f) => f.coach_id === coach)?.coach_name ?? coach;
  const programmeName = programmes.data?.find((p) => p.id === programme)?.name ?? programme;
  const active: string[] = [];
  if (q) active.push(t('list.filter.search', { q }));
  if (phase && (PHASES as readonly string[]).includes(phase)) active.push(t('list.filter.phase', { phase: t(`phase.${phase as Phase}`) }));
  if (programme) active.push(t('list.filter.programme', { name: programmeName }));
  if (coach) active.push(t('list.filter.coach', { name: coachName }));
  if (coach && mainCoach) active.push(t('list.filter.mainCoach'));
  if (status) active.push(t(status === 'active' ? 'list.filter.status.active' : 'list.filter.status.archived'));
  const total = list.data?.total;
  const pages = total !== undefined ? Math.max(1, Math.ceil(total / PAGE_SIZE)) : undefined;
  const pageInfo = (page: number) => (pages !== undefined ? t('list.pageOf', { page, pages }) : t('caseload.pageInfo', { page }));
  const hasTrajectory = list.data?.items.some((f) => f.phase !== undefined) ?? false;

  return (
    <section aria-labelledby="page-title">
      <div className="k-toolbar">
        <Heading1 id="page-title">{title}</Heading1>
        <Link className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action k-button-link" to="/aanmelden">
          {t('caseload.new')}
        </Link>
      </div>
      <Paragraph className="k-lead">{lead ? t('caseload.introTeam') : t('caseload.intro')}</Paragraph>
      <ConsentTasks />
      {can('follow_up.due') && <DueFollowUps />}
      {can('measurement.due') && <DuePanel />}

      <form className="k-form k-form--inline" role="search" aria-label={t('caseload.filter')} onSubmit={apply}>
        <TextField id="caseload-q" type="search" label={t('caseload.search')} value={draft.q} onValue={(v) => setDraft({ ...draft, q: v })} />
        <SelectField
          id="caseload-phase"
          label={t('caseload.phase')}
          value={draft.phase}
          onValue={(v) => setDraft({ ...draft, phase: v })}
          placeholder={t('common.all')}
          options={PHASES.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
        />
        {programmes.data && programmes.data.length > 0 && (
          <SelectField
            id="caseload-programme"
            label={t('caseload.programme')}
            value={draft.programme}
            onValue={(v) => setDraft({ ...draft, programme: v })}
            placeholder={t('common.all')}
            options={programmes.data.map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        {lead && coaches.data && coaches.data.length > 0 && (
          <SelectField
            id="caseload-coach"
            label={t('caseload.coach')}
            value={draft.coach}
            onValue={(v) => setDraft({ ...draft, coach: v })}
            placeholder={t('common.all')}
            options={coaches.data.map((c) => ({ value: c.id, label: c.display_name }))}
          />
        )}
        <SelectField
          id="caseload-sort"
          label={t('caseload.sort')}
          value={draft.sort}
          onValue={(v) => setDraft({ ...draft, sort: v })}
          options={SORTS.map((s) => ({ value: s, label: t(`caseload.sort.${s}`) }))}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('caseload.filter')}
          </Button>
          {filtered && (
            <Button type="button" appearance="subtle-button" onClick={reset}>
              {t('caseload.reset')}
            </Button>
          )}
        </ButtonGroup>
      </form>

      {active.length > 0 && (
        <div className="k-active-filters">
          <span className="k-visually-hidden" id="caseload-active-filters">{t('list.activeFilters')}</span>
          <ul className="k-filters" aria-labelledby="caseload-active-filters" data-testid="active-filters">
            {active.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      )}
      <div aria-live="polite" aria-busy={list.loading}>
        {list.loading && <Loading />}
        {!list.loading && list.error != null && <ErrorState error={list.error} onRetry={list.reload} />}
        {list.error == null && list.data && list.data.items.length === 0 && !list.loading && (
          <Empty>{filtered ? t('caseload.emptyFiltered') : t('caseload.empty')}</Empty>
        )}
        {list.error == null && list.data && list.data.items.length > 0 && (
          <>
          {total !== undefined && (
            <Paragraph className="k-total" id="caseload-total">
              {total === 1 ? t('list.total.family') : t('list.total.families', { count: total })}
            </Paragraph>
          )}
          <TableWrap>
            <Table>
              <TableCaption ref={captionRef} tabIndex={-1}>
                {t('caseload.caption')} — {pageInfo(list.data.pageNo)}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('caseload.col.name')}</TableHeaderCell>
                  {lead && <TableHeaderCell scope="col">{t('caseload.col.coach')}</TableHeaderCell>}
                  {hasTrajectory && <TableHeaderCell scope="col">{t('caseload.col.phase')}</TableHeaderCell>}
                  {hasTrajectory && <TableHeaderCell scope="col">{t('caseload.col.programme')}</TableHeaderCell>}
                  <TableHeaderCell scope="col" className="k-num">{t('caseload.col.members')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('caseload.col.updated')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.items.map((f) => (
                  <TableRow key={f.id}>
                    <TableCell>
                      <Link className="utrecht-link" to={`/gezinnen/${f.id}`} state={{ list: { search: location.search, cursors } } satisfies FamilyArrival}>
                        {f.name}
                      </Link>
                    </TableCell>
                    {lead && <TableCell>{f.coach_name ?? <span className="k-muted">{t('caseload.noCoach')}</span>}</TableCell>}
                    {hasTrajectory && (
                      <TableCell>
                        <PhaseBadge phase={f.phase} />
                        {f.long_wait && (
                          <>
                            {' '}
                            <LongWait days={f.waiting_days} />
                          </>
                        )}
                      </TableCell>
                    )}
                    {hasTrajectory && <TableCell>{f.programme_name ?? t('common.none')}</TableCell>}
                    <TableCell className="k-num">{f.member_count}</TableCell>
                    <TableCell className="k-date">{formatDateTime(f.updated_at, lang)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
          </>
        )}
      </div>
      {list.error == null && (cursors.length > 0 || list.data?.next_cursor) && (
        <nav className="k-pager" aria-label={t('caseload.caption')}>
          {cursors.length > 0 && (
            <Button appearance="secondary-action-button" disabled={list.loading} onClick={() => turnPage(cursors.slice(0, -1))}>
              {t('common.previous')}
            </Button>
          )}
          <span>{pageInfo(list.data?.pageNo ?? cursors.length + 1)}</span>
          {list.data?.next_cursor && (
            <Button appearance="secondary-action-button" disabled={list.loading} onClick={() => turnPage([...cursors, list.data!.next_cursor!])}>
              {t('common.next')}
            </Button>
          )}
        </nav>
      )}
    </section>
  );
}
