import { describe, expect, it } from 'vitest';
import { SimulatedClock, createActor } from 'xstate';
import {
  AUTOPLAY_STEP_MS,
  lessonPlaybackMachine,
  type LessonPlaybackContext,
} from './lesson-playback.machine';

/**
 * A lesson player stand-in: an actor on a simulated clock, whose `lesson.goTo` commands are
 * written back as the player would (the URL changes, the player syncs the new step).
 */
function player(start: LessonPlaybackContext, questionsAt: readonly number[] = []) {
  const clock = new SimulatedClock();
  const actor = createActor(lessonPlaybackMachine, { input: start, clock });
  const visited: number[] = [];
  const answered = new Set<number>();
  const sync = (index: number) => {
    actor.send({
      type: 'lesson.sync',
      index,
      total: start.total,
      waiting: questionsAt.includes(index) && !answered.has(index),
    });
  };
  actor.on('lesson.goTo', (e) => {
    visited.push(e.index);
    sync(e.index);
  });
  actor.start();
  return {
    actor,
    visited,
    state: () => actor.getSnapshot().value,
    index: () => actor.getSnapshot().context.index,
    waitMs: (ms: number) => {
      clock.increment(ms);
    },
    wait: (steps: number) => {
      for (let i = 0; i < steps; i++) clock.increment(AUTOPLAY_STEP_MS);
    },
    answer: (index: number) => {
      answered.add(index);
      sync(index);
    },
    userGoesTo: sync,
  };
}

describe('lesson playback machine', () => {
  it('starts paused and does nothing until played', () => {
    const p = player({ index: 0, total: 5, waiting: false });
    p.wait(3);
    expect(p.state()).toBe('paused');
    expect(p.visited).toEqual([]);
  });

  it('plays one step per interval and finishes at the last step', () => {
    const p = player({ index: 0, total: 4, waiting: false });
    p.actor.send({ type: 'lesson.play' });
    expect(p.state()).toBe('playing');
    p.wait(1);
    expect(p.visited).toEqual([1]);
    p.wait(5);
    expect(p.visited).toEqual([1, 2, 3]);
    expect(p.state()).toBe('finished');
  });

  it('stops at an unanswered question and goes on once played after the answer', () => {
    const p = player({ index: 0, total: 6, waiting: false }, [2]);
    p.actor.send({ type: 'lesson.toggle' });
    p.wait(4);
    expect(p.visited).toEqual([1, 2]);
    expect(p.state()).toBe('paused');
    // Play while the question waits: autoplay stays stopped.
    p.actor.send({ type: 'lesson.play' });
    expect(p.state()).toBe('paused');
    p.answer(2);
    p.actor.send({ type: 'lesson.play' });
    p.wait(1);
    expect(p.visited).toEqual([1, 2, 3]);
    expect(p.state()).toBe('playing');
  });

  it('pauses and resumes; a step by hand restarts the interval', () => {
    const p = player({ index: 0, total: 10, waiting: false });
    p.actor.send({ type: 'lesson.play' });
    p.wait(1);
    p.actor.send({ type: 'lesson.pause' });
    p.wait(3);
    expect(p.visited).toEqual([1]);
    p.actor.send({ type: 'lesson.toggle' });
    // Half an interval, then the user steps to 5: the next autoplay step is a full interval later.
    p.waitMs(AUTOPLAY_STEP_MS / 2);
    p.userGoesTo(5);
    expect(p.index()).toBe(5);
    p.waitMs(AUTOPLAY_STEP_MS / 2 + 1);
    expect(p.visited).toEqual([1]);
    p.waitMs(AUTOPLAY_STEP_MS / 2);
    expect(p.visited).toEqual([1, 6]);
  });

  it('plays a finished lesson again from the first step', () => {
    const p = player({ index: 3, total: 4, waiting: false });
    expect(p.state()).toBe('finished');
    p.actor.send({ type: 'lesson.play' });
    expect(p.visited).toEqual([0]);
    expect(p.state()).toBe('playing');
    p.wait(1);
    expect(p.visited).toEqual([0, 1]);
  });

  it('restart goes to the first step, paused, from anywhere', () => {
    const p = player({ index: 0, total: 8, waiting: false });
    p.actor.send({ type: 'lesson.play' });
    p.wait(2);
    p.actor.send({ type: 'lesson.restart' });
    expect(p.state()).toBe('paused');
    expect(p.visited).toEqual([1, 2, 0]);
    p.wait(2);
    expect(p.visited).toEqual([1, 2, 0]);
  });

  it('leaves finished when the user steps back from the end', () => {
    const p = player({ index: 3, total: 4, waiting: false });
    p.userGoesTo(3);
    expect(p.state()).toBe('finished');
    p.userGoesTo(1);
    expect(p.state()).toBe('paused');
  });
});
