// A programme's measurement moments (issue 10): how many months between tussenmetingen, and
// which Positive Health version youths of 12 to 16 get (domain.md: the programme chooses, and the
// screen says so). The nazorg moments are the programme's own follow-up months: shown here, changed
// in the programme form. Read by everyone who may; changed only with measurement_settings.update.
import { useEffect, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n';
import { SelectField, TextField, focusFirstError } from '../../ui/Field';
import { serverErrors, type Errors } from '../../ui/forms';
import { ErrorState, Loading, Notice, useErrorMessage } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { useCan } from '../auth/session';
import { measurementsApi, type MeasurementSettings, type Tool1216 } from './api';

const IDS = { interim_every_months: 'ms-interval', tool_12_16: 'ms-tool' };
const ORDER = Object.values(IDS);
const MIN = 1;
const MAX = 24;

export default function SettingsForm({ programmeId, programmeName, onClose }: { programmeId: string; programmeName: string; onClose: (message: string | null) => void }) {
  const { t } = useI18n();
  const can = useCan();
  const mayChange = can('measurement_settings.update');
  const settings = useApi((signal) => measurementsApi.settings(programmeId, signal), [programmeId]);
  const titleId = `ms-title-${programmeId}`;

  return (
    <section className="k-card k-form" aria-labelledby={titleId}>
      <Heading2 id={titleId}>{t('measSettings.title', { name: programmeName })}</Heading2>
      {settings.loading && !settings.data && <Loading />}
      {settings.error != null && <ErrorState error={settings.error} onRetry={settings.reload} />}
      {settings.data && <Form key={settings.data.version} current={settings.data} mayChange={mayChange} onClose={onClose} />}
    </section>
  );
}

function Form({ current, mayChange, onClose }: { current: MeasurementSettings; mayChange: boolean; onClose: (message: string | null) => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [interval, setMonths] = useState(String(current.interim_every_months));
  const [tool, setTool] = useState<string>(current.tool_12_16 ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (mayChange) document.getElementById(IDS.interim_every_months)?.focus();
  }, [mayChange]);

  const months = current.follow_up_months.join(', ');
  const followUp = current.follow_up_default ? t('measSettings.followUpDefault', { months }) : t('measSettings.followUpOwn', { months });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const n = /^\d+$/.test(interval.trim()) ? Number(interval.trim()) : NaN;
    if (!(n >= MIN && n <= MAX)) errs[IDS.interim_every_months] = t('measSettings.intervalRange', { min: MIN, max: MAX });
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, ORDER);
    setBusy(true);
    try {
      await measurementsApi.putSettings(current.programme_id, { interim_every_months: n, tool_12_16: (tool || null) as Tool1216 }, current.version);
      onClose(t('measSettings.saved'));
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, IDS);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.join(' ') || errorMessage(err));
      focusFirstError(fields, ORDER);
    } finally {
      setBusy(false);
    }
  }

  if (!mayChange) {
    return (
      <>
        <dl className="k-dl">
          <dt>{t('measSettings.interval')}</dt>
          <dd>{t('measSettings.everyMonths', { n: current.interim_every_months })}</dd>
          <dt>{t('measSettings.tool')}</dt>
          <dd>{t(`measSettings.tool.${current.tool_12_16 ?? 'none'}`)}</dd>
          <dt>{t('measSettings.followUp')}</dt>
          <dd>{followUp}</dd>
        </dl>
        <Button appearance="secondary-action-button" onClick={() => onClose(null)}>
          {t('measSettings.close')}
        </Button>
      </>
    );
  }

  return (
    <form noValidate onSubmit={submit}>
      {general && <Notice type="error">{general}</Notice>}
      <Paragraph>{t('measSettings.intro')}</Paragraph>
      <TextField
        id={IDS.interim_every_months}
        label={t('measSettings.interval')}
        description={t('measSettings.intervalHint', { min: MIN, max: MAX })}
        value={interval}
        onValue={setMonths}
        error={errors[IDS.interim_every_months]}
        inputMode="numeric"
      />
      <SelectField
        id={IDS.tool_12_16}
        label={t('measSettings.tool')}
        description={t('measSettings.toolHint')}
        value={tool}
        onValue={setTool}
        error={errors[IDS.tool_12_16]}
        options={[
          { value: '', label: t('measSettings.tool.none') },
          { value: 'child', label: t('measSettings.tool.child') },
          { value: 'adult', label: t('measSettings.tool.adult') },
        ]}
      />
      <p className="k-muted" id="ms-followup">
        <strong>{t('measSettings.followUp')}:</strong> {followUp}
      </p>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('measSettings.save')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={() => onClose(null)}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
