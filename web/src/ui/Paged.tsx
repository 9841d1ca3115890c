/**
 * A list the browser already has, shown a page at a time: `usePaged` slices it, `Pager` moves
 * through it with the page named for screen readers. For lists the server pages, see the
 * cursor lists (Page<T>) instead.
 */
import { useRef, useState } from 'react';
import { Button } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';

export const LOCAL_PAGE_SIZE = 20;

export function usePaged<T>(items: T[], size = LOCAL_PAGE_SIZE) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(page, pages - 1);
  return { rows: items.slice(current * size, (current + 1) * size), page: current, pages, setPage, total: items.length };
}

export function Pager({ label, page, pages, total, setPage }: { label: string; page: number; pages: number; total: number; setPage: (n: number) => void }) {
  const { t } = useI18n();
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  if (pages <= 1) return null;
  // The button just pressed is disabled on the first and last page: keep the keyboard in the pager.
  const go = (n: number) => {
    setPage(n);
    if (n === 0) requestAnimationFrame(() => next.current?.focus());
    if (n === pages - 1) requestAnimationFrame(() => previous.current?.focus());
  };
  return (
    <nav className="k-pager" aria-label={t('paged.label', { what: label })}>
      <Button ref={previous} appearance="secondary-action-button" disabled={page === 0} onClick={() => go(page - 1)}>
        {t('common.previous')}
      </Button>
      <span aria-live="polite">{t('paged.pageOf', { page: page + 1, pages, total })}</span>
      <Button ref={next} appearance="secondary-action-button" disabled={page >= pages - 1} onClick={() => go(page + 1)}>
        {t('common.next')}
      </Button>
    </nav>
  );
}
