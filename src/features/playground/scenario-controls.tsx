/**
 * Every knob of the scenario as a labelled native control with a short hint. Live knobs apply to
 * the running simulation at the current simulated moment; seed and run length start a new run.
 * UI units are the ones people think in (seconds for TTLs, percent for jitter); the scenario
 * stays in milliseconds.
 */
import { useId, useState, type ReactNode } from 'react';
import { POLICY_IDS, type PolicyId } from '../../sim/cache/cache-types';
import { getPolicy, policyLabel } from '../../sim/cache/policies/policy-registry';
import {
  MAX_KEYS,
  POPULARITY_KINDS,
  WRITE_PATTERNS,
  parseScenario,
  mergeScenarioInput,
  type ScenarioPatch,
  type WritePatternId,
} from '../../sim/scenario/scenario-schema';
import { useAppStore } from '../../store/app-store';
import { KnobField } from '../../ui/knob-field';

const BYTES_PER_MB = 1024 * 1024;

const WRITE_LABELS: Record<WritePatternId, string> = {
  invalidate: 'Invalidate (delete on write)',
  update: 'Update on write (racy)',
  'write-through': 'Write-through',
  'write-behind': 'Write-behind',
  'write-around': 'Write-around',
};

const WRITE_HINTS: Record<WritePatternId, string> = {
  invalidate: 'Write the DB, then delete the key; the next read refills it. The safe default.',
  update:
    'Write the DB, then set the key: two concurrent writers can leave the older value cached.',
  'write-through':
    'Write the DB, then the cache: fresh for one writer per key; two writers can leave the older value unless the SET is version-checked. Writes pay both.',
  'write-behind': 'Write the cache now, the DB later in batches: fast, but lost if the cache dies.',
  'write-around': 'Write only the DB; the cache fills on reads. For write-once data.',
};

const POPULARITY_LABELS: Record<(typeof POPULARITY_KINDS)[number], string> = {
  zipf: 'Zipf (a few keys are very popular)',
  uniform: 'Uniform (every key equally likely)',
  unique: 'Unique (every read is a new key)',
  hotspot: 'Hotspot (20% of keys get 80% of reads)',
  trace: 'Trace replay (keys from a loaded trace, in order)',
};

/** Kinds offered in the picker: a trace replay starts only from the Traces page (it needs keys). */
type PickableKind = Exclude<(typeof POPULARITY_KINDS)[number], 'trace'>;

function SelectField<T extends string>(props: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly hint: string;
  readonly onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const next = props.options.find((o) => o.value === e.target.value);
          if (next) props.onChange(next.value);
        }}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p className="field-hint" id={`${id}-hint`}>
        {props.hint}
      </p>
    </div>
  );
}

function CheckField(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly hint: string;
  readonly onChange: (on: boolean) => void;
  readonly children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field check-field">
      <div className="check-row">
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            props.onChange(e.target.checked);
          }}
        />
        <label htmlFor={id}>{props.label}</label>
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      {props.checked && props.children ? (
        <div className="check-children">{props.children}</div>
      ) : null}
    </div>
  );
}

/** Up to this width (a phone) the groups start collapsed, so the drawer opens as a short menu. */
const COLLAPSED_GROUPS_QUERY = '(max-width: 600px)';

function startsCollapsed(): boolean {
  return (
    typeof window.matchMedia === 'function' && window.matchMedia(COLLAPSED_GROUPS_QUERY).matches
  );
}

/**
 * One settings group, a native disclosure (`<details>`: Enter or Space on its summary toggles it).
 * Expanded on wide screens, collapsed on phones; opening or closing one is kept while the page is.
 */
function Group(props: { readonly title: string; readonly children: ReactNode }) {
  const [open, setOpen] = useState(() => !startsCollapsed());
  return (
    <details
      className="knob-group"
      open={open}
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
      }}
    >
      <summary>{props.title}</summary>
      <div className="knob-group-body">{props.children}</div>
    </details>
  );
}

const ms = (seconds: number | null): number | null =>
  seconds === null ? null : Math.round(seconds * 1000);
const sec = (millis: number | null): number | null => (millis === null ? null : millis / 1000);

