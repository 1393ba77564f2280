import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../sim/engine/engine';
import type { EngineCheckpointHandle, EngineOptions } from '../sim/engine/engine-types';
import type { Totals } from '../sim/engine/engine-types';
import { presetScenario } from '../sim/scenario/presets';
import { parseScenario, type Scenario } from '../sim/scenario/scenario-schema';
import { decodeScenarioParams, encodeScenarioParams } from '../sim/scenario/url-codec';
import {
  checkCommand,
  MAX_CHART_WINDOWS,
  type TickFrame,
  type WorkerEvent,
} from './engine-protocol';
import { EngineSession, LONG_SEEK_REQUESTS } from './engine-session';
import { zipfTrace } from '../sim/trace/synthetic-trace';

function scenario(input: unknown = {}): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.scenario;
}

/** A session on the real engine with a hand-cranked clock and timer queue. */
function harness(s: Scenario, withCheckpoints = true) {
  let wall = 0;
  let restores = 0;
  const timers = new Map<number, { fn: () => void; at: number }>();
  let nextId = 1;
  const events: WorkerEvent[] = [];
  const session = new EngineSession(
    {
      createEngine,
      ...(withCheckpoints
        ? {
            restoreEngine: (cp: EngineCheckpointHandle, o: EngineOptions) => {
              restores++;
              return restoreEngine(cp, o);
            },
          }
        : {}),
      post: (e) => events.push(e),
      now: () => wall,
      setTimer: (fn, ms) => {
        const id = nextId++;
        timers.set(id, { fn, at: wall + ms });
        return id;
      },
      clearTimer: (h) => {
        timers.delete(h as number);
      },
    },
    s,
  );
  /** Fire timers in time order until none are left or `maxWallMs` of wall time has passed. */
  const run = (maxWallMs = Number.POSITIVE_INFINITY) => {
    const stop = wall + maxWallMs;
    for (let guard = 0; guard < 100_000; guard++) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (next === undefined || next[1].at > stop) break;
      timers.delete(next[0]);
      wall = Math.max(wall, next[1].at);
      next[1].fn();
    }
  };
  const frames = () =>
    events.filter((e): e is Extract<WorkerEvent, { type: 'frame' }> => e.type === 'frame');
  const lastFrame = (): TickFrame => {
    const f = frames().at(-1);
    if (!f) throw new Error('no frame yet');
    return f.frame;
  };
  /** The chart series the UI would hold, rebuilt from every frame so far. */
  const uiSeries = () => {
    let out: TickFrame['windows'][number][] = [];
    for (const { frame } of frames())
      out = frame.replace ? [...frame.windows] : [...out, ...frame.windows];
    return out;
  };
  return { session, events, run, lastFrame, uiSeries, restores: () => restores };
}

