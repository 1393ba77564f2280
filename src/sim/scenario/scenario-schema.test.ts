import { describe, expect, it } from 'vitest';
import {
  applyScenarioPatch,
  DEFAULT_SCENARIO,
  mergeScenarioInput,
  parseScenario,
  type ScenarioPatch,
} from './scenario-schema';
import { PRESETS, presetScenario } from './presets';

describe('parseScenario', () => {
  it('fills every default from an empty document', () => {
    const r = parseScenario({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toEqual(DEFAULT_SCENARIO);
    expect(r.scenario.cache).toMatchObject({
      capacityKeys: 1000,
      policy: 'allkeys-lru',
      ttlMs: 300000,
      jitterPct: 10,
      latencyMs: 0.5,
    });
    expect(r.scenario.db).toMatchObject({
      readLatencyMs: 50,
      writeLatencyMs: 20,
      latencyVariation: 'lognormal',
      maxConcurrent: 50,
    });
  });

  it('accepts the ARCHITECTURE.md example', () => {
    const r = parseScenario({
      version: 1,
      seed: 42,
      durationMs: 60000,
      warmupMs: 10000,
      windowMs: 1000,
      workload: {
        requestsPerSec: 1000,
        writeFraction: 0.05,
        keys: 10000,
        popularity: { kind: 'zipf', alpha: 0.9 },
        valueBytes: 1024,
      },
      cache: {
        capacityKeys: 1000,
        policy: 'allkeys-lru',
        eviction: { mode: 'exact' },
        ttlMs: 300000,
        jitterPct: 10,
        latencyMs: 0.5,
      },
      db: {
        readLatencyMs: 50,
        writeLatencyMs: 20,
        latencyVariation: 'lognormal',
        maxConcurrent: 50,
      },
      pattern: { write: 'invalidate' },
      stampede: { lock: null, staleWhileRevalidate: null, warmOnStart: false },
      faults: [{ atMs: 30000, kind: 'cache-down', forMs: 10000 }],
    });
    expect(r.ok).toBe(true);
  });

  it('names the field and the allowed range in every message', () => {
    const r = parseScenario({
      cache: { ttlMs: -5, policy: 'lru', extra: 1 },
      workload: { popularity: { kind: 'zipf', alpha: 9 } },
      faults: [{ atMs: 0, kind: 'meteor' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(byPath['cache.ttlMs']).toBe(
      'cache.ttlMs must be an integer from 1 to 1e10, or null for no TTL',
    );
    expect(byPath['cache.policy']).toContain(
      'cache.policy must be one of: allkeys-lru, allkeys-lfu',
    );
    expect(byPath['cache.extra']).toContain('is not a known field (allowed here: capacityKeys');
    expect(byPath['workload.popularity.alpha']).toBe(
      'workload.popularity.alpha must be a number from 0 to 5',
    );
    expect(byPath['faults.0.kind']).toContain('faults.0.kind must be one of: cache-down');
  });

  it('says a missing required field is required', () => {
    const r = parseScenario({
      faults: [{ atMs: 0 }],
      workload: { script: [{ atMs: 0, op: 'read' }] },
    });
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
      'workload.script.0.key is required (an integer from 0 to 1e7)',
      'faults.0.kind is required (one of: cache-down, cache-restart, db-slow, traffic-spike, expire-key, pause-app)',
    ]);
  });

  it('rejects cross-field problems with the field named', () => {
    const r = parseScenario({ warmupMs: 60000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toBe('warmupMs must be less than durationMs (60000)');
    const r2 = parseScenario({ db: { readsFromReplica: true } });
    expect(r2.ok).toBe(false);
  });

  it('rejects a non-object document', () => {
    const r = parseScenario('hello');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toBe('scenario must be a JSON object');
  });

  describe('an array where an object belongs', () => {
    const messages = (input: unknown): string[] => {
      const r = parseScenario(input);
      return r.ok ? [] : r.issues.map((i) => i.message);
    };

    it('is rejected as the whole scenario', () => {
      expect(messages([])).toEqual(['scenario must be an object, got an array']);
      expect(messages([{ seed: 1 }])).toEqual(['scenario must be an object, got an array']);
    });

    it.each([
      ['workload', { workload: [] }],
      ['workload.popularity', { workload: { popularity: [] } }],
      ['workload.viral', { workload: { viral: [] } }],
      ['workload.keyClasses.0', { workload: { keyClasses: [[]] } }],
      ['workload.script.0', { workload: { script: [[]] } }],
      ['app', { app: [] }],
      ['app.l1', { app: { l1: [] } }],
      ['cache', { cache: [] }],
      ['cache.eviction', { cache: { eviction: [] } }],
      ['db', { db: [] }],
      ['db.replica', { db: { replica: [] } }],
      ['pattern', { pattern: [] }],
      ['pattern.writeBehind', { pattern: { writeBehind: [] } }],
      ['pattern.writeThrough', { pattern: { writeThrough: [] } }],
      ['pattern.eventInvalidation', { pattern: { eventInvalidation: [] } }],
      ['stampede', { stampede: [] }],
      ['stampede.lock', { stampede: { lock: [] } }],
      ['stampede.staleWhileRevalidate', { stampede: { staleWhileRevalidate: [] } }],
      ['stampede.earlyRefresh', { stampede: { earlyRefresh: [] } }],
      ['faults.0', { faults: [[]] }],
    ])('is rejected at %s with the field named', (path, input) => {
      expect(messages(input)).toEqual([`${path} must be an object, got an array`]);
    });

    it('is rejected in a live patch and in a merged patch', () => {
      const patches: [unknown, string][] = [
        [[], 'scenario must be an object, got an array'],
        [{ stampede: { lock: [] } }, 'stampede.lock must be an object, got an array'],
        [{ cache: { eviction: [] } }, 'cache.eviction must be an object, got an array'],
        [{ workload: { popularity: [] } }, 'workload.popularity must be an object, got an array'],
      ];
      for (const [patch, message] of patches) {
        const r = applyScenarioPatch(DEFAULT_SCENARIO, patch as ScenarioPatch);
        expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([message]);
        expect(messages(mergeScenarioInput({}, patch))).toEqual([message]);
      }
      const withLock = applyScenarioPatch(DEFAULT_SCENARIO, { stampede: { lock: {} } });
      expect(withLock.ok).toBe(true);
      if (!withLock.ok) return;
      const r = applyScenarioPatch(withLock.scenario, { stampede: { lock: [] } } as ScenarioPatch);
      expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
        'stampede.lock must be an object, got an array',
      ]);
    });
  });

  it('applies live patches with deep merge and variant replacement', () => {
    const r = applyScenarioPatch(DEFAULT_SCENARIO, {
      cache: { ttlMs: 1000 },
      workload: { popularity: { kind: 'uniform' } },
      stampede: { lock: {} },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.cache.ttlMs).toBe(1000);
    expect(r.scenario.cache.policy).toBe('allkeys-lru');
    expect(r.scenario.workload.popularity).toEqual({ kind: 'uniform' });
    expect(r.scenario.stampede.lock).toEqual({
      ttlMs: 10000,
      retryMs: 100,
      safeRelease: true,
      maxWaitMs: 5000,
      fallback: 'db',
    });
  });

  it('every preset is valid and names a CONTENT.md section', () => {
    const ids = new Set<string>();
    for (const p of PRESETS) {
      expect(() => presetScenario(p.id)).not.toThrow();
      expect(p.contentSection).toMatch(/^\d+$/);
      expect(p.description.length).toBeGreaterThan(60);
      expect(ids.has(p.id)).toBe(false);
      ids.add(p.id);
    }
    for (const required of [
      'cache-aside',
      'ttl-by-data-type',
      'synchronised-expiry',
      'hot-key-stampede',
      'write-behind-crash',
      'cold-restart',
      'lfu-viral-key',
      'unique-queries',
    ]) {
      expect(ids.has(required)).toBe(true);
    }
  });
});

describe('recorded changes', () => {
  const messages = (input: unknown): string[] => {
    const r = parseScenario(input);
    return r.ok ? [] : r.issues.map((i) => i.message);
  };

  it('accepts knob changes and faults in time order within the run', () => {
    const r = parseScenario({
      durationMs: 10_000,
      warmupMs: 0,
      changes: [
        { atMs: 2000, patch: { cache: { ttlMs: 1000 } } },
        { atMs: 3000, fault: { kind: 'cache-down' } },
      ],
    });
    expect(r.ok && r.scenario.changes).toEqual([
      { atMs: 2000, patch: { cache: { ttlMs: 1000 } } },
      { atMs: 3000, fault: { kind: 'cache-down', forMs: null, factor: 0, key: 0, instance: 0 } },
    ]);
  });

  it('names the change, the field and what is allowed', () => {
    expect(
      messages({
        durationMs: 10_000,
        warmupMs: 0,
        changes: [{ atMs: 20_000, fault: { kind: 'cache-down' } }],
      }),
    ).toEqual(['changes.0.atMs must be within the run (at most durationMs, 10000)']);
    expect(
      messages({
        changes: [
          { atMs: 5000, patch: { cache: { ttlMs: 1 } } },
          { atMs: 4000, patch: { cache: { ttlMs: 2 } } },
        ],
      }),
    ).toEqual(['changes.1.atMs must not be before the previous change (5000)']);
    expect(messages({ changes: [{ atMs: 1 }] })).toEqual([
      'changes.0 must have exactly one of patch (knobs to change) or fault (a fault to inject)',
    ]);
    expect(messages({ changes: [{ atMs: 1, patch: { seed: 3 } }] })).toEqual([
      'changes.0.patch.seed cannot change during a run (live-changeable: workload, app, cache, db, pattern, stampede)',
    ]);
    expect(messages({ changes: [{ atMs: 1, patch: { workload: { script: [] } } }] })).toEqual([
      'changes.0.patch.workload.script cannot change during a run (the script is read when the run starts)',
    ]);
    expect(messages({ changes: [{ atMs: 1, patch: { cache: { ttlMs: -5 } } }] })).toEqual([
      'changes.0.patch.cache.ttlMs must be an integer from 1 to 1e10, or null for no TTL',
    ]);
    // Checked against the scenario in effect then: instance 2 exists only after the change at 1 s.
    expect(
      messages({
        changes: [
          { atMs: 500, fault: { kind: 'pause-app', instance: 2 } },
          { atMs: 1000, patch: { app: { instances: 3 } } },
          { atMs: 1500, fault: { kind: 'pause-app', instance: 2 } },
        ],
      }),
    ).toEqual(['changes.0.fault.instance must be less than app.instances (1) at that time']);
  });
});
