/**
 * The app's sections, one entry each. The navigation, the router and the document title are all
 * derived from this list; a section appears in the navigation only once it exists.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { preloadLessonRoute } from './route-data';

export interface Section {
  readonly id: string;
  /** Route path prefix, e.g. '/playground' (sub-routes like '/lessons/ttl' also match). */
  readonly path: string;
  readonly navLabel: string;
  /** Document title for the section. */
  readonly title: string;
  readonly inNav: boolean;
  readonly component: LazyExoticComponent<ComponentType>;
  /**
   * Starts loading the page's chunks (the same request `component` makes on first render), and
   * what the page will need at once for this path (a lesson's definition).
   */
  readonly preload: (path: string) => void;
}

/**
 * A page loaded when first rendered, or sooner with `preload`: main.tsx preloads the linked page
 * while the main bundle is still starting, so its chunks download during the shell's first render
 * instead of after it.
 */
function lazyPage(
  load: () => Promise<ComponentType>,
  preloadData: (path: string) => void = () => undefined,
): Pick<Section, 'component' | 'preload'> {
  let loading: Promise<{ default: ComponentType }> | null = null;
  const start = (): Promise<{ default: ComponentType }> =>
    (loading ??= load().then((component) => ({ default: component })));
  return {
    component: lazy(start),
    preload: (path) => {
      void start();
      preloadData(path);
    },
  };
}

export const SECTIONS: readonly Section[] = [
  {
    id: 'home',
    path: '/',
    navLabel: 'Home',
    title: 'Cachescope — learn caching by watching it happen',
    inNav: false,
    ...lazyPage(() => import('../features/home/home-page').then((m) => m.HomePage)),
  },
  {
    id: 'playground',
    path: '/playground',
    navLabel: 'Playground',
    title: 'Playground — Cachescope',
    inNav: true,
    ...lazyPage(() =>
      import('../features/playground/playground-page').then((m) => m.PlaygroundPage),
    ),
  },
  {
    id: 'lessons',
    path: '/lessons',
    navLabel: 'Lessons',
    title: 'Lessons — Cachescope',
    inNav: true,
    // A lesson's definition (its topic's file) downloads beside the page, not after it.
    ...lazyPage(
      () => import('../features/lessons/lessons-page').then((m) => m.LessonsPage),
      preloadLessonRoute,
    ),
  },
  {
    id: 'why-cache',
    path: '/why-cache',
    navLabel: 'Why cache?',
    title: 'Why cache? — Cachescope',
    inNav: true,
    ...lazyPage(() => import('../features/why-cache/why-cache-page').then((m) => m.WhyCachePage)),
  },
  {
    id: 'compare',
    path: '/compare',
    navLabel: 'Compare',
    title: 'Compare — Cachescope',
    inNav: true,
    ...lazyPage(() => import('../features/compare/compare-page').then((m) => m.ComparePage)),
  },
  {
    id: 'study',
    path: '/study',
    navLabel: 'Study',
    title: 'Study — Cachescope',
    inNav: true,
    ...lazyPage(() => import('../features/study/study-page').then((m) => m.StudyPage)),
  },
  {
    id: 'traces',
    path: '/traces',
    navLabel: 'Traces',
    title: 'Traces — Cachescope',
    inNav: true,
    ...lazyPage(() => import('../features/traces/traces-page').then((m) => m.TracesPage)),
  },
  {
    id: 'embed',
    path: '/embed',
    navLabel: 'Embedded player',
    title: 'Embedded player — Cachescope',
    inNav: false,
    ...lazyPage(() => import('../features/embed/embed-player-page').then((m) => m.EmbedPlayerPage)),
  },
];

/** The section for a path: exact match for '/', prefix match for the others. */
export function findSection(path: string): Section | undefined {
  if (path === '/' || path === '') return SECTIONS.find((s) => s.path === '/');
  return SECTIONS.find((s) => s.path !== '/' && (path === s.path || path.startsWith(`${s.path}/`)));
}
