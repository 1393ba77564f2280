/**
 * Interview drills are data: multiple-choice questions, numeric predictions whose answer comes
 * from running the engine on a scenario, and "explain" prompts with a model answer and a rubric.
 */
import type { Totals } from '../../../sim/engine/engine-types';
import type { Scenario, ScenarioInput } from '../../../sim/scenario/scenario-schema';
import type { StudyTopicId } from '../study-topics';

interface DrillBase {
  /** Stable id; progress is stored under it. */
  readonly id: string;
  readonly topic: StudyTopicId;
  readonly prompt: string;
  /** Why the answer is what it is; shown after answering. */
  readonly explanation: string;
}

export interface ChoiceDrill extends DrillBase {
  readonly kind: 'choice';
  readonly options: readonly string[];
  /** Index into `options`. */
  readonly answer: number;
}

/** One engine run a numeric drill needs: a preset with an optional patch over its input. */
export interface DrillRun {
  readonly label: string;
  /** Preset id from the preset list; omitted for the defaults. */
  readonly presetId?: string;
  /** Applied over the preset's input (deep merge, as URL parameters are). */
  readonly patch?: ScenarioInput;
}

/** What one drill run produced: the normalised scenario and the engine's totals. */
export interface RunResult {
  readonly scenario: Scenario;
  readonly totals: Totals;
}

export interface NumericDrill extends DrillBase {
  readonly kind: 'numeric';
  /** Engine runs that check the answer; empty when `trace` names a key sequence instead. */
  readonly runs: readonly DrillRun[];
  /**
   * Set when the answer comes from replaying a key sequence through the trace runner (policies
   * that need the future, such as `opt`, cannot run in the engine): what the sequence is, shown
   * next to the input. `runs` is then empty and `measure` runs the trace itself.
   */
  readonly trace?: string;
  /** The number to predict, from the results of `runs` (same order). */
  readonly measure: (results: readonly RunResult[]) => number;
  /** Unit shown next to the input and the answer, e.g. '%', 'ms', 'queries'. */
  readonly unit: string;
  /**
   * A guess counts as right when |guess - actual| <= max(abs, rel * |actual|); within twice that
   * it earns half credit.
   */
  readonly tolerance: { readonly abs: number; readonly rel: number };
}

export interface RubricPoint {
  readonly text: string;
  /** Words that suggest the point is covered (lower case); the learner confirms each tick. */
  readonly keywords: readonly string[];
}

export interface ExplainDrill extends DrillBase {
  readonly kind: 'explain';
  readonly modelAnswer: string;
  readonly rubric: readonly RubricPoint[];
}

export type Drill = ChoiceDrill | NumericDrill | ExplainDrill;
export type DrillKind = Drill['kind'];
