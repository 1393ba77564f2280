import { describe, expect, it } from 'vitest';
import { DRILLS } from './drill-bank';
import {
  pickMockSet,
  scoreChoice,
  scoreExplain,
  scoreNumeric,
  suggestRubric,
  weakTopics,
} from './drill-scoring';
import {
  EMPTY_PROGRESS,
  recordMock,
  recordScore,
  validateProgress,
} from '../../../store/drill-progress';
import type { ChoiceDrill, ExplainDrill, NumericDrill } from './drill-types';

const choice: ChoiceDrill = {
  id: 'c',
  kind: 'choice',
  topic: 'ttl',
  prompt: 'p',
  options: ['a', 'b', 'c'],
  answer: 1,
  explanation: 'e',
};
const numeric: NumericDrill = {
  id: 'n',
  kind: 'numeric',
  topic: 'eviction',
  prompt: 'p',
  runs: [{ label: 'x' }],
  measure: () => 0,
  unit: '%',
  tolerance: { abs: 5, rel: 0.1 },
  explanation: 'e',
};
const explain: ExplainDrill = {
  id: 'x',
  kind: 'explain',
  topic: 'stampede',
  prompt: 'p',
  modelAnswer: 'm',
  rubric: [
    { text: 'lock', keywords: ['lock', 'nx'] },
    { text: 'jitter', keywords: ['jitter'] },
    { text: 'warm', keywords: ['warm'] },
  ],
  explanation: 'e',
};

/** A small deterministic source for shuffles. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('scoring', () => {
  it('scores multiple choice', () => {
    expect(scoreChoice(choice, 1)).toMatchObject({ score: 1, correct: true });
    const wrong = scoreChoice(choice, 0);
    expect(wrong).toMatchObject({ score: 0, correct: false });
    expect(wrong.verdict).toContain('"b"');
  });

  it('scores numeric predictions with absolute and relative tolerance bands', () => {
    expect(scoreNumeric(numeric, 64, 60).score).toBe(1); // within abs 5
    expect(scoreNumeric(numeric, 69, 60).score).toBe(0.5); // within 2 x 6 (rel 10% of 60)
    expect(scoreNumeric(numeric, 80, 60)).toMatchObject({
      score: 0,
      verdict: expect.stringContaining('Too high') as string,
    });
    expect(scoreNumeric(numeric, 1090, 1000).score).toBe(1); // rel 10% = 100 > abs 5
    expect(scoreNumeric(numeric, Number.NaN, 10).score).toBe(0);
  });

  it('suggests rubric ticks from keywords and scores the confirmed ticks', () => {
    expect(suggestRubric(explain, 'Use a lock with SET NX and add Jitter')).toEqual([
      true,
      true,
      false,
    ]);
    expect(scoreExplain(explain, [true, true, false])).toMatchObject({ correct: false });
    expect(scoreExplain(explain, [true, true, false]).score).toBeCloseTo(2 / 3);
    expect(scoreExplain(explain, [true, true, true]).correct).toBe(true);
  });
});

describe('progress', () => {
  it('records attempts, best and last score', () => {
    let p = recordScore(EMPTY_PROGRESS, 'c', 1);
    p = recordScore(p, 'c', 0);
    expect(p.records['c']).toEqual({ attempts: 2, best: 1, last: 0 });
    expect(recordMock(p, 3, 5).mocks).toEqual([{ score: 3, total: 5 }]);
  });

  it('validates stored progress and rejects wrong shapes', () => {
    const good = {
      records: { c: { attempts: 1, best: 1, last: 1 } },
      mocks: [{ score: 1, total: 2 }],
    };
    expect(validateProgress(good)).toEqual(good);
    expect(
      validateProgress({ records: { c: { attempts: 1, best: 3, last: 1 } }, mocks: [] }),
    ).toBeNull();
    expect(validateProgress({ records: [], mocks: [] })).toBeNull();
    expect(validateProgress({ records: {}, mocks: [{ score: 5, total: 2 }] })).toBeNull();
    expect(validateProgress('x')).toBeNull();
  });

  it('reports weak topics, weakest first', () => {
    const ttl = DRILLS.filter((d) => d.topic === 'ttl');
    const stampede = DRILLS.filter((d) => d.topic === 'stampede');
    let p = EMPTY_PROGRESS;
    for (const d of ttl) p = recordScore(p, d.id, 0.5);
    for (const d of stampede) p = recordScore(p, d.id, 0);
    const first = DRILLS.find((d) => d.topic === 'eviction');
    if (first) p = recordScore(p, first.id, 1);
    expect(weakTopics(DRILLS, p)).toEqual(['stampede', 'ttl']);
  });

  it('picks mock questions from weak topics first, with few numeric drills', () => {
    let p = EMPTY_PROGRESS;
    for (const d of DRILLS.filter((x) => x.topic === 'invalidation')) p = recordScore(p, d.id, 0);
    const set = pickMockSet(DRILLS, p, 8, seeded(7));
    expect(set).toHaveLength(8);
    expect(new Set(set.map((d) => d.id)).size).toBe(8);
    const invalidation = DRILLS.filter((d) => d.topic === 'invalidation').length;
    expect(set.slice(0, Math.min(invalidation, 4)).every((d) => d.topic === 'invalidation')).toBe(
      true,
    );
    expect(set.filter((d) => d.kind === 'numeric').length).toBeLessThanOrEqual(2);
  });
});
