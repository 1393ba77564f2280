/**
 * Golden outputs: a hash of what the model produces for every preset (the CLI's JSON), every
 * lesson's traced run, traced openings of every preset, and runs with live knob changes and
 * injected faults. Refactors of the engine must keep every hash; a fix that changes numbers
 * regenerates them in a commit of its own that says why:
 *
 *   GOLDEN_UPDATE=1 npx vitest run src/cli/golden.test.ts
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../content/lessons/lesson-registry';
import { runLesson } from '../features/lessons/lesson-run';
import { createEngine } from '../sim/engine/engine';
import type { TraceEvent } from '../sim/engine/engine-types';
import { PRESETS, presetScenario } from '../sim/scenario/presets';
import { runScenario } from './run-scenario';

const GOLDEN_FILE = fileURLToPath(new URL('./golden-hashes.json', import.meta.url));
const UPDATE = process.env['GOLDEN_UPDATE'] === '1';

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Exactly what `npm run sim` prints for a scenario. */
function cliOutput(input: unknown): string {
  const r = runScenario(input);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return `${JSON.stringify(r.output, null, 2)}\n`;
}

/** The first `n` trace events of a preset, stepped one event at a time. */
function tracedOpening(id: string, n: number): string {
  const engine = createEngine(presetScenario(id), { trace: true });
  const events: TraceEvent[] = [];
  while (events.length < n && !engine.done) events.push(...engine.stepEvent());
  return JSON.stringify({ events, view: engine.view(), totals: engine.totals() });
}

/** A session with live changes and faults at fixed simulated times (as the Playground makes). */
function liveSession(id: string): string {
  const engine = createEngine(presetScenario(id));
  const out: unknown[] = [];
  const at = (t: number): void => {
    engine.runUntil(t);
    out.push(engine.drainWindows(), engine.totals());
  };
  at(12_000);
  engine.applyPatch({ cache: { ttlMs: 2_000, jitterPct: 20 } });
  at(20_000);
  engine.injectFault({ kind: 'cache-down', forMs: 3_000 });
  at(26_000);
  engine.applyPatch({ cache: { capacityKeys: 300, policy: 'allkeys-lfu' } });
  engine.injectFault({ kind: 'db-slow', factor: 4, forMs: 5_000 });
  at(33_000);
  engine.applyPatch({ workload: { requestsPerSec: 1_500 }, stampede: { coalescing: true } });
  engine.injectFault({ kind: 'traffic-spike', factor: 2, forMs: 4_000 });
  at(40_000);
  engine.applyPatch({ pattern: { write: 'write-behind' }, app: { instances: 3 } });
  engine.injectFault({ kind: 'pause-app', instance: 1, forMs: 2_000 });
  at(48_000);
  engine.injectFault({ kind: 'cache-restart', forMs: 500 });
  engine.injectFault({ kind: 'expire-key', key: 0 });
  at(60_000);
  return JSON.stringify({ out, markers: engine.markers(), view: engine.view() });
}

function computeAll(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const p of PRESETS) hashes[`preset:${p.id}`] = sha(cliOutput(presetScenario(p.id)));
  for (const p of PRESETS) hashes[`trace:${p.id}`] = sha(tracedOpening(p.id, 1_500));
  for (const l of LESSONS) {
    hashes[`lesson:${l.id}`] = sha(JSON.stringify(runLesson(l, createEngine)));
  }
  for (const id of ['cache-aside', 'rebuild-lock', 'write-behind-crash', 'update-race']) {
    hashes[`live:${id}`] = sha(liveSession(id));
  }
  return hashes;
}

describe('golden outputs', () => {
  it('every preset, lesson, traced opening and live session hashes as recorded', () => {
    const now = computeAll();
    if (UPDATE) {
      writeFileSync(GOLDEN_FILE, `${JSON.stringify(now, null, 2)}\n`);
      return;
    }
    const recorded = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, string>;
    const changed = Object.keys({ ...recorded, ...now }).filter((k) => recorded[k] !== now[k]);
    expect(
      changed,
      'outputs changed (GOLDEN_UPDATE=1 to record, in a commit that says why)',
    ).toEqual([]);
  }, 300_000);
});
