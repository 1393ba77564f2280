import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, parseScenario } from './scenario-schema';
import { PRESETS, presetScenario } from './presets';
import { decodeScenarioParams, encodeScenarioParams } from './url-codec';

describe('url codec', () => {
  it('encodes only what differs from the defaults, with short names', () => {
    expect(encodeScenarioParams(DEFAULT_SCENARIO).toString()).toBe('');
    const s = presetScenario('hot-key-stampede');
    const params = encodeScenarioParams(s);
    expect(params.get('rps')).toBe('10000');
    expect(params.get('jitter')).toBe('0');
    expect(params.get('alpha')).toBe('1.2');
    expect(params.has('policy')).toBe(false);
  });

  it('round-trips every preset, with and without the preset as base', () => {
    for (const p of PRESETS) {
      const s = presetScenario(p.id);
      for (const base of [null, p.id]) {
        const back = decodeScenarioParams(encodeScenarioParams(s, base));
        expect(back.notices).toEqual([]);
        expect(back.scenario).toEqual(s);
      }
    }
  });

  it('turns a hostile URL into a valid scenario with one notice per bad parameter', () => {
    const d = decodeScenarioParams('?ttl=-5&policy=<script>&capacity=1e999');
    expect(parseScenario(d.scenario).ok).toBe(true);
    expect(d.scenario).toEqual(DEFAULT_SCENARIO);
    expect(d.notices).toHaveLength(3);
    const byParam = Object.fromEntries(d.notices.map((n) => [n.param, n.message]));
    expect(byParam['ttl']).toContain('cache.ttlMs');
    expect(byParam['ttl']).toContain('from 1 to 1e10');
    expect(byParam['policy']).toContain('allkeys-lru');
    expect(byParam['capacity']).toContain('using 1000');
  });

  it('keeps good parameters when others are bad, and lists unknown ones', () => {
    const d = decodeScenarioParams(
      'rps=500&writes=2&preset=nope&tab=charts&lock=2000&faults=cache-down_30000_5000',
    );
    expect(d.scenario.workload.requestsPerSec).toBe(500);
    expect(d.scenario.workload.writeFraction).toBe(0.05);
    expect(d.scenario.stampede.lock?.ttlMs).toBe(2000);
    expect(d.scenario.faults).toEqual([
      { atMs: 30000, kind: 'cache-down', forMs: 5000, factor: 0, key: 0, instance: 0 },
    ]);
    expect(d.notices.map((n) => n.param).sort()).toEqual(['preset', 'writes']);
    expect(d.ignored).toEqual(['tab']);
  });

  it('round-trips the version-checked SET of write-through as versioned=1', () => {
    const s = parseScenario({
      pattern: { write: 'write-through', writeThrough: { versioned: true } },
    });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    const params = encodeScenarioParams(s.scenario);
    expect(params.get('versioned')).toBe('1');
    const back = decodeScenarioParams(params);
    expect(back.notices).toEqual([]);
    expect(back.scenario).toEqual(s.scenario);
    expect(
      decodeScenarioParams('write=write-through&versioned=0').scenario.pattern.writeThrough,
    ).toEqual({ versioned: false });
    expect(decodeScenarioParams('versioned=maybe').notices[0]?.message).toBe(
      'versioned (pattern.writeThrough.versioned) must be 1 or 0; using 0.',
    );
  });

  it('refuses an array where an object belongs, naming the field', () => {
    const d = decodeScenarioParams('viral=[]&script=[[]]&rps=500');
    expect(d.scenario.workload.viral).toBeNull();
    expect(d.scenario.workload.script).toEqual([]);
    expect(d.scenario.workload.requestsPerSec).toBe(500);
    const byParam = Object.fromEntries(d.notices.map((n) => [n.param, n.message]));
    expect(byParam['viral']).toBe(
      'viral (workload.viral) must be an object, got an array; using none.',
    );
    expect(byParam['script']).toContain('workload.script.0 must be an object, got an array');
  });

  it('starts from a named preset', () => {
    const d = decodeScenarioParams('preset=rebuild-lock&ttl=none');
    expect(d.presetId).toBe('rebuild-lock');
    expect(d.scenario.stampede.lock).not.toBeNull();
    expect(d.scenario.cache.ttlMs).toBeNull();
  });
});

describe('url codec: workload shapes', () => {
  it('carries workload.scan and workload.shift', () => {
    const s = parseScenario({
      workload: { scan: { everyMs: 5000, lengthKeys: 300 }, shift: { everyMs: 20_000 } },
    });
    if (!s.ok) throw new Error('bad test scenario');
    const back = decodeScenarioParams(encodeScenarioParams(s.scenario));
    expect(back.notices).toEqual([]);
    expect(back.scenario.workload.scan).toEqual({
      everyMs: 5000,
      lengthKeys: 300,
      requestFraction: 0.5,
    });
    expect(back.scenario.workload.shift).toEqual({ everyMs: 20_000, keyFraction: 0.5 });
  });
});
