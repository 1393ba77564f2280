import { useId, useMemo, useState } from 'react';
import { getPreset } from '../../../sim/scenario/presets';
import { formatNumber } from '../../../ui/format';
import { useAppStore } from '../../../store/app-store';
import { STUDY_TOPICS } from '../study-topics';
import {
  numericTolerance,
  scoreChoice,
  scoreExplain,
  scoreNumeric,
  suggestRubric,
  type DrillScore,
} from './drill-scoring';
import { drillLessonLink } from './drill-lessons';
import { optionOrder } from './drill-order';
import { measureDrill } from './drill-runner';
import type { ChoiceDrill, Drill, ExplainDrill, NumericDrill } from './drill-types';

/** What the learner answered, kept for the mock interview's review. */
export type DrillAnswer =
  | { readonly kind: 'choice'; /** Index in the drill's `options`. */ readonly choice: number }
  | { readonly kind: 'numeric'; readonly guess: number; readonly actual: number }
  | { readonly kind: 'explain'; readonly text: string; readonly ticked: readonly boolean[] };

const KIND_LABEL = {
  choice: 'Multiple choice',
  numeric: 'Predict the number',
  explain: 'Explain it',
} as const;

export interface DrillCardProps {
  readonly drill: Drill;
  /** Called once when the answer has been scored. */
  readonly onScored?: (score: DrillScore, answer: DrillAnswer) => void;
  /** Heading level of the prompt (2 on the practice page, 3 inside a mock interview). */
  readonly headingLevel?: 2 | 3;
  /** Offer "Try this question again" once answered (practice; not in a mock interview). */
  readonly retry?: boolean;
}

/**
 * One drill: the prompt, an answer control per kind, then the score, explanation and lesson link.
 * Each try is a fresh attempt: a multiple-choice drill shows its options in that attempt's order.
 */
export function DrillCard(props: DrillCardProps) {
  const [round, setRound] = useState(0);
  return (
    <DrillAttempt
      key={round}
      {...props}
      onRetry={
        props.retry === true
          ? () => {
              setRound((r) => r + 1);
            }
          : undefined
      }
    />
  );
}

