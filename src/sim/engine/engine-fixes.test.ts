// @vitest-environment node
/**
 * Engine behaviour the lessons and the Playground rely on: pause-app really stalls an instance,
 * scripted requests, unique request ids, eviction events, L1 TTLs, one SWR refresh per soft
 * expiry, switching the trace on and off, and construction-time trace events.
 */
import { describe, expect, it } from 'vitest';
import { presetScenario } from '../scenario/presets';
import {
  parseScenario,
  scenarioOrThrow,
  type Scenario,
  type ScenarioInput,
} from '../scenario/scenario-schema';
import { createEngine } from './engine';
import type { TraceEvent } from './engine-types';

function traced(input: ScenarioInput): { trace: TraceEvent[]; scenario: Scenario } {
  const scenario = scenarioOrThrow(input);
  const engine = createEngine(scenario, { trace: true });
  engine.runToEnd();
  return { trace: engine.drainTrace(), scenario };
}

type Op = 'read' | 'write';
const req = (atMs: number, op: Op, instance: number | null = null, key = 0) => ({
  atMs,
  op,
  key,
  instance,
});

/** One key, fixed latencies, only scripted requests. */
function scripted(
  script: ReturnType<typeof req>[],
  extra: ScenarioInput = {},
  instances = 2,
): ScenarioInput {
  return {
    durationMs: 2000,
    warmupMs: 0,
    app: { instances },
    cache: { ttlMs: 10_000, jitterPct: 0 },
    db: { latencyVariation: 'fixed', readLatencyMs: 50, writeLatencyMs: 10 },
    ...extra,
    workload: { requestsPerSec: 0, keys: 1, ...extra.workload, script },
  };
}

describe('pause-app stalls an app instance', () => {
  it('holds the DB reply until the instance resumes; a paused reader stores the older value (stale-set race, one DB)', () => {
    const { trace } = traced(
      scripted([req(0, 'read', 0), req(60, 'write', 1), req(300, 'read', 1)], {
        faults: [{ atMs: 30, kind: 'pause-app', instance: 0, forMs: 170 }],
      }),
    );
    const reply = trace.find((e) => e.type === 'db.reply' && e.to === 'app:0');
    expect(reply?.version).toBe(0);
    expect(reply?.tMs).toBe(50.5);
    expect(trace.some((e) => e.type === 'app.hold' && e.actor === 'app:0')).toBe(true);
    const del = trace.find((e) => e.type === 'cache.del');
    const set = trace.find((e) => e.type === 'cache.set');
    // B deleted while A was frozen; A stored v0 only when it resumed, after the delete.
    expect(del?.tMs).toBeLessThan(200);
    expect(set).toMatchObject({ actor: 'app:0', version: 0, tMs: 200 });
    const resume = trace.findIndex((e) => e.type === 'app.resume');
    expect(resume).toBeGreaterThan(-1);
    expect(resume).toBeLessThan(trace.indexOf(set as TraceEvent));
    const last = trace.filter((e) => e.type === 'request.done').at(-1);
    expect(last).toMatchObject({ outcome: 'stale', version: 0 });
  });

  it('ends with the cache holding the older version than the database', () => {
    const s = scenarioOrThrow(
      scripted([req(0, 'read', 0), req(60, 'write', 1)], {
        faults: [{ atMs: 30, kind: 'pause-app', instance: 0, forMs: 170 }],
      }),
    );
    const engine = createEngine(s);
    engine.runToEnd();
    const [k] = engine.inspectKeys([0]);
    expect(k?.dbVersion).toBe(1);
    expect(k?.cache?.version).toBe(0);
    // Without the pause the reader stores before the write: the delete then removes it.
    const plain = createEngine(scenarioOrThrow({ ...s, faults: [] }));
    plain.runToEnd();
    expect(plain.inspectKeys([0])[0]?.cache).toBeNull();
  });

  it('holds new requests assigned to a paused instance and handles them in arrival order', () => {
    const { trace } = traced(
      scripted([req(10, 'read', 0), req(20, 'read', 0), req(30, 'read', 1)], {
        faults: [{ atMs: 5, kind: 'pause-app', instance: 0, forMs: 100 }],
      }),
    );
    const lookups = trace
      .filter((e) => e.type === 'cache.miss' || e.type === 'cache.hit')
      .map((e) => [e.requestId, e.tMs]);
    // Request 3 (app:1) runs at once; 1 and 2 wait for the resume at 105 ms, then run in order.
    expect(lookups).toEqual([
      [3, 30],
      [1, 105],
      [2, 105],
    ]);
    const done = trace.find((e) => e.type === 'request.done' && e.requestId === 1);
    // Latency counts from arrival (10 ms), including the time spent waiting for the resume.
    expect(done?.detail).toContain('done in 95.50 ms (hit)');
  });

  const lockRace = (safeRelease: boolean): TraceEvent[] =>
    traced(
      scripted([req(0, 'read', 0), req(20, 'read', 1), req(210, 'read', 1), req(245, 'read', 1)], {
        stampede: { lock: { ttlMs: 100, retryMs: 20, safeRelease } },
        faults: [
          { atMs: 10, kind: 'pause-app', instance: 0, forMs: 230 },
          { atMs: 200, kind: 'expire-key', key: 0 },
          // Remove the copy the first holder stores on resuming, so request 4 misses.
          { atMs: 242, kind: 'expire-key', key: 0 },
        ],
      }),
    ).trace;

  it('a lock holder paused past its lock TTL lets a second rebuilder in', () => {
    const trace = lockRace(true);
    const acquired = trace.filter((e) => e.type === 'lock.acquired');
    expect(acquired[0]?.actor).toBe('app:0');
    expect(acquired[1]?.actor).toBe('app:1');
    // The second rebuilder got in while the first still held its (expired) lock and its query.
    expect(acquired[1]?.tMs ?? 0).toBeGreaterThan(100);
    expect(acquired[1]?.tMs ?? 999).toBeLessThan(240);
    const first = trace.filter((e) => e.requestId === 1);
    expect(first.find((e) => e.type === 'cache.set')?.tMs).toBe(240);
    // Safe release: the first holder's lock is gone; it leaves the current holder's alone.
    expect(trace.some((e) => e.type === 'lock.lost' && e.requestId === 1)).toBe(true);
    expect(trace.some((e) => e.type === 'lock.released-foreign')).toBe(false);
    // The read at 245 finds the third rebuilder's lock still held and waits.
    expect(trace.some((e) => e.type === 'lock.busy' && e.requestId === 4)).toBe(true);
  });

  it('unsafe release deletes a lock that belongs to someone else, letting the next miss in', () => {
    const trace = lockRace(false);
    const foreign = trace.find((e) => e.type === 'lock.released-foreign');
    expect(foreign).toMatchObject({ requestId: 1, actor: 'app:0', tMs: 240 });
    // Request 3 holds the lock at that moment (taken after the expire-key fault).
    const third = trace.find((e) => e.type === 'lock.acquired' && e.requestId === 3);
    expect(third?.tMs ?? 999).toBeLessThan(240);
    // With its lock deleted, request 4 takes the lock too: a duplicate rebuild.
    expect(trace.some((e) => e.type === 'lock.acquired' && e.requestId === 4)).toBe(true);
    const rebuilds = trace.filter((e) => e.type === 'db.read').map((e) => e.requestId);
    expect(rebuilds).toEqual([1, 2, 3, 4]);
  });
});