describe('command envelope', () => {
  it('accepts well-formed commands and names what is wrong with others', () => {
    expect(checkCommand({ type: 'seek', tMs: 5 })).toEqual({
      ok: true,
      command: { type: 'seek', tMs: 5 },
    });
    expect(checkCommand(null)).toMatchObject({ ok: false });
    expect(checkCommand({ type: 'explode' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('explode') as unknown,
    });
    expect(checkCommand({ type: 'seek', tMs: -1 })).toMatchObject({ ok: false });
    expect(checkCommand({ type: 'speed', speed: Number.NaN })).toMatchObject({ ok: false });
    expect(checkCommand({ type: 'step', unit: 'year' })).toMatchObject({ ok: false });
    expect(checkCommand({ type: 'play', seq: 3 })).toMatchObject({ ok: true });
    expect(checkCommand({ type: 'play', seq: '3' })).toEqual({
      ok: false,
      message: 'play.seq must be a number',
    });
  });
});

describe('engine session', () => {
  it('loads paused at t = 0 and seeks forward, sending the windows once it lands', () => {
    const h = harness(scenario());
    h.session.handle({ type: 'load', scenario: scenario() });
    expect(h.lastFrame()).toMatchObject({ tMs: 0, status: 'paused', replace: true });
    h.session.handle({ type: 'seek', tMs: 5000 });
    expect(h.lastFrame().status).toBe('seeking');
    h.run();
    const f = h.lastFrame();
    expect(f.status).toBe('paused');
    expect(f.tMs).toBe(5000);
    expect(h.uiSeries().map((w) => w.tMs)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(f.totals.requests).toBe(0); // still inside the 10 s warm-up
    expect(f.view.cacheKeys).toBeGreaterThan(0);
  });

  it('seeking backwards replays journaled changes: the same series as the live run', () => {
    const s = scenario({ durationMs: 30_000, warmupMs: 1000 });
    const h = harness(s);
    h.session.handle({ type: 'load', scenario: s });
    h.session.handle({ type: 'seek', tMs: 8000 });
    h.run();
    h.session.handle({ type: 'knob', patch: { cache: { ttlMs: 1000 } } });
    h.session.handle({ type: 'fault', fault: { kind: 'cache-down', forMs: 2000 } });
    h.session.handle({ type: 'seek', tMs: 20_000 });
    h.run();
    const live = h.uiSeries();
    expect(h.lastFrame().markers.length).toBe(2);
    expect(h.lastFrame().scenario.cache.ttlMs).toBe(1000);

    h.session.handle({ type: 'seek', tMs: 12_000 });
    h.run();
    h.session.handle({ type: 'seek', tMs: 20_000 });
    h.run();
    expect(h.uiSeries()).toEqual(live);
    expect(h.lastFrame().scenario.cache.ttlMs).toBe(1000);

    // Before the change, the controls show the scenario in effect then, and the future is dropped.
    h.session.handle({ type: 'seek', tMs: 5000 });
    h.run();
    expect(h.lastFrame().scenario.cache.ttlMs).toBe(s.cache.ttlMs);
    expect(h.lastFrame().markers).toEqual([]);
  });

  it('a killed cache in cache-aside drops hits to zero and sends reads to the DB', () => {
    const s = scenario({ durationMs: 30_000, warmupMs: 0 });
    const h = harness(s);
    h.session.handle({ type: 'load', scenario: s });
    h.session.handle({ type: 'seek', tMs: 10_000 });
    h.run();
    h.session.handle({ type: 'fault', fault: { kind: 'cache-down', forMs: 5000 } });
    h.session.handle({ type: 'seek', tMs: 25_000 });
    h.run();
    const series = h.uiSeries();
    const down = series.filter((w) => w.tMs >= 11_000 && w.tMs < 15_000);
    const before = series.find((w) => w.tMs === 9000);
    expect(down.every((w) => w.hits === 0)).toBe(true);
    expect(before?.hits).toBeGreaterThan(0);
    expect(Math.min(...down.map((w) => w.dbReads))).toBeGreaterThan(before?.dbReads ?? 0);
    expect(series.find((w) => w.tMs === 24_000)?.hits).toBeGreaterThan(0);
  });

  it('echoes in every frame the highest command seq applied; a play deferred by a seek counts when it applies', () => {
    const h = harness(scenario({ durationMs: 600_000 }));
    h.session.handle({ type: 'play', seq: 4 });
    expect(h.lastFrame().commandSeq).toBe(4);
    h.session.handle({ type: 'seek', tMs: 300_000, seq: 5 });
    h.session.handle({ type: 'pause', seq: 6 });
    expect(h.lastFrame()).toMatchObject({ status: 'paused', commandSeq: 6 });
    h.session.handle({ type: 'seek', tMs: 500_000, seq: 7 });
    h.session.handle({ type: 'play', seq: 8 });
    // Play waits for the seek to land: frames meanwhile do not answer it.
    expect(h.lastFrame()).toMatchObject({ status: 'seeking', commandSeq: 7 });
    h.run(10);
    expect(h.lastFrame()).toMatchObject({ status: 'playing', commandSeq: 8 });
    // A command without seq (the embed player's) leaves it as it is.
    h.session.handle({ type: 'pause' });
    expect(h.lastFrame()).toMatchObject({ status: 'paused', commandSeq: 8 });
  });

  it('steps one request and reports its trace', () => {
    const h = harness(scenario());
    h.session.handle({ type: 'load', scenario: scenario() });
    h.session.handle({ type: 'step', unit: 'request' });
    const stepped = h.events.find((e) => e.type === 'stepped');
    expect(stepped?.type === 'stepped' && stepped.events.at(-1)?.type).toBe('request.done');
    expect(h.lastFrame().tMs).toBeGreaterThan(0);
  });

  it('plays at the requested speed in simulated time per wall time', () => {
    const s = scenario({ workload: { requestsPerSec: 100 } });
    const h = harness(s);
    h.session.handle({ type: 'load', scenario: s });
    h.session.handle({ type: 'speed', speed: 10 });
    h.session.handle({ type: 'play' });
    h.run(1000);
    expect(h.lastFrame().status).toBe('playing');
    h.session.handle({ type: 'pause' });
    const f = h.lastFrame();
    expect(f.status).toBe('paused');
    // One wall second at 10x is ten simulated seconds (give or take the last slice).
    expect(f.tMs).toBeGreaterThan(9500);
    expect(f.tMs).toBeLessThanOrEqual(10_000);
    const marks = h.events.flatMap((e) => (e.type === 'frame' ? e.frame.marks : []));
    expect(marks.length).toBeGreaterThan(0);
    expect(marks[0]?.hops[0]).toBe('client');
    expect(marks[0]?.hops).toContain('cache');
  });

  it('a long fast-forward runs untraced and ends with the whole series', () => {
    const s = scenario({ durationMs: 600_000 });
    expect((s.durationMs * s.workload.requestsPerSec) / 1000).toBeGreaterThan(LONG_SEEK_REQUESTS);
    const h = harness(s);
    h.session.handle({ type: 'load', scenario: s });
    h.session.handle({ type: 'seek', tMs: s.durationMs });
    h.run();
    const done = h.events.find((e) => e.type === 'done');
    expect(done?.type === 'done' && done.windows.length).toBe(600);
    expect(h.lastFrame()).toMatchObject({ status: 'done', marksAvailable: false });
    expect(h.uiSeries()).toHaveLength(300);
  });

  it('after a long fast-forward to mid-run, moving requests come back without a replay', () => {
    const s = scenario({ durationMs: 1_200_000 });
    const h = harness(s);
    h.session.handle({ type: 'load', scenario: s });
    h.session.handle({ type: 'seek', tMs: 600_000 });
    h.run();
    expect(h.lastFrame()).toMatchObject({ status: 'paused', tMs: 600_000, marksAvailable: true });
  });

  it('a knob before the run starts restarts instead of marking a change at 0', () => {
    const h = harness(scenario());
    h.session.handle({ type: 'load', scenario: scenario() });
    h.session.handle({ type: 'knob', patch: { cache: { jitterPct: 0 } } });
    expect(h.lastFrame()).toMatchObject({ tMs: 0, markers: [] });
    expect(h.lastFrame().scenario.cache.jitterPct).toBe(0);
  });

  it('reports an invalid knob as an error and keeps running', () => {
    const h = harness(scenario());
    h.session.handle({ type: 'load', scenario: scenario() });
    h.session.handle({ type: 'knob', patch: { cache: { ttlMs: -5 } } });
    const err = h.events.find((e) => e.type === 'error');
    expect(err?.type === 'error' && err.message).toContain('cache.ttlMs');
  });
});

describe('checkpointed seek', () => {
  const long = () =>
    scenario({
      seed: 4,
      durationMs: 600_000,
      warmupMs: 5_000,
      workload: { requestsPerSec: 500, keys: 5_000 },
      cache: { capacityKeys: 500 },
    });

  it('a backward seek restores a checkpoint and lands on the same numbers as a replay from zero', () => {
    const a = harness(long());
    const b = harness(long(), false);
    for (const h of [a, b]) {
      h.session.handle({ type: 'seek', tMs: 400_000 });
      h.run();
      h.session.handle({ type: 'knob', patch: { cache: { ttlMs: 20_000 } } });
      h.session.handle({ type: 'seek', tMs: 500_000 });
      h.run();
      h.session.handle({ type: 'seek', tMs: 123_456 });
      h.run();
    }
    expect(a.restores()).toBe(1);
    expect(a.lastFrame().tMs).toBe(123_456);
    expect(a.lastFrame().totals).toEqual(b.lastFrame().totals);
    expect(a.uiSeries()).toEqual(b.uiSeries());
    // Forward again, before any new change: a jump to a checkpoint the first pass left ahead.
    for (const h of [a, b]) {
      h.session.handle({ type: 'seek', tMs: 350_000 });
      h.run();
    }
    expect(a.restores()).toBe(2);
    // The UI keeps the latest MAX_CHART_WINDOWS windows either way.
    expect(a.uiSeries().slice(-MAX_CHART_WINDOWS)).toEqual(b.uiSeries().slice(-MAX_CHART_WINDOWS));
    expect(a.lastFrame().totals).toEqual(b.lastFrame().totals);
    // And onwards, past where the knob change was dropped, still identical.
    for (const h of [a, b]) {
      h.session.handle({ type: 'seek', tMs: 600_000 });
      h.run();
    }
    expect(a.lastFrame().totals).toEqual(b.lastFrame().totals);
    expect(a.uiSeries().slice(-MAX_CHART_WINDOWS)).toEqual(b.uiSeries().slice(-MAX_CHART_WINDOWS));
  }, 60_000);

  it('a backward seek after a live change keeps the change when it is before the target', () => {
    const a = harness(long());
    const b = harness(long(), false);
    for (const h of [a, b]) {
      h.session.handle({ type: 'seek', tMs: 100_000 });
      h.run();
      h.session.handle({ type: 'knob', patch: { cache: { capacityKeys: 2_000 } } });
      h.session.handle({ type: 'fault', fault: { kind: 'cache-down', forMs: 3_000 } });
      h.session.handle({ type: 'seek', tMs: 300_000 });
      h.run();
      h.session.handle({ type: 'seek', tMs: 120_000 });
      h.run();
      h.session.handle({ type: 'seek', tMs: 600_000 });
      h.run();
    }
    expect(a.restores()).toBeGreaterThan(0);
    expect(a.lastFrame().totals).toEqual(b.lastFrame().totals);
    expect(a.lastFrame().scenario).toEqual(b.lastFrame().scenario);
    expect(a.uiSeries()).toEqual(b.uiSeries());
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// A session recorded in the Playground replays exactly: a live TTL change at 2 s and a cache kill
// at 3 s, reported by the worker as a scenario with `changes`, sent through the URL codec and
// opened again, give the same totals as the live run (in a session and in the bare engine, as the
// CLI runs it).

function lastOf<T extends WorkerEvent['type']>(events: readonly WorkerEvent[], type: T) {
  return events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type).at(-1);
}

/** Run a scenario to its end in a fresh session; the totals of its finished run. */
function runToEnd(s: Scenario): Totals {
  const h = harness(s);
  h.session.handle({ type: 'load', scenario: s, seq: 1 });
  h.session.handle({ type: 'seek', tMs: s.durationMs });
  h.run();
  const done = lastOf(h.events, 'done');
  if (done === undefined) throw new Error('the run did not finish');
  return done.totals;
}

describe('a recorded session', () => {
  const base = { ...presetScenario('cache-aside'), durationMs: 8000, warmupMs: 1000 };
  /** A session run to 2 s, where the TTL is changed to 1 s live. */
  const ttlChangedAt2s = () => {
    const h = harness(base);
    h.session.handle({ type: 'load', scenario: base, seq: 1 });
    h.session.handle({ type: 'seek', tMs: 2000 });
    h.run();
    h.session.handle({ type: 'knob', patch: { cache: { ttlMs: 1000 } }, seq: 2 });
    return h;
  };

  it('replays from its link with the totals of the live run', () => {
    const live = ttlChangedAt2s();
    live.session.handle({ type: 'seek', tMs: 3000 });
    live.run();
    live.session.handle({ type: 'fault', fault: { kind: 'cache-down', forMs: 2000 } });
    live.session.handle({ type: 'seek', tMs: base.durationMs });
    live.run();
    const liveTotals = lastOf(live.events, 'done')?.totals;
    const recorded = lastOf(live.events, 'recorded')?.scenario;
    expect(recorded?.changes).toEqual([
      { atMs: 2000, patch: { cache: { ttlMs: 1000 } } },
      {
        atMs: 3000,
        fault: { kind: 'cache-down', forMs: 2000, factor: 0, key: 0, instance: 0 },
      },
    ]);
    if (recorded === undefined || liveTotals === undefined) throw new Error('nothing recorded');
    // The link: encoded over the preset, decoded as a new page would.
    const link = encodeScenarioParams(recorded, 'cache-aside').toString();
    const opened = decodeScenarioParams(link);
    expect(opened.notices).toEqual([]);
    expect(opened.scenario).toEqual(recorded);
    const replayed = runToEnd(opened.scenario);
    expect(replayed).toEqual(liveTotals);
    // The changes did something: without them the totals differ.
    expect(runToEnd({ ...recorded, changes: [] })).not.toEqual(liveTotals);
    // The bare engine (what `npm run sim` runs) replays them too, also from a checkpoint.
    const engine = createEngine(opened.scenario);
    engine.runUntil(2500);
    const resumed = restoreEngine(engine.checkpoint());
    resumed.runToEnd();
    engine.runToEnd();
    expect(engine.totals()).toEqual(liveTotals);
    expect(resumed.totals()).toEqual(liveTotals);
    expect(engine.markers().map((m) => `${m.tMs} ${m.label}`)).toEqual([
      '2000 cache.ttlMs=1000',
      '3000 cache-down for 2000 ms',
    ]);
  });

  it('replays a fault made right after stepping one of two requests that arrive together', () => {
    const s = scenario({
      durationMs: 3000,
      warmupMs: 0,
      workload: {
        requestsPerSec: 0,
        script: [
          { atMs: 1000, op: 'read', key: 1 },
          { atMs: 1000, op: 'read', key: 2 },
        ],
      },
      stampede: { warmOnStart: true },
    });
    const h = harness(s);
    h.session.handle({ type: 'load', scenario: s, seq: 1 });
    h.session.handle({ type: 'seek', tMs: 999 });
    h.run();
    h.session.handle({ type: 'step', unit: 'event' });
    expect(h.lastFrame().tMs).toBe(1000);
    h.session.handle({ type: 'fault', fault: { kind: 'cache-down' } });
    h.session.handle({ type: 'seek', tMs: s.durationMs });
    h.run();
    const recorded = lastOf(h.events, 'recorded')?.scenario;
    expect(recorded?.changes.map((c) => c.atMs)).toEqual([1000]);
    if (recorded === undefined) throw new Error('nothing recorded');
    expect(runToEnd(recorded)).toEqual(lastOf(h.events, 'done')?.totals);
  });

  it('starts again without its timeline on reset, from the settings in effect', () => {
    const h = ttlChangedAt2s();
    expect(lastOf(h.events, 'recorded')?.scenario.changes).toHaveLength(1);
    h.session.handle({ type: 'reset', seq: 3 });
    const after = lastOf(h.events, 'recorded')?.scenario;
    expect(after?.changes).toEqual([]);
    expect(after?.cache.ttlMs).toBe(1000);
  });
});

describe('trace replay in a session', () => {
  const trace = zipfTrace(150_000, 20_000, 0.9, 3);
  const replay = scenario({
    durationMs: 160_000,
    warmupMs: 0,
    workload: {
      requestsPerSec: 1000,
      keys: trace.uniqueKeys,
      popularity: {
        kind: 'trace',
        name: 'sample.txt',
        requests: trace.keys.length,
        uniqueKeys: trace.uniqueKeys,
      },
    },
  });

  it('checks that a load carries its key sequence as an Int32Array', () => {
    expect(checkCommand({ type: 'load', scenario: replay, traceKeys: [1, 2] })).toEqual({
      ok: false,
      message: 'load.traceKeys must be an Int32Array of key ids',
    });
  });

  it('keeps the keys of the load across resets; backward seeks restore checkpoints exactly', () => {
    const a = harness(scenario());
    const b = harness(scenario(), false);
    for (const h of [a, b]) {
      h.session.handle({ type: 'load', scenario: replay, traceKeys: trace.keys });
      h.session.handle({ type: 'seek', tMs: 120_000 });
      h.run();
      h.session.handle({ type: 'seek', tMs: 45_000 });
      h.run();
    }
    expect(a.restores()).toBe(1);
    expect(a.lastFrame().totals).toEqual(b.lastFrame().totals);
    a.session.handle({ type: 'reset' });
    a.session.handle({ type: 'seek', tMs: 160_000 });
    a.run();
    // The whole trace ran (the duration has room for it), each key once.
    expect(a.lastFrame().totals.requests).toBe(trace.keys.length);
    expect(a.events.some((e) => e.type === 'error')).toBe(false);
  }, 60_000);

  it('a trace replay loaded without its keys is an error event, not a crash', () => {
    const h = harness(scenario());
    h.session.handle({ type: 'load', scenario: { ...replay, seed: 2 } });
    // The session kept the keys of no load: the engine refuses and says why.
    expect(h.events.find((e) => e.type === 'error')).toMatchObject({
      message: expect.stringContaining('not loaded') as unknown,
    });
  });
});
