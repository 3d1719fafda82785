// Form fields built from NL Design System components, each with its label, optional
// description and the server's error messages beside it (aria-describedby links them;
// aria-invalid marks the control), plus the error summary that takes focus after a
// failed submit and links to every field in error (WCAG 3.3.1, 3.3.3).
import { forwardRef, useEffect, useRef, type ReactNode } from 'react';
import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { FieldError } from '../api/client';
import { fieldId } from '../api/fields';
import { useI18n } from '../i18n/i18n';

export type Errors = Map<string, FieldError[]>;

function describedBy(id: string, hasDescription: boolean, hasError: boolean): string | undefined {
  const ids = [hasDescription ? `${id}-description` : '', hasError ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldErrors({ id, errors }: { id: string; errors?: FieldError[] }) {
  const { pick } = useI18n();
  if (!errors || errors.length === 0) return null;
  return (
    <FormFieldErrorMessage id={`${id}-error`}>
      {errors.map((e, i) => (
        <span key={i} className="field-error-text">
          {pick(e)}
        </span>
      ))}
    </FormFieldErrorMessage>
  );
}

interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  errors?: Errors;
  description?: ReactNode;
  required?: boolean;
  multiline?: boolean;
  type?: string;
  autoComplete?: string;
  maxLength?: number;
  rows?: number;
}

export function TextField({ id, label, value, onChange, errors, description, required, multiline, type, autoComplete, maxLength, rows }: TextFieldProps) {
  const { t } = useI18n();
  const fieldErrors = errors?.get(id);
  const invalid = !!fieldErrors?.length;
  const aria = describedBy(id, !!description, invalid);
  return (
    <FormField invalid={invalid} type={multiline ? 'textarea' : 'text'}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {label}
          {required ? <span className="required-marker"> ({t('form.required')})</span> : null}
        </FormLabel>
      </div>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      <FieldErrors id={id} errors={fieldErrors} />
      <div className="utrecht-form-field__input">
        {multiline ? (
          <Textarea id={id} value={value} onChange={(e) => onChange(e.target.value)} invalid={invalid} aria-describedby={aria} required={required} maxLength={maxLength} rows={rows ?? 5} />
        ) : (
          <Textbox id={id} type={type ?? 'text'} value={value} onChange={(e) => onChange(e.target.value)} invalid={invalid} aria-describedby={aria} required={required} autoComplete={autoComplete} maxLength={maxLength} />
        )}
      </div>
    </FormField>
  );
}

interface SelectFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  errors?: Errors;
  description?: ReactNode;
  required?: boolean;
  emptyLabel?: string;
}

export function SelectField({ id, label, value, onChange, options, errors, description, required, emptyLabel }: SelectFieldProps) {
  const fieldErrors = errors?.get(id);
  const invalid = !!fieldErrors?.length;
  return (
    <FormField invalid={invalid} type="select">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      <FieldErrors id={id} errors={fieldErrors} />
      <div className="utrecht-form-field__input">
        <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} invalid={invalid} aria-describedby={describedBy(id, !!description, invalid)} required={required}>
          {emptyLabel !== undefined ? <SelectOption value="">{emptyLabel}</SelectOption> : null}
          {options.map((o) => (
            <SelectOption key={o.value} value={o.value}>
              {o.label}
            </SelectOption>
          ))}
        </Select>
      </div>
    </FormField>
  );
}

export function CheckboxField({ id, label, checked, onChange, errors, description }: { id: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void; errors?: Errors; description?: ReactNode }) {
  const fieldErrors = errors?.get(id);
  const invalid = !!fieldErrors?.length;
  return (
    <FormField invalid={invalid} type="checkbox">
      <FieldErrors id={id} errors={fieldErrors} />
      <div className="checkbox-row">
        <Checkbox id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} invalid={invalid} aria-describedby={describedBy(id, !!description, invalid)} />
        <FormLabel htmlFor={id} type="checkbox">
          {label}
        </FormLabel>
      </div>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
    </FormField>
  );
}

