/**
 * What a lesson is made of. A lesson is data: a tiny seeded scenario, the trace events worth
 * showing, and narration "beats" keyed to trace events by type/actor/key (never by position), so
 * an engine change that alters the trace makes a beat fail to match loudly — in the consistency
 * test and on screen — instead of narrating the wrong step.
 */
import type {
  Counts,
  MetricWindow,
  RequestOutcome,
  Totals,
  TraceEvent,
} from '../../sim/engine/engine-types';
import type { ScenarioInput } from '../../sim/scenario/scenario-schema';
import type { PolicyRunResult } from '../../sim/trace/trace-runner';

/** The syllabus sections of CONTENT.md; the lesson index is grouped by these. */
export type SyllabusSection = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10-11';

/**
 * Which trace event a beat narrates. Every given field must equal the event's; `nth` (1-based)
 * skips earlier matches after the previous beat's event.
 */
export interface EventMatch {
  readonly type: string;
  readonly actor?: string;
  readonly to?: string | null;
  readonly key?: number | null;
  readonly version?: number | null;
  readonly outcome?: RequestOutcome;
  /** Pattern-machine state the request entered. */
  readonly state?: string;
  /** A fragment of the engine's `detail` text (e.g. 'evicted'). */
  readonly detailIncludes?: string;
  readonly nth?: number;
}

/** Narration for one step, written for that step: what happened and why it matters. */
export interface Beat {
  /** Stable id; predictions and tests refer to beats by id. */
  readonly id: string;
  readonly match: EventMatch;
  readonly text: string;
}

/** What the run measured, for predictions and the end-of-lesson facts. */
export interface RunMeasures {
  /** Totals at the end of the shown steps (engine totals; lessons use warmupMs 0). */
  readonly totals: Totals;
  /** Every trace event of the run, in order (not only the shown ones). */
  readonly trace: readonly TraceEvent[];
  /** Final cache/DB state of the lesson's keys. */
  readonly keys: readonly KeyState[];
  /**
   * The run's metric windows (`windowMs` wide), for measures of load over time such as the peak
   * DB reads per second; empty when the run was not asked for them.
   */
  readonly windows: readonly MetricWindow[];
}

/**
 * Predict, then run: asked at the step of `beforeBeat` (before the key step happens); the engine's
 * actual number is revealed from the step of `revealAtBeat` on.
 */
export interface Prediction {
  readonly beforeBeat: string;
  readonly revealAtBeat: string;
  readonly question: string;
  /** Offered answers; the one whose value is nearest the measured number counts as right. */
  readonly choices: readonly { readonly label: string; readonly value: number }[];
  /** The engine's actual number, computed from the run. */
  readonly measure: (run: RunMeasures) => number;
  /** Label for the measured number, e.g. 'DB queries'. */
  readonly unit: string;
  /** Why the number comes out as it does (shown with the reveal). */
  readonly explain: string;
}

/** A fact shown at the end of the lesson, computed from the run. */
export interface LessonFact {
  readonly label: string;
  readonly value: (run: RunMeasures) => string;
  /** data-testid for end-to-end checks. */
  readonly testId: string;
}

/** An extra full run of a variant scenario, compared in a table at the end. */
export interface ComparisonRun {
  readonly label: string;
  /** Applied over the lesson's scenario input. */
  readonly patch: ScenarioInput;
}

/** What pages that list or link lessons show of one (kept in `lesson-catalog.ts`). */
export interface LessonMeta {
  /** URL id: `#/lessons/<id>`. */
  readonly id: string;
  readonly title: string;
  readonly section: SyllabusSection;
  /** One or two sentences shown on the index card. */
  readonly summary: string;
}

