/**
 * Generic editors over the field table (scenario-fields.ts): the shared scenario shows every field;
 * a lane shows the fields it overrides, a picker to override one more, and its patch as JSON for
 * anything the table does not list. Numbers use the Playground's KnobField.
 */
import { useId, useState, type ReactNode } from 'react';
import { FAULT_KINDS, type Scenario } from '../../sim/scenario/scenario-schema';
import { KnobField } from '../../ui/knob-field';
import {
  laneName,
  overrides,
  patchValueAt,
  removePatchValue,
  setPatchValue,
  SHARED_ONLY_FIELDS,
  type LanePatch,
} from './compare-model';
import {
  choiceValue,
  FIELD_GROUPS,
  fieldVisible,
  numberInUi,
  numberToScenario,
  faultsText,
  parseFaultsText,
  SCENARIO_FIELDS,
  type FieldDef,
} from './scenario-fields';

/** Apply a value at the field's path; returns an error message naming the field when rejected. */
type Commit = (value: unknown) => string | null;

function InlineError(props: { readonly id: string; readonly error: string | null }) {
  return props.error ? (
    <p className="field-error" id={props.id} role="alert">
      {props.error}
    </p>
  ) : null;
}

interface EditorProps<K extends FieldDef['kind']> {
  readonly def: Extract<FieldDef, { kind: K }>;
  readonly scenario: Scenario;
  readonly label: string;
  readonly onCommit: Commit;
}

function ChoiceEditor(props: EditorProps<'choice'>) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const value = choiceValue(props.def, props.scenario);
  return (
    <div className="field compact-field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={value}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const v = e.target.value;
          setError(props.onCommit(props.def.write ? props.def.write(v, props.scenario) : v));
        }}
      >
        {props.def.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <InlineError id={`${id}-error`} error={error} />
    </div>
  );
}

function ToggleEditor(props: EditorProps<'toggle'>) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="field compact-field check-field">
      <div className="check-row">
        <input
          id={id}
          type="checkbox"
          checked={props.def.isOn(props.scenario)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setError(
              props.onCommit(e.target.checked ? props.def.on(props.scenario) : props.def.off),
            );
          }}
        />
        <label htmlFor={id}>{props.label}</label>
      </div>
      <InlineError id={`${id}-error`} error={error} />
    </div>
  );
}

function FaultsEditor(props: EditorProps<'faults'>) {
  const id = useId();
  const current = faultsText(props.scenario);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const parsed = parseFaultsText(draft);
    const rejected = 'error' in parsed ? parsed.error : props.onCommit(parsed.faults);
    setError(rejected);
    if (rejected === null) setDraft(null);
  };
  return (
    <div className="field compact-field faults-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        value={draft ?? current}
        placeholder="none"
        spellCheck={false}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          setDraft(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <p className="field-hint" id={`${id}-hint`}>
        kind_atMs_forMs_factor, comma-separated, e.g. cache-down_30000_10000. Kinds:{' '}
        {FAULT_KINDS.join(', ')}.
      </p>
      <InlineError id={`${id}-error`} error={error} />
    </div>
  );
}

/** One field of the table, with whatever control suits its kind. */
export function FieldEditor(props: {
  readonly def: FieldDef;
  readonly scenario: Scenario;
  /** Label override (the field's label by default). */
  readonly label?: string;
  readonly onCommit: Commit;
}) {
  const { def, scenario, onCommit } = props;
  const label = props.label ?? def.label;
  switch (def.kind) {
    case 'number':
      return (
        <KnobField
          label={label}
          {...(def.unit === undefined ? {} : { unit: def.unit })}
          {...(def.emptyMeans === undefined ? {} : { emptyMeans: def.emptyMeans })}
          min={def.min}
          max={def.max}
          {...(def.integer === true && (def.scale ?? 1) === 1 ? { integer: true } : {})}
          value={numberInUi(def, scenario)}
          onCommit={(v) => onCommit(numberToScenario(def, v))}
        />
      );
    case 'choice':
      return <ChoiceEditor def={def} scenario={scenario} label={label} onCommit={onCommit} />;
    case 'toggle':
      return <ToggleEditor def={def} scenario={scenario} label={label} onCommit={onCommit} />;
    case 'faults':
      return <FaultsEditor def={def} scenario={scenario} label={label} onCommit={onCommit} />;
  }
}

function Group(props: {
  readonly title: string;
  readonly children: ReactNode;
  readonly open: boolean;
}) {
  return (
    <details className="knob-group" open={props.open}>
      <summary>{props.title}</summary>
      <div className="knob-group-body shared-grid">{props.children}</div>
    </details>
  );
}

