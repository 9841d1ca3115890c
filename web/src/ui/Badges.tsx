import type { Phase } from '../api/types';
import { useI18n } from '../i18n';

export function PhaseBadge({ phase }: { phase: Phase | undefined | null }) {
  const { t } = useI18n();
  if (!phase) return <span className="k-badge k-badge--neutral">{t('common.none')}</span>;
  return <span className={`k-badge k-badge--${phase}`}>{t(`phase.${phase}`)}</span>;
}

export function Badge({ tone, children }: { tone: 'ok' | 'bad' | 'neutral'; children: React.ReactNode }) {
  return <span className={`k-badge k-badge--${tone}`}>{children}</span>;
}

export function useDays() {
  const { t } = useI18n();
  return (days: number | null | undefined) =>
    days === null || days === undefined ? t('common.none') : days === 1 ? t('common.day') : t('common.days', { count: days });
}