function DrillAttempt(props: DrillCardProps & { readonly onRetry: (() => void) | undefined }) {
  const { drill } = props;
  const record = useAppStore((s) => s.recordDrill);
  const attemptsSoFar = useAppStore((s) => s.drillProgress.records[drill.id]?.attempts ?? 0);
  // This attempt's number is fixed when it starts: answering (which counts an attempt) must not
  // reshuffle the options under the learner's eyes.
  const [attempt] = useState(attemptsSoFar);
  // The answer given on the previous attempt, shown once this one is scored.
  const previousChoice = useAppStore((s) => s.drillProgress.records[drill.id]?.lastChoice);
  const [before] = useState(
    drill.kind === 'choice' && previousChoice !== undefined
      ? (drill.options[previousChoice] ?? null)
      : null,
  );
  const [result, setResult] = useState<DrillScore | null>(null);
  const headingId = useId();
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const done = (score: DrillScore, answer: DrillAnswer) => {
    setResult(score);
    record(drill.id, score.score, answer.kind === 'choice' ? answer.choice : undefined);
    props.onScored?.(score, answer);
  };
  const lesson = drillLessonLink(drill);
  return (
    <section
      className="panel drill-card"
      aria-labelledby={headingId}
      data-testid={`drill-${drill.id}`}
    >
      <p className="drill-meta">
        <span className="tag">{KIND_LABEL[drill.kind]}</span>{' '}
        <span className="tag">{STUDY_TOPICS[drill.topic].title}</span>
      </p>
      <Heading id={headingId} className="drill-prompt">
        {drill.prompt}
      </Heading>
      {drill.kind === 'choice' ? (
        <ChoiceAnswer drill={drill} attempt={attempt} locked={result !== null} onScore={done} />
      ) : null}
      {drill.kind === 'numeric' ? (
        <NumericAnswer drill={drill} locked={result !== null} onScore={done} />
      ) : null}
      {drill.kind === 'explain' ? (
        <ExplainAnswer drill={drill} locked={result !== null} onScore={done} />
      ) : null}
      {result ? (
        <div
          className={`drill-result ${result.correct ? 'is-correct' : result.score > 0 ? 'is-partial' : 'is-wrong'}`}
          role="status"
        >
          <p className="drill-score" data-testid="drill-score">
            <strong>
              {result.correct ? 'Correct' : result.score > 0 ? 'Partly right' : 'Not this time'} —
              score {Math.round(result.score * 100)}%
            </strong>
            . {result.verdict}
          </p>
          <p>{drill.explanation}</p>
          {before !== null ? (
            <p className="field-hint" data-testid="previous-answer">
              On your previous attempt you chose “{before}”.
            </p>
          ) : null}
          <p>
            <a href={lesson.href}>Lesson: {lesson.title}</a>
          </p>
          {props.onRetry !== undefined ? (
            <button type="button" className="button" onClick={props.onRetry}>
              Try this question again
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ChoiceAnswer(props: {
  readonly drill: ChoiceDrill;
  readonly attempt: number;
  readonly locked: boolean;
  readonly onScore: (s: DrillScore, answer: DrillAnswer) => void;
}) {
  const { drill } = props;
  /** Index in `drill.options` of the chosen option (not its position on screen). */
  const [chosen, setChosen] = useState<number | null>(null);
  const order = useMemo(
    () => optionOrder(drill.id, props.attempt, drill.options.length),
    [drill.id, drill.options.length, props.attempt],
  );
  const name = useId();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== null)
          props.onScore(scoreChoice(drill, chosen), { kind: 'choice', choice: chosen });
      }}
    >
      <fieldset className="field choice-list" disabled={props.locked} data-testid="choice-options">
        <legend className="visually-hidden">Choose one answer</legend>
        {order.map((i) => {
          const o = drill.options[i] ?? '';
          const isAnswer = props.locked && i === drill.answer;
          return (
            <label
              key={o}
              className={`radio-card${isAnswer ? ' is-answer' : ''}${props.locked && i === chosen && i !== drill.answer ? ' is-chosen-wrong' : ''}`}
            >
              <input
                type="radio"
                name={name}
                checked={chosen === i}
                onChange={() => {
                  setChosen(i);
                }}
              />
              <span>
                {o}
                {isAnswer ? <strong className="answer-mark"> (answer)</strong> : null}
              </span>
            </label>
          );
        })}
      </fieldset>
      {!props.locked ? (
        <button type="submit" className="button primary" disabled={chosen === null}>
          Check answer
        </button>
      ) : null}
    </form>
  );
}

function NumericAnswer(props: {
  readonly drill: NumericDrill;
  readonly locked: boolean;
  readonly onScore: (s: DrillScore, answer: DrillAnswer) => void;
}) {
  const [raw, setRaw] = useState('');
  const [running, setRunning] = useState(false);
  const [actual, setActual] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const guess = raw.trim() === '' ? Number.NaN : Number(raw);
  const valid = Number.isFinite(guess);
  const { drill } = props;
  const checker = drill.trace === undefined ? 'the engine' : 'the trace runner';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid || running) return;
        setRunning(true);
        setError(null);
        measureDrill(drill).then(
          ({ actual: measured }) => {
            setRunning(false);
            setActual(measured);
            props.onScore(scoreNumeric(drill, guess, measured), {
              kind: 'numeric',
              guess,
              actual: measured,
            });
          },
          (err: unknown) => {
            setRunning(false);
            setError(err instanceof Error ? err.message : String(err));
          },
        );
      }}
    >
      <p className="field-hint">
        {drill.trace === undefined
          ? 'Checked by running the engine on '
          : `Checked by replaying ${drill.trace} through the trace runner`}
        {drill.runs.map((r, i) => (
          <span key={r.label}>
            {i > 0 ? ' and ' : ''}
            {r.presetId ? (
              <a href={`#/playground?preset=${r.presetId}`}>
                {getPreset(r.presetId)?.title ?? r.label}
              </a>
            ) : (
              r.label
            )}
            {r.patch ? ` (${r.label})` : ''}
          </span>
        ))}
        . Right within ±{formatNumber(drill.tolerance.abs)} {drill.unit}
        {drill.tolerance.rel > 0
          ? ` or ±${formatNumber(drill.tolerance.rel * 100, 0)}%, whichever is larger`
          : ''}
        .
      </p>
      <div className="field">
        <label htmlFor={id}>Your prediction</label>
        <div className="field-input">
          <input
            id={id}
            type="number"
            inputMode="decimal"
            step="any"
            value={raw}
            disabled={props.locked || running}
            onChange={(e) => {
              setRaw(e.target.value);
            }}
          />
          <span className="field-unit">{drill.unit}</span>
        </div>
      </div>
      {!props.locked ? (
        <button type="submit" className="button primary" disabled={!valid || running}>
          {running ? `Running ${checker}…` : `Check by running ${checker}`}
        </button>
      ) : null}
      {actual !== null ? (
        <p className="measured" data-testid="drill-measured">
          {drill.trace === undefined ? 'The engine' : 'The trace runner'} measured{' '}
          <strong>
            {formatNumber(actual, 2)} {drill.unit}
          </strong>{' '}
          (you said {formatNumber(guess, 2)}; tolerance ±
          {formatNumber(numericTolerance(drill, actual), 2)}).
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          The run failed: {error}
        </p>
      ) : null}
    </form>
  );
}

function ExplainAnswer(props: {
  readonly drill: ExplainDrill;
  readonly locked: boolean;
  readonly onScore: (s: DrillScore, answer: DrillAnswer) => void;
}) {
  const [text, setText] = useState('');
  const [revealed, setRevealed] = useState(false);
  const [ticks, setTicks] = useState<boolean[]>([]);
  const id = useId();
  const { drill } = props;
  return (
    <div>
      <div className="field">
        <label htmlFor={id}>Your answer (say it out loud, or type it)</label>
        <textarea
          id={id}
          rows={5}
          value={text}
          disabled={revealed}
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </div>
      {!revealed ? (
        <button
          type="button"
          className="button primary"
          onClick={() => {
            setTicks(suggestRubric(drill, text));
            setRevealed(true);
          }}
        >
          Show the model answer
        </button>
      ) : (
        <div className="model-answer">
          <p className="model-answer-title">
            <strong>Model answer</strong>
          </p>
          <p>{drill.modelAnswer}</p>
          <fieldset className="field rubric" disabled={props.locked}>
            <legend>Rubric: tick what your answer covered</legend>
            {text.trim() !== '' ? (
              <p className="field-hint">
                Ticks are suggested from your words; check each one honestly.
              </p>
            ) : null}
            {drill.rubric.map((point, i) => (
              <label key={point.text} className="check-row">
                <input
                  type="checkbox"
                  checked={ticks[i] === true}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setTicks((prev) =>
                      drill.rubric.map((_, j) => (j === i ? on : prev[j] === true)),
                    );
                  }}
                />{' '}
                {point.text}
              </label>
            ))}
          </fieldset>
          {!props.locked ? (
            <button
              type="button"
              className="button primary"
              onClick={() => {
                props.onScore(scoreExplain(drill, ticks), { kind: 'explain', text, ticked: ticks });
              }}
            >
              Score my answer
            </button>
          ) : null}
        </div>
      )}
    </div>
  );
}
