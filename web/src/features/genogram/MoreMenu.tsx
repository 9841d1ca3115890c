// "Meer": the less used actions of the genogram (print, GEDCOM out and in) behind one button, so
// the toolbar keeps two or three primary actions. A disclosure (a button that shows a list of
// buttons and links), not an ARIA menu: Tab and Shift+Tab work as everywhere; the arrow keys move
// within the list as a bonus, Escape closes it and puts focus back on the button.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from '@utrecht/component-library-react';

export function MoreMenu({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  function items() {
    return Array.from(listRef.current?.querySelectorAll<HTMLElement>('button:not([disabled]), a[href]') ?? []);
  }

  useEffect(() => {
    if (open) items()[0]?.focus();
  }, [open]);

  // A click outside closes the list.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  function close(focusButton = true) {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (!open) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const list = items();
    if (!list.length) return;
    e.preventDefault();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? list.length - 1 : e.key === 'ArrowDown' ? (at + 1) % list.length : (at - 1 + list.length) % list.length;
    list[next].focus();
  }

  return (
    <div
      className="k-geno-more"
      ref={rootRef}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (open && !rootRef.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <Button ref={buttonRef} type="button" appearance="secondary-action-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((x) => !x)}>
        {label}
        <span aria-hidden="true"> ▾</span>
      </Button>
      <ul id={id} ref={listRef} className="k-geno-more__list" hidden={!open}>
        {open && children(() => close(false))}
      </ul>
    </div>
  );
}
