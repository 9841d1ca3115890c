// One date input for the whole app, after the NL Design System "date input" and the GOV.UK
// "memorable date" pattern: day, month and year in their own small numeric fields, in a
// fieldset whose legend names the date. Separate fields need no format to be learnt (no
// "dd-mm-jjjj"), work with the numeric keyboard on a tablet and let the error name the part
// that is wrong. The form keeps the three parts (DateParts); checkDate (ui/forms.ts) turns
// them into 'YYYY-MM-DD' or a message, and this field marks the part that message is about.
import { FormFieldDescription, FormFieldErrorMessage, FormLabel, Textbox } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { parseDate } from '../i18n/format';
import { useI18n } from '../i18n';
import { checkDateParts, DATE_PARTS, toDateParts, type DatePart, type DateParts } from './dates';

interface Props {
  /** The fieldset's id; the parts are `${id}-day`, `${id}-month` and `${id}-year`. */
  id: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string | null;
  optional?: boolean;
  required?: boolean;
  value: DateParts;
  onValue: (value: DateParts) => void;
  /**
   * Only for the user's own birth date: the browser may then offer it (bday-day, ...). A coach
   * typing a family member's birth date must not be offered their own, so the default is off.
   */
  ownBirthDate?: boolean;
  autoFocus?: boolean;
}

const LABEL = { day: 'date.dayLabel', month: 'date.monthLabel', year: 'date.yearLabel' } as const;

export function DateField({ id, legend, description, error, optional, required, value, onValue, ownBirthDate, autoFocus }: Props) {
  const { t } = useI18n();
  // With an error, mark the part it is about; an error about the whole date (in the future,
  // empty, or from the server) marks all three.
  const part = error ? checkDateParts(value).part : null;
  const invalid = (p: DatePart) => !!error && (part === null || part === p);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  function change(p: DatePart, text: string) {
    // A whole date pasted (or typed) into one part, e.g. "14-03-2016", fills all three.
    const whole = /^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\s*$/.test(text) ? parseDate(text) : null;
    onValue(whole ? toDateParts(whole) : { ...value, [p]: text });
  }

  return (
    <div className={`utrecht-form-field k-field k-date${error ? ' utrecht-form-field--invalid' : ''}`}>
      <fieldset
        id={id}
        className={`utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset k-date__fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      >
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label k-date__legend">
          {legend}
          {optional && <span className="k-optional"> {t('common.optional')}</span>}
        </legend>
        <FormFieldDescription id={hintId} className="utrecht-form-field__description">
          {description ? <>{description} </> : null}
          {t('date.hint')}
        </FormFieldDescription>
        {error && (
          <FormFieldErrorMessage id={errorId} className="utrecht-form-field__error-message">
            {error}
          </FormFieldErrorMessage>
        )}
        <div className="k-date__parts">
          {DATE_PARTS.map((p, i) => (
            <div key={p} className={`k-date__part k-date__part--${p}`}>
              <FormLabel htmlFor={`${id}-${p}`}>{t(LABEL[p])}</FormLabel>
              <Textbox
                id={`${id}-${p}`}
                name={`${id}-${p}`}
                className={`k-date__input k-date__input--${p}`}
                inputMode="numeric"
                autoComplete={ownBirthDate ? `bday-${p}` : 'off'}
                spellCheck={false}
                value={value[p]}
                invalid={invalid(p)}
                aria-invalid={invalid(p) ? true : undefined}
                aria-required={required ? true : undefined}
                autoFocus={autoFocus && i === 0}
                onChange={(e) => change(p, e.target.value)}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
