/**
 * Replays a lesson through the engine: steps one engine event at a time with tracing on, records
 * the shown trace events with the cache/DB state and totals after each, then aligns the lesson's
 * narration beats to the events they name. Pure apart from the engine factory it is given, so the
 * same code runs in the browser (in the lesson worker, `lesson.worker.ts`) and in tests.
 *
 * Two stages, so the player can show the steps while the end-of-lesson comparison still runs:
 * `runLessonSteps` (the step-through run) and `runLessonComparisons` (the variant runs and OPT).
 * `runLesson` is both, the one result the tests and the golden hashes read.
 */
import type { Engine, EngineOptions, Totals, TraceEvent } from '../../sim/engine/engine-types';
import type { Scenario } from '../../sim/scenario/scenario-schema';
import { runPoliciesOnScenario } from '../../sim/trace/scenario-trace';
import { comparisonRunCount, lessonScenario } from './lesson-scenario';
import type {
  Beat,
  EventMatch,
  KeyState,
  LessonDefinition,
  LessonComparisons,
  LessonRun,
  LessonStep,
  LessonStepsRun,
  LessonStepsView,
} from '../../content/lessons/lesson-types';

export type CreateEngine = (scenario: Scenario, options: EngineOptions) => Engine;

/** Safety cap on engine events per lesson: lessons are tiny; a runaway scenario must not hang the tab. */
export const MAX_ENGINE_EVENTS = 50_000;
/** Cap on shown steps: more than this is not a lesson anyone steps through. */
export const MAX_STEPS = 400;

/** True when `event` has every field `match` names. */
export function matchesEvent(event: TraceEvent, match: EventMatch): boolean {
  if (event.type !== match.type) return false;
  if (match.actor !== undefined && event.actor !== match.actor) return false;
  if (match.to !== undefined && event.to !== match.to) return false;
  if (match.key !== undefined && event.key !== match.key) return false;
  if (match.version !== undefined && event.version !== match.version) return false;
  if (match.outcome !== undefined && event.outcome !== match.outcome) return false;
  if (match.state !== undefined && event.state !== match.state) return false;
  if (match.detailIncludes !== undefined && !(event.detail ?? '').includes(match.detailIncludes)) {
    return false;
  }
  return true;
}

export function describeMatch(match: EventMatch): string {
  const parts: string[] = [`type ${match.type}`];
  if (match.actor !== undefined) parts.push(`actor ${match.actor}`);
  if (match.to !== undefined) parts.push(`to ${String(match.to)}`);
  if (match.key !== undefined) parts.push(`key ${String(match.key)}`);
  if (match.version !== undefined) parts.push(`version ${String(match.version)}`);
  if (match.outcome !== undefined) parts.push(`outcome ${match.outcome}`);
  if (match.state !== undefined) parts.push(`state ${match.state}`);
  if (match.detailIncludes !== undefined) parts.push(`detail containing "${match.detailIncludes}"`);
  if (match.nth !== undefined && match.nth > 1) parts.push(`occurrence ${match.nth}`);
  return parts.join(', ');
}

/**
 * Attach each beat to the first matching step after the previous beat's step. Beats are in story
 * order, so a beat that matches nothing (the engine changed) is reported, never guessed at.
 */
export function alignBeats(
  events: readonly TraceEvent[],
  beats: readonly Beat[],
): { beatStep: Map<string, number>; problems: string[] } {
  const beatStep = new Map<string, number>();
  const problems: string[] = [];
  let from = 0;
  for (const beat of beats) {
    let need = beat.match.nth ?? 1;
    let found = -1;
    for (let i = from; i < events.length; i++) {
      const event = events[i];
      if (event !== undefined && matchesEvent(event, beat.match) && --need === 0) {
        found = i;
        break;
      }
    }
    if (found === -1) {
      problems.push(
        `Narration "${beat.id}" expects an event with ${describeMatch(beat.match)} after step ${from}, but the engine's trace has none.`,
      );
      continue;
    }
    beatStep.set(beat.id, found);
    from = found + 1;
  }
  return { beatStep, problems };
}

function snapshotTotals(c: Totals): Totals {
  return { ...c, latencyMs: { ...c.latencyMs } };
}

/**
 * Run a variant to its end. Traced only when a trace-based measure needs it; a measure that reads
 * metric windows runs untraced, so a comparison can run at production scale.
 */
function runComparison(
  create: CreateEngine,
  scenario: Scenario,
  keys: readonly number[],
  measure: LessonDefinition['comparisonMeasure'],
): { totals: Totals; measured: number | null } {
  const traced = measure !== undefined && measure.reads !== 'windows';
  const engine = create(scenario, { trace: traced });
  engine.runUntil(scenario.durationMs);
  const totals = snapshotTotals(engine.totals());
  if (measure === undefined) return { totals, measured: null };
  const trace = traced ? engine.drainTrace() : [];
  const windows = engine.drainWindows();
  return {
    totals,
    measured: measure.measure({ totals, trace, keys: engine.inspectKeys(keys), windows }),
  };
}

/** Key of "this request doing this kind of thing", for counting retries. */
function attemptKey(e: TraceEvent): string | null {
  return e.requestId === null ? null : `${e.requestId}|${e.type}`;
}

/** Replay a lesson through the engine: its steps, then its comparison runs. */
export function runLesson(lesson: LessonDefinition, create: CreateEngine): LessonRun {
  return { ...runLessonSteps(lesson, create), ...runLessonComparisons(lesson, create) };
}

