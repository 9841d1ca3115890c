// Form fields built on the NL Design System form-field pattern: label, description, the
// control, and the error message next to it, tied together with aria-describedby.
import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '../i18n';

interface Common {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string | null;
  optional?: boolean;
}

function describedBy(id: string, description?: ReactNode, error?: string | null) {
  const ids = [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({ id, label, description, error, optional, children }: Common & { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <FormField invalid={!!error} className="k-field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {label}
          {optional && <span className="k-optional"> {t('common.optional')}</span>}
        </FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

type TextProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
  value: string;
  onValue: (value: string) => void;
  ref?: React.Ref<HTMLInputElement>;
};

export function TextField({ id, label, description, error, optional, value, onValue, ref, ...rest }: TextProps) {
  return (
    <Frame id={id} label={label} description={description} error={error} optional={optional}>
      <Textbox
        {...rest}
        ref={ref}
        id={id}
        name={rest.name ?? id}
        value={value}
        invalid={!!error}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        onChange={(e) => onValue(e.target.value)}
      />
    </Frame>
  );
}

type AreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value'> & {
  value: string;
  onValue: (value: string) => void;
};

export function TextareaField({ id, label, description, error, optional, value, onValue, ...rest }: AreaProps) {
  return (
    <Frame id={id} label={label} description={description} error={error} optional={optional}>
      <Textarea
        {...rest}
        id={id}
        name={rest.name ?? id}
        value={value}
        invalid={!!error}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        onChange={(e) => onValue(e.target.value)}
      />
    </Frame>
  );
}

type SelectProps = Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> & {
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  placeholder?: string;
};

export function SelectField({ id, label, description, error, optional, value, onValue, options, placeholder, ...rest }: SelectProps) {
  return (
    <Frame id={id} label={label} description={description} error={error} optional={optional}>
      <Select
        {...rest}
        id={id}
        name={rest.name ?? id}
        value={value}
        invalid={!!error}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        onChange={(e) => onValue(e.target.value)}
      >
        {placeholder !== undefined && <SelectOption value="">{placeholder}</SelectOption>}
        {options.map((o) => (
          <SelectOption key={o.value} value={o.value}>
            {o.label}
          </SelectOption>
        ))}
      </Select>
    </Frame>
  );
}

/**
 * Moves focus to the first field with an error, so keyboard and screen-reader users land
 * on it. Renders the pending messages first, so the field is announced with its error; the
 * focus move is synchronous, so it never lands after the user (or a test) has moved on.
 */
export function focusFirstError(errors: Record<string, string | null | undefined>, order: string[]): void {
  const first = order.find((id) => errors[id]) ?? Object.keys(errors).find((id) => errors[id]);
  if (!first) return;
  flushSync(() => {});
  const el = document.getElementById(first);
  // A date field is a fieldset of three inputs: focus the part the error is about.
  const target = el instanceof HTMLFieldSetElement ? (el.querySelector<HTMLElement>('[aria-invalid="true"]') ?? el.querySelector<HTMLElement>('input')) : el;
  target?.focus();
}
