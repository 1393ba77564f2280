import { describe, expect, it } from 'vitest';
import { STUDY_TOPIC_IDS } from '../study-topics';
import { DRILLS } from './drill-bank';
import { drillScenario } from './drill-scenario';

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
      expect(d.runs.length, d.id).toBeGreaterThan(0);
      for (const run of d.runs) expect(() => drillScenario(run), d.id).not.toThrow();
    }
  });
});
