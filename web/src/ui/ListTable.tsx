/**
 * The table of a list page (partners, users, programmes, consents, the waiting list, household
 * members): TableWrap (cards on narrow screens), a caption for screen readers only (the heading
 * above says the same, so it is read once), one header per column and a last, unnamed column
 * for the row buttons. The page gives the rows.
 */
import type { ReactNode } from 'react';
import { Table, TableBody, TableCaption, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { TableWrap } from './TableWrap';

/** A column's header; `className` k-num for amounts and counts. */
export type Column = string | { label: ReactNode; className?: string };

export function ListTable({ caption, columns, actions = true, children }: { caption: string; columns: Column[]; actions?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <TableWrap>
      <Table>
        <TableCaption className="k-visually-hidden">{caption}</TableCaption>
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
      </Table>
    </TableWrap>
  );
}
