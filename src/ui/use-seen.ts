import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether `ref`'s element has come within `marginPx` of the viewport yet; once true it stays true.
 * For parts of a page worth loading only when a reader gets to them (a chart below the fold).
 * True at once where IntersectionObserver is missing (some test environments).
 */
export function useSeen(ref: RefObject<HTMLElement | null>, marginPx = 200): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: `${marginPx}px 0px` },
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
    };
  }, [ref, marginPx, seen]);
  return seen;
}
