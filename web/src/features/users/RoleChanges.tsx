// For team leads (on the team page): who got which role, from whom, and for whom an admin made
// a new activation link. A case role opens family files, so these changes must not go unseen.
import {
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api } from '../../api/client';
import type { Page, RoleChange } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { ListStates } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { TableWrap } from '../../ui/TableWrap';

export default function RoleChanges() {
  const { t, lang } = useI18n();
  const list = useApi<Page<RoleChange>>((signal) => api.get<Page<RoleChange>>('/users/role-changes', { limit: 100 }, signal), []);
  const what = (c: RoleChange) => {
    const role = t(`role.${c.new_role}`);
    if (c.kind === 'activation') return t('users.activationIssued', { role });
    if (!c.old_role) return t('users.roleGranted', { role });
    return t('users.roleChanged', { old: t(`role.${c.old_role}`), role });
  };
  return (
    <section className="k-card" aria-labelledby="role-changes-title">
      <Heading2 id="role-changes-title">{t('users.roleChanges')}</Heading2>
      <Paragraph>{t('users.roleChangesIntro')}</Paragraph>
      <ListStates list={list} empty={t('users.roleChangesEmpty')}>
        {(items) => (
          <TableWrap>
            <Table>
              <TableCaption>{t('users.roleChangesCaption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('users.roleChangesWhen')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.roleChangesWho')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.roleChangesWhat')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.roleChangesBy')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((c, i) => (
                  <TableRow key={`${c.at}-${c.user_id}-${i}`}>
                    <TableCell className="k-date">{formatDateTime(c.at, lang)}</TableCell>
                    <TableCell>
                      {c.display_name} <span className="k-muted">({c.username})</span>
                    </TableCell>
                    <TableCell>{what(c)}</TableCell>
                    <TableCell>{c.changed_by_name ?? t('users.byOperator')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        )}
      </ListStates>
    </section>
  );
}
