import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine, type EngineExt } from '../sim/engine/engine';
import type { EngineCheckpointHandle, EngineOptions } from '../sim/engine/engine-types';
import { parseScenario, type Scenario } from '../sim/scenario/scenario-schema';
import type { TickFrame, WorkerEvent } from './engine-protocol';
import { EngineSession, SLICE_CHUNK_EVENTS, SLICE_MAX_EVENTS } from './engine-session';

function scenario(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.scenario;
}

/**
 * The crash link's scenario: ten million requests a second (a thousand times more during the
 * spike) against a DB that serves about a thousand.
 */
const CRASH = scenario({
  workload: { requestsPerSec: 10_000_000 },
  faults: [{ atMs: 1000, kind: 'traffic-spike', forMs: 60_000, factor: 1000 }],
});

/**
 * A session whose wall clock moves `msPerLook` every time it is read (so the engine's work costs
 * wall time) plus whatever timers wait for. Records the events each timer callback processed.
 */
function harness(s: Scenario, msPerLook: number) {
  let wall = 0;
  const timers: { fn: () => void; at: number }[] = [];
  const events: WorkerEvent[] = [];
  const engines: EngineExt[] = [];
  const session = new EngineSession(
    {
      createEngine: (sc: Scenario, o: EngineOptions) => {
        const e = createEngine(sc, o);
        engines.push(e);
        return e;
      },
      // With checkpoints, as in the worker: a run stopped at a cap must not chase the next one.
      restoreEngine: (cp: EngineCheckpointHandle, o: EngineOptions) => restoreEngine(cp, o),
      post: (e) => events.push(e),
      now: () => (wall += msPerLook),
      setTimer: (fn, ms) => {
        const t = { fn, at: wall + ms };
        timers.push(t);
        return t;
      },
      clearTimer: (h) => {
        const i = timers.indexOf(h as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      },
    },
    s,
  );
  const processed = () => engines.at(-1)?.eventsProcessed ?? 0;
  /** Fire up to `n` timers in time order; returns the events each one processed. */
  const fire = (n: number): number[] => {
    const perSlice: number[] = [];
    for (let i = 0; i < n; i++) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (next === undefined) break;
      wall = Math.max(wall, next.at);
      const before = processed();
      next.fn();
      perSlice.push(processed() - before);
    }
    return perSlice;
  };
  const lastFrame = (): TickFrame => {
    const f = events.filter((e) => e.type === 'frame').at(-1);
    if (f?.type !== 'frame') throw new Error('no frame yet');
    return f.frame;
  };
  return { session, events, engines, fire, lastFrame, pending: () => timers.length };
}

describe('session work budget', { timeout: 60_000 }, () => {
  it('never processes more than SLICE_MAX_EVENTS in one slice, even when the wall clock stands still', () => {
    const h = harness(CRASH, 0);
    h.session.handle({ type: 'play' });
    const slices = h.fire(4);
    expect(slices).toHaveLength(4);
    for (const n of slices) {
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(SLICE_MAX_EVENTS);
    }
    // The run falls behind the requested speed instead of freezing: a pause gets through.
    h.session.handle({ type: 'pause' });
    expect(h.lastFrame().status).toBe('paused');
    expect(h.pending()).toBe(0);
  });

  it('yields when the slice has used its wall time, checking every SLICE_CHUNK_EVENTS events', () => {
    // Each look at the clock costs 10 ms: the 30 ms play budget is gone after a few chunks.
    const h = harness(CRASH, 10);
    h.session.handle({ type: 'play' });
    for (const n of h.fire(5)) expect(n).toBeLessThanOrEqual(4 * SLICE_CHUNK_EVENTS);
  });

  it('plays the crash scenario to a clear stop: status done, the cap and its time in frame and done', () => {
    const h = harness(CRASH, 0);
    h.session.handle({ type: 'speed', speed: 10_000 });
    h.session.handle({ type: 'play' });
    h.fire(100);
    const frame = h.lastFrame();
    expect(frame.status).toBe('done');
    expect(frame.stopped?.limit).toBe('db-queue');
    expect(frame.tMs).toBe(frame.stopped?.atMs);
    const done = h.events.find((e) => e.type === 'done');
    expect(done?.type === 'done' && done.stopped).toEqual(frame.stopped);
    // Reset starts over at t = 0 with nothing stopped.
    h.session.handle({ type: 'reset' });
    expect(h.lastFrame().tMs).toBe(0);
    expect(h.lastFrame().stopped).toBeUndefined();
  });

  it('Reset of a warm start answers at once and loads the keys in slices while paused', () => {
    const s = scenario({
      workload: { keys: 300_000 },
      cache: { capacityKeys: null },
      stampede: { warmOnStart: true },
    });
    // Each look at the clock costs 5 ms: a slice is a few chunks of SLICE_CHUNK_EVENTS keys.
    const h = harness(s, 5);
    h.session.handle({ type: 'reset' });
    expect(h.lastFrame().status).toBe('paused');
    expect(h.lastFrame().view.cacheKeys).toBe(0);
    expect(h.pending()).toBe(1);
    h.fire(3);
    const part = h.engines.at(-1)?.view().cacheKeys ?? 0;
    expect(part).toBeGreaterThan(0);
    expect(part).toBeLessThan(300_000);
    // A pause in the middle is answered; the loading goes on, and the last frame shows it done.
    h.session.handle({ type: 'pause' });
    expect(h.lastFrame().status).toBe('paused');
    h.fire(1000);
    expect(h.pending()).toBe(0);
    expect(h.lastFrame().view.cacheKeys).toBe(300_000);
    expect(h.lastFrame().tMs).toBe(0);
  });

  it('a live change during a sliced flood replays to the same run', () => {
    const s = scenario({ durationMs: 4_000, warmupMs: 0, workload: { requestsPerSec: 50_000 } });
    const h = harness(s, 1);
    h.session.handle({ type: 'speed', speed: 10_000 });
    h.session.handle({ type: 'play' });
    h.fire(20);
    const atMs = h.lastFrame().tMs;
    h.session.handle({ type: 'knob', patch: { cache: { ttlMs: 500 } } });
    h.fire(200);
    const live = h.events.find((e) => e.type === 'done');
    // Seeking back to 0 and forward again replays the journal: same totals.
    h.session.handle({ type: 'seek', tMs: 0 });
    h.fire(5);
    h.session.handle({ type: 'seek', tMs: s.durationMs });
    h.fire(500);
    const replayed = h.events.filter((e) => e.type === 'done').at(-1);
    expect(atMs).toBeGreaterThan(0);
    expect(live?.type === 'done' && replayed?.type === 'done').toBe(true);
    if (live?.type === 'done' && replayed?.type === 'done') {
      expect(replayed.totals).toEqual(live.totals);
      expect(replayed.markers).toEqual(live.markers);
    }
  });
});