/// A group of checkboxes for a set of codes (forms, vulnerable groups), in a fieldset.
export function CheckboxGroup({ id, legend, options, selected, onChange, errors, description }: { id: string; legend: ReactNode; options: { value: string; label: string }[]; selected: string[]; onChange: (v: string[]) => void; errors?: Errors; description?: ReactNode }) {
  const fieldErrors = errors?.get(id);
  const invalid = !!fieldErrors?.length;
  return (
    <Fieldset id={id} invalid={invalid} aria-describedby={describedBy(id, !!description, invalid)}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      <FieldErrors id={id} errors={fieldErrors} />
      <div className="checkbox-grid">
        {options.map((o) => {
          const cid = `${id}-${o.value}`;
          return (
            <div className="checkbox-row" key={o.value}>
              <Checkbox
                id={cid}
                checked={selected.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
              />
              <FormLabel htmlFor={cid} type="checkbox">
                {o.label}
              </FormLabel>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/// One choice out of a few (an assessment's outcome), as radio buttons in a fieldset; the
/// fieldset carries `id` so an error summary link lands on the group.
export function RadioGroup({ id, legend, options, value, onChange, errors, description, required }: { id: string; legend: ReactNode; options: { value: string; label: string }[]; value: string; onChange: (v: string) => void; errors?: Errors; description?: ReactNode; required?: boolean }) {
  const { t } = useI18n();
  const fieldErrors = errors?.get(id);
  const invalid = !!fieldErrors?.length;
  return (
    <Fieldset id={id} invalid={invalid} aria-describedby={describedBy(id, !!description, invalid)} tabIndex={-1}>
      <FieldsetLegend>
        {legend}
        {required ? <span className="required-marker"> ({t('form.required')})</span> : null}
      </FieldsetLegend>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      <FieldErrors id={id} errors={fieldErrors} />
      {options.map((o) => {
        const rid = `${id}-${o.value}`;
        return (
          <div className="checkbox-row" key={o.value}>
            <RadioButton id={rid} name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} invalid={invalid} />
            <FormLabel htmlFor={rid} type="radio">
              {o.label}
            </FormLabel>
          </div>
        );
      })}
    </Fieldset>
  );
}

/// Lists every error with a link to its field; takes focus when `focusKey` changes
/// (each failed submit bumps it). Errors whose pointer has no control are listed as text.
/// `id` must be unique on the page (a page with several forms gives each summary its own);
/// `fieldPrefix` is the prefix its form's field ids were made with (fieldId).
export const ErrorSummary = forwardRef<HTMLDivElement, { errors: FieldError[]; title?: string; focusKey: number; message?: string; id?: string; fieldPrefix?: string }>(
  function ErrorSummary({ errors, title, focusKey, message, id: summaryId = 'error-summary', fieldPrefix = 'f' }, _ref) {
    const { t, pick } = useI18n();
    const ref = useRef<HTMLDivElement>(null);
    useEffect(() => {
      if (focusKey > 0) ref.current?.focus();
    }, [focusKey]);
    if (errors.length === 0 && !message) return null;
    return (
      <div ref={ref} tabIndex={-1} className="error-summary" role="alert" aria-labelledby={`${summaryId}-title`} id={summaryId}>
        <Heading2 id={`${summaryId}-title`}>{title ?? t('form.errorSummary')}</Heading2>
        {message ? <p className="utrecht-paragraph">{message}</p> : null}
        {errors.length > 0 ? (
          <UnorderedList>
            {errors.map((e, i) => {
              const id = fieldId(e.pointer, fieldPrefix);
              const present = typeof document !== 'undefined' && document.getElementById(id);
              return (
                <UnorderedListItem key={i}>
                  {present ? (
                    <a className="utrecht-link" href={`#${id}`} onClick={(ev) => { ev.preventDefault(); document.getElementById(id)?.focus(); }}>
                      {pick(e)}
                    </a>
                  ) : (
                    <span>{pick(e)}</span>
                  )}
                </UnorderedListItem>
              );
            })}
          </UnorderedList>
        ) : null}
      </div>
    );
  },
);
