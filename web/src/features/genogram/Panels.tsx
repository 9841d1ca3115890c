// What the drawing shows, in words: the patterns across generations (strengths first), the
// family's timeline of life events, and the drawing as a list per generation.
import { Button, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { Badge } from '../../ui/Badges';
import { Empty, ErrorState, Loading } from '../../ui/States';
import { personName, relationsOf, yearsOf } from './common';
import { describeEvent, describeRelation } from './RelationsEvents';
import type { Genogram, Pattern } from './api';

export function patternKey(p: Pattern): string {
  return `${p.kind}:${p.key}:${p.person_ids.join(',')}`;
}

export function PatternsPanel({
  g,
  patterns,
  error,
  loading,
  onRetry,
  highlighted,
  onHighlight,
}: {
  g: Genogram;
  patterns: Pattern[] | undefined;
  error: unknown;
  loading: boolean;
  onRetry: () => void;
  highlighted: string | null;
  onHighlight: (p: Pattern | null) => void;
}) {
  const { t } = useI18n();
  const unknown = t('genogram.unknownPerson');
  return (
    <section aria-labelledby="genogram-patterns-title" className="k-card k-geno-patterns">
      <Heading2 id="genogram-patterns-title">{t('genogram.patterns.title')}</Heading2>
      <Paragraph className="k-muted">{t('genogram.patterns.intro')}</Paragraph>
      {loading && !patterns && <Loading />}
      {error != null && <ErrorState error={error} onRetry={onRetry} />}
      {patterns && patterns.length === 0 && <Empty>{t('genogram.patterns.empty')}</Empty>}
      {patterns && patterns.length > 0 && (
        <ul className="k-geno-patterns__list">
          {patterns.map((p) => {
            const key = patternKey(p);
            const on = highlighted === key;
            const names = p.person_ids.map((id) => personName(g, id, unknown)).join(', ');
            return (
              <li key={key} className={p.strength ? 'is-strength' : 'is-concern'}>
                <div>
                  {p.strength && <Badge tone="ok">{t('genogram.patterns.strength')}</Badge>}{' '}
                  <strong>{p.label}</strong> — {t('genogram.patterns.generations', { n: p.generations.length })}: {names}
                  {p.kind === 'event' && <span className="k-muted"> ({t('genogram.patterns.event')})</span>}
                </div>
                <Button
                  type="button"
                  appearance="subtle-button"
                  aria-pressed={on}
                  aria-label={t('genogram.patterns.showFor', { label: p.label })}
                  onClick={() => onHighlight(on ? null : p)}
                >
                  {t('genogram.patterns.show')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function Timeline({ g }: { g: Genogram }) {
  const { t } = useI18n();
  const unknown = t('genogram.unknownPerson');
  const order = new Map(g.events.map((e, i) => [e.id, i]));
  // By year, unknown years last; within a year in the order they were recorded.
  const events = [...g.events].sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || order.get(a.id)! - order.get(b.id)!);
  return (
    <section aria-labelledby="genogram-timeline-title" className="k-card">
      <Heading2 id="genogram-timeline-title">{t('genogram.timeline.title')}</Heading2>
      {events.length === 0 ? (
        <Empty>{t('genogram.timeline.empty')}</Empty>
      ) : (
        <ol className="k-timeline">
          {events.map((e) => {
            const more = describeEvent(t, g, e);
            return (
              <li key={e.id}>
                <strong>{e.date_text || t('genogram.timeline.noDate')}</strong> — {t(`genogram.eventKind.${e.kind}`)}: {personName(g, e.person_id, unknown)}
                {more && <div className="k-muted">{more}</div>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The same content as the drawing, as text per generation, for screen readers and for reading. */
export function ListView({ g, onOpen, selectedId }: { g: Genogram; onOpen: (id: string) => void; selectedId: string | null }) {
  const { t } = useI18n();
  const generations = [...new Set(g.persons.map((p) => p.generation))].sort((a, b) => a - b);
  const themeOrder = [...g.themes].sort((a, b) => Number(b.strength) - Number(a.strength));
  return (
    <div className="k-geno-list" id="genogram-list">
      {generations.map((gen) => (
        <section key={gen} aria-labelledby={`genogram-gen-${gen}`}>
          <Heading3 id={`genogram-gen-${gen}`}>{t('genogram.generation', { n: gen })}</Heading3>
          <ul className="k-geno-list__persons">
            {g.persons
              .filter((p) => p.generation === gen)
              .map((p) => {
                const years = yearsOf(p, t('genogram.deceased'));
                const themes = themeOrder.filter((x) => p.themes.includes(x.id));
                const rels = relationsOf(g, p.id);
                return (
                  <li key={p.id} className="k-geno-list__person">
                    <Button
                      type="button"
                      appearance="subtle-button"
                      data-open-person={p.id}
                      aria-current={p.id === selectedId ? 'true' : undefined}
                      onClick={() => onOpen(p.id)}
                    >
                      {p.display_name}
                    </Button>
                    <span className="k-muted">
                      {[p.kind && p.kind !== 'born' ? t(`genogram.personKind.${p.kind}`) : null, years, t(`genogram.sex.${p.sex}`), p.in_household ? t('genogram.inHousehold') : null, p.index_person ? t('genogram.indexPerson') : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    {rels.length > 0 && (
                      <ul className="k-geno-list__facts">
                        {rels.map((r) => (
                          <li key={r.id}>{describeRelation(t, g, r, p.id)}</li>
                        ))}
                      </ul>
                    )}
                    {themes.length > 0 && (
                      <Paragraph className="k-geno-list__themes">
                        {t('genogram.themes')}: {themes.map((x) => (x.strength ? `${x.label} (${t('genogram.patterns.strength').toLowerCase()})` : x.label)).join(', ')}
                      </Paragraph>
                    )}
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
      {g.events.length > 0 && <Paragraph className="k-muted">{t('genogram.list.eventsElsewhere', { count: g.events.length })}</Paragraph>}
    </div>
  );
}
