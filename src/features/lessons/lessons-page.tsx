import { useEffect } from 'react';
import { useRoute } from '../../app/hash-router';
import { getLesson } from '../../content/lessons/lesson-registry';
import { LessonIndex } from './lesson-index';
import { LessonPlayerLoader, lessonPlayerLoaded } from './lazy-lesson-player';
import { prewarmLessonWorker } from './lesson-worker-runner';
import './lessons.css';

/** `#/lessons` shows the index; `#/lessons/<id>?step=N` plays one lesson at step N. */
export function LessonsPage() {
  const route = useRoute();
  const id = route.path.replace(/^\/lessons\/?/, '').replace(/\/$/, '');
  const lesson = id === '' ? undefined : getLesson(id);
  const title = lesson?.title;
  useEffect(() => {
    // Each lesson names the tab, so bookmarks and shared links read as the lesson they open.
    document.title =
      title === undefined ? 'Lessons — Cachescope' : `${title} — Lessons — Cachescope`;
  }, [title]);
  const lessonId = lesson?.id;
  useEffect(() => {
    // A deep link to a lesson: start its worker while the player's chunk downloads, so the two
    // load side by side (the player takes this worker when it mounts).
    if (lessonId !== undefined && !lessonPlayerLoaded()) return prewarmLessonWorker();
  }, [lessonId]);
  if (id === '') return <LessonIndex />;
  if (lesson === undefined) {
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
  return <LessonPlayerLoader key={lesson.id} lesson={lesson} />;
}
