import { Suspense, use, useEffect } from 'react';
import { useRoute } from '../../app/hash-router';
import { findLessonMeta } from '../../content/lessons/lesson-catalog';
import { loadedLesson, loadLesson } from '../../content/lessons/lesson-loader';
import type { LessonMeta } from '../../content/lessons/lesson-types';
import { LessonIndex } from './lesson-index';
import { LessonLoading, LessonPlayerLoader, lessonPlayerLoaded } from './lazy-lesson-player';
import { lessonIdInPath } from './lesson-route';
import { prewarmLessonWorker } from './lesson-worker-runner';
import { useEffectAfterPaint } from '../../ui/use-prefetch';
import './lessons.css';

/** `#/lessons` shows the index; `#/lessons/<id>?step=N` plays one lesson at step N. */
export function LessonsPage() {
  const route = useRoute();
  const id = lessonIdInPath(route.path);
  const meta = id === '' ? undefined : findLessonMeta(id);
  const title = meta?.title;
  useEffect(() => {
    // Each lesson names the tab, so bookmarks and shared links read as the lesson they open.
    document.title =
      title === undefined ? 'Lessons — Cachescope' : `${title} — Lessons — Cachescope`;
  }, [title]);
  const lessonId = meta?.id;
  useEffectAfterPaint(() => {
    // A deep link to a lesson: start its worker while the player's chunk downloads, so the two
    // load side by side (the player takes this worker when it mounts). After the lesson's heading
    // has painted, which does not need either.
    if (lessonId !== undefined && !lessonPlayerLoaded()) return prewarmLessonWorker();
    return undefined;
  }, [lessonId]);
  if (id === '') return <LessonIndex />;
  if (meta === undefined) {
    return (
      <section className="page">
        <h1>Lesson not found</h1>
        <p>
          There is no lesson called <code>{id}</code>.
        </p>
        <p>
          <a className="button" href="#/lessons">
            See all lessons
          </a>
        </p>
      </section>
    );
  }
  // Keyed by id so moving between lessons starts each one with fresh player state.
  return (
    <Suspense key={meta.id} fallback={<LessonLoading lesson={meta} />}>
      <LessonView meta={meta} />
    </Suspense>
  );
}

/**
 * One lesson, once its definition (its topic's file) has arrived: usually at once, since the
 * route started that download beside the page's own (`lesson-route.ts`).
 */
function LessonView(props: { readonly meta: LessonMeta }) {
  const lesson = loadedLesson(props.meta.id) ?? use(loadLesson(props.meta.id));
  if (lesson === undefined) throw new Error(`lesson ${props.meta.id} has no definition`);
  return <LessonPlayerLoader lesson={lesson} />;
}
