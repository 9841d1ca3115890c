// The mark for a long wait (issue 13): a label in words, not only colour. The server decides
// what is long (trajectory::kLongWaitDays, 28 days: our default, docs/decisions.md).
import { useI18n } from '../i18n';

export function LongWait({ days }: { days?: number | null }) {
  const { t } = useI18n();
  return (
    <span className="k-flag k-flag--wait" title={t('list.longWaitHint')} data-days={days ?? undefined}>
      {t('list.longWait')}
      <span className="k-visually-hidden">: {t('list.longWaitHint')}</span>
    </span>
  );
}
