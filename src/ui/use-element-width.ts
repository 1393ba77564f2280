import { useEffect, useState, type RefObject } from 'react';

export interface ElementSize {
  readonly width: number;
  readonly height: number;
}

/**
 * The content box of `ref`'s element in px, kept current by a ResizeObserver; `initial` until the
 * first measurement (and where ResizeObserver is missing, as in some test environments).
 */
export function useElementSize(
  ref: RefObject<HTMLElement | null>,
  initial: ElementSize,
): ElementSize {
  const [size, setSize] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (!box || box.width <= 0) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
    };
  }, [ref]);
  return size;
}

/** The content width of `ref`'s element in px (see {@link useElementSize}). */
export function useElementWidth(ref: RefObject<HTMLElement | null>, initial: number): number {
  return useElementSize(ref, { width: initial, height: 0 }).width;
}
