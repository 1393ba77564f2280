import { useEffect, useRef, useState } from 'react';
import { NumberField } from './number-field';
import { localeNumber } from './format';

/** Typing pauses this long before a value is committed, so "300" is one change, not three. */
const COMMIT_DELAY_MS = 400;

export interface KnobFieldProps {
  readonly label: string;
  /** The value in effect, in the field's unit (null = unlimited / none). */
  readonly value: number | null;
  readonly unit?: string;
  readonly hint?: string;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** When set, an empty field means null (e.g. "no limit"). */
  readonly emptyMeans?: string;
  /** Apply a valid value; returns an error message when the scenario rejects it. */
  readonly onCommit: (value: number | null) => string | null;
}

/** Shows a number without binary noise (0.1 + 0.2 style) or trailing zeros. */
export function formatKnob(v: number | null): string {
  return v === null ? '' : String(Number(v.toPrecision(12)));
}

/** Checks raw text against the field's range; returns the value or an error naming the field. */
export function checkKnob(
  props: Pick<KnobFieldProps, 'label' | 'min' | 'max' | 'integer' | 'emptyMeans' | 'unit'>,
  raw: string,
): { value: number | null } | { error: string } {
  const text = raw.trim();
  const unit = props.unit ? ` ${props.unit}` : '';
  const range = `${localeNumber(props.min)} to ${localeNumber(props.max)}${unit}`;
  if (text === '') {
    return props.emptyMeans !== undefined
      ? { value: null }
      : { error: `${props.label} must be a number from ${range}.` };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: `${props.label} must be a number from ${range}.` };
  if (value < props.min || value > props.max)
    return { error: `${props.label} must be from ${range}.` };
  if (props.integer === true && !Number.isInteger(value))
    return { error: `${props.label} must be a whole number.` };
  return { value };
}

/**
 * A live knob: a labelled number input that commits valid values (the Playground's running
 * simulation, a Compare lane's settings) after a short pause in typing, or at once on blur /
 * Enter. While the user edits, their text wins; otherwise the field shows the value in effect
 * (which a preset, import or seek may change).
 */
export function KnobField(props: KnobFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const propsRef = useRef(props);

  useEffect(() => {
    propsRef.current = props;
  });
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const commit = (text: string): boolean => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const p = propsRef.current;
    const checked = checkKnob(p, text);
    if ('error' in checked) {
      setError(checked.error);
      return false;
    }
    if (checked.value === p.value) {
      setError(null);
      return true;
    }
    const rejected = p.onCommit(checked.value);
    setError(rejected);
    return rejected === null;
  };

  const hint = props.emptyMeans
    ? `${props.hint ?? ''} Empty = ${props.emptyMeans}.`.trim()
    : props.hint;
  return (
    <div
      onBlur={() => {
        if (draft !== null && commit(draft)) setDraft(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && draft !== null) commit(draft);
      }}
    >
      <NumberField
        label={props.label}
        value={draft ?? formatKnob(props.value)}
        {...(props.unit === undefined ? {} : { unit: props.unit })}
        {...(hint === undefined ? {} : { hint })}
        error={error}
        min={props.min}
        max={props.max}
        step={props.integer === true ? 1 : 'any'}
        onChange={(text) => {
          setDraft(text);
          if (timer.current !== null) clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            commit(text);
          }, COMMIT_DELAY_MS);
        }}
      />
    </div>
  );
}
