/**
 * The lesson player's playback bar is pinned to the top of the viewport while the page scrolls.
 * Anything scrolled under it is hidden, so the narration must never end up there: its scroll
 * margin follows the bar's height (anchors, focus and `scrollIntoView` stop below the bar), and a
 * step change that would leave the new narration under the bar scrolls it back into view.
 */
import { useEffect, useRef, type RefObject } from 'react';

/** CSS custom property holding the bar's height in px, set on the narration element. */
export const PINNED_BAR_VAR = '--pinned-bar-h';

export function useBelowPinnedBar(
  bar: RefObject<HTMLElement | null>,
  narration: RefObject<HTMLElement | null>,
  stepKey: number,
  reducedMotion: boolean,
): void {
  useEffect(() => {
    const barEl = bar.current;
    const target = narration.current;
    if (!barEl || !target || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      target.style.setProperty(PINNED_BAR_VAR, `${Math.ceil(barEl.offsetHeight)}px`);
    });
    observer.observe(barEl);
    return () => {
      observer.disconnect();
    };
  }, [bar, narration]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const barEl = bar.current;
    const target = narration.current;
    if (!barEl || !target) return;
    // Only a bar that is actually pinned (not static, as on phones) can cover the narration.
    if (getComputedStyle(barEl).position !== 'sticky') return;
    const covered = target.getBoundingClientRect().top < barEl.getBoundingClientRect().bottom - 1;
    if (covered)
      target.scrollIntoView({ block: 'start', behavior: reducedMotion ? 'auto' : 'smooth' });
  }, [bar, narration, stepKey, reducedMotion]);
}
