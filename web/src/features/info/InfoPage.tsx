// The footer's pages: accessibility statement, privacy, help and contact. Public: they are
// reachable from the login page too, so they need no session and no API call.
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../ui/usePageTitle';
import { INFO, type InfoPageId } from './content';

export default function InfoPage({ page }: { page: InfoPageId }) {
  const { lang } = useI18n();
  const c = INFO[lang][page];
  usePageTitle(c.title);
  return (
    <article className="k-info" aria-labelledby="page-title">
      <Heading1 id="page-title">{c.title}</Heading1>
      <Paragraph className="k-lead">{c.lead}</Paragraph>
      {c.sections.map((s, i) => (
        <section key={i} aria-labelledby={`info-${i}`}>
          <Heading2 id={`info-${i}`}>{s.heading}</Heading2>
          {s.paragraphs?.map((p, j) => <Paragraph key={j}>{p}</Paragraph>)}
          {s.list && (
            <ul className="k-info__list">
              {s.list.map((li, j) => (
                <li key={j}>{li}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </article>
  );
}
