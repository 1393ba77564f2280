import { describe, expect, it } from 'vitest';
import { SimulatedClock, createActor } from 'xstate';
import { DRILLS } from './drill-bank';
import type { DrillAnswer } from './drill-card';
import {
  MOCK_LENGTHS,
  mockInterviewMachine,
  type MockInterviewEmitted,
} from './mock-interview.machine';

const MINUTE_MS = 60_000;
const START_MS = 1_700_000_000_000;

/** A mock interview page stand-in: the machine on a simulated clock, its results collected. */
function interview(length = 0) {
  const clock = new SimulatedClock();
  const actor = createActor(mockInterviewMachine, { clock });
  const results: MockInterviewEmitted[] = [];
  actor.on('mock.finished', (e) => {
    results.push(e);
  });
  actor.start();
  actor.send({ type: 'mock.choose', length });
  const count = MOCK_LENGTHS[length]?.count ?? 0;
  const drills = DRILLS.slice(0, count);
  return {
    actor,
    clock,
    drills,
    results,
    start: () => {
      actor.send({ type: 'mock.start', drills, nowMs: START_MS });
    },
    state: () => actor.getSnapshot().value,
    context: () => actor.getSnapshot().context,
    answer: (score: number, answer: DrillAnswer = { kind: 'choice', choice: 1 }) => {
      actor.send({ type: 'mock.scored', score, answer });
    },
  };
}

describe('mock interview machine', () => {
  it('waits on the length choice and ignores a length that is not offered', () => {
    const m = interview(2);
    expect(m.state()).toBe('choosing');
    expect(m.context().length).toBe(2);
    m.actor.send({ type: 'mock.choose', length: 7 });
    m.actor.send({ type: 'mock.choose', length: -1 });
    expect(m.context().length).toBe(2);
    // Time passing while choosing ends nothing.
    m.clock.increment(60 * MINUTE_MS);
    expect(m.state()).toBe('choosing');
  });

  it('does not start with no questions', () => {
    const m = interview();
    m.actor.send({ type: 'mock.start', drills: [], nowMs: START_MS });
    expect(m.state()).toBe('choosing');
  });

  it('starts on question 1, every answer empty, the clock set by the chosen length', () => {
    const m = interview(1);
    m.start();
    expect(m.state()).toEqual({ running: 'answering' });
    const c = m.context();
    expect(c.current).toBe(0);
    expect(c.drills).toHaveLength(8);
    expect(c.scores).toEqual(Array.from({ length: 8 }, () => null));
    expect(c.answers).toEqual(Array.from({ length: 8 }, () => null));
    expect(c.minutes).toBe(12);
    expect(c.endsAtMs).toBe(START_MS + 12 * MINUTE_MS);
  });

  it('stores the answer under the question asked, and the first answer stands', () => {
    const m = interview();
    m.start();
    m.actor.send({ type: 'mock.next' });
    const given: DrillAnswer = { kind: 'numeric', guess: 42, actual: 40 };
    m.answer(0.5, given);
    expect(m.state()).toEqual({ running: 'answered' });
    m.answer(1, { kind: 'choice', choice: 0 });
    expect(m.context().scores).toEqual([null, 0.5, null, null, null]);
    expect(m.context().answers[1]).toEqual(given);
  });

  it('skips unanswered questions and stops "next" at the last one', () => {
    const m = interview();
    m.start();
    m.answer(1);
    for (let i = 0; i < 10; i++) m.actor.send({ type: 'mock.next' });
    expect(m.context().current).toBe(4);
    expect(m.state()).toEqual({ running: 'answering' });
    expect(m.actor.getSnapshot().can({ type: 'mock.next' })).toBe(false);
    expect(m.context().scores).toEqual([1, null, null, null, null]);
  });

  it('finishing reports the total once, counting unanswered questions as zero', () => {
    const m = interview();
    m.start();
    m.answer(1);
    m.actor.send({ type: 'mock.next' });
    m.answer(0.5);
    m.actor.send({ type: 'mock.finish' });
    expect(m.state()).toBe('review');
    expect(m.context().timedOut).toBe(false);
    expect(m.results).toEqual([{ type: 'mock.finished', score: 1.5, total: 5 }]);
    // The review is final for this interview: nothing more is recorded or counted.
    m.answer(1);
    m.actor.send({ type: 'mock.finish' });
    m.clock.increment(60 * MINUTE_MS);
    expect(m.results).toHaveLength(1);
    expect(m.context().scores).toEqual([1, 0.5, null, null, null]);
  });

  it('ends the interview when its minutes are up, not a moment before', () => {
    const m = interview();
    m.start();
    m.answer(1);
    m.clock.increment(4 * MINUTE_MS);
    // Moving between questions does not restart the clock.
    m.actor.send({ type: 'mock.next' });
    m.clock.increment(4 * MINUTE_MS - 1);
    expect(m.state()).toEqual({ running: 'answering' });
    m.clock.increment(1);
    expect(m.state()).toBe('review');
    expect(m.context().timedOut).toBe(true);
    expect(m.results).toEqual([{ type: 'mock.finished', score: 1, total: 5 }]);
  });

  it('finishing early cancels the time-up', () => {
    const m = interview();
    m.start();
    m.actor.send({ type: 'mock.finish' });
    m.clock.increment(8 * MINUTE_MS);
    expect(m.context().timedOut).toBe(false);
    expect(m.results).toHaveLength(1);
  });

  it('another interview starts clean, on the length chosen before, with a fresh clock', () => {
    const m = interview(2);
    m.start();
    m.answer(1);
    m.actor.send({ type: 'mock.finish' });
    m.actor.send({ type: 'mock.again' });
    expect(m.state()).toBe('choosing');
    expect(m.context().length).toBe(2);
    expect(m.context().scores).toEqual([]);
    m.clock.increment(15 * MINUTE_MS);
    m.start();
    expect(m.context().scores.every((s) => s === null)).toBe(true);
    m.clock.increment(20 * MINUTE_MS - 1);
    expect(m.state()).toEqual({ running: 'answering' });
    m.clock.increment(1);
    expect(m.state()).toBe('review');
    expect(m.results.map((r) => r.score)).toEqual([1, 0]);
  });
});
