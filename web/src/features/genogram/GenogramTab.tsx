// The genogram of a family (issue 5): the family map over 3–4 generations, drawn by the server as
// SVG and redrawn after every change; a person panel with quick actions to grow it; patterns across
// generations (strengths first); a timeline; a text list for screen readers and readers; print on
// A4 landscape; GEDCOM export and import.
import './genogram.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { Empty, ErrorState, Loading, Notice } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import type { TabProps } from '../families/FamilyPage';
import { useProblemText } from './common';
import { Drawing } from './Drawing';
import { ImportGedcom } from './ImportGedcom';
import { MoreMenu } from './MoreMenu';
import { ListView, PatternsPanel, Timeline, patternKey } from './Panels';
import { PersonPanel } from './PersonPanel';
import { QuickAddForm } from './PersonForms';
import { genogramApi, type Genogram, type Pattern, type Person } from './api';

type ViewMode = 'drawing' | 'list';

/**
 * The drawing as an image for print only (no second copy of its ids in the page). The drawing's
 * own title names the family and the date, so the printed page needs no heading of ours.
 */
function Printout({ svg }: { svg: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), [svg]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return createPortal(
    <div className="k-geno-printout" aria-hidden="true">
      <img src={url} alt="" />
    </div>,
    document.body,
  );
}

