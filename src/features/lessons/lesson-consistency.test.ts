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
import {
  getLesson,
  LESSON_GROUPS,
  LESSONS,
  SYLLABUS_SECTIONS,
} from '../../content/lessons/lesson-registry';
import { alignBeats, matchesEvent, MAX_STEPS, runLesson } from './lesson-run';
import { playgroundParams } from './lesson-scenario';
import { arrowLabel, describeEvent, eventTone, evictedKeys, isRetry } from './event-text';
import { lanesFor } from './lesson-lanes';
import { JITTER_AT_SCALE } from '../../content/lessons/lessons-freshness';
import type { Counts } from '../../sim/engine/engine-types';

/**
 * End-of-lesson facts whose label is also a line of the "Counts so far" panel: both must count
 * the same thing, so at the last step they show the same number.
 */
const PANEL_COUNTERS: Readonly<Record<string, keyof Counts>> = {
  Reads: 'reads',
  Hits: 'hits',
  Misses: 'misses',
  'Database reads': 'dbReads',
  'Database queries': 'dbReads',
  'Stale reads': 'staleReads',
  'Lost writes': 'lostWrites',
  Evictions: 'evictions',
  Errors: 'errors',
  'Lock waits': 'lockWaits',
};

/** Words that present a step as a request arriving, wrong for a retry of one already there. */
const NEW_REQUEST_WORDS = /\b(arriv\w*|another read|next read|new (read|request))\b/i;

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

  it('shows the same numbers at the end as the "Counts so far" panel beside them', () => {
    const last = run.steps[run.steps.length - 1];
    for (const f of lesson.facts ?? []) {
      const counter = PANEL_COUNTERS[f.label];
      if (counter === undefined || last === undefined) continue;
      expect(f.value(run.measures), `fact "${f.label}"`).toBe(String(last.totals[counter]));
    }
  });

  it('has a Client lane: every request shown arrives from a client', () => {
    const lanes = lanesFor(
      run.steps.map((s) => s.event),
      lesson.laneLabels,
    );
    expect(lanes.some((l) => l.id.startsWith('client'))).toBe(true);
    const arrived = new Set(
      run.steps.filter((s) => s.event.type === 'request.start').map((s) => s.event.requestId),
    );
    // Client requests (a background refresh is a request of the app's own, with no client).
    const fromClients = new Set(
      run.measures.trace.filter((e) => e.type === 'request.start').map((e) => e.requestId),
    );
    for (const s of run.steps) {
      const id = s.event.requestId;
      if (id !== null && fromClients.has(id)) expect(arrived.has(id), `request ${id}`).toBe(true);
    }
  });

  it('draws one error arrow to the client per failed request', () => {
    const errors = new Map<number, number>();
    for (const { event } of run.steps) {
      if (event.requestId === null || !(event.to ?? '').startsWith('client')) continue;
      if (eventTone(event) !== 'error') continue;
      errors.set(event.requestId, (errors.get(event.requestId) ?? 0) + 1);
    }
    for (const [id, n] of errors) expect(n, `request ${id}`).toBe(1);
  });

  it('names the key a SET evicts', () => {
    for (const { event } of run.steps) {
      if (event.type !== 'cache.set' || !(event.detail ?? '').includes('evicted')) continue;
      const gone = evictedKeys(event);
      expect(gone.length).toBeGreaterThan(0);
      for (const key of gone) {
        expect(arrowLabel(event)).toContain(`k${key}`);
        expect(describeEvent(event, (a) => a)).toMatch(new RegExp(`evicts keys? [\\d, ]*${key}`));
      }
    }
  });

  it('narrates a retry as the same request trying again, never as a new one', () => {
    for (const s of run.steps) {
      if (!isRetry(s.event, s.attempt)) continue;
      expect(arrowLabel(s.event, s.attempt)).toMatch(/^(retry|re-check) /);
      const text = s.beat?.text ?? describeEvent(s.event, (a) => a, s.attempt);
      expect(text, s.beat?.id ?? `step at ${s.event.tMs} ms`).not.toMatch(NEW_REQUEST_WORDS);
    }
  });

  it('is deterministic: the same scenario gives the same steps', () => {
    const again = runLesson(lesson, createLessonEngine);
    expect(again.steps.map((s) => s.event)).toEqual(run.steps.map((s) => s.event));
  });
});

describe('the TTL lesson teaches jitter at a realistic scale', () => {
  const lesson = getLesson('ttl');
  if (lesson === undefined) throw new Error('no ttl lesson');
  const run = runLesson(lesson, createLessonEngine);
  const row = (label: string) => run.comparisons.find((c) => c.label === label);

  it('compares runs with minutes of TTL and thousands of keys', () => {
    expect(JITTER_AT_SCALE.ttlMs).toBeGreaterThanOrEqual(60_000);
    expect(JITTER_AT_SCALE.keys).toBeGreaterThanOrEqual(1000);
    // Long enough for every key to expire once, jitter or not.
    expect(JITTER_AT_SCALE.durationMs).toBeGreaterThan(JITTER_AT_SCALE.ttlMs * 1.1);
    expect(lesson.comparisonCaption).toContain('2-minute TTL');
  });

  it('shows ±10% jitter cutting the peak DB load, not the total', () => {
    const none = row('No jitter');
    const ten = row('±10% jitter');
    expect(none?.measured).toBeGreaterThan(3 * (ten?.measured ?? Infinity));
    // Every key expires once either way: about one DB read per key in both runs.
    const reads = [none?.totals.dbReads ?? 0, ten?.totals.dbReads ?? 0];
    for (const r of reads) expect(r / JITTER_AT_SCALE.keys).toBeCloseTo(1, 1);
    expect(lesson.takeaway).toMatch(/±10% of a 2-minute TTL is ±12 s/);
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
