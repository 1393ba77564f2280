/**
 * Faults, scheduled in the scenario or injected live: the cache node dies or restarts (events to
 * the cache-node machine), the DB slows down, traffic spikes, a key is expired now, an app instance
 * pauses. Each is recorded as a chart marker and a trace event.
 */
import { EV } from '../patterns/pattern-events';
import type { ScenarioFault } from '../scenario/scenario-schema';
import type { EngineCore } from './core';
import { EV_FAULT, EV_FAULT_END } from './core';
import type { FaultSpec, Marker } from './engine-types';

/** Default durations per fault kind, in ms, when a fault's forMs is null/absent. */
export const FAULT_DEFAULTS = {
  'cache-down': 10_000,
  'cache-restart': 1_000,
  'db-slow': 10_000,
  'traffic-spike': 10_000,
  'expire-key': 0,
  'pause-app': 15_000,
} as const;
/** Default factors when a fault's factor is 0/absent. */
export const FAULT_FACTORS = { 'db-slow': 5, 'traffic-spike': 3 } as const;

/** Short label of a fault for markers and the trace. */
export function faultLabel(f: FaultSpec): string {
  switch (f.kind) {
    case 'db-slow':
      return `db-slow x${f.factor ?? FAULT_FACTORS['db-slow']} for ${f.forMs ?? FAULT_DEFAULTS['db-slow']} ms`;
    case 'traffic-spike':
      return `traffic-spike x${f.factor ?? FAULT_FACTORS['traffic-spike']} for ${f.forMs ?? FAULT_DEFAULTS['traffic-spike']} ms`;
    case 'expire-key':
      return `expire-key ${f.key ?? 0}`;
    case 'pause-app':
      return `pause-app ${f.instance ?? 0} for ${f.forMs ?? FAULT_DEFAULTS['pause-app']} ms`;
    default:
      return `${f.kind} for ${f.forMs ?? FAULT_DEFAULTS[f.kind]} ms`;
  }
}

/** The engine's form of a scenario fault (or a recorded change's fault): defaults left out. */
export function faultSpecOf(f: Omit<ScenarioFault, 'atMs'>): FaultSpec {
  return {
    kind: f.kind,
    ...(f.forMs === null ? {} : { forMs: f.forMs }),
    ...(f.factor === 0 ? {} : { factor: f.factor }),
    key: f.key,
    instance: f.instance,
  };
}

function factorOf(f: FaultSpec, kind: 'db-slow' | 'traffic-spike'): number {
  return f.factor !== undefined && f.factor > 0 ? f.factor : FAULT_FACTORS[kind];
}

export class Faults {
  readonly list: { readonly atMs: number; readonly spec: FaultSpec }[] = [];

  constructor(
    private readonly core: EngineCore,
    private readonly markers: Marker[],
    /** Arrivals must be re-drawn after a rate change. */
    private readonly restartArrivals: () => void,
  ) {}

  /** Schedule the scenario's faults. */
  scheduleAll(): void {
    const core = this.core;
    for (const f of core.scenario.faults) {
      this.list.push({ atMs: f.atMs, spec: faultSpecOf(f) });
      if (f.atMs <= core.scenario.durationMs)
        core.queue.push(f.atMs, EV_FAULT, this.list.length - 1, 0, 0);
    }
  }

  /** Inject a fault now. */
  inject(fault: FaultSpec): void {
    this.list.push({ atMs: this.core.clock.now, spec: fault });
    this.apply(this.list.length - 1);
  }

  apply(index: number): void {
    const f = this.list[index]?.spec;
    if (f === undefined) return;
    const core = this.core;
    const now = core.clock.now;
    const forMs = f.forMs ?? FAULT_DEFAULTS[f.kind];
    const label = faultLabel(f);
    this.markers.push({ tMs: now, kind: 'fault', label });
    if (core.trace.on)
      core.trace.note(
        'fault',
        'chaos',
        null,
        f.kind === 'expire-key' ? (f.key ?? 0) : null,
        null,
        label,
      );
    const node = core.background('cache-node');
    switch (f.kind) {
      case 'cache-down':
        core.cache.downForMs = forMs;
        core.cache.restartForMs = 0;
        core.deliverNow(node, EV['fault.down']);
        break;
      case 'cache-restart':
        core.cache.restartForMs = forMs;
        core.deliverNow(node, EV['fault.restart']);
        break;
      case 'db-slow':
        core.db.slowFactor *= factorOf(f, 'db-slow');
        core.queue.push(now + forMs, EV_FAULT_END, index, 0, 0);
        break;
      case 'traffic-spike':
        core.rateFactor *= factorOf(f, 'traffic-spike');
        this.restartArrivals();
        core.queue.push(now + forMs, EV_FAULT_END, index, 0, 0);
        break;
      case 'expire-key': {
        const key = f.key ?? 0;
        if (core.cache.up && core.cache.store.del(key, now)) core.cache.manualExpirations++;
        for (const l1 of core.cache.l1Stores) l1.del(key, now);
        break;
      }
      case 'pause-app': {
        const inst = f.instance ?? 0;
        core.pausedUntil[inst] = Math.max(core.pausedUntil[inst] ?? 0, now + forMs);
        core.anyPause = true;
        core.queue.push(now + forMs, EV_FAULT_END, index, 0, 0);
        break;
      }
    }
  }

  end(index: number): void {
    const f = this.list[index]?.spec;
    if (f === undefined) return;
    const core = this.core;
    if (f.kind === 'db-slow') core.db.slowFactor /= factorOf(f, 'db-slow');
    if (f.kind === 'traffic-spike') {
      core.rateFactor /= factorOf(f, 'traffic-spike');
      this.restartArrivals();
    }
    if (f.kind === 'pause-app' && core.trace.on) {
      const inst = f.instance ?? 0;
      // Only when no later pause extended it; held events follow (they were queued after this).
      if ((core.pausedUntil[inst] ?? 0) <= core.clock.now)
        core.trace.note(
          'app.resume',
          `app:${inst}`,
          null,
          null,
          null,
          `app:${inst} resumes and handles what arrived while it was paused, in order`,
        );
    }
  }
}
