import { describe, expect, it } from 'vitest';
import { runScenario } from '../../cli/run-scenario';
import { overlayRows, readLabFile } from './lab-report';

/** A lab file whose "real" run is a second model run with another seed (shape as `npm run lab`). */
function labFileText(): string {
  const scenario = {
    durationMs: 6000,
    warmupMs: 2000,
    workload: { requestsPerSec: 300, writeFraction: 0, keys: 500 },
    cache: { capacityKeys: 100 },
  };
  const model = runScenario(scenario);
  const other = runScenario({ ...scenario, seed: 7 });
  if (!model.ok || !other.ok) throw new Error('scenario must be valid');
  return JSON.stringify({
    lab: 1,
    scenario: model.output.scenario,
    model: { totals: model.output.totals, series: model.output.series },
    real: {
      totals: other.output.totals,
      series: other.output.series.slice(0, -1),
      setup: {
        redisVersion: '7.0.15',
        postgresVersion: '15.18',
        maxmemory: 123456,
        policy: 'allkeys-lru',
        maxRatePerSec: 4000,
      },
    },
    differences: [{ metric: 'hitRatio', model: 0.5, real: 0.6, allowed: 0.03 }],
  });
}

describe('reading a lab result', () => {
  it('accepts a file in the shape `npm run lab -- --json` prints and lines both runs up by window', () => {
    const r = readLabFile(labFileText());
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.scenario.workload.keys).toBe(500);
    const rows = overlayRows(r.file, r.scenario.windowMs, 'hitRatio');
    expect(rows.map((row) => row.tMs)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    // The real series is one window shorter: its last row has the model's value only.
    expect(rows.at(-1)?.real).toBeNull();
    expect(rows.at(-1)?.model).not.toBeNull();
    const w = r.file.real.series[2];
    expect(rows[2]?.real).toBe(w && w.reads > 0 ? w.hits / w.reads : null);
    const db = overlayRows(r.file, r.scenario.windowMs, 'dbReadsPerSec');
    expect(db[3]?.model).toBe(r.file.model.series[3]?.dbReads);
  });

  it('names the field and what it must be for a file that is not a lab result', () => {
    const good = JSON.parse(labFileText()) as Record<string, unknown>;
    const notLab = readLabFile(JSON.stringify({ ...good, lab: 2 }));
    expect(notLab.ok ? [] : notLab.problems[0]).toMatch(/^lab must be 1: this is not a file from/);
    const bad: Record<string, unknown> = {
      ...good,
      real: { ...(good['real'] as object), series: 'x' },
    };
    delete bad['model'];
    const r = readLabFile(JSON.stringify(bad));
    expect(r.ok ? [] : r.problems).toEqual([
      'model is missing',
      'real.series must be a list of metric windows',
    ]);
    expect(readLabFile('{').ok).toBe(false);
    const badScenario = readLabFile(
      JSON.stringify({ ...good, scenario: { cache: { ttlMs: -1 } } }),
    );
    expect(badScenario.ok ? [] : badScenario.problems).toEqual([
      'scenario.cache.ttlMs must be an integer from 1 to 1e10, or null for no TTL',
    ]);
  });
});
