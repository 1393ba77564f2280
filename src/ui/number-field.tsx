import { useId } from 'react';

export interface NumberFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (raw: string) => void;
  readonly hint?: string;
  readonly error?: string | null;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number | 'any';
  readonly disabled?: boolean;
}

/**
 * A labelled native number input with a hint and an inline error. The raw text is kept by the
 * caller so a half-typed value ("0.") is never overwritten; validation happens outside.
 */
export function NumberField(props: NumberFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <div className="field-input">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={props.value}
          min={props.min}
          max={props.max}
          step={props.step ?? 'any'}
          disabled={props.disabled}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => {
            props.onChange(e.target.value);
          }}
        />
        {props.unit ? (
          <span className="field-unit" aria-hidden="true">
            {props.unit}
          </span>
        ) : null}
      </div>
      {props.hint ? (
        <p className="field-hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="field-error" id={errorId} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
