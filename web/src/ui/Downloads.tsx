/**
 * The download card of a report page (budget, hours, programme results): a heading, an optional
 * hint and one design-system button link per file. Not printed: paper has no use for links.
 */
import { Paragraph } from '@utrecht/component-library-react';

export function Downloads({ title, hint, links }: { title: string; hint?: string; links: { href: string; label: string }[] }) {
  return (
    <div className="k-card k-noprint">
      <h2 className="utrecht-heading-3">{title}</h2>
      {hint && <Paragraph className="k-muted">{hint}</Paragraph>}
      <div className="k-actions">
        {links.map((l) => (
          <a key={l.href} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action k-button-link" href={l.href} download>
            {l.label}
          </a>
        ))}
      </div>
    </div>
  );
}
