/**
 * The lesson player as its own chunk: the lessons index shows only titles and progress, so it
 * does not load the player, its sequence diagram or XState. A lesson page shows the lesson's
 * heading and a loading panel of the player's own size while the chunk arrives.
 */
import { lazy, Suspense } from 'react';
import type { LessonDefinition } from '../../content/lessons/lesson-types';
import { LessonHeader } from './lesson-header';

let loaded = false;
function loadPlayer() {
  return import('./lesson-player').then((m) => {
    loaded = true;
    return m;
  });
}

const LazyPlayer = lazy(() => loadPlayer().then((m) => ({ default: m.LessonPlayer })));

/** Whether the player's chunk has arrived (then a lesson renders without waiting for it). */
export function lessonPlayerLoaded(): boolean {
  return loaded;
}

/** Fetch the player's chunk ahead of need (the index does, after it has painted). */
export function preloadLessonPlayer(): void {
  // A failed preload is not an error to report: opening a lesson tries again and shows it then.
  loadPlayer().catch(() => undefined);
}

function PlayerLoading(props: { readonly lesson: LessonDefinition }) {
  return (
    <article className="page lesson" data-lesson={props.lesson.id}>
      <LessonHeader lesson={props.lesson} />
      <div className="panel lesson-loading" aria-live="polite" data-testid="lesson-player-loading">
        <label className="lesson-run-progress">
          Loading the lesson player…
          <progress />
        </label>
      </div>
    </article>
  );
}

/** One lesson, played once the player's chunk is loaded. */
export function LessonPlayerLoader(props: { readonly lesson: LessonDefinition }) {
  return (
    <Suspense fallback={<PlayerLoading lesson={props.lesson} />}>
      <LazyPlayer lesson={props.lesson} />
    </Suspense>
  );
}
