import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether `ref`'s element is within `marginPx` of the viewport now (unlike {@link useSeen}, it
 * turns false again when the element scrolls away). For live views that should stop drawing while
 * nobody can see them. True where IntersectionObserver is missing (some test environments), so
 * such views still draw there.
 */
export function useInView(ref: RefObject<HTMLElement | null>, marginPx = 100): boolean {
  const [inView, setInView] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        // The last entry is the element's current state when several queued up.
        const entry = entries.at(-1);
        if (entry) setInView(entry.isIntersecting);
      },
      { rootMargin: `${marginPx}px 0px` },
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
    };
  }, [ref, marginPx]);
  return inView;
}