export interface LessonDefinition extends LessonMeta {
  /** Shown above the player: the set-up and what to watch. */
  readonly intro: string;
  /** The tiny seeded scenario (applied over the defaults, validated by parseScenario). */
  readonly scenario: ScenarioInput;
  /** Keys whose cache/DB state is shown beside the lanes. */
  readonly keys: readonly number[];
  /** Which trace events become steps (default: all). */
  readonly show?: (event: TraceEvent) => boolean;
  /** Stop recording steps after this simulated time (default: the scenario's end). */
  readonly untilMs?: number;
  readonly beats: readonly Beat[];
  readonly predictions?: readonly Prediction[];
  readonly facts?: readonly LessonFact[];
  readonly comparisons?: readonly ComparisonRun[];
  /** Counters shown in the comparison table (default: hits, misses, evictions, DB reads, errors). */
  readonly comparisonColumns?: readonly (keyof Counts)[];
  /** An extra column computed from each comparison run's trace (the runs are then traced). */
  readonly comparisonMeasure?: {
    readonly label: string;
    readonly measure: (run: RunMeasures) => number;
    /**
     * What the measure reads: the trace (the default; runs are traced, fine for small runs) or
     * only the metric windows (runs at production scale, too long to trace).
     */
    readonly reads?: 'trace' | 'windows';
  };
  /** Caption of the comparison table, when its runs are not simply the lesson's traffic. */
  readonly comparisonCaption?: string;
  /**
   * Add Belady's OPT as the comparison table's last row: the most hits any policy could get on
   * these very requests (it knows the future). The trace runner computes it on the exact key
   * sequence of the lesson's run, so the scenario must be one whose hit counts the runner matches
   * (see `traceComparableProblem` in sim/trace/scenario-trace.ts).
   */
  readonly optCeiling?: boolean;
  /** Shown at the last step: the rule to remember. */
  readonly takeaway: string;
  /** Opens this lesson's idea at full scale in the Playground. */
  readonly playground: { readonly presetId: string | null; readonly patch?: ScenarioInput };
  /** Extra link shown with the lesson (e.g. the Why-cache calculator). */
  readonly link?: { readonly href: string; readonly label: string };
  /** Lane labels by actor id, when the defaults ('app:0' -> 'App 1') do not read well. */
  readonly laneLabels?: Readonly<Record<string, string>>;
}

/** Cache and DB state of one key after a step. */
export interface KeyState {
  readonly key: number;
  readonly dbVersion: number;
  readonly cache: { readonly version: number; readonly ttlLeftMs: number | null } | null;
}

/** One step of a lesson: a trace event, the state after it, and its narration. */
export interface LessonStep {
  readonly event: TraceEvent;
  /**
   * Which try of its request this event is: 1 the first time a request does this kind of thing
   * (e.g. its first cache lookup), 2 and more when the same request does it again (a lock waiter
   * looking in the cache again is a retry, not a new request). Always 1 for events of no request.
   */
  readonly attempt: number;
  readonly keys: readonly KeyState[];
  readonly totals: Totals;
  /** The beat narrating this step, if any. */
  readonly beat: Beat | null;
}

/** The steps of a lesson, as the player shows them (no functions: it crosses a worker boundary). */
export interface LessonSteps {
  readonly steps: readonly LessonStep[];
  /** Step index of each beat, by beat id (missing when the beat matched nothing). */
  readonly beatStep: ReadonlyMap<string, number>;
  /** Human-readable problems (a beat that no longer matches its trace event). */
  readonly problems: readonly string[];
}

/**
 * The steps with what the player reads from the run: each prediction's measured number and each
 * end fact's text, in the order the lesson lists them.
 */
export interface LessonStepsView extends LessonSteps {
  readonly predictionValues: readonly number[];
  readonly factValues: readonly string[];
}

/** A lesson's own scenario replayed: its steps and everything the run measured. */
export interface LessonStepsRun extends LessonSteps {
  readonly measures: RunMeasures;
}

/** The end-of-lesson comparison: each variant run to its end, and OPT when asked for. */
export interface LessonComparisons {
  readonly comparisons: readonly {
    readonly label: string;
    readonly totals: Totals;
    /** The lesson's `comparisonMeasure` for this run, when it has one. */
    readonly measured: number | null;
  }[];
  /** OPT on the run's key sequence, when the lesson asks for it (`optCeiling`). */
  readonly ceiling?: PolicyRunResult | null;
}

/** A lesson replayed through the engine. */
export type LessonRun = LessonStepsRun & LessonComparisons;
