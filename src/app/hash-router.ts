/**
 * A tiny hash router. Hash URLs (`#/playground?ttl=60000`) survive reload on any static host and
 * sub-path (GitHub Pages, a file share) without server rewrites, which matters for shared links
 * in workshops. State that belongs in the URL is written with `replaceState`, so typing in a
 * field never floods the history.
 */
import { useSyncExternalStore } from 'react';

export interface Route {
  /** Path without the leading '#', always starting with '/'. */
  readonly path: string;
  /** The query part of the hash. */
  readonly search: string;
}

function readRoute(): Route {
  const raw = window.location.hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q === -1 ? raw : raw.slice(0, q)) || '/';
  return {
    path: path.startsWith('/') ? path : `/${path}`,
    search: q === -1 ? '' : raw.slice(q + 1),
  };
}

let current = readRoute();
const listeners = new Set<() => void>();

function refresh(): void {
  const next = readRoute();
  if (next.path !== current.path || next.search !== current.search) {
    current = next;
    for (const listener of listeners) listener();
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', refresh);
  window.addEventListener('popstate', refresh);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current route, outside React (see {@link useRoute}). */
export function currentRoute(): Route {
  return current;
}

/** The current route; re-renders the caller when it changes. */
export function useRoute(): Route {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => current,
  );
}

export function routeHref(path: string, params?: URLSearchParams | string): string {
  const search = typeof params === 'string' ? params : (params?.toString() ?? '');
  return `#${path}${search ? `?${search}` : ''}`;
}

/** Go to a new route (a new history entry). */
export function navigate(path: string, params?: URLSearchParams | string): void {
  window.location.hash = routeHref(path, params);
  refresh();
}

/** Replace the query of the current route without adding a history entry. */
export function replaceSearch(params: URLSearchParams | string): void {
  const href = routeHref(current.path, params);
  if (href === routeHref(current.path, current.search)) return;
  window.history.replaceState(window.history.state, '', href);
  refresh();
}
