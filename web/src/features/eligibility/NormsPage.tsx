// Admin: the norm tables the income check uses, each with its date and source, and a warning
// when the newest table is more than six months old (a new one is published each 1 January and
// 1 July).
import { Heading1, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatDate, formatMoney } from '../../i18n/format';
import { describeCoded } from '../../ui/errors';
import { ListStates, Notice } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { eligibilityApi } from './api';
import { TableWrap } from '../../ui/TableWrap';

export default function NormsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('norms.title'));
  const list = useApi((signal) => eligibilityApi.norms(signal), []);
  return (
    <section aria-labelledby="page-title">
      <Heading1 id="page-title">{t('norms.title')}</Heading1>
      <Paragraph>{t('norms.intro')}</Paragraph>
      {list.data?.stale &&
        list.data.warnings.map((w, i) => (
          <Notice key={i} type="warning">
            {describeCoded({ ...w, params: { ...w.params, valid_from: formatDate(w.params?.valid_from, lang) } }, lang)}
          </Notice>
        ))}
      {list.data && !list.data.stale && <Notice type="info">{t('norms.fresh', { date: formatDate(list.data.newest_valid_from, lang) })}</Notice>}
      <ListStates list={list} empty={t('norms.intro')}>
        {(items) => (
          <TableWrap>
            <Table>
              {/* The heading above says the same: read once, by screen readers only. */}
              <TableCaption className="k-visually-hidden">{t('norms.title')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('norms.validFrom')}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="k-num">{t('norms.single')}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="k-num">{t('norms.couple')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('norms.pensionAge')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('eligibility.source')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((n) => (
                  <TableRow key={`${n.scope}-${n.version}`}>
                    <TableHeaderCell scope="row" className="k-date">
                      {formatDate(n.valid_from, lang)} <span className="k-muted">({t(`norms.scope.${n.scope}`)})</span>
                    </TableHeaderCell>
                    <TableCell className="k-num">{formatMoney(n.norms_cents.alleenstaande)}</TableCell>
                    <TableCell className="k-num">{formatMoney(n.norms_cents.gehuwden)}</TableCell>
                    <TableCell>{n.pension_age ? t('norms.years', { years: n.pension_age.years, months: n.pension_age.months }) : '—'}</TableCell>
                    <TableCell>
                      <details>
                        <summary>{t('eligibility.source')}</summary>
                        <Paragraph className="k-small">{n.source}</Paragraph>
                        {Object.entries(n.age_groups ?? {}).map(([group, g]) => (
                          <Paragraph key={group} className="k-small">
                            <strong>{t(`eligibility.group.${group}` as 'eligibility.group.under_21')}:</strong>{' '}
                            {Object.entries(g.norms_cents)
                              .map(([k, v]) => `${k} ${formatMoney(v)}`)
                              .join(', ')}
                            {!g.includes_holiday_allowance && ` (${t('eligibility.holidayExclShort')})`}. {g.source}
                          </Paragraph>
                        ))}
                      </details>
                    </TableCell>
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
