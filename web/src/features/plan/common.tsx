// Small pieces shared by the kansplan, budget, contact and "Vandaag" screens.
import { Checkbox, FormField, FormLabel } from '@utrecht/component-library-react';
import { useState, type ReactNode } from 'react';
import type { Family } from '../../api/types';
import { useErrorMessage } from '../../ui/States';
import { focusFirstError } from '../../ui/Field';
import { serverErrors, type Errors } from '../../ui/forms';

export function CheckField({ id, label, checked, onChecked }: { id: string; label: ReactNode; checked: boolean; onChecked: (checked: boolean) => void }) {
  return (
    <FormField type="checkbox" className="k-check">
      <Checkbox id={id} checked={checked} onChange={(e) => onChecked(e.target.checked)} />
      <FormLabel htmlFor={id} type="checkbox">
        {label}
      </FormLabel>
    </FormField>
  );
}

/** Household members as { id, name }, from the family answer. */
export function householdOf(family: Family): { id: string; name: string }[] {
  return (family.members ?? []).map((m) => ({ id: m.id, name: `${m.given_name} ${m.family_name}`.trim() }));
}

/**
 * What a failed save shows: field errors next to their fields (API field → form id), and one
 * general sentence for the rest, always by code from the message catalogue.
 */
export function useFailure() {
  const errorMessage = useErrorMessage();
  return (err: unknown, ids: Record<string, string>): { fields: Errors; general: string | null } => {
    const { fields, general } = serverErrors(err, ids);
    const text = !Object.keys(fields).length || general.length ? general.join(' ') || errorMessage(err) : null;
    return { fields, general: text };
  };
}

/**
 * A form's save state: its field errors, one general sentence and whether it is busy. `run`
 * does the save with the form busy; a refusal shows the server's field errors (API field →
 * form id, `ids`) and one sentence for the rest, and with `focus` moves to the first wrong field.
 */
export function useSaving() {
  const fail = useFailure();
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(work: () => Promise<void>, ids: Record<string, string>, focus = false) {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      const f = fail(err, ids);
      setErrors(f.fields);
      setGeneral(f.general);
      if (focus) focusFirstError(f.fields, Object.values(ids));
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, general, setGeneral, busy, run };
}
