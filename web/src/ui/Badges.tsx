import type { Phase } from '../api/types';
import { useI18n } from '../i18n';

export function PhaseBadge({ phase }: { phase: Phase | undefined | null }) {
  const { t } = useI18n();
  if (!phase) return <span className="k-badge k-badge--neutral">{t('common.none')}</span>;
  return <span className={`k-badge k-badge--phase k-badge--${phase}`}>{t(`phase.${phase}`)}</span>;
}

/**
 * The status of an account, an organisation or a programme (on, off, waiting): a dot and the
 * word. It looks different from a phase pill, so "Actief" the phase and "Actief" the account
 * are not the same green thing.
 */
export function StatusBadge({ state, children }: { state: 'on' | 'off' | 'pending'; children: React.ReactNode }) {
  return <span className={`k-status k-status--${state}`}>{children}</span>;
}

/** Whether a consent holds: a square tag with a check or a cross, and the words. */
export function ConsentBadge({ given, children }: { given: boolean; children: React.ReactNode }) {
  return (
    <span className={`k-consent k-consent--${given ? 'given' : 'withdrawn'}`}>
      <span aria-hidden="true">{given ? '✓' : '✕'}</span>
      <span>{children}</span>
    </span>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'bad' | 'neutral'; children: React.ReactNode }) {
  return <span className={`k-badge k-badge--${tone}`}>{children}</span>;
}

export function useDays() {
  const { t } = useI18n();
  return (days: number | null | undefined) =>
    days === null || days === undefined ? t('common.none') : days === 1 ? t('common.day') : t('common.days', { count: days });
}
