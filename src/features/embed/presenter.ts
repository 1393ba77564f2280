/**
 * Presenter mode for workshops: large type and high contrast (a class on the app shell), and
 * presentation clickers, which send PageDown / PageUp. A view that has "next" and "previous"
 * steps registers a clicker handler; with none registered the keys keep their scrolling role.
 */
import { useEffect } from 'react';

export type ClickerDirection = 'next' | 'prev';
type Handler = (direction: ClickerDirection) => void;
const handlers: Handler[] = [];

/** Listen for clicker keys while presenter mode is on. */
export function usePresenterKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'PageDown' && e.key !== 'PageUp') return;
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const current = handlers[handlers.length - 1];
      if (!current) return;
      e.preventDefault();
      current(e.key === 'PageDown' ? 'next' : 'prev');
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [active]);
}

/** Handle clicker steps while mounted; the most recently mounted view wins. */
export function useClicker(handler: Handler): void {
  useEffect(() => {
    handlers.push(handler);
    return () => {
      const i = handlers.lastIndexOf(handler);
      if (i !== -1) handlers.splice(i, 1);
    };
  }, [handler]);
}

/** `present=1` in the page or hash query turns presenter mode on at load. */
export function presenterRequested(loc: {
  readonly search: string;
  readonly hash: string;
}): boolean {
  const hashQuery = loc.hash.includes('?') ? loc.hash.slice(loc.hash.indexOf('?') + 1) : '';
  const on = (q: string) =>
    ['1', 'true', 'on'].includes(new URLSearchParams(q).get('present') ?? '');
  return on(loc.search) || on(hashQuery);
}
