import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  controlsStatus,
  playbackMachine,
  type PlaybackCommand,
  type PlaybackEvent,
} from './playback.machine';

/**
 * Runs events through a fresh actor; returns the states visited and the commands emitted. Like
 * the page, it numbers each command (1, 2, ...) and tells the machine with `engine.sent`.
 */
function run(events: readonly PlaybackEvent[]) {
  const actor = createActor(playbackMachine);
  const emitted: PlaybackCommand[] = [];
  actor.on('*', (e) => {
    emitted.push(e);
    actor.send({ type: 'engine.sent', seq: emitted.length });
  });
  actor.start();
  const states: string[] = [actor.getSnapshot().value];
  for (const e of events) {
    actor.send(e);
    states.push(actor.getSnapshot().value);
  }
  actor.stop();
  return { states, emitted: emitted.map((e) => e.type) };
}

/** A frame from a worker that has applied commands up to `seq` (by default, all of them). */
const report = (
  status: 'paused' | 'playing' | 'seeking' | 'done',
  tMs: number,
  seq = Number.MAX_SAFE_INTEGER,
): PlaybackEvent => ({ type: 'engine.report', status, tMs, seq });

describe('playground playback machine', () => {
  it('starts idle; play, pause and toggle move at once and send the engine command', () => {
    expect(
      run([
        { type: 'playback.play' },
        { type: 'playback.pause' },
        { type: 'playback.toggle' },
        { type: 'playback.toggle' },
      ]),
    ).toEqual({
      states: ['idle', 'playing', 'paused', 'playing', 'paused'],
      emitted: ['engine.play', 'engine.pause', 'engine.play', 'engine.pause'],
    });
  });

  it('steps, and returns to paused when the engine reports the step done', () => {
    const r = run([{ type: 'playback.step', unit: 'request' }, report('paused', 12)]);
    expect(r.states).toEqual(['idle', 'stepping', 'paused']);
    expect(r.emitted).toEqual(['engine.step']);
  });

  it('seeks from any state and lands where the engine says', () => {
    expect(
      run([
        { type: 'playback.seek', tMs: 20_000 },
        report('seeking', 8_000),
        report('paused', 20_000),
      ]).states,
    ).toEqual(['idle', 'seeking', 'seeking', 'paused']);
    expect(
      run([
        { type: 'playback.play' },
        { type: 'playback.seek', tMs: 60_000 },
        report('done', 60_000),
      ]).states,
    ).toEqual(['idle', 'playing', 'seeking', 'finished']);
  });

  it('plays again from a finished run by resetting first', () => {
    const r = run([{ type: 'playback.play' }, report('done', 60_000), { type: 'playback.play' }]);
    expect(r.states).toEqual(['idle', 'playing', 'finished', 'playing']);
    expect(r.emitted).toEqual(['engine.play', 'engine.reset', 'engine.play']);
  });

  it('reset returns to idle from anywhere', () => {
    const r = run([{ type: 'playback.play' }, { type: 'playback.reset' }]);
    expect(r.states).toEqual(['idle', 'playing', 'idle']);
    expect(r.emitted).toEqual(['engine.play', 'engine.reset']);
  });

  it('follows the engine: a new run (paused at 0) is idle, a paused run mid-way is paused', () => {
    expect(
      run([report('playing', 500), report('paused', 4_000), report('paused', 0), report('done', 9)])
        .states,
    ).toEqual(['idle', 'playing', 'paused', 'idle', 'finished']);
  });

  it('does not follow a report the worker sent before it applied the latest command', () => {
    // Play is command 1. A frame of the loaded run at 0 (commands applied: none) arrives after
    // it: still playing. The worker's answer to Play (seq 1) is followed.
    expect(
      run([{ type: 'playback.play' }, report('paused', 0, 0), report('playing', 40, 1)]).states,
    ).toEqual(['idle', 'playing', 'playing', 'playing']);
    // Pause (command 2) while frames of the playing run (seq 1) are still on their way.
    expect(
      run([
        { type: 'playback.play' },
        { type: 'playback.pause' },
        report('playing', 90, 1),
        report('paused', 95, 2),
        report('done', 60_000, 2),
      ]).states,
    ).toEqual(['idle', 'playing', 'paused', 'paused', 'paused', 'finished']);
    // "Play again" sends reset (3) and play (4): the reset's own frame at 0 is not followed.
    expect(
      run([
        { type: 'playback.play' },
        { type: 'playback.pause' },
        { type: 'playback.play' },
        report('done', 60_000, 3),
        { type: 'playback.play' },
        report('paused', 0, 4),
        report('playing', 10, 5),
      ]).states,
    ).toEqual([
      'idle',
      'playing',
      'paused',
      'playing',
      'finished',
      'playing',
      'playing',
      'playing',
    ]);
  });

  it('ignores commands a state has no use for', () => {
    // Pausing an idle run, stepping while seeking or playing a playing run changes nothing.
    const r = run([
      { type: 'playback.pause' },
      { type: 'playback.seek', tMs: 5 },
      { type: 'playback.step', unit: 'event' },
      { type: 'playback.play' },
    ]);
    expect(r.states).toEqual(['idle', 'idle', 'seeking', 'seeking', 'seeking']);
    expect(r.emitted).toEqual(['engine.seek']);
  });

  it('maps each state to what the playback controls show', () => {
    expect(
      (['idle', 'playing', 'paused', 'stepping', 'seeking', 'finished'] as const).map(
        controlsStatus,
      ),
    ).toEqual(['paused', 'playing', 'paused', 'paused', 'seeking', 'done']);
  });
});
