import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { formatDate, formatDayOf, formatDateTime } from '../../i18n/format';
import { PhaseBadge, useDays } from '../../ui/Badges';
import type { TabProps } from './FamilyPage';
import { referrerKindLabel } from '../trajectory/api';

export default function OverviewTab({ family: f }: TabProps) {
  const { t, lang } = useI18n();
  const days = useDays();
  const hasTrajectory = f.phase !== undefined;
  return (
    <div className="k-grid">
      <section className="k-card" aria-labelledby="overview-summary">
        <Heading2 id="overview-summary">{t('family.summary')}</Heading2>
        <Paragraph className="k-muted">{t('family.strengthsFirst')}</Paragraph>
        <dl className="k-dl">
          <dt>{t('family.coach')}</dt>
          <dd>{f.coach_name ?? t('caseload.noCoach')}</dd>
          {hasTrajectory && (
            <>
              <dt>{t('family.phase')}</dt>
              <dd>
                <PhaseBadge phase={f.phase} />
              </dd>
              <dt>{t('family.programme')}</dt>
              <dd>{f.programme_name ?? t('common.none')}</dd>
            </>
          )}
          <dt>{t('family.memberCount')}</dt>
          <dd>{f.member_count}</dd>
          <dt>{t('family.created')}</dt>
          <dd>{formatDayOf(f.created_at, lang)}</dd>
          {f.waiting_days !== undefined && f.waiting_days !== null && (
            <>
              <dt>{t('family.waiting')}</dt>
              <dd>{days(f.waiting_days)}</dd>
            </>
          )}
          {f.intake_date && (
            <>
              <dt>{t('family.intakeDate')}</dt>
              <dd>{formatDate(f.intake_date, lang)}</dd>
            </>
          )}
          <dt>{t('family.updated')}</dt>
          <dd>{formatDateTime(f.updated_at, lang)}</dd>
        </dl>
      </section>
      {hasTrajectory && (
        <section className="k-card" aria-labelledby="overview-referral">
          <Heading2 id="overview-referral">{t('family.referral')}</Heading2>
          {f.referral ? (
            <dl className="k-dl">
              <dt>{t('family.referrer')}</dt>
              <dd>
                {f.referral.referrer_organisation} ({referrerKindLabel(t, f.referral.referrer_kind)})
              </dd>
              <dt>{t('family.reason')}</dt>
              <dd className="k-pre">{f.referral.reason}</dd>
              {f.referral.contact?.phone && (
                <>
                  <dt>{t('family.phone')}</dt>
                  <dd>{f.referral.contact.phone}</dd>
                </>
              )}
              {f.referral.contact?.email && (
                <>
                  <dt>{t('family.email')}</dt>
                  <dd>{f.referral.contact.email}</dd>
                </>
              )}
              {f.referral.contact?.address && (
                <>
                  <dt>{t('family.address')}</dt>
                  <dd>{f.referral.contact.address}</dd>
                </>
              )}
            </dl>
          ) : (
            <Paragraph>{t('family.noReferral')}</Paragraph>
          )}
        </section>
      )}
      {f.closing_reason && (
        <section className="k-card" aria-labelledby="overview-closing">
          <Heading2 id="overview-closing">{t('family.closing')}</Heading2>
          <dl className="k-dl">
            <dt>{t('family.closingReason')}</dt>
            <dd>{t(`closingReason.${f.closing_reason}`)}</dd>
            {f.closing_summary && (
              <>
                <dt>{t('family.closingSummary')}</dt>
                <dd className="k-pre">{f.closing_summary}</dd>
              </>
            )}
          </dl>
        </section>
      )}
    </div>
  );
}
