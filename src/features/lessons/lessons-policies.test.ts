// @vitest-environment node
/**
 * The policy lessons' narration must be true of their numbers: OPT is computed on the very
 * requests the engine served (the trace runner matches every engine comparison exactly), and the
 * claims the text makes about who beats whom hold.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyId } from '../../sim/cache/cache-types';
import { runPoliciesOnScenario } from '../../sim/trace/scenario-trace';
import { createLessonEngine } from './lesson-engine';
import { nearestChoice } from '../../content/lessons/lesson-measures';
import { runLesson } from './lesson-run';
import { lessonScenario } from './lesson-scenario';
import type { LessonDefinition, LessonRun } from '../../content/lessons/lesson-types';
import { SCAN_LRU, SHIFT_LFU } from '../../content/lessons/lessons-policies';

function ratios(run: LessonRun): Map<string, number> {
  return new Map(run.comparisons.map((c) => [c.label, c.totals.hitRatio]));
}

function policyOf(lesson: LessonDefinition, label: string): PolicyId {
  const c = lesson.comparisons?.find((x) => x.label === label);
  const policy = lessonScenario(lesson.scenario, c?.patch).cache.policy;
  return policy;
}

describe.each([
  ['scan', SCAN_LRU],
  ['shift', SHIFT_LFU],
] as const)('policy lesson: %s', (_name, lesson) => {
  const run = runLesson(lesson, createLessonEngine);
  const scenario = lessonScenario(lesson.scenario);

  it('shows OPT from the trace runner, on requests whose every policy matches the engine', () => {
    const labels = run.comparisons.map((c) => c.label);
    const runner = runPoliciesOnScenario(
      scenario,
      labels.map((l) => policyOf(lesson, l)),
    );
    run.comparisons.forEach((c, i) => {
      expect(runner.results[i]?.hits, c.label).toBe(c.totals.hits);
      expect(runner.requests, c.label).toBe(c.totals.reads);
    });
    const opt = run.ceiling;
    expect(opt?.policy).toBe('opt');
    expect(opt?.requests).toBe(runner.requests);
    for (const c of run.comparisons) expect(opt?.hits ?? 0).toBeGreaterThan(c.totals.hits);
  });

  it('has its prediction answered by the middle choice (a clear drop, not a collapse)', () => {
    for (const p of lesson.predictions ?? []) {
      const measured = p.measure(run.measures);
      expect(nearestChoice(p, measured)).toBe(1);
    }
  });
});

describe('scans lesson narration', () => {
  const run = runLesson(SCAN_LRU, createLessonEngine);
  const r = ratios(run);
  const lru = r.get('allkeys-lru') ?? 1;

  it('policies that make a newcomer prove itself, and LFU, beat LRU (the takeaway)', () => {
    for (const id of ['s3fifo', 'arc', 'wtinylfu', 'sieve', 'allkeys-lfu'])
      expect(r.get(id) ?? 0, id).toBeGreaterThan(lru);
    // "there allkeys-lfu resists scans best": best among the Redis policies compared.
    expect(r.get('allkeys-lfu') ?? 0).toBeGreaterThan(lru);
  });

  it('the first scan key leaves unread, and hot key 4 is evicted by a scan key', () => {
    const trace = run.measures.trace;
    expect(trace.some((e) => e.type === 'cache.hit' && e.key === 1000)).toBe(false);
    const evictAt = run.beatStep.get('hot-evicted') ?? -1;
    const evict = run.steps[evictAt]?.event;
    const setter = trace.find(
      (e) => e.type === 'cache.set' && e.tMs === evict?.tMs && /evicted 4\b/.test(e.detail ?? ''),
    );
    expect(setter?.key ?? 0).toBeGreaterThanOrEqual(1000);
  });

  it('ordinary reads hit less while the scan runs (the facts the prediction reveals)', () => {
    const [before, during] = (SCAN_LRU.facts ?? []).map((f) => parseFloat(f.value(run.measures)));
    expect(during ?? 100).toBeLessThan(before ?? 0);
  });
});

describe('shifting popularity lesson narration', () => {
  const run = runLesson(SHIFT_LFU, createLessonEngine);
  const r = ratios(run);
  const lfu = r.get('allkeys-lfu') ?? 1;

  it('LRU beats LFU after the shift; fading counts and recency windows recover too', () => {
    for (const id of ['allkeys-lru', 'wtinylfu', 'arc', 's3fifo'])
      expect(r.get(id) ?? 0, id).toBeGreaterThan(lfu);
  });

  it('key 1 is not read after the shift, never evicted, and still cached', () => {
    const trace = run.measures.trace;
    const late = trace.filter((e) => e.key === 1 && e.tMs >= 15_000);
    expect(late.some((e) => e.type === 'cache.hit' || e.type === 'cache.miss')).toBe(false);
    expect(trace.some((e) => e.type === 'cache.evict' && e.key === 1 && e.tMs >= 14_500)).toBe(
      false,
    );
    const fact = SHIFT_LFU.facts?.find((f) => f.testId === 'fact-shift-old-favourite');
    expect(fact?.value(run.measures)).toBe('still cached');
  });

  it('the hit ratio falls after the shift', () => {
    const [before, after] = (SHIFT_LFU.facts ?? []).map((f) => parseFloat(f.value(run.measures)));
    expect(after ?? 100).toBeLessThan(before ?? 0);
  });
});
