import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import { replaceSearch, routeHref, useRoute } from '../../app/hash-router';
import { useAppStore } from '../../store/app-store';
import type { Counts } from '../../sim/engine/engine-types';
import type { PolicyRunResult } from '../../sim/trace/trace-runner';
import { formatCount, formatMs, formatPct } from '../../ui/format';
import { Notice } from '../../ui/notice';
import { describeEvent } from './event-text';
import { KeyStatePanel, MetricsPanel } from './key-state-panel';
import { LaneDiagram } from './lane-diagram';
import { LessonHeader } from './lesson-header';
import { lanesFor } from './lesson-lanes';
import { lessonPlaybackMachine } from './lesson-playback.machine';
import { useBelowPinnedBar } from './pinned-bar';
import { lessonScenario, playgroundParams } from './lesson-scenario';
import type {
  LessonComparisons,
  LessonDefinition,
  LessonStepsView,
} from '../../content/lessons/lesson-types';
import { PredictionQuestion, PredictionReveal, type PredictionAnswer } from './prediction-card';
import { useComparison, useLessonRun, type ComparisonStore } from './use-lesson-run';

const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

/** matchMedia is missing in some embedded and test environments; treat that as "no preference". */
function motionQuery(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(REDUCED_MOTION_QUERY) : null;
}

function subscribeReducedMotion(onChange: () => void): () => void {
  const mq = motionQuery();
  mq?.addEventListener('change', onChange);
  return () => {
    mq?.removeEventListener('change', onChange);
  };
}

function useReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => motionQuery()?.matches ?? false,
    () => false,
  );
}

/**
 * One lesson: replayed through the engine once (in the lesson worker), then stepped through from
 * the URL's `step`. The steps arrive first; the end-of-lesson comparison follows while the user
 * steps.
 */
export function LessonPlayer(props: { readonly lesson: LessonDefinition }) {
  const { lesson } = props;
  const { steps, comparison } = useLessonRun(lesson);
  return (
    <article className="page lesson" data-lesson={lesson.id}>
      <LessonHeader lesson={lesson} />
      {steps.status === 'done' ? (
        <Stepper lesson={lesson} run={steps.view} comparison={comparison} />
      ) : steps.status === 'running' ? (
        <StepsLoading lesson={lesson} />
      ) : (
        <p className="field-error" role="alert" data-testid="lesson-error">
          This lesson could not be run: {steps.message}
        </p>
      )}
    </article>
  );
}

/** Simulated time a run covers, e.g. "30 s"; lesson scenarios are valid, so this does not throw. */
function simulatedSpan(lesson: LessonDefinition): string {
  return formatMs(lesson.untilMs ?? lessonScenario(lesson.scenario).durationMs);
}

/**
 * Shown while the lesson worker replays the lesson. It fades in after a moment (lessons.css), so
 * the common case, a lesson ready in a fraction of a second, does not flash it.
 */
function StepsLoading(props: { readonly lesson: LessonDefinition }) {
  return (
    <div className="panel lesson-loading" aria-live="polite" data-testid="lesson-loading">
      <label className="lesson-run-progress">
        Running the lesson: {simulatedSpan(props.lesson)} of simulated traffic through the engine,
        recording the steps to show…
        <progress />
      </label>
    </div>
  );
}

function clampStep(i: number, total: number): number {
  return Math.min(Math.max(i, 0), Math.max(total - 1, 0));
}

