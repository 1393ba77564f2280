import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { replaceSearch, useRoute } from '../../../app/hash-router';
import { useAppStore } from '../../../store/app-store';
import { formatPct } from '../../../ui/format';
import { useClicker } from '../../embed/presenter';
import { topicLessonLink } from '../lesson-links';
import { STUDY_TOPIC_IDS, STUDY_TOPICS, type StudyTopicId } from '../study-topics';
import { DRILLS } from './drill-bank';
import { DrillCard } from './drill-card';
import { topicStandings, weakTopics } from './drill-scoring';
import type { DrillKind } from './drill-types';

// The timed mock interview (its XState machine and @xstate/react) loads when it is chosen.
const MockInterview = lazy(() =>
  import('./mock-interview').then((m) => ({ default: m.MockInterview })),
);

type Filter = { readonly topic: StudyTopicId | 'all'; readonly kind: DrillKind | 'all' };

function readFilter(
  search: string,
): Filter & { readonly drill: string | null; readonly mode: 'practice' | 'mock' } {
  const p = new URLSearchParams(search);
  const topic = STUDY_TOPIC_IDS.find((t) => t === p.get('topic')) ?? 'all';
  const kindRaw = p.get('kind');
  const kind =
    kindRaw === 'choice' || kindRaw === 'numeric' || kindRaw === 'explain' ? kindRaw : 'all';
  return {
    topic,
    kind,
    drill: p.get('drill'),
    mode: p.get('mode') === 'mock' ? 'mock' : 'practice',
  };
}

/** Interview drills: practice one question at a time, or a timed mock interview. */
export function DrillsPage() {
  const route = useRoute();
  const initial = useMemo(() => readFilter(route.search), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [mode, setMode] = useState(initial.mode);
  const [filter, setFilter] = useState<Filter>({ topic: initial.topic, kind: initial.kind });
  const list = useMemo(
    () =>
      DRILLS.filter(
        (d) =>
          (filter.topic === 'all' || d.topic === filter.topic) &&
          (filter.kind === 'all' || d.kind === filter.kind),
      ),
    [filter],
  );
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      list.findIndex((d) => d.id === initial.drill),
    ),
  );
  const drill = list[Math.min(index, list.length - 1)];
  const progress = useAppStore((s) => s.drillProgress);
  const resetProgress = useAppStore((s) => s.resetDrillProgress);
  const standings = topicStandings(DRILLS, progress);
  const weak = weakTopics(DRILLS, progress);

  useEffect(() => {
    const p = new URLSearchParams();
    if (mode === 'mock') p.set('mode', 'mock');
    if (filter.topic !== 'all') p.set('topic', filter.topic);
    if (filter.kind !== 'all') p.set('kind', filter.kind);
    if (mode === 'practice' && drill) p.set('drill', drill.id);
    replaceSearch(p);
  }, [mode, filter, drill]);

  const go = useCallback(
    (delta: number) => {
      setIndex((i) => (list.length === 0 ? 0 : (i + delta + list.length) % list.length));
    },
    [list.length],
  );
  useClicker(
    useCallback(
      (dir) => {
        if (mode === 'practice') go(dir === 'next' ? 1 : -1);
      },
      [go, mode],
    ),
  );

  return (
    <article className="page drills">
      <header className="page-header">
        <p className="breadcrumb">
          <a href="#/study">Study</a> /
        </p>
        <h1>Interview drills</h1>
        <p className="lede">
          {DRILLS.length} questions across the syllabus. Numeric predictions are checked by running
          the simulator; explain prompts come with a model answer and a rubric. Progress stays in
          this browser.
        </p>
      </header>

      <div className="segmented" role="group" aria-label="Mode">
        <button
          type="button"
          className="button"
          aria-pressed={mode === 'practice'}
          onClick={() => {
            setMode('practice');
          }}
        >
          Practice
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={mode === 'mock'}
          onClick={() => {
            setMode('mock');
          }}
        >
          Timed mock interview
        </button>
      </div>

      {mode === 'practice' ? (
        <>
          <div className="drill-filters">
            <label>
              <span>Topic</span>
              <select
                value={filter.topic}
                onChange={(e) => {
                  const topic = STUDY_TOPIC_IDS.find((t) => t === e.target.value) ?? 'all';
                  setFilter((f) => ({ ...f, topic }));
                  setIndex(0);
                }}
              >
                <option value="all">All topics</option>
                {STUDY_TOPIC_IDS.map((t) => (
                  <option key={t} value={t}>
                    {STUDY_TOPICS[t].title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>Kind</span>
              <select
                value={filter.kind}
                onChange={(e) => {
                  const v = e.target.value;
                  const kind = v === 'choice' || v === 'numeric' || v === 'explain' ? v : 'all';
                  setFilter((f) => ({ ...f, kind }));
                  setIndex(0);
                }}
              >
                <option value="all">All kinds</option>
                <option value="choice">Multiple choice</option>
                <option value="numeric">Predict the number</option>
                <option value="explain">Explain it</option>
              </select>
            </label>
          </div>
          {drill ? (
            <>
              <div className="drill-nav">
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    go(-1);
                  }}
                >
                  Previous
                </button>
                <span aria-live="polite">
                  Question {Math.min(index, list.length - 1) + 1} of {list.length}
                </span>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    go(1);
                  }}
                >
                  Next question
                </button>
              </div>
              <DrillCard key={drill.id} drill={drill} retry />
            </>
          ) : (
            <p>No drills match these filters.</p>
          )}
        </>
      ) : (
        <Suspense fallback={<p className="loading">Loading the mock interview…</p>}>
          <MockInterview />
        </Suspense>
      )}

      <section className="panel" aria-labelledby="drill-progress">
        <h2 id="drill-progress">Your progress</h2>
        {weak.length > 0 ? (
          <p data-testid="weak-topics">
            Weak topics:{' '}
            {weak.map((t, i) => (
              <span key={t}>
                {i > 0 ? ', ' : ''}
                {STUDY_TOPICS[t].title} (
                <a href={topicLessonLink(t).href}>lesson: {topicLessonLink(t).title}</a>)
              </span>
            ))}
            . Practise them, or take a mock interview: it asks weak topics first.
          </p>
        ) : (
          <p>
            No weak topics yet
            {standings.some((s) => s.attempted > 0)
              ? ': keep it up.'
              : '. Answer a few drills to see where you stand.'}
          </p>
        )}
        <div className="table-scroll">
          <table className="progress-table">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Answered</th>
                <th scope="col">Latest scores</th>
              </tr>
            </thead>
            <tbody>
              {standings.map((s) => (
                <tr key={s.topic} className={weak.includes(s.topic) ? 'is-weak' : undefined}>
                  <th scope="row">{STUDY_TOPICS[s.topic].title}</th>
                  <td>
                    {s.attempted} of {s.total}
                  </td>
                  <td>
                    {s.mean === null
                      ? '—'
                      : `${formatPct(s.mean, 0)}${weak.includes(s.topic) ? ' (weak)' : ''}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {progress.mocks.length > 0 ? (
          <p>
            Mock interviews:{' '}
            {progress.mocks
              .slice(-5)
              .map((m) => `${Math.round(m.score * 10) / 10} / ${m.total}`)
              .join(', ')}
            .
          </p>
        ) : null}
        <button
          type="button"
          className="button"
          onClick={() => {
            if (window.confirm('Forget all drill progress in this browser?')) resetProgress();
          }}
        >
          Reset progress
        </button>
      </section>
    </article>
  );
}
