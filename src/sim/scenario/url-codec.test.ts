import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, parseScenario } from './scenario-schema';
import { PRESET_IDS, PRESETS, presetScenario } from './presets';
import { validScenario } from './scenario-arbitrary';
import { decodeScenarioParams, encodeScenarioParams, suggestParam, URL_PARAMS } from './url-codec';

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
    expect(d.notices.map((n) => n.param).sort()).toEqual(['preset', 'tab', 'writes']);
    expect(d.ignored).toEqual(['tab']);
    expect(decodeScenarioParams('tab=charts', { otherParams: ['tab'] }).notices).toEqual([]);
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

  it('validates the parameters together, whatever their order', () => {
    const short = decodeScenarioParams('dur=5000&warmup=0');
    expect(short.notices).toEqual([]);
    expect(short.scenario.durationMs).toBe(5000);
    expect(short.scenario.warmupMs).toBe(0);
    const long = decodeScenarioParams('dur=1000000000&window=10000');
    expect(long.notices).toEqual([]);
    expect(long.scenario.windowMs).toBe(10000);
    const script = decodeScenarioParams(
      'script=[{"atMs":5,"op":"read","key":1,"instance":3}]&apps=4',
    );
    expect(script.notices).toEqual([]);
    expect(script.scenario.workload.script[0]?.instance).toBe(3);
  });

  it('takes back only the parameter that breaks a rule, and then the one it compares with', () => {
    const d = decodeScenarioParams('dur=5000&rps=200');
    expect(d.scenario.durationMs).toBe(60000);
    expect(d.scenario.workload.requestsPerSec).toBe(200);
    expect(d.notices.map((n) => n.message)).toEqual([
      'dur (durationMs) is not allowed here: warmupMs must be less than durationMs (5000); using 60000.',
    ]);
    const both = decodeScenarioParams('dur=5000&warmup=6000');
    expect(both.scenario).toEqual(DEFAULT_SCENARIO);
    expect(both.notices.map((n) => n.param)).toEqual(['warmup', 'dur']);
  });

  it('says which known parameter an unknown or misspelt one probably meant', () => {
    const d = decodeScenarioParams('TTL=5000&capacty=10&zzzz=1');
    expect(d.scenario).toEqual(DEFAULT_SCENARIO);
    const byParam = Object.fromEntries(d.notices.map((n) => [n.param, n.message]));
    expect(byParam['TTL']).toBe(
      'TTL is not a scenario parameter; did you mean ttl? It was ignored.',
    );
    expect(byParam['capacty']).toContain('did you mean capacity?');
    expect(byParam['zzzz']).toBe('zzzz is not a scenario parameter. It was ignored.');
    expect(
      suggestParam(
        'polcy',
        URL_PARAMS.map((p) => p.name),
      ),
    ).toBe('policy');
    expect(
      suggestParam(
        'xyz',
        URL_PARAMS.map((p) => p.name),
      ),
    ).toBeNull();
  });

  it('uses the last of repeated parameters and says so', () => {
    const d = decodeScenarioParams('ttl=1000&ttl=2000');
    expect(d.scenario.cache.ttlMs).toBe(2000);
    expect(d.notices.map((n) => n.message)).toEqual([
      'ttl appears 2 times; the last one (2000) was used.',
    ]);
  });

  it('lets none for a feature win over its sub-parameters, naming the ignored ones', () => {
    const l1 = decodeScenarioParams('l1=none&l1ttl=5');
    expect(l1.scenario.app.l1).toBeNull();
    expect(l1.notices.map((n) => n.message)).toEqual([
      'l1=none turns app.l1 off, so l1ttl=5 was ignored.',
    ]);
    const lock = decodeScenarioParams('preset=rebuild-lock&retry=50&lock=none&lockwait=9');
    expect(lock.scenario.stampede.lock).toBeNull();
    expect(lock.notices.map((n) => n.message)).toEqual([
      'lock=none turns stampede.lock off, so retry=50, lockwait=9 were ignored.',
    ]);
    // Without `none`, a sub-parameter turns the feature on with defaults for the rest.
    expect(decodeScenarioParams('retry=50').scenario.stampede.lock?.retryMs).toBe(50);
  });

  fcTest.prop([validScenario, fc.constantFrom(null, ...PRESET_IDS)], { numRuns: 2000 })(
    'decode(encode(s)) is s for random valid scenarios, over the defaults or any preset',
    (s, presetId) => {
      const back = decodeScenarioParams(encodeScenarioParams(s, presetId));
      expect(back.notices).toEqual([]);
      expect(back.scenario).toEqual(s);
    },
    60_000,
  );

  fcTest.prop(
    [
      fc.array(
        fc.tuple(
          fc.constantFrom(...URL_PARAMS.map((p) => p.name), 'preset', 'Ttl', 'x'),
          fc.string({ maxLength: 12 }),
        ),
        { maxLength: 8 },
      ),
    ],
    { numRuns: 500 },
  )(
    'turns any parameters into a valid scenario, with a notice for each one not used as given',
    (pairs) => {
      const d = decodeScenarioParams(new URLSearchParams(pairs));
      expect(parseScenario(d.scenario)).toEqual({ ok: true, scenario: d.scenario });
      // Decoding the result again changes nothing: what was kept is what the scenario says.
      const again = decodeScenarioParams(encodeScenarioParams(d.scenario, d.presetId));
      expect(again.scenario).toEqual(d.scenario);
      expect(again.notices).toEqual([]);
    },
    60_000,
  );
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
