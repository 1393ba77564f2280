import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../../store/app-store';
import { STUDY_TOPICS, type StudyTopicId } from '../study-topics';
import { DRILLS } from './drill-bank';
import { DrillCard, type DrillAnswer } from './drill-card';
import { drillLessonLink } from './drill-lessons';
import { pickMockSet } from './drill-scoring';
import type { Drill } from './drill-types';
import { MockReview } from './mock-review';

const LENGTHS = [
  { count: 5, minutes: 8 },
  { count: 8, minutes: 12 },
  { count: 12, minutes: 20 },
] as const;

interface Session {
  readonly drills: readonly Drill[];
  readonly endsAt: number;
  readonly minutes: number;
}

function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * A timed mock interview: a handful of drills (weak topics first), one after another, against a
 * wall clock. Unanswered questions score zero when time runs out.
 */
export function MockInterview() {
  const progress = useAppStore((s) => s.drillProgress);
  const recordMock = useAppStore((s) => s.recordMockInterview);
  const [length, setLength] = useState(1);
  const [session, setSession] = useState<Session | null>(null);
  const [current, setCurrent] = useState(0);
  const [scores, setScores] = useState<readonly (number | null)[]>([]);
  const [answers, setAnswers] = useState<readonly (DrillAnswer | null)[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const [finished, setFinished] = useState(false);
  const recorded = useRef(false);

  useEffect(() => {
    if (!session || finished) return;
    const t = setInterval(() => {
      setNow(Date.now());
    }, 500);
    return () => {
      clearInterval(t);
    };
  }, [session, finished]);

  const timeLeft = session ? session.endsAt - now : 0;
  const timeUp = session !== null && timeLeft <= 0;
  const over = finished || timeUp;

  useEffect(() => {
    if (!session || !over || recorded.current) return;
    recorded.current = true;
    recordMock(
      scores.reduce<number>((a, s) => a + (s ?? 0), 0),
      session.drills.length,
    );
  }, [over, session, scores, recordMock]);

  if (!session) {
    const choice = LENGTHS[length] ?? LENGTHS[1];
    return (
      <section className="panel" aria-labelledby="mock-title">
        <h2 id="mock-title">Timed mock interview</h2>
        <p>
          Questions from weak topics come first, then ones you have not tried. Answer each before
          the clock runs out; unanswered questions score zero. The clock is a guide, like a real
          interview.
        </p>
        <fieldset className="field radio-group">
          <legend>Length</legend>
          {LENGTHS.map((l, i) => (
            <label key={l.count}>
              <input
                type="radio"
                name="mock-length"
                checked={length === i}
                onChange={() => {
                  setLength(i);
                }}
              />{' '}
              {l.count} questions in {l.minutes} minutes
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          className="button primary"
          onClick={() => {
            const drills = pickMockSet(DRILLS, progress, choice.count, Math.random);
            const start = Date.now();
            recorded.current = false;
            setNow(start);
            setScores(drills.map(() => null));
            setAnswers(drills.map(() => null));
            setCurrent(0);
            setFinished(false);
            setSession({
              drills,
              endsAt: start + choice.minutes * 60_000,
              minutes: choice.minutes,
            });
          }}
        >
          Start the mock interview
        </button>
      </section>
    );
  }

  if (over) {
    const total = scores.reduce<number>((a, s) => a + (s ?? 0), 0);
    const byTopic = new Map<StudyTopicId, { score: number; n: number }>();
    session.drills.forEach((d, i) => {
      const e = byTopic.get(d.topic) ?? { score: 0, n: 0 };
      byTopic.set(d.topic, { score: e.score + (scores[i] ?? 0), n: e.n + 1 });
    });
    return (
      <section className="panel" aria-labelledby="mock-result" data-testid="mock-result">
        <h2 id="mock-result">Mock interview {timeUp && !finished ? '— time is up' : 'finished'}</h2>
        <p className="verdict">
          Score: <strong>{Math.round(total * 10) / 10}</strong> of {session.drills.length} (
          {scores.filter((s) => s === null).length} unanswered).
        </p>
        <ul>
          {[...byTopic.entries()].map(([topic, v]) => {
            const drill = session.drills.find((d) => d.topic === topic);
            const lesson = drill === undefined ? null : drillLessonLink(drill);
            return (
              <li key={topic}>
                {STUDY_TOPICS[topic].title}: {Math.round(v.score * 10) / 10} of {v.n}
                {lesson !== null && v.score < v.n ? (
                  <>
                    {' '}
                    — <a href={lesson.href}>lesson: {lesson.title}</a>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
        <MockReview
          items={session.drills.map((drill, i) => ({
            drill,
            answer: answers[i] ?? null,
            score: scores[i] ?? null,
          }))}
        />
        <button
          type="button"
          className="button primary"
          onClick={() => {
            setSession(null);
          }}
        >
          Another mock interview
        </button>
      </section>
    );
  }

  const drill = session.drills[current];
  return (
    <section className="mock" aria-labelledby="mock-running">
      <div className="mock-bar panel">
        <h2 id="mock-running">
          Mock interview: question {current + 1} of {session.drills.length}
        </h2>
        <p className={`mock-clock${timeLeft < 60_000 ? ' is-low' : ''}`}>
          <span className="visually-hidden">Time left: </span>
          <span aria-hidden="true">⏱ </span>
          {formatClock(timeLeft)}
        </p>
      </div>
      {drill ? (
        <DrillCard
          key={`${drill.id}-${current}`}
          drill={drill}
          headingLevel={3}
          onScored={(s, answer) => {
            setScores((prev) => prev.map((x, i) => (i === current ? s.score : x)));
            setAnswers((prev) => prev.map((x, i) => (i === current ? answer : x)));
          }}
        />
      ) : null}
      <div className="button-row">
        {current + 1 < session.drills.length ? (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setCurrent((c) => c + 1);
            }}
          >
            {scores[current] === null ? 'Skip to the next question' : 'Next question'}
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          onClick={() => {
            setFinished(true);
          }}
        >
          Finish now
        </button>
      </div>
    </section>
  );
}
