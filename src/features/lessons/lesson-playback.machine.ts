/**
 * The lesson player's autoplay as a state machine. The step itself lives in the URL (`?step=`), so
 * a reload or a shared link lands on it; the machine decides when to move it and emits
 * `lesson.goTo` for the player to write. The player reports every step it lands on (`lesson.sync`)
 * with whether a prediction question there is still unanswered.
 *
 *   paused ──play──▶ playing ──(every AUTOPLAY_STEP_MS)──▶ next step
 *   playing ──(a question waits)──▶ paused          playing ──(last step)──▶ finished
 *   finished ──play──▶ playing from step 1
 */
import { assign, emit, setup } from 'xstate';

/** Autoplay pace: long enough to read a short narration line. */
export const AUTOPLAY_STEP_MS = 1600;

export interface LessonPlaybackContext {
  /** 0-based index of the step shown. */
  readonly index: number;
  readonly total: number;
  /** A prediction question at this step is still unanswered: autoplay must wait for it. */
  readonly waiting: boolean;
}

export type LessonPlaybackEvent =
  | { readonly type: 'lesson.play' }
  | { readonly type: 'lesson.pause' }
  | { readonly type: 'lesson.toggle' }
  | { readonly type: 'lesson.restart' }
  | {
      readonly type: 'lesson.sync';
      readonly index: number;
      readonly total: number;
      readonly waiting: boolean;
    };

export type LessonPlaybackEmitted = { readonly type: 'lesson.goTo'; readonly index: number };

export const lessonPlaybackMachine = setup({
  types: {
    context: {} as LessonPlaybackContext,
    events: {} as LessonPlaybackEvent,
    emitted: {} as LessonPlaybackEmitted,
    input: {} as LessonPlaybackContext,
  },
  delays: {
    autoplayStep: AUTOPLAY_STEP_MS,
  },
  guards: {
    isAtEnd: ({ context }) => context.index >= context.total - 1,
    isWaiting: ({ context }) => context.waiting,
    isSyncToLast: ({ event }) => event.type === 'lesson.sync' && event.index >= event.total - 1,
  },
  actions: {
    syncStep: assign(({ event, context }) =>
      event.type === 'lesson.sync'
        ? { index: event.index, total: event.total, waiting: event.waiting }
        : context,
    ),
    showFirstStep: assign({ index: 0, waiting: false }),
    goToFirst: emit({ type: 'lesson.goTo', index: 0 }),
    goToNext: emit(({ context }) => ({ type: 'lesson.goTo', index: context.index + 1 })),
  },
}).createMachine({
  id: 'lessonPlayback',
  context: ({ input }) => input,
  initial: 'paused',
  on: {
    'lesson.restart': {
      target: '.paused',
      actions: ['showFirstStep', 'goToFirst'],
    },
  },
  states: {
    paused: {
      always: { guard: 'isAtEnd', target: 'finished' },
      on: {
        'lesson.play': 'playing',
        'lesson.toggle': 'playing',
        'lesson.sync': { actions: 'syncStep' },
      },
    },
    playing: {
      // Stop at the end, and at a question so the user can answer before the key step.
      always: [
        { guard: 'isAtEnd', target: 'finished' },
        { guard: 'isWaiting', target: 'paused' },
      ],
      after: {
        autoplayStep: { actions: 'goToNext', target: 'playing', reenter: true },
      },
      on: {
        'lesson.pause': 'paused',
        'lesson.toggle': 'paused',
        // Any step change (autoplay's own, or the user's) starts the pause before the next anew.
        'lesson.sync': { actions: 'syncStep', target: 'playing', reenter: true },
      },
    },
    finished: {
      on: {
        // Playing a finished lesson replays it from the first step.
        'lesson.play': { target: 'playing', actions: ['showFirstStep', 'goToFirst'] },
        'lesson.toggle': { target: 'playing', actions: ['showFirstStep', 'goToFirst'] },
        'lesson.sync': [
          { guard: 'isSyncToLast', actions: 'syncStep' },
          { actions: 'syncStep', target: 'paused' },
        ],
      },
    },
  },
});