describe('scripted workload', () => {
  it('runs exactly the scripted requests when requestsPerSec is 0', () => {
    const { trace } = traced(
      scripted(
        [req(5, 'read', null, 1), req(5, 'write', null, 2), req(1, 'read', 1, 0)],
        { workload: { keys: 3 } },
        3,
      ),
    );
    const starts = trace.filter((e) => e.type === 'request.start');
    expect(starts.map((e) => [e.tMs, e.key, e.to, e.detail?.slice(0, 5)])).toEqual([
      [1, 0, 'app:1', 'read '],
      [5, 1, 'app:0', 'read '],
      [5, 2, 'app:1', 'write'],
    ]);
  });

  it('mixes with Poisson arrivals when requestsPerSec > 0 and stays deterministic', () => {
    const input = {
      durationMs: 3000,
      warmupMs: 0,
      workload: { requestsPerSec: 100, script: [{ atMs: 1500, op: 'write', key: 3 }] },
    } as const;
    const a = createEngine(scenarioOrThrow(input));
    a.runToEnd();
    const b = createEngine(scenarioOrThrow(input));
    b.runToEnd();
    const plain = createEngine(scenarioOrThrow({ ...input, workload: { requestsPerSec: 100 } }));
    plain.runToEnd();
    expect(a.totals()).toEqual(b.totals());
    expect(a.totals().requests).toBe(plain.totals().requests + 1);
    expect(a.inspectKeys([3])[0]?.dbVersion).toBeGreaterThan(0);
  });

  it('is validated with field-named messages', () => {
    const r = parseScenario({
      app: { instances: 2 },
      workload: {
        keys: 10,
        script: [
          { atMs: 1, op: 'read', key: 10 },
          { atMs: 1, op: 'delete', key: 0 },
          { atMs: 2, op: 'write', key: 1, instance: 2 },
        ],
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.message)).toEqual([
      'workload.script.1.op must be one of: read, write',
    ]);
    const cross = parseScenario({
      app: { instances: 2 },
      workload: {
        keys: 10,
        script: [
          { atMs: 1, op: 'read', key: 10 },
          { atMs: 2, op: 'write', key: 1, instance: 2 },
        ],
      },
    });
    expect(cross.ok).toBe(false);
    if (cross.ok) return;
    expect(cross.issues.map((i) => i.message)).toEqual([
      'workload.script.0.key must be less than workload.keys (10)',
      'workload.script.1.instance must be less than app.instances (2), or null for round-robin',
    ]);
  });
});

describe('trace ids and keys', () => {
  it('request ids are unique and increasing, never recycled', () => {
    const s = scenarioOrThrow({
      ...presetScenario('stale-while-revalidate'),
      durationMs: 20_000,
      warmupMs: 0,
      workload: { requestsPerSec: 500, writeFraction: 0, keys: 20 },
    });
    const engine = createEngine(s, { trace: true });
    engine.runToEnd();
    const trace = engine.drainTrace();
    const starts = trace.filter((e) => e.type === 'request.start').map((e) => e.requestId ?? -1);
    expect(starts.length).toBeGreaterThan(5000);
    for (let i = 1; i < starts.length; i++)
      expect(starts[i] ?? 0).toBeGreaterThan(starts[i - 1] ?? 0);
    const refreshes = trace.filter((e) => e.type === 'refresh.start').map((e) => e.requestId);
    expect(refreshes.length).toBeGreaterThan(0);
    const all = new Set([...starts, ...refreshes]);
    expect(all.size).toBe(starts.length + refreshes.length);
    // Exactly one request.done per client request id.
    const done = trace.filter((e) => e.type === 'request.done').map((e) => e.requestId);
    expect(new Set(done).size).toBe(done.length);
  });

  it('flusher and cache-node events carry no key from the internal record', () => {
    const { trace } = traced({
      durationMs: 4000,
      warmupMs: 0,
      workload: { requestsPerSec: 200, writeFraction: 0.5, keys: 50 },
      pattern: { write: 'write-behind', writeBehind: { flushIntervalMs: 500 } },
      faults: [{ atMs: 2200, kind: 'cache-down', forMs: 300 }],
    });
    const batches = trace.filter((e) => e.type === 'flush.batch');
    expect(batches.length).toBeGreaterThan(0);
    for (const e of batches) {
      expect(e.requestId).toBeNull();
      if (!/batch of 1 /.test(e.detail ?? '')) expect(e.key).toBeNull();
    }
    const flusherReplies = trace.filter((e) => e.type === 'db.reply' && e.to === 'flusher');
    expect(flusherReplies.length).toBeGreaterThan(0);
    for (const e of flusherReplies)
      expect([e.key, e.version, e.requestId]).toEqual([null, null, null]);
    const lost = trace.filter((e) => e.type === 'write.lost');
    expect(lost.length).toBe(1);
    expect(lost[0]?.key).toBeNull();
    expect(trace.find((e) => e.type === 'fault')?.key).toBeNull();
  });
});

describe('cache.evict', () => {
  it('emits one event per evicted key with its key and version', () => {
    const { trace } = traced(
      scripted([req(0, 'read', 0, 0), req(1, 'read', 0, 1), req(100, 'read', 0, 2)], {
        workload: { keys: 3 },
        cache: { capacityKeys: 2, ttlMs: null, jitterPct: 0 },
      }),
    );
    const evicts = trace.filter((e) => e.type === 'cache.evict');
    expect(evicts.map((e) => [e.key, e.version, e.actor])).toEqual([[0, 0, 'cache']]);
    const set = trace.findIndex((e) => e.type === 'cache.set' && e.key === 2);
    expect(trace[set]?.detail).toContain('evicted 0');
    expect(trace[set + 1]?.type).toBe('cache.evict');
  });
});

describe('in-process L1', () => {
  it('an L1 hit does not extend the copy’s TTL; inspectKeys reports L1 copies', () => {
    const reads = Array.from({ length: 20 }, (_, i) => req(i * 30, 'read', 0));
    const s = scenarioOrThrow(
      scripted(reads, { app: { instances: 2, l1: { capacityKeys: 10, ttlMs: 100 } } }, 2),
    );
    const engine = createEngine(s, { trace: true });
    engine.runUntil(55);
    const at55 = engine.inspectKeys([0])[0];
    // Stored at 50.5 (after the first read's DB query) with 100 ms to live; app:1 has no copy.
    expect(at55?.l1?.[0]?.ttlLeftMs).toBeCloseTo(95.5, 6);
    expect(at55?.l1?.[1]).toBeNull();
    engine.runUntil(121);
    // The second read (an L1 and L2 miss at 30 ms) stored its own copy at 80.5 ms; the L1 hits
    // at 90 and 120 ms did not reset it.
    expect(engine.inspectKeys([0])[0]?.l1?.[0]?.ttlLeftMs).toBeCloseTo(59.5, 6);
    engine.runUntil(171);
    expect(engine.inspectKeys([0])[0]?.l1?.[0]?.ttlLeftMs).toBeCloseTo(9.5, 6);
    engine.runToEnd();
    const trace = engine.drainTrace();
    const l1Misses = trace.filter((e) => e.type === 'l1.miss').map((e) => e.tMs);
    // Without the fix only the first read would miss L1; with it the copy expires every ~100 ms.
    expect(l1Misses.length).toBeGreaterThan(3);
    expect(l1Misses).toContain(210);
    // No L1 configured: no l1 field.
    const noL1 = createEngine(scenarioOrThrow(scripted([req(0, 'read', 0)])));
    expect(noL1.inspectKeys([0])[0]).not.toHaveProperty('l1');
  });
});

describe('stale-while-revalidate', () => {
  it('starts exactly one background refresh per soft expiry, even for a GET that raced the refresh', () => {
    // Soft TTL 1 s, hard 2 s, 200 ms rebuild. The read at 1200.2 looks up the old entry just
    // before the refresh stores the new one (at 1200.5) and gets its reply after that.
    const { trace } = traced({
      durationMs: 3000,
      warmupMs: 0,
      workload: {
        requestsPerSec: 0,
        keys: 1,
        script: [req(1000, 'read', 0), req(1200.2, 'read', 0), req(1300, 'read', 0)],
      },
      cache: { ttlMs: 2000, jitterPct: 0 },
      db: { latencyVariation: 'fixed', readLatencyMs: 200 },
      stampede: { warmOnStart: true, staleWhileRevalidate: { softTtlMs: 1000 } },
    });
    // Served when each GET's reply arrives (cache latency 0.5 ms).
    expect(trace.filter((e) => e.type === 'swr.stale').map((e) => e.tMs)).toEqual([1000.5, 1200.7]);
    expect(trace.filter((e) => e.type === 'refresh.start')).toHaveLength(1);
    expect(trace.filter((e) => e.type === 'db.read')).toHaveLength(1);
  });
});

describe('trace control', () => {
  it('setTrace switches recording without changing the metrics', () => {
    const s = scenarioOrThrow({
      ...presetScenario('rebuild-lock'),
      durationMs: 12_000,
      warmupMs: 1000,
    });
    const plain = createEngine(s);
    plain.runToEnd();
    const switched = createEngine(s);
    switched.runUntil(4000);
    expect(switched.drainTrace()).toEqual([]);
    switched.setTrace(true);
    const step = switched.stepRequest();
    expect(step.at(-1)?.type).toBe('request.done');
    switched.runUntil(6000);
    expect(switched.drainTrace().length).toBeGreaterThan(100);
    switched.setTrace(false);
    switched.runToEnd();
    expect(switched.drainTrace()).toEqual([]);
    expect(switched.totals()).toEqual(plain.totals());
  });

  it('the first stepEvent returns construction-time events (the warm-up job) first', () => {
    const engine = createEngine(presetScenario('synchronised-expiry'), { trace: true });
    const first = engine.stepEvent();
    expect(first[0]?.type).toBe('cache.warm');
    expect(first.length).toBeGreaterThan(1);
    const second = engine.stepEvent();
    expect(second.some((e) => e.type === 'cache.warm')).toBe(false);
    // Drain still returns everything recorded since the last drain, in order.
    const drained = engine.drainTrace();
    expect(drained.map((e) => e.seq)).toEqual([...first, ...second].map((e) => e.seq));
  });
});

describe('write-behind flusher', () => {
  it('wakes at a fixed rate: batches start on interval ticks, not interval + batch time', () => {
    const engine = createEngine(
      scenarioOrThrow({
        seed: 9,
        durationMs: 10_000,
        warmupMs: 0,
        workload: { requestsPerSec: 300, writeFraction: 0.5, keys: 100 },
        db: { writeLatencyMs: 150, latencyVariation: 'fixed' },
        pattern: { write: 'write-behind', writeBehind: { flushIntervalMs: 1000, batchSize: 1000 } },
      }),
      { trace: true },
    );
    engine.runToEnd();
    const starts = engine
      .drainTrace()
      .filter((e) => e.type === 'flush.batch')
      .map((e) => e.tMs);
    // Every second from 1 s to the end (10 s), although each batch takes 150 ms.
    expect(starts).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
  });
});
