// Admin: the organisation's programmes (threshold, budget, contact target, duration, follow-up).
import { useState, type FormEvent } from 'react';
import {
  Button,
  ButtonGroup,
  Checkbox,
  FormField,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api } from '../../api/client';
import type { Page, Programme } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatMoney, parseEuro, toInputEuro } from '../../i18n/format';
import { StatusBadge } from '../../ui/Badges';
import { TextField, focusFirstError } from '../../ui/Field';
import { required, serverErrors, type Errors } from '../../ui/forms';
import { Notice, useErrorMessage, ListStates } from '../../ui/States';
import { useApi } from '../../ui/useApi';
import { usePageTitle } from '../../ui/usePageTitle';
import { useCan } from '../auth/session';
import MeasurementSettingsForm from '../measurements/SettingsForm';
import { ListTable } from '../../ui/ListTable';

const IDS = {
  name: 'prog-name',
  threshold_percent: 'prog-threshold',
  default_budget_cents: 'prog-budget',
  contact_target_minutes_per_week: 'prog-contact',
  planned_duration_weeks: 'prog-duration',
  follow_up_months: 'prog-followup',
  active: 'prog-active',
};
const ORDER = Object.values(IDS);

function ProgrammeForm({ programme, onSaved, onCancel }: { programme?: Programme; onSaved: (p: Programme) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState(programme?.name ?? '');
  const [threshold, setThreshold] = useState(String(programme?.threshold_percent ?? 120));
  const [budget, setBudget] = useState(toInputEuro(programme?.default_budget_cents ?? 0));
  const [contact, setContact] = useState(String((programme?.contact_target_minutes_per_week ?? 480) / 60).replace('.', ','));
  const [duration, setDuration] = useState(String(programme?.planned_duration_weeks ?? 52));
  const [followUp, setFollowUp] = useState((programme?.follow_up_months ?? []).join(', '));
  const [active, setActive] = useState(programme?.active ?? true);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const n = required(t, name, 200);
    if (n) errs[IDS.name] = n;
    const thr = /^\d+$/.test(threshold.trim()) ? Number(threshold) : NaN;
    if (!(thr >= 1)) errs[IDS.threshold_percent] = t('validation.number', { min: 1 });
    const cents = parseEuro(budget);
    if (cents === null) errs[IDS.default_budget_cents] = t('validation.amount');
    const hours = Number(contact.trim().replace(',', '.'));
    if (!contact.trim() || !Number.isFinite(hours) || hours < 0) errs[IDS.contact_target_minutes_per_week] = t('validation.number', { min: 0 });
    const weeks = /^\d+$/.test(duration.trim()) ? Number(duration) : NaN;
    if (!(weeks >= 1)) errs[IDS.planned_duration_weeks] = t('validation.number', { min: 1 });
    const months = followUp.split(/[,;\s]+/).filter(Boolean);
    if (months.some((m) => !/^\d+$/.test(m))) errs[IDS.follow_up_months] = t('validation.months');
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return focusFirstError(errs, ORDER);
    const body = {
      name: name.trim(),
      threshold_percent: thr,
      default_budget_cents: cents!,
      contact_target_minutes_per_week: Math.round(hours * 60),
      planned_duration_weeks: weeks,
      follow_up_months: months.map(Number),
      active,
    };
    setBusy(true);
    try {
      const saved = programme
        ? await api.patch<Programme>(`/programmes/${encodeURIComponent(programme.id)}`, body, programme.version)
        : await api.post<Programme>('/programmes', body);
      onSaved(saved);
    } catch (err) {
      const { fields, general: rest } = serverErrors(err, IDS);
      setErrors(fields);
      if (!Object.keys(fields).length || rest.length) setGeneral(rest.join(' ') || errorMessage(err));
      focusFirstError(fields, ORDER);
    } finally {
      setBusy(false);
    }
  }

  const titleId = programme ? `prog-form-${programme.id}` : 'prog-form-new';
  return (
    <form className="k-card k-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <Heading2 id={titleId}>{programme ? t('programmes.editTitle', { name: programme.name }) : t('programmes.new')}</Heading2>
      {general && <Notice type="error">{general}</Notice>}
      <TextField id={IDS.name} label={t('programmes.name')} value={name} onValue={setName} error={errors[IDS.name]} autoFocus required />
      <div className="k-row">
        <TextField id={IDS.threshold_percent} label={t('programmes.threshold')} value={threshold} onValue={setThreshold} error={errors[IDS.threshold_percent]} inputMode="numeric" />
        <TextField id={IDS.default_budget_cents} label={t('programmes.budget')} value={budget} onValue={setBudget} error={errors[IDS.default_budget_cents]} inputMode="decimal" />
      </div>
      <div className="k-row">
        <TextField id={IDS.contact_target_minutes_per_week} label={t('programmes.contact')} value={contact} onValue={setContact} error={errors[IDS.contact_target_minutes_per_week]} inputMode="decimal" />
        <TextField id={IDS.planned_duration_weeks} label={t('programmes.duration')} value={duration} onValue={setDuration} error={errors[IDS.planned_duration_weeks]} inputMode="numeric" />
      </div>
      <TextField id={IDS.follow_up_months} label={t('programmes.followUp')} description={t('programmes.followUpDefaultHint')} value={followUp} onValue={setFollowUp} error={errors[IDS.follow_up_months]} optional />
      <FormField type="checkbox" className="k-check">
        <Checkbox id={IDS.active} checked={active} onChange={(e) => setActive(e.target.checked)} />
        <FormLabel htmlFor={IDS.active} type="checkbox">
          {t('programmes.active')}
        </FormLabel>
      </FormField>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('programmes.create')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

export default function ProgrammesPage() {
  const { t } = useI18n();
  usePageTitle(t('programmes.title'));
  const list = useApi<Page<Programme>>((signal) => api.get<Page<Programme>>('/programmes', undefined, signal), []);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Issue 10: a programme's measurement moments, from the capabilities.
  const can = useCan();
  const [settingsFor, setSettingsFor] = useState<string | null>(null);
  const settingsProgramme = list.data?.items.find((p) => p.id === settingsFor);
  const saved = (p: Programme) => {
    setEditing(null);
    setNotice(t('programmes.saved', { name: p.name }));
    list.reload();
  };
  const editingProgramme = list.data?.items.find((p) => p.id === editing);

  return (
    <section aria-labelledby="page-title">
      <div className="k-toolbar">
        <Heading1 id="page-title">{t('programmes.title')}</Heading1>
        {editing === null && list.error == null && (
          <Button
            appearance="primary-action-button"
            onClick={() => {
              setNotice(null);
              setSettingsFor(null);
              setEditing('new');
            }}
          >
            {t('programmes.new')}
          </Button>
        )}
      </div>
      <Paragraph className="k-lead">{t('programmes.intro')}</Paragraph>
      {notice && <Notice>{notice}</Notice>}
      {editing === 'new' && <ProgrammeForm onSaved={saved} onCancel={() => setEditing(null)} />}
      {editingProgramme && <ProgrammeForm key={editingProgramme.id} programme={editingProgramme} onSaved={saved} onCancel={() => setEditing(null)} />}
      {settingsProgramme && (
        <MeasurementSettingsForm
          key={settingsProgramme.id}
          programmeId={settingsProgramme.id}
          programmeName={settingsProgramme.name}
          onClose={(message) => {
            setSettingsFor(null);
            setNotice(message);
          }}
        />
      )}
      <ListStates list={list} empty={t('programmes.empty')}>
        {(items) => (
          <ListTable
            caption={t('programmes.caption')}
            columns={[t('programmes.name'), { label: t('programmes.thresholdShort'), className: 'k-num' }, { label: t('programmes.budgetShort'), className: 'k-num' }, { label: t('programmes.contactShort'), className: 'k-num' }, { label: t('programmes.durationShort'), className: 'k-num' }, t('programmes.followUpShort'), t('programmes.active')]}
          >
            {items.map((p) => (
              <TableRow key={p.id}>
                <TableCell>{p.name}</TableCell>
                <TableCell className="k-num">{p.threshold_percent}%</TableCell>
                <TableCell className="k-num">{formatMoney(p.default_budget_cents)}</TableCell>
                <TableCell className="k-num">{t('programmes.hours', { hours: String(p.contact_target_minutes_per_week / 60).replace('.', ',') })}</TableCell>
                <TableCell className="k-num">{t('programmes.weeks', { weeks: p.planned_duration_weeks })}</TableCell>
                <TableCell>{p.follow_up_months.length ? t('programmes.months', { months: p.follow_up_months.join(', ') }) : t('programmes.followUpDefault')}</TableCell>
                <TableCell>
                  <StatusBadge state={p.active ? 'on' : 'off'}>{p.active ? t('common.yes') : t('common.no')}</StatusBadge>
                </TableCell>
                <TableCell className="k-actions">
                  <Button
                    appearance="subtle-button"
                    aria-label={t('programmes.edit', { name: p.name })}
                    onClick={() => {
                      setNotice(null);
                      setSettingsFor(null);
                      setEditing(p.id);
                    }}
                  >
                    {t('common.edit')}
                  </Button>
                  {can('measurement_settings.read') && (
                    <Button
                      appearance="subtle-button"
                      aria-label={t('measSettings.openLabel', { name: p.name })}
                      onClick={() => {
                        setNotice(null);
                        setEditing(null);
                        setSettingsFor(p.id);
                      }}
                    >
                      {t('measSettings.open')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </ListTable>
        )}
      </ListStates>
    </section>
  );
}
