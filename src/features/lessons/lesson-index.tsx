import { usePrefetch } from '../../ui/use-prefetch';
import { useAppStore } from '../../store/app-store';
import { LESSON_CATALOG, LESSON_CATALOG_GROUPS } from '../../content/lessons/lesson-catalog';
import { preloadAllLessons } from '../../content/lessons/lesson-loader';
import { preloadLessonPlayer } from './lazy-lesson-player';
import { prewarmLessonWorker } from './lesson-worker-runner';

/** The lesson index: grouped like the syllabus, with what the user has finished. */
export function LessonIndex() {
  const progress = useAppStore((s) => s.lessonProgress);
  const resetProgress = useAppStore((s) => s.resetLessonProgress);
  const doneCount = LESSON_CATALOG.filter((l) => progress[l.id]?.done === true).length;
  // The lesson picked next opens on a worker that has already loaded the engine, with the player's
  // chunk and the lessons' definitions fetched after the index is up.
  usePrefetch(() => {
    preloadLessonPlayer();
    preloadAllLessons();
    return prewarmLessonWorker();
  });

  return (
    <article className="page lessons-index">
      <header className="page-header">
        <h1>Lessons</h1>
        <p className="lede">
          Each lesson runs a tiny scenario through the simulator and lets you step through what
          happened, one message at a time: who asked whom, what the cache and the database held, and
          why it matters. Many ask you to predict the outcome first.
        </p>
      </header>
      <div className="lesson-progress-summary">
        <p data-testid="lessons-done">
          {doneCount} of {LESSON_CATALOG.length} lessons finished
        </p>
        <progress
          max={LESSON_CATALOG.length}
          value={doneCount}
          aria-label="Lessons finished"
          className="lesson-progress-bar"
        />
        {doneCount > 0 ? (
          <button type="button" className="button" onClick={resetProgress}>
            Reset progress
          </button>
        ) : null}
      </div>
      {LESSON_CATALOG_GROUPS.map((group) => (
        <section
          key={group.section}
          className="lesson-group"
          aria-labelledby={`g-${group.section}`}
        >
          <h2 id={`g-${group.section}`}>{group.title}</h2>
          <ol className="lesson-list">
            {group.lessons.map((lesson) => {
              const p = progress[lesson.id];
              const status =
                p === undefined
                  ? 'Not started'
                  : p.done
                    ? 'Finished'
                    : `In progress: step ${p.furthestStep} of ${p.steps}`;
              return (
                <li
                  key={lesson.id}
                  className="lesson-card"
                  data-testid={`lesson-card-${lesson.id}`}
                >
                  <h3>
                    <a href={`#/lessons/${lesson.id}`}>{lesson.title}</a>
                  </h3>
                  <p>{lesson.summary}</p>
                  <p
                    className={`lesson-status${p?.done === true ? ' lesson-status-done' : ''}`}
                    data-testid={`lesson-status-${lesson.id}`}
                  >
                    <span aria-hidden="true">{p?.done === true ? '✓ ' : p ? '◐ ' : '○ '}</span>
                    {status}
                  </p>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </article>
  );
}
