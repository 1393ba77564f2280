/**
 * The Playground's playback as a state machine: what the buttons and keys may do in each state,
 * in one place instead of flags spread over the store and the page.
 *
 *   idle ──play──▶ playing ──pause──▶ paused ──step──▶ stepping ──(engine reports)──▶ paused
 *     any ──seek──▶ seeking ──(engine reports)──▶ playing | paused | finished
 *     finished ──play──▶ playing (the run starts again from 0 with the current settings)
 *
 * The engine worker stays the authority on where the run is: every frame's status is sent in as
 * `engine.report`, and the machine follows it (a load or reset in the worker shows as paused at
 * t = 0, which is `idle`). User commands move the machine at once and are emitted as `engine.*`
 * events for the page to pass to the worker, so the UI never waits a frame to show "Pause".
 *
 * A frame the worker posted before it applied the machine's latest command (still on its way
 * when Play was pressed) must not move the controls back. So every command carries a sequence
 * number (the page tells the machine which, with `engine.sent`), every report carries the highest
 * one the worker had applied, and the machine follows only reports at or after its own latest.
 */
import { assign, emit, enqueueActions, setup } from 'xstate';
import type { PlaybackStatus } from '../../worker/engine-protocol';

export type StepUnit = 'event' | 'request';

export type PlaybackEvent =
  | { readonly type: 'playback.play' }
  | { readonly type: 'playback.pause' }
  | { readonly type: 'playback.toggle' }
  | { readonly type: 'playback.step'; readonly unit: StepUnit }
  | { readonly type: 'playback.seek'; readonly tMs: number }
  | { readonly type: 'playback.reset' }
  /** The command just emitted went to the worker with this `seq`. */
  | { readonly type: 'engine.sent'; readonly seq: number }
  /** A frame: the run's status and time, and the highest command `seq` the worker had applied. */
  | {
      readonly type: 'engine.report';
      readonly status: PlaybackStatus;
      readonly tMs: number;
      readonly seq: number;
    };

/** Commands for the engine worker, emitted on the transitions that need them. */
export type PlaybackCommand =
  | { readonly type: 'engine.play' }
  | { readonly type: 'engine.pause' }
  | { readonly type: 'engine.step'; readonly unit: StepUnit }
  | { readonly type: 'engine.seek'; readonly tMs: number }
  | { readonly type: 'engine.reset' };

type Report = Extract<PlaybackEvent, { type: 'engine.report' }>;

function isReport(event: PlaybackEvent): event is Report {
  return event.type === 'engine.report';
}

/** Where an engine report puts the machine, from any state (an outdated one: nowhere). */
const FOLLOW_REPORT = [
  { guard: 'isReportOutdated' },
  { guard: 'isReportDone', target: '.finished' },
  { guard: 'isReportSeeking', target: '.seeking' },
  { guard: 'isReportPlaying', target: '.playing' },
  { guard: 'isReportAtStart', target: '.idle' },
  { guard: 'isReportPaused', target: '.paused' },
] as const;

interface PlaybackContext {
  /** `seq` of the latest command this machine sent (0 before any). */
  readonly sentSeq: number;
}

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    emitted: {} as PlaybackCommand,
  },
  guards: {
    isReportOutdated: ({ context, event }) => isReport(event) && event.seq < context.sentSeq,
    isReportDone: ({ event }) => isReport(event) && event.status === 'done',
    isReportSeeking: ({ event }) => isReport(event) && event.status === 'seeking',
    isReportPlaying: ({ event }) => isReport(event) && event.status === 'playing',
    isReportAtStart: ({ event }) => isReport(event) && event.status === 'paused' && event.tMs === 0,
    isReportPaused: ({ event }) => isReport(event) && event.status === 'paused',
  },
  actions: {
    noteSent: assign({
      sentSeq: ({ context, event }) =>
        event.type === 'engine.sent' ? Math.max(context.sentSeq, event.seq) : context.sentSeq,
    }),
    sendPlay: emit({ type: 'engine.play' }),
    sendPause: emit({ type: 'engine.pause' }),
    sendReset: emit({ type: 'engine.reset' }),
    sendStep: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'playback.step') enqueue.emit({ type: 'engine.step', unit: event.unit });
    }),
    sendSeek: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'playback.seek') enqueue.emit({ type: 'engine.seek', tMs: event.tMs });
    }),
  },
}).createMachine({
  id: 'playgroundPlayback',
  initial: 'idle',
  context: { sentSeq: 0 },
  on: {
    'engine.sent': { actions: 'noteSent' },
    'engine.report': [...FOLLOW_REPORT],
    'playback.seek': { target: '.seeking', actions: 'sendSeek' },
    'playback.reset': { target: '.idle', actions: 'sendReset' },
  },
  states: {
    idle: {
      on: {
        'playback.play': { target: 'playing', actions: 'sendPlay' },
        'playback.toggle': { target: 'playing', actions: 'sendPlay' },
        'playback.step': { target: 'stepping', actions: 'sendStep' },
      },
    },
    playing: {
      on: {
        'playback.pause': { target: 'paused', actions: 'sendPause' },
        'playback.toggle': { target: 'paused', actions: 'sendPause' },
        // The worker steps a playing run by pausing it first.
        'playback.step': { target: 'stepping', actions: 'sendStep' },
      },
    },
    paused: {
      on: {
        'playback.play': { target: 'playing', actions: 'sendPlay' },
        'playback.toggle': { target: 'playing', actions: 'sendPlay' },
        'playback.step': { target: 'stepping', actions: 'sendStep' },
      },
    },
    stepping: {
      on: {
        'playback.pause': { target: 'paused', actions: 'sendPause' },
        'playback.toggle': { target: 'paused', actions: 'sendPause' },
      },
    },
    seeking: {
      on: {
        'playback.pause': { target: 'paused', actions: 'sendPause' },
        'playback.toggle': { target: 'paused', actions: 'sendPause' },
      },
    },
    finished: {
      on: {
        // "Play again": a new run from 0 with the current settings, then play.
        'playback.play': { target: 'playing', actions: ['sendReset', 'sendPlay'] },
        'playback.toggle': { target: 'playing', actions: ['sendReset', 'sendPlay'] },
      },
    },
  },
});

export type PlaybackState = 'idle' | 'playing' | 'paused' | 'stepping' | 'seeking' | 'finished';

/** The status the shared playback controls show for a machine state. */
export function controlsStatus(state: PlaybackState): PlaybackStatus {
  switch (state) {
    case 'playing':
      return 'playing';
    case 'seeking':
      return 'seeking';
    case 'finished':
      return 'done';
    case 'idle':
    case 'paused':
    case 'stepping':
      return 'paused';
  }
}
