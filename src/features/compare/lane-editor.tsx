import { useId } from 'react';
import { POLICY_IDS, type PolicyId } from '../../sim/cache/cache-types';
import { policyLabel } from '../../sim/cache/policies/policy-registry';
import {
  WRITE_PATTERNS,
  type Scenario,
  type ScenarioPatch,
  type WritePatternId,
} from '../../sim/scenario/scenario-schema';
import { formatMs } from '../../ui/format';
import {
  STAMPEDE_TOOL_LABELS,
  STAMPEDE_TOOLS,
  stampedeTool,
  type StampedeTool,
} from './compare-model';

interface Option {
  readonly value: string;
  readonly label: string;
}

function SelectField(props: {
  readonly label: string;
  readonly value: string;
  readonly options: readonly Option[];
  readonly onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field compact-field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
        }}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Adds the current value to a list of choices when it is not one of them (e.g. from a URL). */
function withCurrent(options: readonly Option[], current: Option): Option[] {
  return options.some((o) => o.value === current.value) ? [...options] : [...options, current];
}

const TTL_CHOICES_MS = [5_000, 10_000, 20_000, 60_000, 300_000, 3_600_000];
const CAPACITY_CHOICES = [100, 500, 1000, 5000, 10_000];
const JITTER_CHOICES = [0, 5, 10, 20];

const WRITE_LABELS: Record<WritePatternId, string> = {
  invalidate: 'invalidate (DB, then DEL)',
  update: 'update (DB, then SET)',
  'write-through': 'write-through',
  'write-behind': 'write-behind',
  'write-around': 'write-around',
};

export interface LaneEditorProps {
  readonly scenario: Scenario;
  readonly onPatch: (patch: ScenarioPatch) => void;
  readonly onStampedeTool: (tool: StampedeTool) => void;
}

/** The settings a lane may change; the workload is shared and edited once for all lanes. */
export function LaneEditor(props: LaneEditorProps) {
  const { cache, pattern } = props.scenario;
  const evictionValue =
    cache.eviction.mode === 'redis' ? `redis-${cache.eviction.samples}` : 'exact';
  const ttlValue = cache.ttlMs === null ? 'none' : String(cache.ttlMs);
  const capValue = cache.capacityKeys === null ? 'none' : String(cache.capacityKeys);
  return (
    <div className="lane-editor">
      <SelectField
        label="Eviction policy"
        value={cache.policy}
        options={POLICY_IDS.map((p) => ({ value: p, label: policyLabel(p) }))}
        onChange={(v) => {
          props.onPatch({ cache: { policy: v as PolicyId } });
        }}
      />
      <SelectField
        label="Eviction mode"
        value={evictionValue}
        options={withCurrent(
          [
            { value: 'exact', label: 'exact (textbook)' },
            { value: 'redis-5', label: 'Redis sampling, 5 samples' },
            { value: 'redis-10', label: 'Redis sampling, 10 samples' },
          ],
          {
            value: evictionValue,
            label: evictionValue.replace('redis-', 'Redis sampling, ') + ' samples',
          },
        )}
        onChange={(v) => {
          props.onPatch({
            cache: {
              eviction:
                v === 'exact' ? { mode: 'exact' } : { mode: 'redis', samples: Number(v.slice(6)) },
            },
          });
        }}
      />
      <SelectField
        label="Capacity"
        value={capValue}
        options={withCurrent(
          [
            ...CAPACITY_CHOICES.map((n) => ({
              value: String(n),
              label: `${n.toLocaleString('en-US')} keys`,
            })),
            { value: 'none', label: 'unlimited' },
          ],
          { value: capValue, label: `${Number(capValue).toLocaleString('en-US')} keys` },
        )}
        onChange={(v) => {
          props.onPatch({ cache: { capacityKeys: v === 'none' ? null : Number(v) } });
        }}
      />
      <SelectField
        label="TTL"
        value={ttlValue}
        options={withCurrent(
          [
            ...TTL_CHOICES_MS.map((ms) => ({ value: String(ms), label: formatMs(ms) })),
            { value: 'none', label: 'no TTL' },
          ],
          { value: ttlValue, label: formatMs(Number(ttlValue)) },
        )}
        onChange={(v) => {
          props.onPatch({ cache: { ttlMs: v === 'none' ? null : Number(v) } });
        }}
      />
      <SelectField
        label="TTL jitter"
        value={String(cache.jitterPct)}
        options={withCurrent(
          JITTER_CHOICES.map((n) => ({ value: String(n), label: `±${n}%` })),
          { value: String(cache.jitterPct), label: `±${cache.jitterPct}%` },
        )}
        onChange={(v) => {
          props.onPatch({ cache: { jitterPct: Number(v) } });
        }}
      />
      <SelectField
        label="Write pattern"
        value={pattern.write}
        options={WRITE_PATTERNS.map((w) => ({ value: w, label: WRITE_LABELS[w] }))}
        onChange={(v) => {
          props.onPatch({ pattern: { write: v as WritePatternId } });
        }}
      />
      {pattern.write === 'write-through' ? (
        <div className="field compact-field">
          <label>
            <input
              type="checkbox"
              checked={pattern.writeThrough.versioned}
              onChange={(e) => {
                props.onPatch({ pattern: { writeThrough: { versioned: e.target.checked } } });
              }}
            />{' '}
            Version-checked SET (write-through)
          </label>
        </div>
      ) : null}
      <SelectField
        label="Stampede protection"
        value={stampedeTool(props.scenario)}
        options={STAMPEDE_TOOLS.map((t) => ({ value: t, label: STAMPEDE_TOOL_LABELS[t] }))}
        onChange={(v) => {
          props.onStampedeTool(v as StampedeTool);
        }}
      />
    </div>
  );
}
