/**
 * The table of a list page (partners, users, programmes, consents, the waiting list, household
 * members) and of a report: TableWrap (cards on narrow screens), a caption (for screen readers
 * only when the heading above says the same, so it is read once), one header per column and,
 * for row buttons, a last, unnamed column. The page gives the rows, and a report its totals.
 */
import type { ReactNode } from 'react';
import { Table, TableBody, TableCaption, TableFooter, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { TableWrap } from './TableWrap';

/** A column's header; `className` k-num for amounts and counts. */
export type Column = string | { label: ReactNode; className?: string };
/** A column of numbers: figures aligned and on one line. */
export const numColumn = (label: ReactNode): Column => ({ label, className: 'k-num' });

export function ListTable({ caption, captionHidden = true, columns, actions = true, footer, testId, children }: { caption: string; captionHidden?: boolean; columns: Column[]; actions?: boolean; footer?: ReactNode; testId?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <TableWrap>
      <Table data-testid={testId}>
        <TableCaption className={captionHidden ? 'k-visually-hidden' : undefined}>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((c, i) =>
              typeof c === 'string' ? (
                <TableHeaderCell key={i} scope="col">{c}</TableHeaderCell>
              ) : (
                <TableHeaderCell key={i} scope="col" className={c.className}>{c.label}</TableHeaderCell>
              ),
            )}
            {actions && (
              <TableHeaderCell scope="col">
                <span className="k-visually-hidden">{t('common.actions')}</span>
              </TableHeaderCell>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
        {footer && <TableFooter>{footer}</TableFooter>}
      </Table>
    </TableWrap>
  );
}
