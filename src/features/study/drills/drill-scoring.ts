/**
 * Scoring of drill answers, progress bookkeeping and the choice of mock-interview questions.
 * Pure functions: the page and the store call them; the tests pin them down.
 */
import { STUDY_TOPIC_IDS, type StudyTopicId } from '../study-topics';
import type { DrillProgress } from '../../../store/drill-progress';
import type { ChoiceDrill, Drill, ExplainDrill, NumericDrill } from './drill-types';

export interface DrillScore {
  /** 0 to 1. */
  readonly score: number;
  /** Full marks. */
  readonly correct: boolean;
  /** One line for the learner, e.g. "Within 5 points of the measured 61.2%". */
  readonly verdict: string;
}

export function scoreChoice(drill: ChoiceDrill, chosen: number): DrillScore {
  const correct = chosen === drill.answer;
  return {
    score: correct ? 1 : 0,
    correct,
    verdict: correct
      ? 'Correct.'
      : `Not quite: the answer is "${drill.options[drill.answer] ?? ''}".`,
  };
}

/** The allowed error for a numeric drill at a measured value. */
export function numericTolerance(drill: NumericDrill, actual: number): number {
  return Math.max(drill.tolerance.abs, drill.tolerance.rel * Math.abs(actual));
}

/** Full credit within the tolerance, half within twice it, none beyond. */
export function scoreNumeric(drill: NumericDrill, guess: number, actual: number): DrillScore {
  if (!Number.isFinite(guess) || !Number.isFinite(actual)) {
    return { score: 0, correct: false, verdict: 'No number to compare.' };
  }
  const error = Math.abs(guess - actual);
  const tol = numericTolerance(drill, actual);
  if (error <= tol)
    return { score: 1, correct: true, verdict: 'Within the tolerance: well predicted.' };
  if (error <= 2 * tol)
    return {
      score: 0.5,
      correct: false,
      verdict: 'Close: within twice the tolerance (half credit).',
    };
  return {
    score: 0,
    correct: false,
    verdict:
      guess > actual ? 'Too high: the engine measured less.' : 'Too low: the engine measured more.',
  };
}

/** Rubric points the text seems to cover (a suggestion the learner confirms or changes). */
export function suggestRubric(drill: ExplainDrill, text: string): boolean[] {
  const lower = text.toLowerCase();
  return drill.rubric.map((point) => point.keywords.some((k) => lower.includes(k)));
}

export function scoreExplain(drill: ExplainDrill, ticked: readonly boolean[]): DrillScore {
  const total = drill.rubric.length;
  const hits = drill.rubric.filter((_, i) => ticked[i] === true).length;
  const score = total === 0 ? 0 : hits / total;
  return {
    score,
    correct: hits === total,
    verdict: `You covered ${hits} of ${total} rubric points.`,
  };
}

export interface TopicStanding {
  readonly topic: StudyTopicId;
  readonly attempted: number;
  readonly total: number;
  /** Mean of the latest scores of attempted drills (0-1), or null when none attempted. */
  readonly mean: number | null;
}

export function topicStandings(drills: readonly Drill[], progress: DrillProgress): TopicStanding[] {
  return STUDY_TOPIC_IDS.map((topic) => {
    const mine = drills.filter((d) => d.topic === topic);
    const scores = mine.flatMap((d) => {
      const r = progress.records[d.id];
      return r === undefined ? [] : [r.last];
    });
    return {
      topic,
      attempted: scores.length,
      total: mine.length,
      mean: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    };
  });
}

/** Below this mean latest score a topic counts as weak. */
export const WEAK_THRESHOLD = 0.6;

/** Attempted topics whose mean latest score is below the threshold, weakest first. */
export function weakTopics(drills: readonly Drill[], progress: DrillProgress): StudyTopicId[] {
  return topicStandings(drills, progress)
    .filter(
      (s): s is TopicStanding & { mean: number } => s.mean !== null && s.mean < WEAK_THRESHOLD,
    )
    .sort((a, b) => a.mean - b.mean)
    .map((s) => s.topic);
}

/**
 * Questions for a mock interview: weak-topic drills first, then unattempted ones, then the rest,
 * each group shuffled; at most one numeric drill in three, so a mock is not dominated by runs.
 * @param random a source in [0, 1) (the UI passes Math.random; tests pass a seeded one)
 */
export function pickMockSet(
  drills: readonly Drill[],
  progress: DrillProgress,
  count: number,
  random: () => number,
): Drill[] {
  const weak = new Set(weakTopics(drills, progress));
  const shuffle = <T>(xs: T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const a = out[i];
      const b = out[j];
      if (a !== undefined && b !== undefined) {
        out[i] = b;
        out[j] = a;
      }
    }
    return out;
  };
  const groups = [
    drills.filter((d) => weak.has(d.topic)),
    drills.filter((d) => !weak.has(d.topic) && progress.records[d.id] === undefined),
    drills.filter((d) => !weak.has(d.topic) && progress.records[d.id] !== undefined),
  ].map(shuffle);
  const maxNumeric = Math.max(1, Math.floor(count / 3));
  const out: Drill[] = [];
  let numeric = 0;
  for (const d of groups.flat()) {
    if (out.length >= count) break;
    if (d.kind === 'numeric') {
      if (numeric >= maxNumeric) continue;
      numeric++;
    }
    out.push(d);
  }
  return out;
}
