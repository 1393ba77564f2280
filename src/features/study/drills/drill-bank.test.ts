import { describe, expect, it } from 'vitest';
import { STUDY_TOPIC_IDS } from '../study-topics';
import { DRILLS } from './drill-bank';
import { drillScenario } from './drill-scenario';
import { loopTrace, traceHitPct, zipfWithScansTrace } from './drill-traces';
import { computeWhyCache, WHY_CACHE_DEFAULTS } from '../../why-cache/why-cache-math';
import { optionOrder } from './drill-order';
import type { ChoiceDrill } from './drill-types';

const CHOICE_DRILLS = DRILLS.filter((d): d is ChoiceDrill => d.kind === 'choice');

/** The right option is (one of) the longest: a test-wise learner's tell. */
function correctIsLongest(d: ChoiceDrill): boolean {
  return (d.options[d.answer]?.length ?? 0) >= Math.max(...d.options.map((o) => o.length));
}

describe('drill bank', () => {
  it('has at least 40 drills with unique ids', () => {
    expect(DRILLS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(DRILLS.map((d) => d.id)).size).toBe(DRILLS.length);
  });

  it('covers every topic with several drills and every drill kind', () => {
    for (const topic of STUDY_TOPIC_IDS) {
      expect(DRILLS.filter((d) => d.topic === topic).length, topic).toBeGreaterThanOrEqual(3);
    }
    for (const kind of ['choice', 'numeric', 'explain'] as const) {
      expect(DRILLS.filter((d) => d.kind === kind).length, kind).toBeGreaterThanOrEqual(8);
    }
  });

  it('has a valid answer for every multiple-choice drill', () => {
    for (const d of DRILLS) {
      if (d.kind !== 'choice') continue;
      expect(d.options[d.answer], d.id).toBeDefined();
      expect(new Set(d.options).size, d.id).toBe(d.options.length);
    }
  });

  it('gives every explain drill a model answer and a rubric with keywords', () => {
    for (const d of DRILLS) {
      if (d.kind !== 'explain') continue;
      expect(d.modelAnswer.length, d.id).toBeGreaterThan(100);
      expect(d.rubric.length, d.id).toBeGreaterThanOrEqual(3);
      for (const p of d.rubric) expect(p.keywords.length, `${d.id}: ${p.text}`).toBeGreaterThan(0);
    }
  });

  it('gives no length tell: the right option is the longest in at most 35% of choice drills', () => {
    const longest = CHOICE_DRILLS.filter(correctIsLongest);
    expect(CHOICE_DRILLS.length).toBeGreaterThanOrEqual(30);
    expect(longest.length / CHOICE_DRILLS.length).toBeLessThanOrEqual(0.35);
  });

  it('keeps every option a real sentence or phrase, not a one-word giveaway', () => {
    for (const d of CHOICE_DRILLS) {
      const lengths = d.options.map((o) => o.length);
      // The shortest option is at least a third of the longest: no obviously thin distractor.
      expect(Math.min(...lengths) * 3, d.id).toBeGreaterThanOrEqual(Math.max(...lengths));
    }
  });

  it('spreads the right answer over the shown positions once options are shuffled', () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const atPosition = [0, 0, 0, 0];
      for (const d of CHOICE_DRILLS) {
        const shown = optionOrder(d.id, attempt, d.options.length).indexOf(d.answer);
        atPosition[shown] = (atPosition[shown] ?? 0) + 1;
      }
      for (const n of atPosition) {
        expect(n / CHOICE_DRILLS.length, `attempt ${attempt}: ${atPosition.join()}`).toBeLessThan(
          0.4,
        );
        expect(
          n / CHOICE_DRILLS.length,
          `attempt ${attempt}: ${atPosition.join()}`,
        ).toBeGreaterThan(0.1);
      }
    }
  });

  it('agrees with the Why-cache calculator on the read cycle: 10,000 lookups and one query', () => {
    const d = CHOICE_DRILLS.find((x) => x.id === 'why-read-cycle');
    const r = computeWhyCache(WHY_CACHE_DEFAULTS);
    // Every read looks in the cache first, the one miss included.
    expect(r.cycleTimeCacheMs).toBeCloseTo(
      WHY_CACHE_DEFAULTS.dbMs + WHY_CACHE_DEFAULTS.readsPerChange * WHY_CACHE_DEFAULTS.cacheMs,
      9,
    );
    const right = d?.options[d.answer] ?? '';
    expect(right).toContain('10,000 lookups of 0.5 ms');
    expect(right).toContain('about 5.05 s with');
    expect(JSON.stringify(d)).not.toContain('9,999');
  });

  it('teaches the write-through race with concurrent writers and its fix', () => {
    const answers = DRILLS.filter((d) => d.topic === 'write-strategies').flatMap((d) =>
      d.kind === 'choice' ? [d.options[d.answer] ?? ''] : [],
    );
    expect(answers.some((a) => /older value/.test(a))).toBe(true);
    expect(answers.some((a) => /newer version, checked atomically/.test(a))).toBe(true);
  });

  it('never calls write-through fresh without saying when', () => {
    for (const d of DRILLS) {
      const text = JSON.stringify(d);
      if (/write-through[^.]*fresh/i.test(text)) {
        expect(text, d.id).toMatch(/one writer|one user edits|version-checked/);
      }
    }
  });

  it('builds a valid scenario for every numeric drill run', () => {
    for (const d of DRILLS) {
      if (d.kind !== 'numeric') continue;
      // Exactly one way to check the answer: engine runs or a trace.
      expect(d.runs.length > 0, d.id).toBe(d.trace === undefined);
      for (const run of d.runs) expect(() => drillScenario(run), d.id).not.toThrow();
    }
  });

  it('drills the policies Redis lacks, with the right option placed and sized variously', () => {
    const ids = [
      'evict-scan-resistant',
      'evict-arc-adapts',
      'evict-wtinylfu-duel',
      'evict-opt-ceiling',
      'evict-s3fifo-scan-points',
      'evict-opt-loop',
      'evict-new-policy-explain',
    ];
    const drills = ids.map((id) => DRILLS.find((d) => d.id === id));
    expect(drills.every((d) => d?.topic === 'eviction')).toBe(true);
    const choices = drills.flatMap((d) => (d?.kind === 'choice' ? [d] : []));
    expect(new Set(choices.map((d) => d.answer)).size).toBeGreaterThanOrEqual(3);
    expect(choices.filter(correctIsLongest).length).toBeLessThan(choices.length / 2);
  });

  it('checks trace drills with the trace runner, matching what their explanations say', () => {
    const measured = (id: string) => {
      const d = DRILLS.find((x) => x.id === id);
      if (d?.kind !== 'numeric' || d.trace === undefined)
        throw new Error(`${id}: not a trace drill`);
      return d.measure([]);
    };
    // S3-FIFO minus LRU at 100 keys on the Zipf trace with scans: "about 9 points".
    expect(measured('evict-s3fifo-scan-points')).toBeCloseTo(8.99, 1);
    // OPT on a 6-key loop through 5 keys of cache, 20 rounds: 92 hits of 120, "about 77%".
    expect(measured('evict-opt-loop')).toBeCloseTo((92 / 120) * 100, 6);
    const t = zipfWithScansTrace();
    expect(traceHitPct('allkeys-lru', t, 100)).toBeCloseTo(40.6, 1);
    expect(traceHitPct('s3fifo', t, 100)).toBeCloseTo(49.59, 1);
    expect(traceHitPct('opt', t, 100)).toBeCloseTo(59.93, 1);
    expect(traceHitPct('allkeys-lru', loopTrace(6, 20), 5)).toBe(0);
  });
});
