// Small pieces the genogram tab shares: a checkbox field, the confirmation dialog, the text for an
// API problem (the server's own Dutch sentence for impossible family history), and name lookups.
import { useState, type ReactNode } from 'react';
import { Checkbox, FormField, FormFieldDescription, FormLabel } from '@utrecht/component-library-react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { focusFirstError } from '../../ui/Field';
import { serverErrors, type Errors } from '../../ui/forms';
import { describeFieldErrors } from '../../ui/errors';
import { useErrorMessage } from '../../ui/States';
import type { Genogram, Person, Relation } from './api';

export function CheckField({
  id,
  label,
  description,
  checked,
  onChecked,
}: {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChecked: (checked: boolean) => void;
}) {
  return (
    <FormField type="checkbox" className="k-check k-geno-check">
      <Checkbox
        id={id}
        checked={checked}
        onChange={(e) => onChecked(e.target.checked)}
        aria-describedby={description ? `${id}-description` : undefined}
      />
      <div>
        <FormLabel htmlFor={id} type="checkbox">
          {label}
        </FormLabel>
        {description && (
          <FormFieldDescription id={`${id}-description`} className="k-muted">
            {description}
          </FormFieldDescription>
        )}
      </div>
    </FormField>
  );
}

/**
 * The sentence to show for a failed genogram request: a refusal with its own reason code
 * (e.g. a file that is no GEDCOM) by that code, a plain validation refusal by its field
 * errors' codes, a stale version with the "someone else changed this" text.
 */
export function useProblemText() {
  const { t, lang } = useI18n();
  const errorMessage = useErrorMessage();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 412) return t('genogram.conflict');
      if (error.status === 413) return t('genogram.import.tooBig');
      if (error.status === 422 && (!error.code || error.code === 'validation')) {
        return describeFieldErrors(Object.values(error.fieldErrors).flat(), lang) || errorMessage(error);
      }
    }
    return errorMessage(error);
  };
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}

// The state every genogram form has, and one way to send it: busy while it runs; a 412 goes to
// `onConflict` when given; any other problem becomes field errors (focus on the first) and the
// server's own sentence.
export function useFormSubmit(ids: Record<string, string>, order: string[]) {
  const problemText = useProblemText();
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(action: () => Promise<void>, onConflict?: () => void) {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      if (onConflict && isConflict(err)) {
        onConflict();
        return;
      }
      const { fields } = serverErrors(err, ids);
      setErrors(fields);
      setGeneral(problemText(err));
      focusFirstError(fields, order);
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, general, setGeneral, busy, send };
}

export function personName(g: Genogram | undefined, id: string | null | undefined, unknown: string): string {
  if (!g || !id) return unknown;
  return g.persons.find((p) => p.id === id)?.display_name ?? unknown;
}

/** "1950", "ca. 1950 – 2010", "† 2010": the years of a person as the drawing shows them. */
export function yearsOf(p: Person, deceasedWord: string): string {
  const born = p.birth_text;
  if (!p.deceased && !p.death) return born;
  const died = p.death_text || deceasedWord;
  return born ? `${born} – ${died}` : died;
}

export function relationsOf(g: Genogram, personId: string): Relation[] {
  return g.relations.filter((r) => r.a === personId || r.b === personId);
}

// The app's one confirmation dialog (ui/ConfirmDialog), here under the name the genogram used.
export { ConfirmDialog } from '../../ui/ConfirmDialog';