function Stepper(props: {
  readonly lesson: LessonDefinition;
  readonly run: LessonStepsView;
  readonly comparison: ComparisonStore;
}) {
  const { lesson, run, comparison } = props;
  const route = useRoute();
  const reducedMotion = useReducedMotion();
  const recordLessonStep = useAppStore((s) => s.recordLessonStep);
  const total = run.steps.length;
  const stepParam = new URLSearchParams(route.search).get('step');
  const parsed = stepParam === null ? Number.NaN : Number(stepParam);
  const index = clampStep(Number.isInteger(parsed) ? parsed - 1 : 0, total);
  const [answers, setAnswers] = useState<ReadonlyMap<number, PredictionAnswer>>(new Map());

  const lanes = useMemo(
    () =>
      lanesFor(
        run.steps.map((s) => s.event),
        lesson.laneLabels,
      ),
    [run, lesson.laneLabels],
  );
  const laneLabel = useMemo(() => {
    const byId = new Map(lanes.map((l) => [l.id, l.label]));
    return (actor: string) => byId.get(actor) ?? actor;
  }, [lanes]);

  const predictions = useMemo(
    () =>
      (lesson.predictions ?? []).map((p, i) => ({
        i,
        p,
        askAt: run.beatStep.get(p.beforeBeat),
        revealAt: run.beatStep.get(p.revealAtBeat),
        measured: run.predictionValues[i] ?? Number.NaN,
      })),
    [lesson.predictions, run],
  );
  const pendingAt = (i: number) => predictions.some((q) => q.askAt === i && !answers.has(q.i));

  // The URL is the source of truth for the step, so a reload or a shared link lands on it.
  const canonical = `step=${index + 1}`;
  useEffect(() => {
    if (route.search !== canonical) replaceSearch(canonical);
  }, [route.search, canonical]);

  useEffect(() => {
    if (total > 0) recordLessonStep(lesson.id, index + 1, total);
  }, [lesson.id, index, total, recordLessonStep]);

  const goTo = (i: number) => {
    replaceSearch(`step=${clampStep(i, total) + 1}`);
  };

  // Autoplay is a machine (lesson-playback.machine.ts): it hears every step the URL lands on and
  // moves the step through the URL too.
  const waiting = pendingAt(index);
  const playback = useActorRef(lessonPlaybackMachine, {
    input: { index, total, waiting },
  });
  const isPlaying = useSelector(playback, (s) => s.value === 'playing');
  useEffect(() => {
    playback.send({ type: 'lesson.sync', index, total, waiting });
  }, [playback, index, total, waiting]);
  useEffect(() => {
    const subscription = playback.on('lesson.goTo', (e) => {
      replaceSearch(`step=${clampStep(e.index, total) + 1}`);
    });
    return () => {
      subscription.unsubscribe();
    };
  }, [playback, total]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const target = e.target instanceof HTMLElement ? e.target : null;
    const tag = target?.tagName ?? '';
    // Form controls keep their own keys (the scrubber's arrows, radio choices, typing).
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(tag) || target?.isContentEditable === true) return;
    switch (e.key) {
      case 'ArrowRight':
      case 'PageDown': // presentation clickers send PageDown / PageUp
        goTo(index + 1);
        break;
      case 'ArrowLeft':
      case 'PageUp':
        goTo(index - 1);
        break;
      case 'Home':
        goTo(0);
        break;
      case 'End':
        goTo(total - 1);
        break;
      case ' ':
        // On a button or link, Space presses it.
        if (tag === 'BUTTON' || tag === 'A') return;
        playback.send({ type: 'lesson.toggle' });
        break;
      default:
        return;
    }
    e.preventDefault();
  };
  // The keys work anywhere on the lesson page, not only once the player has focus; the listener
  // is registered once and always calls the latest handler. The handler is swapped in a layout
  // effect, before the browser paints: with a passive effect a key pressed just after the steps
  // arrived ("Step 1 of 15" on screen) could still reach the handler that knew no steps, and End
  // went nowhere (seen on a loaded machine).
  const keyHandler = useRef(onKeyDown);
  useLayoutEffect(() => {
    keyHandler.current = onKeyDown;
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      keyHandler.current(e);
    };
    window.addEventListener('keydown', listener);
    return () => {
      window.removeEventListener('keydown', listener);
    };
  }, []);
  const nextRef = useRef<HTMLButtonElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const narrationRef = useRef<HTMLElement>(null);
  useBelowPinnedBar(barRef, narrationRef, index, reducedMotion);

  const step = run.steps[index];
  if (step === undefined) {
    return (
      <Notice>
        <p>The engine produced no steps for this lesson.</p>
      </Notice>
    );
  }
  const narration = step.beat?.text ?? describeEvent(step.event, laneLabel, step.attempt);
  const from = laneLabel(step.event.actor);
  const to = step.event.to === null ? null : laneLabel(step.event.to);
  const where = to === null || to === from ? from : `${from} → ${to}`;
  const announcement = `Step ${index + 1} of ${total}, ${where}: ${narration}`;
  const atEnd = index === total - 1;
  const final = run.steps[total - 1]?.totals ?? step.totals;

  return (
    <section className="lesson-player" aria-label="Lesson player">
      {run.problems.length > 0 ? (
        <Notice>
          <p>
            Parts of this lesson&apos;s narration no longer match what the engine does, so they are
            shown as plain descriptions:
          </p>
          <ul>
            {run.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <div className="player-controls" role="group" aria-label="Playback" ref={barRef}>
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => {
              playback.send({ type: 'lesson.restart' });
            }}
          >
            Restart
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              goTo(index - 1);
            }}
            disabled={index === 0}
          >
            Back
          </button>
          <button
            type="button"
            className="button primary play-button"
            aria-pressed={isPlaying}
            onClick={() => {
              playback.send({ type: 'lesson.toggle' });
            }}
          >
            {isPlaying ? 'Pause' : 'Play'}
          </button>
          <button
            type="button"
            className="button"
            ref={nextRef}
            onClick={() => {
              goTo(index + 1);
            }}
            disabled={atEnd}
          >
            Next
          </button>
        </div>
        <label className="scrubber">
          <span className="scrubber-label">
            Step <span data-testid="step-number">{index + 1}</span> of{' '}
            <span data-testid="step-total">{total}</span>
          </span>
          <input
            type="range"
            min={1}
            max={total}
            value={index + 1}
            aria-valuetext={`Step ${index + 1} of ${total}`}
            onChange={(e) => {
              goTo(Number(e.target.value) - 1);
            }}
          />
        </label>
        <p className="keys-hint">
          Keys: ← → (or a clicker&apos;s Page Up/Down) step, Space play/pause, Home/End first/last.
        </p>
      </div>

      <p className="sr-only" aria-live="polite" data-testid="live-region">
        {announcement}
      </p>

      <div className="player-grid">
        <section className="panel narration" aria-labelledby="narration-h" ref={narrationRef}>
          <h2 id="narration-h">
            <span className="step-where">{where}</span>{' '}
            <span className="step-time">at {formatMs(step.event.tMs)}</span>
          </h2>
          <p className="narration-text" data-testid="narration">
            {narration}
          </p>
          {predictions
            .filter((q) => q.askAt === index)
            .map((q) => (
              <PredictionQuestion
                key={q.i}
                prediction={q.p}
                answer={answers.get(q.i)}
                onAnswer={(a) => {
                  setAnswers((prev) => new Map(prev).set(q.i, a));
                  // The form is replaced by the answer; keep keyboard focus on the way forward.
                  nextRef.current?.focus();
                }}
              />
            ))}
          {predictions
            .filter((q) => q.revealAt !== undefined && q.askAt !== undefined && index >= q.revealAt)
            .map((q) => (
              <PredictionReveal
                key={q.i}
                prediction={q.p}
                answer={answers.get(q.i)}
                measured={q.measured}
              />
            ))}
        </section>
        <div className="diagram-area">
          <LaneDiagram
            lanes={lanes}
            events={run.steps.map((s) => s.event)}
            attempts={run.steps.map((s) => s.attempt)}
            current={index}
            reducedMotion={reducedMotion}
            label={`Sequence diagram, step ${index + 1} of ${total}: ${where}.`}
          />
        </div>
        <div className="keys-area">
          <KeyStatePanel keys={step.keys} />
        </div>
        <div className="metrics-area">
          <MetricsPanel totals={step.totals} final={final} />
        </div>
      </div>

      {atEnd ? <LessonEnd lesson={lesson} run={run} comparison={comparison} /> : null}

      <p className="button-row lesson-links">
        <a className="button" href={routeHref('/playground', playgroundParams(lesson))}>
          Open in Playground (scaled up)
        </a>
        <a className="button" href="#/lessons">
          All lessons
        </a>
      </p>
    </section>
  );
}

