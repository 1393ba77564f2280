import { useEffect } from 'react';

/**
 * How long after a page mounts it starts fetching what the user may need next. Not sooner: a
 * fetch started before the page's largest text has reached the screen counts towards that text's
 * paint in Lighthouse (the next frame after mounting was measured to be too early).
 */
export const PREFETCH_DELAY_MS = 1000;

/**
 * An effect whose work runs later: `schedule` queues a call and returns how to cancel it. `start`
 * may return a cleanup (run on unmount or when `deps` change), as an effect's may.
 */
function useLaterEffect(
  schedule: (run: () => void) => () => void,
  start: () => (() => void) | undefined,
  deps: readonly unknown[],
): void {
  useEffect(() => {
    let cleanup: (() => void) | undefined;
    const cancel = schedule(() => {
      cleanup = start();
    });
    return () => {
      cancel();
      cleanup?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps
  }, deps);
}

function afterDelay(run: () => void): () => void {
  const timer = setTimeout(run, PREFETCH_DELAY_MS);
  return () => {
    clearTimeout(timer);
  };
}

function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A task queued from a frame callback runs once that frame has been painted.
  const afterFrame = () => {
    timer = setTimeout(run, 0);
  };
  const frame =
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame(afterFrame) : undefined;
  if (frame === undefined) afterFrame();
  return () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** Runs `start` once, `PREFETCH_DELAY_MS` after the component mounts. */
export function usePrefetch(start: () => (() => void) | undefined): void {
  useLaterEffect(afterDelay, start, []);
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
  useLaterEffect(afterNextPaint, start, deps);
}