/** Every field of the shared scenario, grouped. */
export function SharedEditor(props: {
  readonly base: Scenario;
  readonly onCommit: (path: readonly string[], value: unknown) => string | null;
}) {
  return (
    <div className="shared-editor">
      {FIELD_GROUPS.map((group, g) => (
        <Group key={group} title={group} open={g === 0}>
          {SCENARIO_FIELDS.filter((d) => d.group === group && fieldVisible(d, props.base)).map(
            (def) => (
              <FieldEditor
                key={def.id}
                def={def}
                scenario={props.base}
                onCommit={(v) => props.onCommit(def.path, v)}
              />
            ),
          )}
        </Group>
      ))}
    </div>
  );
}

/** The fields a lane overrides, a picker for one more, and the lane's patch as JSON. */
export function LaneOverrides(props: {
  readonly index: number;
  readonly patch: LanePatch;
  /** The lane's full scenario (shared + overrides). */
  readonly scenario: Scenario;
  /** Replace the lane's patch; returns messages naming lane and field when it is rejected. */
  readonly onPatch: (patch: LanePatch) => string | null;
}) {
  const { index, patch, scenario, onPatch } = props;
  const name = laneName(index);
  const pickId = useId();
  const [pickError, setPickError] = useState<string | null>(null);
  const overridden = SCENARIO_FIELDS.filter(
    (d) => overrides(patch, d.path) && fieldVisible(d, scenario),
  );
  const available = SCENARIO_FIELDS.filter(
    (d) => !overrides(patch, d.path) && fieldVisible(d, scenario),
  );
  return (
    <div className="lane-editor">
      {overridden.length === 0 ? (
        <p className="field-hint">Every field follows the shared scenario.</p>
      ) : (
        <ul className="override-list" aria-label={`Lane ${name} overrides`}>
          {overridden.map((def) => (
            <li key={def.id} className="override-item">
              <FieldEditor
                def={def}
                scenario={scenario}
                onCommit={(v) => onPatch(setPatchValue(patch, def.path, v))}
              />
              <button
                type="button"
                className="button link-button"
                onClick={() => {
                  onPatch(removePatchValue(patch, def.path));
                }}
              >
                Use shared
                <span className="visually-hidden">
                  {' '}
                  value for {def.label} (lane {name})
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field compact-field">
        <label htmlFor={pickId}>Override a field in lane {name}</label>
        <select
          id={pickId}
          value=""
          onChange={(e) => {
            const def = available.find((d) => d.id === e.target.value);
            if (!def) return;
            // Pin the lane's current value; the editor that appears changes it.
            setPickError(onPatch(setPatchValue(patch, def.path, patchValueAt(scenario, def.path))));
          }}
        >
          <option value="">Choose a field…</option>
          {FIELD_GROUPS.map((group) => (
            <optgroup key={group} label={group}>
              {available
                .filter((d) => d.group === group)
                .map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <InlineError id={`${pickId}-error`} error={pickError} />
      </div>
      <PatchJson index={index} patch={patch} onPatch={onPatch} />
    </div>
  );
}

/** The lane's overrides as JSON: any scenario field, including those the table does not list. */
function PatchJson(props: {
  readonly index: number;
  readonly patch: LanePatch;
  readonly onPatch: (patch: LanePatch) => string | null;
}) {
  const id = useId();
  const name = laneName(props.index);
  const shown = JSON.stringify(props.patch, null, 2);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const text = draft ?? shown;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setError(`Lane ${name}: not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setError(`Lane ${name}: the overrides must be a JSON object of scenario fields.`);
      return;
    }
    const shared = SHARED_ONLY_FIELDS.filter((k) => k in parsed);
    if (shared.length > 0) {
      setError(
        `Lane ${name}: ${shared.join(', ')} is shared by all lanes; set it in the shared scenario.`,
      );
      return;
    }
    const rejected = props.onPatch(parsed as LanePatch);
    setError(rejected);
    if (rejected === null) setDraft(null);
  };
  return (
    <details className="lane-json">
      <summary>Lane {name} overrides as JSON</summary>
      <label htmlFor={id} className="visually-hidden">
        Lane {name} overrides (JSON)
      </label>
      <textarea
        id={id}
        rows={Math.min(12, shown.split('\n').length + 1)}
        spellCheck={false}
        value={draft ?? shown}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
        }}
      />
      <button type="button" className="button" onClick={apply}>
        Apply lane {name} JSON
      </button>
      <InlineError id={`${id}-error`} error={error} />
    </details>
  );
}
