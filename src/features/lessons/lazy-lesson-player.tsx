/**
 * The lesson player as its own chunk: the lessons index shows only titles and progress, so it
 * does not load the player, its sequence diagram or XState. A lesson page shows the lesson's
 * heading and a loading panel of the player's own size while the chunk arrives.
 */
import { lazy, Suspense, useState } from 'react';
import { useEffectAfterPaint } from '../../ui/use-prefetch';
import type { LessonDefinition, LessonMeta } from '../../content/lessons/lesson-types';
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

/**
 * A lesson's page while its player (or, before that, its definition) downloads: the heading, and a
 * panel of the player's size.
 */
export function LessonLoading(props: { readonly lesson: LessonMeta | LessonDefinition }) {
  return (
    <article className="page lesson" data-lesson={props.lesson.id}>
      <LessonHeader lesson={props.lesson} />
      <div className="panel lesson-loading" aria-live="polite" data-testid="lesson-player-loading">
        <label className="lesson-run-progress">
          {'intro' in props.lesson ? 'Loading the lesson player…' : 'Loading the lesson…'}
          <progress />
        </label>
      </div>
    </article>
  );
}

/**
 * One lesson, played once the player's chunk is loaded. A deep link asks for the chunk after the
 * lesson's heading has painted: the heading is the page's largest text and needs none of it.
 */
export function LessonPlayerLoader(props: { readonly lesson: LessonDefinition }) {
  const [start, setStart] = useState(lessonPlayerLoaded);
  useEffectAfterPaint(() => {
    setStart(true);
    return undefined;
  }, []);
  if (!start) return <LessonLoading lesson={props.lesson} />;
  return (
    <Suspense fallback={<LessonLoading lesson={props.lesson} />}>
      <LazyPlayer lesson={props.lesson} />
    </Suspense>
  );
}
