// The kansplan on one or two A4 sheets for the family to take home, in plain Dutch or English:
// what each person is good at and dreams of first, then goals, who does what, and who agreed.
import { useState } from 'react';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useI18n, type Lang } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { SelectField } from '../../ui/Field';
import type { Plan } from './api';
import { domainLabel, tIn } from './labels';

type Member = { id: string; name: string };

export function PlanPrint({ plan, members, familyName, onClose, embedded }: { plan: Plan; members: Member[]; familyName: string; onClose?: () => void; embedded?: boolean }) {
  const { t, lang: uiLang } = useI18n();
  const [lang, setLang] = useState<Lang>(uiLang);
  const p = (key: Parameters<typeof tIn>[1], vars?: Parameters<typeof tIn>[2]) => tIn(lang, key, vars);
  const nameOf = (id: string | null) => (id ? (members.find((m) => m.id === id)?.name ?? id) : p('plan.actionWhoCoach'));
  const v = plan.version;
  const open = plan.actions.filter((a) => !a.done);
  const goals = plan.goals.filter((g) => g.status !== 'stopped');

  return (
    <div className={embedded ? 'k-print-embedded' : 'k-print-page'}>
      {!embedded && (
        <div className="k-print-controls">
          <Paragraph>{t('plan.printIntro')}</Paragraph>
          <div className="k-row">
            <SelectField id="print-lang" label={t('plan.printLanguage')} value={lang} onValue={(x) => setLang(x as Lang)} options={[{ value: 'nl', label: 'Nederlands' }, { value: 'en', label: 'English' }]} />
          </div>
          <ButtonGroup>
            <Button appearance="primary-action-button" onClick={() => window.print()}>
              {t('plan.print')}
            </Button>
            <Button appearance="secondary-action-button" onClick={onClose}>
              {t('plan.backToPlan')}
            </Button>
          </ButtonGroup>
        </div>
      )}
      <article className="k-print" lang={lang} aria-labelledby="print-title" data-testid="plan-print">
        <Heading2 id="print-title">{familyName ? p('print.title', { family: familyName }) : p('print.titlePlain')}</Heading2>
        <Paragraph className="k-print-version">
          {v?.status === 'agreed'
            ? p('print.agreed', { date: formatDate(v.agreed_on, lang), names: (v.agreed_by ?? []).map((id) => nameOf(id)).join(', ') })
            : p('print.draft')}
        </Paragraph>
        <section aria-labelledby="print-people">
          <Heading3 id="print-people">{p('print.people')}</Heading3>
          <div className="k-print-people">
            {members.map((m) => {
              const words = plan.dreams.filter((w) => w.member_id === m.id);
              const talents = words.filter((w) => w.type === 'talent');
              const dreams = words.filter((w) => w.type === 'dream');
              return (
                <div key={m.id} className="k-print-person">
                  <p className="k-print-name">{m.name}</p>
                  <p>
                    <strong>{p('print.goodAt')}</strong> {talents.length ? talents.map((w) => w.text).join(' · ') : '…'}
                  </p>
                  <p>
                    <strong>{p('print.dreamsOf')}</strong> {dreams.length ? dreams.map((w) => w.text).join(' · ') : '…'}
                  </p>
                </div>
              );
            })}
          </div>
        </section>
        <section aria-labelledby="print-goals">
          <Heading3 id="print-goals">{p('print.goals')}</Heading3>
          {goals.length === 0 ? (
            <p>{p('print.noGoals')}</p>
          ) : (
            <ol className="k-print-list">
              {goals.map((g) => (
                <li key={g.id}>
                  <strong>{g.title}</strong>
                  {g.description ? ` — ${g.description}` : ''}
                  <br />
                  <span>
                    {[
                      domainLabel(g.life_domain, lang),
                      p(`plan.horizon.${g.horizon}`),
                      g.owner_ids.length ? p('plan.ownersAre', { names: g.owner_ids.map(nameOf).join(', ') }) : '',
                      g.target_date ? p('plan.targetOn', { date: formatDate(g.target_date, lang) }) : '',
                      p(`plan.status.${g.status}`),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-labelledby="print-actions">
          <Heading3 id="print-actions">{p('print.actions')}</Heading3>
          {open.length === 0 ? (
            <p>{p('print.noActions')}</p>
          ) : (
            <ul className="k-print-list">
              {open.map((a) => (
                <li key={a.id}>
                  <strong>{nameOf(a.member_id)}</strong>: {a.what}
                  {a.due_on ? ` (${p('plan.dueOn', { date: formatDate(a.due_on, lang) })})` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
        {plan.reviews.length > 0 && (
          <section aria-labelledby="print-review">
            <Heading3 id="print-review">{p('print.lastReview', { date: formatDate(plan.reviews[0].held_on, lang) })}</Heading3>
            <p>
              <strong>{p('plan.wentWell')}:</strong> {plan.reviews[0].went_well}
            </p>
            {plan.reviews[0].next_steps && (
              <p>
                <strong>{p('plan.next')}:</strong> {plan.reviews[0].next_steps}
              </p>
            )}
          </section>
        )}
        <p className="k-print-foot">{p('print.foot')}</p>
      </article>
    </div>
  );
}