export function ScenarioControls() {
  const s = useAppStore((st) => st.playground.scenario);
  const presetId = useAppStore((st) => st.playground.presetId);
  const actions = useAppStore((st) => st.playgroundActions);
  const knob = (patch: ScenarioPatch): string | null => actions.applyKnob(patch);
  /** Selects and checkboxes have no error line of their own: a rejected change becomes a notice. */
  const pick = (patch: ScenarioPatch): void => {
    const error = actions.applyKnob(patch);
    if (error !== null) actions.addNotice(`That change was not applied: ${error}.`);
  };
  /** Seed and run timing are not live: a change starts a new run. */
  const restart = (input: Record<string, unknown>): string | null => {
    const r = parseScenario(mergeScenarioInput(s, input));
    if (!r.ok) return r.issues.map((i) => i.message).join('; ');
    actions.loadScenario(r.scenario, presetId);
    return null;
  };
  const pop = s.workload.popularity;
  const lock = s.stampede.lock;
  const swr = s.stampede.staleWhileRevalidate;
  const evictionMode = s.cache.eviction;

  return (
    <form
      className="scenario-controls"
      aria-label="Scenario settings"
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      <Group title="Caching pattern">
        <SelectField
          label="Write strategy"
          value={s.pattern.write}
          options={WRITE_PATTERNS.map((w) => ({ value: w, label: WRITE_LABELS[w] }))}
          hint={WRITE_HINTS[s.pattern.write]}
          onChange={(write) => {
            pick({ pattern: { write } });
          }}
        />
        {s.pattern.write === 'write-through' ? (
          <CheckField
            label="Version-checked SET (write-through)"
            checked={s.pattern.writeThrough.versioned}
            hint="Store a value only if it is newer than the cached one, in one atomic step, so two writers cannot leave the older value cached."
            onChange={(on) => {
              pick({ pattern: { writeThrough: { versioned: on } } });
            }}
          />
        ) : null}
        {s.pattern.write === 'write-behind' ? (
          <>
            <KnobField
              label="Flush interval"
              unit="ms"
              min={1}
              max={600_000}
              integer
              value={s.pattern.writeBehind.flushIntervalMs}
              hint="How often buffered writes are flushed to the DB."
              onCommit={(v) => knob({ pattern: { writeBehind: { flushIntervalMs: v ?? 1000 } } })}
            />
            <KnobField
              label="Flush batch size"
              unit="writes"
              min={1}
              max={100_000}
              integer
              value={s.pattern.writeBehind.batchSize}
              hint="Most writes per DB batch."
              onCommit={(v) => knob({ pattern: { writeBehind: { batchSize: v ?? 100 } } })}
            />
          </>
        ) : null}
      </Group>

      <Group title="Cache">
        <KnobField
          label="Capacity"
          unit="keys"
          min={1}
          max={100_000_000}
          integer
          emptyMeans="no limit"
          value={s.cache.capacityKeys}
          hint="Most keys the cache holds before it evicts."
          onCommit={(v) => knob({ cache: { capacityKeys: v } })}
        />
        <KnobField
          label="Memory limit"
          unit="MB"
          min={0.001}
          max={1_000_000}
          emptyMeans="no limit"
          value={s.cache.capacityBytes === null ? null : s.cache.capacityBytes / BYTES_PER_MB}
          hint="Redis maxmemory: matters when values are large."
          onCommit={(v) =>
            knob({
              cache: {
                capacityBytes: v === null ? null : Math.max(1, Math.round(v * BYTES_PER_MB)),
              },
            })
          }
        />
        <SelectField<PolicyId>
          label="Eviction policy"
          value={s.cache.policy}
          options={POLICY_IDS.map((p) => ({ value: p, label: policyLabel(p) }))}
          hint={getPolicy(s.cache.policy).summary}
          onChange={(policy) => {
            pick({ cache: { policy } });
          }}
        />
        <SelectField<'exact' | 'redis'>
          label="Eviction mode"
          value={evictionMode.mode}
          options={[
            { value: 'exact', label: 'Exact (textbook)' },
            { value: 'redis', label: 'Redis sampled' },
          ]}
          hint="Redis approximates LRU/LFU by sampling a few keys."
          onChange={(mode) => {
            pick({ cache: { eviction: mode === 'exact' ? { mode } : { mode, samples: 5 } } });
          }}
        />
        {evictionMode.mode === 'redis' ? (
          <KnobField
            label="Samples"
            unit="keys"
            min={1}
            max={64}
            integer
            value={evictionMode.samples}
            hint="maxmemory-samples: 5 is Redis's default; 10 is close to exact."
            onCommit={(v) => knob({ cache: { eviction: { mode: 'redis', samples: v ?? 5 } } })}
          />
        ) : null}
        <KnobField
          label="TTL"
          unit="s"
          min={0.001}
          max={10_000_000}
          emptyMeans="never expire"
          value={sec(s.cache.ttlMs)}
          hint="How long a cached value lives."
          onCommit={(v) => knob({ cache: { ttlMs: ms(v) } })}
        />
        <KnobField
          label="Jitter"
          unit="%"
          min={0}
          max={100}
          value={s.cache.jitterPct}
          hint="Random ± spread on each TTL, so keys set together do not expire together."
          onCommit={(v) => knob({ cache: { jitterPct: v ?? 0 } })}
        />
        <KnobField
          label="Cache latency"
          unit="ms"
          min={0}
          max={10_000}
          value={s.cache.latencyMs}
          hint="One round trip to the cache (Redis: about 0.5 ms)."
          onCommit={(v) => knob({ cache: { latencyMs: v ?? 0 } })}
        />
      </Group>

      <Group title="Stampede tools">
        <CheckField
          label="Rebuild lock"
          checked={lock !== null}
          hint="The first miss takes a lock (SET NX EX) and rebuilds; others wait."
          onChange={(on) => {
            pick({ stampede: { lock: on ? { ttlMs: 10_000, retryMs: 100 } : null } });
          }}
        >
          {lock !== null ? (
            <KnobField
              label="Lock expiry"
              unit="ms"
              min={1}
              max={600_000}
              integer
              value={lock.ttlMs}
              hint="Must outlast the slowest rebuild."
              onCommit={(v) => knob({ stampede: { lock: { ttlMs: v ?? 10_000 } } })}
            />
          ) : null}
        </CheckField>
        <CheckField
          label="Stale-while-revalidate"
          checked={swr !== null}
          hint="Serve the old value at once and refresh it in the background."
          onChange={(on) => {
            const ttl = s.cache.ttlMs;
            const soft = ttl === null ? 30_000 : Math.max(1, Math.floor(ttl * 0.8));
            pick({ stampede: { staleWhileRevalidate: on ? { softTtlMs: soft } : null } });
          }}
        >
          {swr !== null ? (
            <KnobField
              label="Serve stale after"
              unit="s"
              min={0.001}
              max={10_000_000}
              value={swr.softTtlMs / 1000}
              hint="Age after which a hit triggers a background refresh (below the TTL)."
              onCommit={(v) =>
                knob({ stampede: { staleWhileRevalidate: { softTtlMs: ms(v) ?? 30_000 } } })
              }
            />
          ) : null}
        </CheckField>
        <CheckField
          label="Warm on start"
          checked={s.stampede.warmOnStart}
          hint="Load the most popular keys before traffic arrives (takes effect on reset)."
          onChange={(on) => {
            pick({ stampede: { warmOnStart: on } });
          }}
        />
        <CheckField
          label="Early refresh (XFetch)"
          checked={s.stampede.earlyRefresh !== null}
          hint="Refresh a hot key shortly before it expires, with a probability that grows."
          onChange={(on) => {
            pick({ stampede: { earlyRefresh: on ? { beta: 1 } : null } });
          }}
        />
        <CheckField
          label="Request coalescing"
          checked={s.stampede.coalescing}
          hint="Concurrent misses for one key share a single DB read."
          onChange={(on) => {
            pick({ stampede: { coalescing: on } });
          }}
        />
      </Group>

      <Group title="Workload">
        <KnobField
          label="Requests per second"
          unit="req/s"
          min={0}
          max={10_000_000}
          value={s.workload.requestsPerSec}
          hint="Average arrival rate (Poisson)."
          onCommit={(v) => knob({ workload: { requestsPerSec: v ?? 0 } })}
        />
        <KnobField
          label="Write fraction"
          min={0}
          max={1}
          value={s.workload.writeFraction}
          hint="Share of requests that are writes: 0.05 = 5%."
          onCommit={(v) => knob({ workload: { writeFraction: v ?? 0 } })}
        />
        <KnobField
          label="Keys"
          unit="keys"
          min={1}
          max={MAX_KEYS}
          integer
          value={s.workload.keys}
          hint="Distinct keys the clients ask for."
          onCommit={(v) => knob({ workload: { keys: v ?? 1 } })}
        />
        <SelectField<(typeof POPULARITY_KINDS)[number]>
          label="Popularity"
          value={pop.kind}
          options={POPULARITY_KINDS.filter((k) => k !== 'trace' || pop.kind === 'trace').map(
            (k) => ({ value: k, label: POPULARITY_LABELS[k] }),
          )}
          hint="How requests spread over the keys."
          onChange={(picked) => {
            if (picked === 'trace') return;
            const kind: PickableKind = picked;
            pick({
              workload: {
                popularity:
                  kind === 'zipf'
                    ? { kind, alpha: 0.9 }
                    : kind === 'hotspot'
                      ? { kind, hotKeyFraction: 0.2, hotRequestFraction: 0.8 }
                      : { kind },
              },
            });
          }}
        />
        {pop.kind === 'zipf' ? (
          <KnobField
            label="Zipf alpha"
            min={0}
            max={5}
            value={pop.alpha}
            hint="Skew: 0 is uniform; 0.6–1.2 is typical of web traffic."
            onCommit={(v) => knob({ workload: { popularity: { kind: 'zipf', alpha: v ?? 0.9 } } })}
          />
        ) : null}
        <KnobField
          label="Value size"
          unit="bytes"
          min={1}
          max={100_000_000}
          integer
          value={s.workload.valueBytes}
          hint="Size of each cached value (counts against the memory limit)."
          onCommit={(v) => knob({ workload: { valueBytes: v ?? 1024 } })}
        />
      </Group>

      <Group title="Database">
        <KnobField
          label="DB latency"
          unit="ms"
          min={0}
          max={60_000}
          value={s.db.readLatencyMs}
          hint="Mean time of one read query (a typical indexed query: 50 ms)."
          onCommit={(v) => knob({ db: { readLatencyMs: v ?? 0 } })}
        />
        <KnobField
          label="DB write latency"
          unit="ms"
          min={0}
          max={60_000}
          value={s.db.writeLatencyMs}
          hint="Mean time of one write."
          onCommit={(v) => knob({ db: { writeLatencyMs: v ?? 0 } })}
        />
        <KnobField
          label="Pool size"
          unit="connections"
          min={1}
          max={100_000}
          integer
          value={s.db.maxConcurrent}
          hint="Queries beyond this wait in a queue: that is what makes a stampede hurt."
          onCommit={(v) => knob({ db: { maxConcurrent: v ?? 50 } })}
        />
        <CheckField
          label="Read misses from a lagging replica"
          checked={s.db.readsFromReplica}
          hint="Cache misses read a replica that is 1 s behind the primary."
          onChange={(on) => {
            pick({
              db: on
                ? { replica: { lagMs: 1000 }, readsFromReplica: true }
                : { replica: null, readsFromReplica: false },
            });
          }}
        />
      </Group>

      <Group title="Run">
        <KnobField
          label="Seed"
          min={0}
          max={4_294_967_295}
          integer
          value={s.seed}
          hint="Same seed and settings, same run. Changing it starts a new run."
          onCommit={(v) => restart({ seed: v ?? 42 })}
        />
        <KnobField
          label="Duration"
          unit="s"
          min={1}
          max={86_400}
          value={s.durationMs / 1000}
          hint="Simulated length of the run. Changing it starts a new run."
          onCommit={(v) => restart({ durationMs: ms(v) ?? 60_000 })}
        />
        <KnobField
          label="Warm-up"
          unit="s"
          min={0}
          max={86_400}
          value={s.warmupMs / 1000}
          hint="Excluded from the totals while the cache fills."
          onCommit={(v) => restart({ warmupMs: ms(v) ?? 0 })}
        />
      </Group>
    </form>
  );
}