/** Replay the lesson's own scenario, recording the steps to show and what the run measured. */
export function runLessonSteps(lesson: LessonDefinition, create: CreateEngine): LessonStepsRun {
  const scenario = lessonScenario(lesson.scenario);
  const engine = create(scenario, { trace: true });
  const untilMs = lesson.untilMs ?? scenario.durationMs;
  const show = lesson.show ?? (() => true);
  const trace: TraceEvent[] = [];
  type Raw = { event: TraceEvent; keys: readonly KeyState[]; totals: Totals; attempt: number };
  const raw: Raw[] = [];
  /** Arrivals not shown by the lesson's filter, kept in case a later step of theirs is. */
  const hiddenStarts = new Map<number, Raw>();
  const attempts = new Map<string, number>();
  let finalKeys: readonly KeyState[] = engine.inspectKeys(lesson.keys);
  let finalTotals = snapshotTotals(engine.totals());

  let stop = false;
  for (let n = 0; n < MAX_ENGINE_EVENTS && !engine.done && !stop; n++) {
    engine.stepEvent();
    // Drain rather than use stepEvent's return value: the drain also yields events recorded
    // while the engine was being built (e.g. the warm-up job at time 0).
    const produced = engine.drainTrace();
    if (produced.length === 0) continue;
    const keys = engine.inspectKeys(lesson.keys);
    const totals = snapshotTotals(engine.totals());
    for (const event of produced) {
      if (event.tMs > untilMs) {
        stop = true;
        break;
      }
      trace.push(event);
      finalKeys = keys;
      finalTotals = totals;
      const ak = attemptKey(event);
      const attempt = ak === null ? 1 : (attempts.get(ak) ?? 0) + 1;
      if (ak !== null) attempts.set(ak, attempt);
      const row = { event, keys, totals, attempt };
      if (show(event)) raw.push(row);
      else if (event.type === 'request.start' && event.requestId !== null) {
        hiddenStarts.set(event.requestId, row);
      }
      if (raw.length >= MAX_STEPS) {
        stop = true;
        break;
      }
    }
  }
  // Every shown step of a request is preceded by that request's arrival from the client, so each
  // lesson has a Client lane and a retry is visibly the same request, not a new one.
  const arrivals = new Set<Raw>();
  for (const r of raw) {
    const start = r.event.requestId === null ? undefined : hiddenStarts.get(r.event.requestId);
    if (start !== undefined) arrivals.add(start);
  }
  if (arrivals.size > 0) {
    raw.push(...arrivals);
    raw.sort((a, b) => a.event.seq - b.event.seq);
    raw.splice(MAX_STEPS);
  }

  const { beatStep, problems } = alignBeats(
    raw.map((r) => r.event),
    lesson.beats,
  );
  const beatAt = new Map<number, Beat>();
  for (const beat of lesson.beats) {
    const at = beatStep.get(beat.id);
    if (at !== undefined) beatAt.set(at, beat);
  }
  const steps: LessonStep[] = raw.map((r, i) => ({ ...r, beat: beatAt.get(i) ?? null }));
  if (steps.length === 0) problems.push('The engine produced no steps for this lesson.');
  for (const p of lesson.predictions ?? []) {
    for (const id of [p.beforeBeat, p.revealAtBeat]) {
      if (!lesson.beats.some((b) => b.id === id)) {
        problems.push(`A prediction refers to unknown narration "${id}".`);
      }
    }
  }

  return {
    steps,
    beatStep,
    problems,
    measures: { totals: finalTotals, trace, keys: finalKeys, windows: engine.drainWindows() },
  };
}

/**
 * What the player shows of a steps run: the steps, and each prediction's number and each end
 * fact's text read from the run's measures. Plain data (the lesson's readers are functions and
 * the whole trace is large), so it is what the lesson worker posts to the page.
 */
export function viewLessonSteps(lesson: LessonDefinition, run: LessonStepsRun): LessonStepsView {
  return {
    steps: run.steps,
    beatStep: run.beatStep,
    problems: run.problems,
    predictionValues: (lesson.predictions ?? []).map((p) => p.measure(run.measures)),
    factValues: (lesson.facts ?? []).map((f) => f.value(run.measures)),
  };
}

/**
 * Run each variant of the lesson's scenario to its end (and OPT on the lesson's own requests when
 * it asks for the ceiling). `onRunDone(done, total)` is called after each run, for progress.
 */
export function runLessonComparisons(
  lesson: LessonDefinition,
  create: CreateEngine,
  onRunDone?: (done: number, total: number) => void,
): LessonComparisons {
  const total = comparisonRunCount(lesson);
  let done = 0;
  const comparisons = (lesson.comparisons ?? []).map((c) => {
    const row = {
      label: c.label,
      ...runComparison(
        create,
        lessonScenario(lesson.scenario, c.patch),
        lesson.keys,
        lesson.comparisonMeasure,
      ),
    };
    onRunDone?.(++done, total);
    return row;
  });
  if (lesson.optCeiling !== true) return { comparisons };
  // Only lessons that ask for it carry the key, so other lessons' runs read as before.
  const ceiling = runPoliciesOnScenario(lessonScenario(lesson.scenario), ['opt']).results[0];
  onRunDone?.(++done, total);
  return { comparisons, ceiling: ceiling ?? null };
}

/** Count trace events of a type (optionally only for one key). */
export function countEvents(
  trace: readonly TraceEvent[],
  type: string,
  filter?: (e: TraceEvent) => boolean,
): number {
  let n = 0;
  for (const e of trace) if (e.type === type && (filter === undefined || filter(e))) n++;
  return n;
}
