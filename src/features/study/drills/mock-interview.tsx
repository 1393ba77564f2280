import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useState } from 'react';
import { useAppStore } from '../../../store/app-store';
import { STUDY_TOPICS, type StudyTopicId } from '../study-topics';
import { DRILLS } from './drill-bank';
import { DrillCard } from './drill-card';
import { drillLessonLink } from './drill-lessons';
import { pickMockSet } from './drill-scoring';
import { MOCK_LENGTHS, mockInterviewMachine, mockTotal } from './mock-interview.machine';
import { MockReview } from './mock-review';

function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The countdown shown while the interview runs. It only displays: the time-up itself is the
 * machine's delay. Mounted with the running screen, so its wall clock starts fresh each interview.
 */
function MockClock(props: { readonly endsAtMs: number }) {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => {
      setNowMs(Date.now());
    }, 500);
    return () => {
      clearInterval(t);
    };
  }, []);
  const timeLeftMs = props.endsAtMs - nowMs;
  return (
    <p className={`mock-clock${timeLeftMs < 60_000 ? ' is-low' : ''}`}>
      <span className="visually-hidden">Time left: </span>
      <span aria-hidden="true">⏱ </span>
      {formatClock(timeLeftMs)}
    </p>
  );
}

/**
 * A timed mock interview: a handful of drills (weak topics first), one after another, against a
 * wall clock. Unanswered questions score zero when time runs out. The flow (choose, answer, time
 * up, review) is mock-interview.machine.ts; this component renders its state and sends it events.
 */
export function MockInterview() {
  const progress = useAppStore((s) => s.drillProgress);
  const recordMock = useAppStore((s) => s.recordMockInterview);
  const mock = useActorRef(mockInterviewMachine);
  const screen = useSelector(mock, (s) =>
    s.matches('running') ? 'running' : s.matches('review') ? 'review' : 'choosing',
  );
  const isAnswered = useSelector(mock, (s) => s.matches({ running: 'answered' }));
  const canGoNext = useSelector(mock, (s) => s.can({ type: 'mock.next' }));
  const length = useSelector(mock, (s) => s.context.length);
  const drills = useSelector(mock, (s) => s.context.drills);
  const current = useSelector(mock, (s) => s.context.current);
  const scores = useSelector(mock, (s) => s.context.scores);
  const answers = useSelector(mock, (s) => s.context.answers);
  const endsAtMs = useSelector(mock, (s) => s.context.endsAtMs);
  const timedOut = useSelector(mock, (s) => s.context.timedOut);

  useEffect(() => {
    const subscription = mock.on('mock.finished', (e) => {
      recordMock(e.score, e.total);
    });
    return () => {
      subscription.unsubscribe();
    };
  }, [mock, recordMock]);

  if (screen === 'choosing') {
    const choice = MOCK_LENGTHS[length] ?? MOCK_LENGTHS[1];
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
          {MOCK_LENGTHS.map((l, i) => (
            <label key={l.count}>
              <input
                type="radio"
                name="mock-length"
                checked={length === i}
                onChange={() => {
                  mock.send({ type: 'mock.choose', length: i });
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
            mock.send({
              type: 'mock.start',
              drills: pickMockSet(DRILLS, progress, choice.count, Math.random),
              nowMs: Date.now(),
            });
          }}
        >
          Start the mock interview
        </button>
      </section>
    );
  }

  if (screen === 'review') {
    const total = mockTotal(scores);
    const byTopic = new Map<StudyTopicId, { score: number; n: number }>();
    drills.forEach((d, i) => {
      const e = byTopic.get(d.topic) ?? { score: 0, n: 0 };
      byTopic.set(d.topic, { score: e.score + (scores[i] ?? 0), n: e.n + 1 });
    });
    return (
      <section className="panel" aria-labelledby="mock-result" data-testid="mock-result">
        <h2 id="mock-result">Mock interview {timedOut ? '— time is up' : 'finished'}</h2>
        <p className="verdict">
          Score: <strong>{Math.round(total * 10) / 10}</strong> of {drills.length} (
          {scores.filter((s) => s === null).length} unanswered).
        </p>
        <ul>
          {[...byTopic.entries()].map(([topic, v]) => {
            const drill = drills.find((d) => d.topic === topic);
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
          items={drills.map((drill, i) => ({
            drill,
            answer: answers[i] ?? null,
            score: scores[i] ?? null,
          }))}
        />
        <button
          type="button"
          className="button primary"
          onClick={() => {
            mock.send({ type: 'mock.again' });
          }}
        >
          Another mock interview
        </button>
      </section>
    );
  }

  const drill = drills[current];
  return (
    <section className="mock" aria-labelledby="mock-running">
      <div className="mock-bar panel">
        <h2 id="mock-running">
          Mock interview: question {current + 1} of {drills.length}
        </h2>
        <MockClock endsAtMs={endsAtMs} />
      </div>
      {drill ? (
        <DrillCard
          key={`${drill.id}-${current}`}
          drill={drill}
          headingLevel={3}
          onScored={(s, answer) => {
            mock.send({ type: 'mock.scored', score: s.score, answer });
          }}
        />
      ) : null}
      <div className="button-row">
        {canGoNext ? (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              mock.send({ type: 'mock.next' });
            }}
          >
            {isAnswered ? 'Next question' : 'Skip to the next question'}
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          onClick={() => {
            mock.send({ type: 'mock.finish' });
          }}
        >
          Finish now
        </button>
      </div>
    </section>
  );
}
