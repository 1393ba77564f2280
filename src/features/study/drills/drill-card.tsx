import { useId, useState } from 'react';
import { getPreset } from '../../../sim/scenario/presets';
import { formatNumber } from '../../../ui/format';
import { useAppStore } from '../../../store/app-store';
import { topicLessonLink } from '../lesson-links';
import { STUDY_TOPICS } from '../study-topics';
import {
  numericTolerance,
  scoreChoice,
  scoreExplain,
  scoreNumeric,
  suggestRubric,
  type DrillScore,
} from './drill-scoring';
import { measureDrill } from './drill-runner';
import type { ChoiceDrill, Drill, ExplainDrill, NumericDrill } from './drill-types';

/** Per-drill lesson preferences, where a specific lesson fits better than the topic's. */
const DRILL_LESSONS: Readonly<Record<string, string>> = {
  'evict-lfu-viral': 'lfu-viral',
  'evict-lru-vs-lfu': 'lfu-viral',
  'evict-noeviction': 'noeviction',
  'evict-volatile-none': 'noeviction',
  'evict-samples': 'redis-sampled-lru',
  'evict-redis-sampled': 'redis-sampled-lru',
  'evict-lfu-counter': 'redis-sampled-lru',
  'inv-delete-not-update': 'delete-not-update',
  'aside-cache-down': 'cache-failure',
  'aside-cold': 'cache-failure',
  'write-behind-loss': 'write-behind',
  'write-behind-lost': 'write-behind',
  'write-through-profile': 'write-through',
  'write-through-two-writers': 'write-through-race',
  'write-through-race-fix': 'write-through-versioned',
  'write-through-versioned-staleness': 'write-through-versioned',
  'write-around-fit': 'write-around',
};

const KIND_LABEL = {
  choice: 'Multiple choice',
  numeric: 'Predict the number',
  explain: 'Explain it',
} as const;

export interface DrillCardProps {
  readonly drill: Drill;
  /** Called once when the answer has been scored. */
  readonly onScored?: (score: DrillScore) => void;
  /** Heading level of the prompt (2 on the practice page, 3 inside a mock interview). */
  readonly headingLevel?: 2 | 3;
}

/** One drill: the prompt, an answer control per kind, then the score, explanation and lesson link. */
export function DrillCard(props: DrillCardProps) {
  const { drill } = props;
  const record = useAppStore((s) => s.recordDrill);
  const [result, setResult] = useState<DrillScore | null>(null);
  const headingId = useId();
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const done = (score: DrillScore) => {
    setResult(score);
    record(drill.id, score.score);
    props.onScored?.(score);
  };
  const lesson = topicLessonLink(drill.topic, DRILL_LESSONS[drill.id]);
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
        <ChoiceAnswer drill={drill} locked={result !== null} onScore={done} />
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
          <p>
            <a href={lesson.href}>Lesson: {lesson.title}</a>
          </p>
        </div>
      ) : null}
    </section>
  );
}

function ChoiceAnswer(props: {
  readonly drill: ChoiceDrill;
  readonly locked: boolean;
  readonly onScore: (s: DrillScore) => void;
}) {
  const [chosen, setChosen] = useState<number | null>(null);
  const name = useId();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== null) props.onScore(scoreChoice(props.drill, chosen));
      }}
    >
      <fieldset className="field choice-list" disabled={props.locked}>
        <legend className="visually-hidden">Choose one answer</legend>
        {props.drill.options.map((o, i) => (
          <label
            key={o}
            className={`radio-card${props.locked && i === props.drill.answer ? ' is-answer' : ''}${props.locked && i === chosen && i !== props.drill.answer ? ' is-chosen-wrong' : ''}`}
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
              {props.locked && i === props.drill.answer ? (
                <strong className="answer-mark"> (answer)</strong>
              ) : null}
            </span>
          </label>
        ))}
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
  readonly onScore: (s: DrillScore) => void;
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
            props.onScore(scoreNumeric(drill, guess, measured));
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
  readonly onScore: (s: DrillScore) => void;
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
                props.onScore(scoreExplain(drill, ticks));
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
