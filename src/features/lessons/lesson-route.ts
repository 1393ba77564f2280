/**
 * The lessons section's routes: `#/lessons` is the index, `#/lessons/<id>` one lesson. Kept apart
 * from the page so the app's section table can start a linked lesson's download with the page's
 * (`src/app/sections.ts`) without loading the page.
 */
import { preloadLesson } from '../../content/lessons/lesson-loader';

/** The lesson id in a route path ('' for the index). */
export function lessonIdInPath(path: string): string {
  return path.replace(/^\/lessons\/?/, '').replace(/\/$/, '');
}

/** Start downloading the definition of the lesson a path links to, if it links to one. */
export function preloadLessonRoute(path: string): void {
  const id = lessonIdInPath(path);
  if (id !== '') preloadLesson(id);
}
