// The side panel of one person: quick actions to grow the family around them, their details and
// themes, relations and life events, and removal (which also removes their relations and events).
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { Notice } from '../../ui/States';
import { ConfirmDialog, isConflict, useProblemText, yearsOf } from './common';
import { PersonForm, QuickAddForm } from './PersonForms';
import { EventsSection, RelationsSection } from './RelationsEvents';
import { genogramApi, type Genogram, type LifeEvent, type LinkType, type Person, type Relation } from './api';

const LINKS: LinkType[] = ['parent', 'partner', 'child', 'sibling'];

type Removal = { kind: 'person' } | { kind: 'relation'; relation: Relation; text: string } | { kind: 'event'; event: LifeEvent; text: string };

export function PersonPanel({
  g,
  familyId,
  person,
  notice,
  onClose,
  onChanged,
  onAdded,
  onDeleted,
  onReload,
}: {
  g: Genogram;
  familyId: string;
  person: Person;
  notice: string | null;
  onClose: () => void;
  /** Something changed: redraw, and say so. */
  onChanged: (notice: string) => void;
  /** A person was added with a quick action: open them. */
  onAdded: (p: Person) => void;
  onDeleted: (name: string) => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const [quick, setQuick] = useState<LinkType | null>(null);
  const [conflict, setConflict] = useState(false);
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const strengths = g.themes.filter((x) => x.strength && person.themes.includes(x.id));
  const concerns = g.themes.filter((x) => !x.strength && person.themes.includes(x.id));
  const years = yearsOf(person, t('genogram.deceased'));

  // After a change the form that had focus may be gone: keep the reader in this panel.
  function changedHere(message: string) {
    headingRef.current?.focus();
    onChanged(message);
  }

  // A save refused because someone else changed the same thing (412): say so at the top of the
  // panel, with the button to load the newest data, and take the reader there.
  function showConflict() {
    flushSync(() => setConflict(true));
    conflictRef.current?.focus();
  }

  // A newly opened person: move focus to the panel, so keyboard and screen-reader users land there.
  useEffect(() => {
    headingRef.current?.focus();
  }, [person.id]);

  async function remove() {
    if (!removal) return;
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      if (removal.kind === 'person') {
        await genogramApi.deletePerson(familyId, person.id, person.version);
        flushSync(() => setRemoval(null));
        onDeleted(person.display_name);
        return;
      }
      if (removal.kind === 'relation') await genogramApi.deleteRelation(familyId, removal.relation.id, removal.relation.version);
      else await genogramApi.deleteEvent(familyId, removal.event.id, removal.event.version);
      flushSync(() => setRemoval(null));
      changedHere(t('genogram.removed', { text: removal.text }));
    } catch (err) {
      setRemoveError(problemText(err));
      if (isConflict(err)) onReload();
    } finally {
      setRemoveBusy(false);
    }
  }

  return (
    <aside className="k-geno-panel" aria-labelledby="gp-name">
      <div className="k-geno-panel__head">
        <Heading2 id="gp-name" ref={headingRef} tabIndex={-1}>
          {person.display_name}
        </Heading2>
        <Button type="button" appearance="subtle-button" onClick={onClose} aria-label={t('genogram.panel.closeFor', { name: person.display_name })}>
          {t('genogram.panel.close')}
        </Button>
      </div>
      <Paragraph className="k-muted">
        {[
          person.kind && person.kind !== 'born' ? t(`genogram.personKind.${person.kind}`) : null,
          years,
          person.in_household ? t('genogram.inHousehold') : null,
          person.index_person ? t('genogram.indexPerson') : null,
          t('genogram.generation', { n: person.generation }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Paragraph>
      {(strengths.length > 0 || concerns.length > 0) && (
        <Paragraph>
          {strengths.length > 0 && (
            <>
              <strong>{t('genogram.strengths')}:</strong> {strengths.map((x) => x.label).join(', ')}
              {concerns.length > 0 && <br />}
            </>
          )}
          {concerns.length > 0 && (
            <>
              <strong>{t('genogram.concerns')}:</strong> {concerns.map((x) => x.label).join(', ')}
            </>
          )}
        </Paragraph>
      )}
      {notice && <Notice>{notice}</Notice>}
      {conflict && (
        <div ref={conflictRef} tabIndex={-1} className="k-geno-conflict">
          <Notice type="warning">
            {t('genogram.conflict')}{' '}
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => {
                flushSync(() => setConflict(false));
                headingRef.current?.focus();
                onReload();
              }}
            >
              {t('genogram.reload')}
            </Button>
          </Notice>
        </div>
      )}

      <section aria-labelledby="gq-actions-title" className="k-geno-section">
        <Heading3 id="gq-actions-title">{t('genogram.quick.title')}</Heading3>
        {quick ? (
          <QuickAddForm
            key={quick}
            g={g}
            familyId={familyId}
            person={person}
            link={quick}
            onDone={(p) => {
              setQuick(null);
              onAdded(p);
            }}
            onCancel={() => setQuick(null)}
          />
        ) : (
          <ButtonGroup className="k-geno-quick">
            {LINKS.map((l) => (
              <Button key={l} type="button" appearance="secondary-action-button" onClick={() => setQuick(l)} aria-label={t(`genogram.quick.${l}Title`, { name: person.display_name })}>
                <span aria-hidden="true">+ </span>
                {t(`genogram.quick.${l}`)}
              </Button>
            ))}
          </ButtonGroup>
        )}
      </section>

      <div className="k-geno-section">
        <PersonForm
          key={`${person.id}:${person.version}`}
          g={g}
          familyId={familyId}
          person={person}
          onSaved={(p) => changedHere(t('genogram.person.saved', { name: p.display_name }))}
          onConflict={showConflict}
        />
      </div>

      <RelationsSection
        g={g}
        familyId={familyId}
        person={person}
        onChanged={changedHere}
        onEdited={onChanged}
        onConflict={showConflict}
        onRemove={(relation, text) => setRemoval({ kind: 'relation', relation, text })}
      />
      <EventsSection
        g={g}
        familyId={familyId}
        person={person}
        onChanged={changedHere}
        onEdited={onChanged}
        onConflict={showConflict}
        onRemove={(event, text) => setRemoval({ kind: 'event', event, text })}
      />

      <section aria-labelledby="gp-remove-title" className="k-geno-section">
        <Heading3 id="gp-remove-title">{t('genogram.person.removeTitle')}</Heading3>
        <Button type="button" appearance="secondary-action-button" hint="danger" className="k-danger" onClick={() => setRemoval({ kind: 'person' })}>
          {t('genogram.person.remove', { name: person.display_name })}
        </Button>
      </section>

      {removal && (
        <ConfirmDialog
          title={removal.kind === 'person' ? t('genogram.person.removeConfirmTitle', { name: person.display_name }) : t('genogram.removeConfirmTitle')}
          confirmLabel={t('genogram.removeConfirm')}
          busy={removeBusy}
          error={removeError}
          onConfirm={remove}
          onCancel={() => {
            setRemoval(null);
            setRemoveError(null);
          }}
        >
          <Paragraph>
            {removal.kind === 'person' ? t('genogram.person.removeConfirmText', { name: person.display_name }) : t('genogram.removeConfirmText', { text: removal.text })}
          </Paragraph>
        </ConfirmDialog>
      )}
    </aside>
  );
}
