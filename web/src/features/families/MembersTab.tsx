import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import {
  Button,
  Heading2,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { Member } from '../../api/types';
import { useI18n } from '../../i18n';
import { ageOn, formatDate } from '../../i18n/format';
import { Empty, Notice } from '../../ui/States';
import type { TabProps } from './FamilyPage';
import { MemberForm } from './MemberForm';
import { ListTable } from '../../ui/ListTable';

export default function MembersTab({ family, reload }: TabProps) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const members = family.members ?? [];

  function saved(m: Member, isNew: boolean) {
    flushSync(() => {
      setEditing(null);
      setNotice(isNew ? t('members.added', { name: m.given_name }) : t('members.updated', { name: m.given_name }));
    });
    addRef.current?.focus();
    reload();
  }

  return (
    <section aria-labelledby="members-title">
      <div className="k-toolbar">
        <Heading2 id="members-title">{t('members.title')}</Heading2>
        {editing !== 'new' && (
          <Button
            ref={addRef}
            appearance="primary-action-button"
            onClick={() => {
              setNotice(null);
              setEditing('new');
            }}
          >
            {t('members.add')}
          </Button>
        )}
      </div>
      {notice && <Notice>{notice}</Notice>}
      {editing === 'new' && (
        <MemberForm
          familyId={family.id}
          onSaved={(m) => saved(m, true)}
          onCancel={() => {
            flushSync(() => setEditing(null));
            addRef.current?.focus();
          }}
          onConflict={reload}
        />
      )}
      {members.length === 0 ? (
        <Empty>{t('members.empty')}</Empty>
      ) : (
        <ListTable
          caption={t('members.caption', { family: family.name })}
          columns={[t('members.givenName'), t('members.familyName'), t('members.role'), t('members.birthDate'), t('members.age'), t('members.sex')]}
        >
          {members.map((m) =>
            editing === m.id ? (
              <TableRow key={m.id}>
                <TableCell colSpan={7}>
                  <MemberForm
                    familyId={family.id}
                    member={m}
                    onSaved={(saved_) => saved(saved_, false)}
                    onCancel={() => setEditing(null)}
                    onConflict={reload}
                  />
                </TableCell>
              </TableRow>
            ) : (
              <TableRow key={m.id}>
                <TableCell>{m.given_name}</TableCell>
                <TableCell>{m.family_name || t('common.none')}</TableCell>
                <TableCell>{t(`householdRole.${m.household_role}`)}</TableCell>
                <TableCell className="k-date">{formatDate(m.birth_date, lang)}</TableCell>
                <TableCell>{ageOn(m.birth_date) !== null ? t('members.ageValue', { age: ageOn(m.birth_date)! }) : t('common.none')}</TableCell>
                <TableCell>{t(`sex.${m.sex}`)}</TableCell>
                <TableCell className="k-actions">
                  <Button
                    appearance="subtle-button"
                    aria-label={t('members.edit', { name: m.given_name })}
                    onClick={() => {
                      setNotice(null);
                      setEditing(m.id);
                    }}
                  >
                    {t('common.edit')}
                  </Button>
                </TableCell>
              </TableRow>
            ),
          )}
        </ListTable>
      )}
    </section>
  );
}
