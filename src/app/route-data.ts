/**
 * What a page needs at once for its path beyond its own chunk, started beside that chunk by the
 * section table (`sections.ts`). Kept out of that file, whose `import()`s are its pages.
 */

/**
 * Starts downloading the definition of the lesson a path links to. The topic table and loader are
 * fetched on demand (beside the lessons page's chunk) rather than kept in the main bundle: on a
 * slow phone, every extra chunk the first page needs delays it, whichever page it is.
 */
export function preloadLessonRoute(path: string): void {
  import('../features/lessons/lesson-route')
    .then((m) => {
      m.preloadLessonRoute(path);
    })
    // A failed download shows when the page itself loads.
    .catch(() => undefined);
}
