import { useEffect } from 'react';

/**
 * How long after a page mounts it starts fetching what the user may need next. Not sooner: a
 * fetch started before the page's largest text has reached the screen counts towards that text's
 * paint in Lighthouse (the next frame after mounting was measured to be too early).
 */
export const PREFETCH_DELAY_MS = 1000;

/**
 * Runs `start` once, `PREFETCH_DELAY_MS` after the component mounts; `start` may return a cleanup
 * (run on unmount), as an effect's may.
 */
export function usePrefetch(start: () => (() => void) | undefined): void {
  useEffect(() => {
    let cleanup: (() => void) | undefined;
    const timer = setTimeout(() => {
      cleanup = start();
    }, PREFETCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      cleanup?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `start` is read once, at mount
  }, []);
}

/**
 * An effect run once the frame after this render has been painted: for work a page needs soon
 * but not for its first picture (a request started before that paint delays it in Lighthouse's
 * simulation, which shares the network between them).
 */
export function useEffectAfterPaint(
  start: () => (() => void) | undefined,
  deps: readonly unknown[],
): void {
  useEffect(() => {
    let cleanup: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const afterFrame = () => {
      timer = setTimeout(() => {
        cleanup = start();
      }, 0);
    };
    const frame =
      typeof requestAnimationFrame === 'function' ? requestAnimationFrame(afterFrame) : undefined;
    if (frame === undefined) afterFrame();
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(timer);
      cleanup?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps
  }, deps);
}
