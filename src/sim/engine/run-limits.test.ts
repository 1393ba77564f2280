import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../scenario/scenario-schema';
import { createEngine, restoreEngine } from './engine';
import type { MetricWindow } from './engine-types';
import { MAX_CLIENT_IN_FLIGHT, MAX_DB_QUEUE, runStop } from './run-limits';

function scenario(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.scenario;
}

/** Ten million reads a second against a pool of 50 connections: the DB queue runs away. */
const DB_FLOOD = scenario({
  durationMs: 10_000,
  warmupMs: 0,
  workload: { requestsPerSec: 10_000_000 },
  cache: { capacityKeys: 10 },
});

function runSliced(s: Scenario, maxEvents: number) {
  const engine = createEngine(s);
  const windows: MetricWindow[] = [];
  let calls = 0;
  let previous = engine.eventsProcessed;
  for (; !engine.done; calls++) {
    engine.runUntil(s.durationMs, maxEvents);
    // A slice never processes more events than it was given.
    expect(engine.eventsProcessed - previous).toBeLessThanOrEqual(maxEvents);
    previous = engine.eventsProcessed;
    windows.push(...engine.drainWindows());
  }
  return { engine, windows, calls };
}

describe('run limits', () => {
  it('ends a run whose DB queue passes the cap, at the same simulated moment however it is sliced', () => {
    const whole = createEngine(DB_FLOOD);
    expect(whole.runUntil(DB_FLOOD.durationMs)).toBe(true);
    const stop = whole.stopped;
    expect(stop).not.toBeNull();
    expect(stop?.limit).toBe('db-queue');
    expect(stop?.cap).toBe(MAX_DB_QUEUE);
    expect(stop?.atMs).toBeGreaterThan(0);
    expect(stop?.atMs).toBeLessThan(DB_FLOOD.durationMs);
    expect(stop?.message).toMatch(/database queue passed 500 k operations/);
    expect(stop?.message).toMatch(/cannot keep up/);
    expect(whole.done).toBe(true);
    expect(whole.nowMs).toBe(stop?.atMs);
    expect(whole.view().dbQueue).toBe(MAX_DB_QUEUE);
    // Latency counting the unfinished requests ages them to the stop, not to the scenario's end.
    const t = whole.totals();
    expect(t.latencyWithUnfinished.unfinished).toBe(t.inFlight);
    expect(t.inFlight).toBeGreaterThan(MAX_DB_QUEUE);
    expect(t.latencyWithUnfinished.ms.max).toBeLessThanOrEqual(stop?.atMs ?? 0);
    expect(t.latencyWithUnfinished.ms.max).toBeGreaterThanOrEqual(t.latencyMs.max);
    expect(t.latencyWithUnfinished.ms.p99).toBeGreaterThanOrEqual(t.latencyMs.p99);
    expect(t.latencyWithUnfinished.p99AtMostMs).toBeNull();

    const sliced = runSliced(DB_FLOOD, 7_919);
    expect(sliced.calls).toBeGreaterThan(50);
    expect(sliced.engine.stopped).toEqual(stop);
    expect(sliced.engine.totals()).toEqual(whole.totals());
    expect(sliced.engine.eventsProcessed).toBe(whole.eventsProcessed);
    // The last window closes at the stop time; none is reported after it.
    const last = sliced.windows.at(-1);
    expect(last?.tMs).toBe(Math.floor((stop?.atMs ?? 0) / 1000) * 1000);
    // ...so it is only as wide as the time it covered (rates divide by that).
    expect(last?.widthMs).toBe((stop?.atMs ?? 0) - (last?.tMs ?? 0));
    expect(last?.widthMs).toBeLessThan(DB_FLOOD.windowMs);
    for (const w of sliced.windows.slice(0, -1)) expect(w.widthMs).toBe(DB_FLOOD.windowMs);
    // Nothing runs after the stop.
    expect(sliced.engine.runUntil(DB_FLOOD.durationMs)).toBe(true);
    expect(sliced.engine.eventsProcessed).toBe(whole.eventsProcessed);
  });

  it('stops on requests in flight when the cache answers every read but slowly', () => {
    // One key, always cached; each read waits 2 x 200 ms for the cache, so at ten million
    // arrivals a second about four million would be in flight.
    const e = createEngine(
      scenario({
        durationMs: 5_000,
        warmupMs: 0,
        workload: { requestsPerSec: 10_000_000, keys: 1, writeFraction: 0 },
        cache: { latencyMs: 200 },
        stampede: { warmOnStart: true },
      }),
    );
    e.runUntil(5_000);
    expect(e.stopped?.limit).toBe('client-in-flight');
    expect(e.stopped?.cap).toBe(MAX_CLIENT_IN_FLIGHT);
    expect(e.totals().requests).toBe(MAX_CLIENT_IN_FLIGHT);
    expect(e.stopped?.message).toMatch(/more than 1 M client requests were in flight/);
  });

  it('keeps the stop in a checkpoint: a restored engine is done at the same time', () => {
    const e = createEngine(DB_FLOOD);
    e.runUntil(DB_FLOOD.durationMs);
    const back = restoreEngine(e.checkpoint());
    expect(back.done).toBe(true);
    expect(back.stopped).toEqual(e.stopped);
  });

  it('a budget that runs out leaves the run exactly where an unsliced run would be', () => {
    const s = scenario({ durationMs: 20_000, workload: { requestsPerSec: 5_000 } });
    const sliced = runSliced(s, 1_000);
    const whole = createEngine(s);
    whole.runUntil(s.durationMs);
    expect(sliced.engine.stopped).toBeNull();
    expect(sliced.engine.totals()).toEqual(whole.totals());
    expect(sliced.windows).toHaveLength(20);
  });

  it('names the cap, the time and what to change in every stop message', () => {
    expect(runStop('cache-keys', 3_158.9).message).toBe(
      'Run stopped at 3.159 s: the cache passed 3 M keys (more than a browser tab can hold). Give the cache a capacity or a TTL.',
    );
    expect(runStop('event-queue', 12).message).toMatch(
      /^Run stopped at 0\.012 s: more than 2 M events were waiting to run, so this setup cannot keep up/,
    );
  });
});
