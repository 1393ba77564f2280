import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { replaceSearch, useRoute } from '../../../app/hash-router';
import { formatMs, formatPct } from '../../../ui/format';
import { useClicker } from '../../embed/presenter';
import { topicLessonLink } from '../lesson-links';
import {
  isComplete,
  playgroundHref,
  QUESTIONS,
  recommend,
  RED_FLAGS,
  type QuestionId,
  type RedFlagId,
  type WizardAnswers,
} from './wizard-model';

type Partial6 = Partial<Record<QuestionId, string>>;

function answersFromSearch(search: string): { answers: Partial6; flags: RedFlagId[] } {
  const params = new URLSearchParams(search);
  const answers: Partial6 = {};
  for (const q of QUESTIONS) {
    const v = params.get(q.id);
    if (v !== null && q.options.some((o) => o.value === v)) answers[q.id] = v;
  }
  const flags = (params.get('flags') ?? '')
    .split(',')
    .flatMap((f) => RED_FLAGS.filter((r) => r.id === f).map((r) => r.id));
  return { answers, flags };
}

const FLAGS_STEP = QUESTIONS.length;
const RESULT_STEP = QUESTIONS.length + 1;

/** The decision wizard: six questions, an optional red-flag checklist, a recommendation. */
export function WizardPage() {
  const route = useRoute();
  const initial = useMemo(() => answersFromSearch(route.search), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [answers, setAnswers] = useState<Partial6>(initial.answers);
  const [flags, setFlags] = useState<RedFlagId[]>(initial.flags);
  const [step, setStep] = useState(() =>
    isComplete(initial.answers as Partial<WizardAnswers>) ? RESULT_STEP : 0,
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const search = useMemo(() => {
    const p = new URLSearchParams();
    for (const q of QUESTIONS) {
      const v = answers[q.id];
      if (v !== undefined) p.set(q.id, v);
    }
    if (flags.length > 0) p.set('flags', flags.join(','));
    return p.toString();
  }, [answers, flags]);
  useEffect(() => {
    replaceSearch(search);
  }, [search]);

  // Move focus to the new step's heading so keyboard and screen-reader users follow along.
  useEffect(() => {
    if (moved.current) headingRef.current?.focus();
    moved.current = true;
  }, [step]);

  const complete = isComplete(answers as Partial<WizardAnswers>);
  const canNext =
    step < FLAGS_STEP
      ? answers[QUESTIONS[step]?.id ?? 'reads'] !== undefined
      : step === FLAGS_STEP && complete;
  const next = useCallback(() => {
    if (canNext) setStep((s) => Math.min(RESULT_STEP, s + 1));
  }, [canNext]);
  const back = useCallback(() => {
    setStep((s) => Math.max(0, s - 1));
  }, []);
  useClicker(
    useCallback(
      (dir) => {
        if (dir === 'next') next();
        else back();
      },
      [next, back],
    ),
  );

  const question = step < FLAGS_STEP ? QUESTIONS[step] : undefined;

  return (
    <article className="page wizard">
      <header className="page-header">
        <p className="breadcrumb">
          <a href="#/study">Study</a> /
        </p>
        <h1>Decision wizard</h1>
        <p className="lede">
          Should this data be cached, and how? Answer six questions about it; each answer narrows
          the design, and the result opens as a runnable setup.
        </p>
      </header>
      <ol className="wizard-progress" aria-label="Progress">
        {QUESTIONS.map((q, i) => (
          <li
            key={q.id}
            aria-current={i === step ? 'step' : undefined}
            className={answers[q.id] ? 'done' : undefined}
          >
            <span className="visually-hidden">Question {i + 1}: </span>
            {i + 1}
          </li>
        ))}
      </ol>

      {question ? (
        <section className="panel wizard-step" aria-labelledby="wizard-step-title">
          <p className="wizard-count">
            Question {step + 1} of {QUESTIONS.length}
          </p>
          <fieldset className="field radio-cards">
            <legend>
              <h2 id="wizard-step-title" ref={headingRef} tabIndex={-1}>
                {question.title}
              </h2>
            </legend>
            <p className="explain">{question.why}</p>
            {question.options.map((o) => (
              <label key={o.value} className="radio-card">
                <input
                  type="radio"
                  name={`wizard-${question.id}`}
                  value={o.value}
                  checked={answers[question.id] === o.value}
                  onChange={() => {
                    setAnswers((a) => ({ ...a, [question.id]: o.value }));
                  }}
                />
                <span>
                  <strong>{o.label}</strong>
                  <span className="radio-hint">{o.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="button" className="button" onClick={back} disabled={step === 0}>
              Back
            </button>
            <button type="button" className="button primary" onClick={next} disabled={!canNext}>
              Next
            </button>
          </div>
        </section>
      ) : null}

      {step === FLAGS_STEP ? (
        <section className="panel wizard-step" aria-labelledby="wizard-step-title">
          <fieldset className="field">
            <legend>
              <h2 id="wizard-step-title" ref={headingRef} tabIndex={-1}>
                Before you build: does any of this apply?
              </h2>
            </legend>
            <p className="explain">
              Tick anything that fits the data. Each one adds a warning; none is required.
            </p>
            {RED_FLAGS.map((f) => (
              <label key={f.id} className="check-row">
                <input
                  type="checkbox"
                  checked={flags.includes(f.id)}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setFlags((prev) => (on ? [...prev, f.id] : prev.filter((x) => x !== f.id)));
                  }}
                />{' '}
                {f.label}
              </label>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="button" className="button" onClick={back}>
              Back
            </button>
            <button type="button" className="button primary" onClick={next} disabled={!complete}>
              See the recommendation
            </button>
          </div>
        </section>
      ) : null}

      {step === RESULT_STEP && complete ? (
        <Result
          answers={answers as WizardAnswers}
          flags={flags}
          headingRef={headingRef}
          onRestart={() => {
            setAnswers({});
            setFlags([]);
            setStep(0);
          }}
          onBack={back}
        />
      ) : null}
    </article>
  );
}

function Result({
  answers,
  flags,
  headingRef,
  onRestart,
  onBack,
}: {
  readonly answers: WizardAnswers;
  readonly flags: readonly RedFlagId[];
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  readonly onRestart: () => void;
  readonly onBack: () => void;
}) {
  const r = recommend(answers, flags);
  const s = r.scenario;
  return (
    <section
      className="panel wizard-result"
      aria-labelledby="wizard-result-title"
      data-testid="wizard-result"
    >
      <h2 id="wizard-result-title" ref={headingRef} tabIndex={-1}>
        Recommendation
      </h2>
      <p className={`verdict verdict-${r.verdict}`} data-testid="wizard-headline">
        {r.headline}
      </p>
      <dl className="recommendation">
        <div>
          <dt>Pattern</dt>
          <dd data-testid="rec-pattern">
            <strong>{r.pattern.name}</strong>. {r.pattern.detail}
          </dd>
        </div>
        <div>
          <dt>Invalidation</dt>
          <dd data-testid="rec-invalidation">
            <strong>{r.invalidation.name}</strong>. {r.invalidation.detail}
          </dd>
        </div>
        <div>
          <dt>TTL</dt>
          <dd data-testid="rec-ttl">
            <strong>{r.ttl.range}</strong>, with jitter. {r.ttl.detail}
          </dd>
        </div>
        <div>
          <dt>Eviction</dt>
          <dd data-testid="rec-eviction">
            <strong>{r.eviction.policy}</strong>. {r.eviction.detail}
          </dd>
        </div>
        <div>
          <dt>Stampede tools</dt>
          <dd>
            <ul>
              {r.stampede.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      {r.warnings.length > 0 ? (
        <div className="notice" role="note" data-testid="rec-warnings">
          <div className="notice-body">
            <strong>Warnings</strong>
            <ul>
              {r.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <p className="explain">
        The setup opens in the Playground with {s.pattern.write} writes
        {s.pattern.eventInvalidation ? ', event-driven invalidation' : ''}, a TTL of{' '}
        {s.cache.ttlMs === null ? 'none' : formatMs(s.cache.ttlMs)} ±{s.cache.jitterPct}%,{' '}
        {s.cache.policy}, a {formatMs(s.db.readLatencyMs)} database,{' '}
        {formatPct(s.workload.writeFraction, 0)} writes and Zipf popularity shaped like your
        expected hit rate.
      </p>
      <div className="button-row">
        <a className="button primary" href={playgroundHref(s)}>
          Open this setup
        </a>
        <a className="button" href={topicLessonLink('decision').href}>
          Related lesson: {topicLessonLink('decision').title}
        </a>
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="button" onClick={onRestart}>
          Start over
        </button>
      </div>
    </section>
  );
}
