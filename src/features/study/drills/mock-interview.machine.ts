/**
 * The mock interview's flow as a state machine: which screen shows, which question is asked, what
 * was answered, and when the clock ends it, in one place instead of flags in the component.
 *
 *   choosing ──start──▶ running ──finish──▶ review ──again──▶ choosing
 *                         │  answering ──scored──▶ answered
 *                         │  answering | answered ──next (not the last)──▶ answering (question n+1)
 *                         └──(the interview's minutes pass)──▶ review (time is up)
 *
 * The set of questions is drawn by the component (it needs the stored progress and a random
 * source) and comes in with `mock.start`, so the machine stays pure and replayable in tests. The
 * time-up is an `after` delay on `running`: moving between questions stays inside `running`, so it
 * never restarts the clock. Entering `review` emits `mock.finished` once per interview with the
 * total, for the page to store.
 */
import { assign, emit, setup } from 'xstate';
import type { DrillAnswer } from './drill-card';
import type { Drill } from './drill-types';

/** The lengths offered: number of questions and the minutes allowed for them. */
export const MOCK_LENGTHS = [
  { count: 5, minutes: 8 },
  { count: 8, minutes: 12 },
  { count: 12, minutes: 20 },
] as const;

const MS_PER_MINUTE = 60_000;

export interface MockInterviewContext {
  /** Index into MOCK_LENGTHS of the chosen length; kept for the next interview. */
  readonly length: number;
  readonly drills: readonly Drill[];
  /** 0-based index of the question shown. */
  readonly current: number;
  /** Per question: the score in [0, 1], or null while unanswered. */
  readonly scores: readonly (number | null)[];
  readonly answers: readonly (DrillAnswer | null)[];
  /** Wall-clock ms (as given in `mock.start`) when the time is up; for the countdown shown. */
  readonly endsAtMs: number;
  readonly minutes: number;
  /** The interview ended because its time ran out (not by "Finish now"). */
  readonly timedOut: boolean;
}

export type MockInterviewEvent =
  | { readonly type: 'mock.choose'; readonly length: number }
  | {
      readonly type: 'mock.start';
      readonly drills: readonly Drill[];
      /** Wall-clock ms at the start, so the countdown and the time-up delay agree. */
      readonly nowMs: number;
    }
  | { readonly type: 'mock.scored'; readonly score: number; readonly answer: DrillAnswer }
  | { readonly type: 'mock.next' }
  | { readonly type: 'mock.finish' }
  | { readonly type: 'mock.again' };

export type MockInterviewEmitted = {
  readonly type: 'mock.finished';
  readonly score: number;
  readonly total: number;
};

/** The sum of the scores; unanswered questions count zero. */
export function mockTotal(scores: readonly (number | null)[]): number {
  return scores.reduce<number>((a, s) => a + (s ?? 0), 0);
}

function chosenLength(length: number) {
  return MOCK_LENGTHS[length] ?? MOCK_LENGTHS[1];
}

export const mockInterviewMachine = setup({
  types: {
    context: {} as MockInterviewContext,
    events: {} as MockInterviewEvent,
    emitted: {} as MockInterviewEmitted,
  },
  delays: {
    interviewTime: ({ context }) => context.minutes * MS_PER_MINUTE,
  },
  guards: {
    isKnownLength: ({ event }) =>
      event.type === 'mock.choose' &&
      Number.isInteger(event.length) &&
      event.length >= 0 &&
      event.length < MOCK_LENGTHS.length,
    hasQuestions: ({ event }) => event.type === 'mock.start' && event.drills.length > 0,
    hasNextQuestion: ({ context }) => context.current + 1 < context.drills.length,
  },
  actions: {
    chooseLength: assign(({ event, context }) =>
      event.type === 'mock.choose' ? { length: event.length } : context,
    ),
    startInterview: assign(({ event, context }) => {
      if (event.type !== 'mock.start') return context;
      const { minutes } = chosenLength(context.length);
      return {
        drills: event.drills,
        current: 0,
        scores: event.drills.map(() => null),
        answers: event.drills.map(() => null),
        endsAtMs: event.nowMs + minutes * MS_PER_MINUTE,
        minutes,
        timedOut: false,
      };
    }),
    recordAnswer: assign(({ event, context }) =>
      event.type === 'mock.scored'
        ? {
            scores: context.scores.map((s, i) => (i === context.current ? event.score : s)),
            answers: context.answers.map((a, i) => (i === context.current ? event.answer : a)),
          }
        : context,
    ),
    nextQuestion: assign(({ context }) => ({ current: context.current + 1 })),
    markTimedOut: assign({ timedOut: true }),
    announceResult: emit(({ context }) => ({
      type: 'mock.finished' as const,
      score: mockTotal(context.scores),
      total: context.drills.length,
    })),
    clearInterview: assign({ drills: [], current: 0, scores: [], answers: [], timedOut: false }),
  },
}).createMachine({
  id: 'mockInterview',
  context: {
    length: 1,
    drills: [],
    current: 0,
    scores: [],
    answers: [],
    endsAtMs: 0,
    minutes: 0,
    timedOut: false,
  },
  initial: 'choosing',
  states: {
    choosing: {
      on: {
        'mock.choose': { guard: 'isKnownLength', actions: 'chooseLength' },
        'mock.start': { guard: 'hasQuestions', target: 'running', actions: 'startInterview' },
      },
    },
    running: {
      initial: 'answering',
      after: {
        interviewTime: { target: 'review', actions: 'markTimedOut' },
      },
      on: {
        // Skipping an unanswered question leaves it null: it scores zero and shows as not answered.
        'mock.next': { guard: 'hasNextQuestion', target: '.answering', actions: 'nextQuestion' },
        'mock.finish': 'review',
      },
      states: {
        answering: {
          on: { 'mock.scored': { target: 'answered', actions: 'recordAnswer' } },
        },
        // The first scored answer stands; the card locks after it, and so does the machine.
        answered: {},
      },
    },
    review: {
      entry: 'announceResult',
      on: { 'mock.again': { target: 'choosing', actions: 'clearInterview' } },
    },
  },
});
