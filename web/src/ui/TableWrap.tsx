// The one frame around every list table (issue 13). Wide screens show a normal table; below
// about 900 px (app.css, .k-table-wrap) each row becomes a card and each cell shows its column
// header as a label. The labels come from the table's own header row, copied into a data-label
// attribute on every body cell, so no page repeats its headers by hand and a new column is
// labelled too. Because browsers drop table semantics once cells are display: block, the same
// pass gives each element its table role explicitly, so screen readers still read a table.
//
// Cells that must stay on one line use the classes of app.css: k-date (dates and times), k-num
// (amounts and counts, tabular figures) and k-actions (row buttons, centred in the row).
import { useLayoutEffect, useRef, type ReactNode } from 'react';

const ROLES: [string, string][] = [
  ['thead, tbody, tfoot', 'rowgroup'],
  ['tr', 'row'],
  ['thead th', 'columnheader'],
  ['tbody th, tfoot th', 'rowheader'],
  ['td', 'cell'],
];

/** Gives the tables under `root` explicit roles and each body cell the label of its column. */
export function labelTables(root: HTMLElement) {
  for (const table of Array.from(root.querySelectorAll('table'))) {
    // An explicit table role forbids focusable children, and the caseload focuses its caption
    // after a page turn; such a table keeps its native role (rows and cells still get theirs).
    if (!table.hasAttribute('role') && !table.caption?.hasAttribute('tabindex')) table.setAttribute('role', 'table');
    for (const [selector, role] of ROLES) {
      for (const el of Array.from(table.querySelectorAll(selector))) {
        if (el.closest('table') === table && !el.hasAttribute('role')) el.setAttribute('role', role);
      }
    }
    const headRows = table.tHead?.rows;
    const headRow = headRows && headRows.length > 0 ? headRows[headRows.length - 1] : undefined;
    if (!headRow) continue;
    // Column index -> header text, following colspans.
    const labels: string[] = [];
    for (const th of Array.from(headRow.cells)) {
      const text = (th.textContent ?? '').replace(/\s+/g, ' ').trim();
      for (let i = 0; i < th.colSpan; i++) labels.push(text);
    }
    for (const body of Array.from(table.tBodies)) {
      for (const row of Array.from(body.rows)) {
        let col = 0;
        for (const cell of Array.from(row.cells)) {
          // A cell across several columns (an edit form in the row) has no one label.
          const label = cell.colSpan > 1 ? '' : (labels[col] ?? '');
          // A label written by the page itself wins; ours follows the header when it changes.
          if (!cell.hasAttribute('data-label') || cell.dataset.labelAuto === '1') {
            if (cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
            cell.dataset.labelAuto = '1';
          }
          col += cell.colSpan;
        }
      }
    }
  }
}

export function TableWrap({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // After every render, and whenever rows or cells come and go inside (a row can re-render on
  // its own), label again. Only child lists are observed, so setting attributes never loops.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    labelTables(el);
    const observer = new MutationObserver(() => labelTables(el));
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  });
  return (
    <div ref={ref} className={className ? `k-table-wrap k-stack ${className}` : 'k-table-wrap k-stack'}>
      {children}
    </div>
  );
}
