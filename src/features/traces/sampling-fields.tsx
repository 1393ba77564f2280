/** The two SHARDS fields of the Traces form: a fixed rate, or a fixed key budget. */
import { useId } from 'react';

const FIELDS = [
  {
    key: 'rate',
    label: 'SHARDS sample rate (optional)',
    inputMode: 'decimal',
    hint: 'e.g. 0.01 to simulate 1% of keys on a huge trace.',
  },
  {
    key: 'budget',
    label: 'SHARDS key budget (optional)',
    inputMode: 'numeric',
    hint: 'Fixed-size sampling: at most this many keys, the rate set to fit (instead of a rate).',
  },
] as const;

export function SamplingFields(props: {
  readonly rate: string;
  readonly onRate: (text: string) => void;
  readonly budget: string;
  readonly onBudget: (text: string) => void;
}) {
  const id = useId();
  return FIELDS.map((f) => (
    <div className="field" key={f.key}>
      <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
      <input
        id={`${id}-${f.key}`}
        type="text"
        inputMode={f.inputMode}
        value={f.key === 'rate' ? props.rate : props.budget}
        placeholder="exact"
        onChange={(e) => {
          (f.key === 'rate' ? props.onRate : props.onBudget)(e.target.value);
        }}
      />
      <p className="field-hint">{f.hint}</p>
    </div>
  ));
}