export default function GenogramTab({ family }: TabProps) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [highlight, setHighlight] = useState<{ key: string; ids: string[]; label: string } | null>(null);
  const data = useApi<Genogram>((signal) => genogramApi.get(family.id, signal), [family.id]);
  const svg = useApi<string>((signal) => genogramApi.svg(family.id, highlight?.ids ?? [], signal), [family.id, highlight?.key ?? '']);
  const patterns = useApi<{ items: Pattern[] }>((signal) => genogramApi.patterns(family.id, signal), [family.id]);
  const [view, setView] = useState<ViewMode>('drawing');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const g = data.data;
  const selected = g?.persons.find((p) => p.id === selectedId) ?? null;
  const missingMembers = (family.members ?? []).filter((m) => !g?.persons.some((p) => p.member_id === m.id));
  const full = g ? g.persons.length >= g.max_persons : false;

  // A highlighted pattern that is gone after a change is no longer highlighted.
  useEffect(() => {
    if (highlight && patterns.data && !patterns.data.items.some((p) => patternKey(p) === highlight.key)) setHighlight(null);
  }, [patterns.data, highlight]);

  /** Redraw after every change: the persons, the drawing and the patterns. */
  function refresh() {
    data.reload();
    svg.reload();
    patterns.reload();
  }

  function changed(message: string) {
    setNotice(message);
    refresh();
  }

  function open(id: string) {
    setNotice(null);
    setAdding(false);
    setSelectedId(id);
  }

  function focusPerson(id: string) {
    const target =
      view === 'drawing'
        ? document.querySelector<SVGGElement>(`g.person[data-person-id="${CSS.escape(id)}"]`)
        : document.querySelector<HTMLButtonElement>(`[data-open-person="${CSS.escape(id)}"]`);
    (target ?? titleRef.current)?.focus();
  }

  function closePanel() {
    const id = selectedId;
    flushSync(() => setSelectedId(null));
    if (id) focusPerson(id);
  }

  async function fromHousehold() {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      const result = await genogramApi.fromHousehold(family.id);
      changed(result.persons.length ? t('genogram.fromHousehold.done', { count: result.persons.length }) : t('genogram.fromHousehold.none'));
    } catch (err) {
      setActionError(problemText(err));
    } finally {
      setBusy(false);
    }
  }

  function added(p: Person) {
    setAdding(false);
    setSelectedId(p.id);
    changed(t('genogram.added', { name: p.display_name }));
  }

  const addForm = adding && g && (
    <div className="k-card">
      <QuickAddForm
        g={g}
        familyId={family.id}
        onDone={added}
        onCancel={() => {
          flushSync(() => setAdding(false));
          titleRef.current?.focus();
        }}
      />
    </div>
  );

  const empty = g && g.persons.length === 0;
  const drawingLabel = t('genogram.drawing.label', { family: family.name });

  return (
    <section aria-labelledby="genogram-title" className="k-geno">
      <div className="k-toolbar">
        <Heading2 id="genogram-title" ref={titleRef} tabIndex={-1}>
          {t('genogram.title')}
        </Heading2>
        {g && !empty && (
          <ButtonGroup>
            <Button
              type="button"
              appearance="primary-action-button"
              disabled={full}
              onClick={() => {
                setNotice(null);
                setSelectedId(null);
                setAdding(true);
              }}
            >
              {t('genogram.addPerson')}
            </Button>
            {missingMembers.length > 0 && (
              <Button type="button" appearance="secondary-action-button" busy={busy} disabled={busy || full} onClick={fromHousehold}>
                {t('genogram.fromHousehold.more', { count: missingMembers.length })}
              </Button>
            )}
          </ButtonGroup>
        )}
      </div>
      <Paragraph className="k-lead">{t('genogram.intro')}</Paragraph>

      {g && (
        <div className="k-geno-tools">
          {!empty && (
            <div className="k-geno-viewswitch" role="group" aria-label={t('genogram.view.label')}>
              <Button type="button" appearance={view === 'drawing' ? 'primary-action-button' : 'secondary-action-button'} aria-pressed={view === 'drawing'} onClick={() => setView('drawing')}>
                {t('genogram.view.drawing')}
              </Button>
              <Button type="button" appearance={view === 'list' ? 'primary-action-button' : 'secondary-action-button'} aria-pressed={view === 'list'} onClick={() => setView('list')}>
                {t('genogram.view.list')}
              </Button>
            </div>
          )}
          <MoreMenu label={t('genogram.more')}>
            {(close) => (
              <>
                {!empty && (
                  <li>
                    <Button
                      type="button"
                      appearance="subtle-button"
                      disabled={!svg.data}
                      onClick={() => {
                        close();
                        window.print();
                      }}
                    >
                      {t('genogram.print')}
                    </Button>
                  </li>
                )}
                {!empty && (
                  <li>
                    <a className="utrecht-button utrecht-button--subtle k-geno-linkbutton" href={genogramApi.gedcomUrl(family.id)} download onClick={close}>
                      {t('genogram.export')}
                    </a>
                  </li>
                )}
                <li>
                  <Button
                    type="button"
                    appearance="subtle-button"
                    onClick={() => {
                      close();
                      setImporting(true);
                    }}
                  >
                    {t('genogram.import.open')}
                  </Button>
                </li>
              </>
            )}
          </MoreMenu>
        </div>
      )}

      {actionError && <Notice type="error">{actionError}</Notice>}
      {full && <Notice type="warning">{t('genogram.full', { max: g!.max_persons })}</Notice>}
      {!selected && notice && <Notice>{notice}</Notice>}

      {importing && (
        <div id="genogram-import">
          <ImportGedcom
            familyId={family.id}
            onClose={() => {
              flushSync(() => setImporting(false));
              titleRef.current?.focus();
            }}
            onImported={(report) => {
              flushSync(() => setImporting(false));
              titleRef.current?.focus();
              changed(t('genogram.import.done', { count: report.persons }));
            }}
          />
        </div>
      )}

      {data.loading && !g && <Loading />}
      {data.error != null && <ErrorState error={data.error} onRetry={refresh} />}

      {empty && (
        <>
          <Empty>{t('genogram.empty')}</Empty>
          {!adding && (
            <ButtonGroup className="k-geno-start">
              <Button type="button" appearance="primary-action-button" busy={busy} disabled={busy} onClick={fromHousehold}>
                {t('genogram.fromHousehold.start')}
              </Button>
              <Button type="button" appearance="secondary-action-button" onClick={() => setAdding(true)}>
                {t('genogram.addPerson')}
              </Button>
            </ButtonGroup>
          )}
          {addForm}
        </>
      )}

      {g && !empty && (
        <>
          {addForm}
          <div className={`k-geno-layout${selected ? ' has-panel' : ''}`}>
            <div className="k-geno-main">
              {svg.error != null && view === 'drawing' && <ErrorState error={svg.error} onRetry={svg.reload} />}
              {svg.loading && !svg.data && view === 'drawing' && <Loading />}
              {svg.data !== undefined && <Drawing svg={svg.data} selectedId={selectedId} onOpen={open} hidden={view !== 'drawing'} label={drawingLabel} />}
              {highlight && view === 'drawing' && (
                <Paragraph className="k-geno-highlight-note" role="status">
                  {t('genogram.patterns.showing', { label: highlight.label })}{' '}
                  <Button type="button" appearance="subtle-button" onClick={() => setHighlight(null)}>
                    {t('genogram.patterns.hide')}
                  </Button>
                </Paragraph>
              )}
              {view === 'list' && <ListView g={g} onOpen={open} selectedId={selectedId} />}
            </div>
            {selected && (
              <PersonPanel
                key={selected.id}
                g={g}
                familyId={family.id}
                person={selected}
                notice={notice}
                onClose={closePanel}
                onChanged={changed}
                onAdded={added}
                onReload={refresh}
                onDeleted={(name) => {
                  flushSync(() => setSelectedId(null));
                  titleRef.current?.focus();
                  changed(t('genogram.person.removed', { name }));
                }}
              />
            )}
          </div>
          <PatternsPanel
            g={g}
            patterns={patterns.data?.items}
            error={patterns.error}
            loading={patterns.loading}
            onRetry={patterns.reload}
            highlighted={highlight?.key ?? null}
            onHighlight={(p) => {
              setHighlight(p ? { key: patternKey(p), ids: p.person_ids, label: p.label } : null);
              if (p) setView('drawing');
            }}
          />
          <Timeline g={g} />
          {svg.data && <Printout svg={svg.data} />}
        </>
      )}
    </section>
  );
}
