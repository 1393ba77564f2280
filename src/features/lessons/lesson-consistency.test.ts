// @vitest-environment node
/**
 * The narration/trace consistency test: every lesson is replayed through the real engine, and
 * every narrated step must still be the trace event its narration was written for. If an engine
 * change alters a lesson's story, this fails naming the lesson and the beat, instead of the app
 * silently narrating the wrong step.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/engine/engine-types';
import { PATTERNS } from '../../sim/patterns/pattern-registry';
import { decodeScenarioParams } from '../../sim/scenario/url-codec';
import { createLessonEngine } from './lesson-engine';
import { getLesson, LESSON_GROUPS, LESSONS, SYLLABUS_SECTIONS } from './lesson-registry';
import { alignBeats, matchesEvent, MAX_STEPS, playgroundParams, runLesson } from './lesson-run';

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  const run = runLesson(lesson, createLessonEngine);

  it('replays with every narrated step matching its trace event', () => {
    expect(run.problems).toEqual([]);
    expect(run.steps.length).toBeGreaterThan(0);
    expect(run.steps.length).toBeLessThan(MAX_STEPS);
    for (const beat of lesson.beats) {
      const at = run.beatStep.get(beat.id);
      expect(at, `beat ${beat.id}`).toBeDefined();
      const step = run.steps[at ?? -1];
      expect(step?.beat?.id, `beat ${beat.id}`).toBe(beat.id);
      const event = step?.event;
      expect(event, `beat ${beat.id}`).toBeDefined();
      if (event === undefined) continue;
      // The fields the narration was written for: type, actor, key (and anything else it names).
      expect(event.type, `beat ${beat.id}`).toBe(beat.match.type);
      if (beat.match.actor !== undefined) expect(event.actor).toBe(beat.match.actor);
      if (beat.match.key !== undefined) expect(event.key).toBe(beat.match.key);
      expect(matchesEvent(event, beat.match), `beat ${beat.id}`).toBe(true);
    }
  });

  it('narrates the story in order', () => {
    const order = lesson.beats.map((b) => run.beatStep.get(b.id) ?? -1);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('asks each prediction before the step it reveals, with a finite measured answer', () => {
    for (const p of lesson.predictions ?? []) {
      const ask = run.beatStep.get(p.beforeBeat);
      const reveal = run.beatStep.get(p.revealAtBeat);
      expect(ask).toBeDefined();
      expect(reveal).toBeDefined();
      expect(ask ?? 0).toBeLessThan(reveal ?? 0);
      expect(Number.isFinite(p.measure(run.measures))).toBe(true);
      expect(p.choices.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('computes its end-of-lesson facts and comparisons', () => {
    for (const f of lesson.facts ?? []) expect(f.value(run.measures)).not.toMatch(/NaN|undefined/);
    expect(run.comparisons).toHaveLength(lesson.comparisons?.length ?? 0);
  });

  it('opens a valid, scaled-up scenario in the Playground', () => {
    const decoded = decodeScenarioParams(playgroundParams(lesson));
    expect(decoded.notices).toEqual([]);
    expect(decoded.scenario.durationMs).toBeGreaterThanOrEqual(10_000);
  });

  it('is deterministic: the same scenario gives the same steps', () => {
    const again = runLesson(lesson, createLessonEngine);
    expect(again.steps.map((s) => s.event)).toEqual(run.steps.map((s) => s.event));
  });
});

describe('lesson registry', () => {
  it('has unique ids and covers every syllabus section', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(LESSON_GROUPS.map((g) => g.section)).toEqual(SYLLABUS_SECTIONS.map((s) => s.section));
  });

  it('resolves every lesson the pattern registry links to', () => {
    for (const p of PATTERNS) expect(getLesson(p.lessonId), p.lessonId).toBeDefined();
  });

  it('returns undefined for an unknown id', () => {
    expect(getLesson('no-such-lesson')).toBeUndefined();
  });
});

describe('alignBeats', () => {
  const ev = (seq: number, type: string, key: number | null = 0): TraceEvent => ({
    seq,
    tMs: seq,
    type,
    requestId: null,
    actor: 'app:0',
    to: 'cache',
    key,
    version: null,
  });
  const events = [ev(0, 'cache.miss'), ev(1, 'db.read'), ev(2, 'cache.miss'), ev(3, 'cache.set')];

  it('attaches beats in order, each after the previous one', () => {
    const { beatStep, problems } = alignBeats(events, [
      { id: 'a', match: { type: 'cache.miss' }, text: '' },
      { id: 'b', match: { type: 'cache.miss' }, text: '' },
      { id: 'c', match: { type: 'cache.set', nth: 1 }, text: '' },
    ]);
    expect(problems).toEqual([]);
    expect([...beatStep.entries()]).toEqual([
      ['a', 0],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('reports a beat whose event the engine no longer produces', () => {
    const { beatStep, problems } = alignBeats(events, [
      { id: 'gone', match: { type: 'cache.del', key: 0 }, text: '' },
    ]);
    expect(beatStep.has('gone')).toBe(false);
    expect(problems[0]).toContain('"gone"');
    expect(problems[0]).toContain('cache.del');
  });
});