function LessonEnd(props: {
  readonly lesson: LessonDefinition;
  readonly run: LessonStepsView;
  readonly comparison: ComparisonStore;
}) {
  const { lesson, run, comparison } = props;
  return (
    <section className="panel lesson-end" aria-labelledby="lesson-end-h">
      <h2 id="lesson-end-h">What to remember</h2>
      <p data-testid="takeaway">{lesson.takeaway}</p>
      {lesson.facts !== undefined && lesson.facts.length > 0 ? (
        <dl className="stat-grid">
          {lesson.facts.map((f, i) => (
            <div className="stat" key={f.testId}>
              <dt>{f.label}</dt>
              <dd data-testid={f.testId}>{run.factValues[i]}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {lesson.facts !== undefined && lesson.facts.length > 0 ? (
        <p className="field-hint">
          Counted as in “Counts so far”: each read once, as a hit or a miss when the cache answers
          it, however many times it looks again.
        </p>
      ) : null}
      <ComparisonSection lesson={lesson} comparison={comparison} />
    </section>
  );
}

const COLUMN_LABELS: Readonly<Record<keyof Counts, string>> = {
  requests: 'Requests',
  reads: 'Reads',
  writes: 'Writes',
  hits: 'Hits',
  misses: 'Misses',
  hitRatio: 'Hit ratio',
  dbReads: 'DB reads',
  dbWrites: 'DB writes',
  staleReads: 'Stale reads',
  maxStalenessMs: 'Longest staleness',
  lostWrites: 'Lost writes',
  evictions: 'Evictions',
  expirations: 'Expirations',
  errors: 'Errors',
  oomErrors: 'Refused SETs (OOM)',
  lockWaits: 'Lock waits',
  completed: 'Completed',
};

const DEFAULT_COLUMNS: readonly (keyof Counts)[] = [
  'hits',
  'misses',
  'evictions',
  'dbReads',
  'errors',
];

function formatColumn(key: keyof Counts, value: number): string {
  if (key === 'hitRatio') return formatPct(value);
  if (key === 'maxStalenessMs') return formatMs(value);
  return formatCount(value);
}

/** OPT's cell: what a trace run counts (hits, misses, reads and the ratio), else a dash. */
function ceilingCell(key: keyof Counts, opt: PolicyRunResult): string {
  if (key === 'hitRatio') return formatPct(opt.hitRatio);
  if (key === 'hits') return formatCount(opt.hits);
  if (key === 'misses') return formatCount(opt.requests - opt.hits);
  if (key === 'reads' || key === 'requests') return formatCount(opt.requests);
  return '—';
}

/** "allkeys-lru, allkeys-lfu and sieve" */
function listLabels(labels: readonly string[]): string {
  if (labels.length < 2) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
}

/** What the comparison stage computes, in words, e.g. for its loading state. */
function comparisonWork(lesson: LessonDefinition): string {
  const variants = lesson.comparisons ?? [];
  const spans = new Set(variants.map((c) => lessonScenario(lesson.scenario, c.patch).durationMs));
  const [span] = spans;
  const through =
    spans.size === 1 && span !== undefined ? ` through ${formatMs(span)} of simulated traffic` : '';
  const runs = `${listLabels(variants.map((c) => c.label))}, each run to the end${through}`;
  return lesson.optCeiling === true
    ? `${runs}, then OPT (Belady) on the lesson’s own requests`
    : runs;
}

/** The comparison table once its runs are done; until then what is being run, or why it failed. */
function ComparisonSection(props: {
  readonly lesson: LessonDefinition;
  readonly comparison: ComparisonStore;
}) {
  const { lesson } = props;
  const comparison = useComparison(props.comparison);
  const work = useMemo(() => comparisonWork(lesson), [lesson]);
  switch (comparison.status) {
    case 'none':
      return null;
    case 'running':
      return (
        <div aria-live="polite" data-testid="comparison-loading">
          <label className="lesson-run-progress">
            Running the comparison: {work}. {comparison.done} of {comparison.total} runs done.
            <progress max={comparison.total} value={comparison.done} />
          </label>
        </div>
      );
    case 'failed':
      return (
        <p className="field-error" role="alert" data-testid="comparison-error">
          The comparison could not be run: {comparison.message}. The steps above are not affected.
        </p>
      );
    case 'done':
      return comparison.result.comparisons.length > 0 ? (
        <ComparisonTable lesson={lesson} run={comparison.result} />
      ) : null;
  }
}

/** Variants of the lesson's scenario, each run to its end on the same seeded traffic. */
function ComparisonTable(props: {
  readonly lesson: LessonDefinition;
  readonly run: LessonComparisons;
}) {
  const columns = props.lesson.comparisonColumns ?? DEFAULT_COLUMNS;
  const extra = props.lesson.comparisonMeasure;
  const ceiling = props.run.ceiling ?? null;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Comparison table">
      <table className="compare-table" data-testid="comparison">
        <caption>
          {props.lesson.comparisonCaption ??
            'The same seeded traffic, run to the end with each setting'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            {extra !== undefined ? <th scope="col">{extra.label}</th> : null}
            {columns.map((c) => (
              <th scope="col" key={c}>
                {COLUMN_LABELS[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.run.comparisons.map((c) => (
            <tr key={c.label}>
              <th scope="row">{c.label}</th>
              {extra !== undefined ? <td>{formatCount(c.measured ?? Number.NaN)}</td> : null}
              {columns.map((col) => (
                <td key={col}>{formatColumn(col, c.totals[col])}</td>
              ))}
            </tr>
          ))}
          {ceiling !== null ? (
            <tr data-testid="comparison-opt">
              <th scope="row">opt (Belady, offline ceiling)</th>
              {extra !== undefined ? <td>—</td> : null}
              {columns.map((col) => (
                <td key={col}>{ceilingCell(col, ceiling)}</td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
      {ceiling !== null ? (
        <p className="muted" data-testid="comparison-opt-note">
          opt is not an engine run: the trace runner replays the {formatCount(ceiling.requests)}{' '}
          keys this scenario requested through Belady’s algorithm, which evicts the key needed
          farthest in the future. No real cache knows the future, so no policy can beat it.
        </p>
      ) : null}
    </div>
  );
}
