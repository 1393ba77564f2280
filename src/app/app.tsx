import { Suspense, useEffect, useLayoutEffect, useRef } from 'react';
import { useRoute } from './hash-router';
import { SECTIONS, findSection } from './sections';
import { ErrorBoundary } from './error-boundary';
import { StorageNotices } from './storage-notices';
import { useAppStore } from '../store/app-store';
import { isEmbedLocation } from '../features/embed/embed-params';
import { useEmbedBridge } from '../features/embed/embed-bridge';
import { presenterRequested, usePresenterKeys } from '../features/embed/presenter';

/** The shell: skip link, header with navigation, the routed section, footer. */
export function App() {
  const route = useRoute();
  const section = findSection(route.path);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // Workshop modes: `embed=1` drops the chrome for iframes; presenter mode enlarges everything.
  const embed = isEmbedLocation(window.location);
  const presenter = useAppStore((s) => s.presenter);
  const setPresenter = useAppStore((s) => s.setPresenter);
  useEffect(() => {
    if (presenterRequested(window.location)) setPresenter(true);
  }, [setPresenter]);
  useEmbedBridge(embed);
  usePresenterKeys(presenter);

  // A layout effect runs before the pages' own effects, so a page may refine the title (a lesson
  // names itself) without the shell overwriting it afterwards.
  useLayoutEffect(() => {
    document.title = section?.title ?? 'Page not found — Cachescope';
    // Move focus to the content on navigation (not on first load) so keyboard and screen-reader
    // users start at the new page instead of the old link.
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus();
  }, [section]);

  const Page = section?.component;
  return (
    <div className={`app${embed ? ' app-embed' : ''}${presenter ? ' presenter' : ''}`}>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      {embed ? null : (
        <header className="app-header">
          <a className="brand" href="#/" aria-label="Cachescope home">
            <img src="./favicon.svg" alt="" width="28" height="28" />
            <span>Cachescope</span>
          </a>
          <nav aria-label="Sections">
            <ul>
              {SECTIONS.filter((s) => s.inNav).map((s) => {
                const active = section?.id === s.id;
                return (
                  <li key={s.id}>
                    <a href={`#${s.path}`} aria-current={active ? 'page' : undefined}>
                      {s.navLabel}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
          <button
            type="button"
            className="presenter-toggle"
            aria-pressed={presenter}
            onClick={() => {
              setPresenter(!presenter);
            }}
          >
            Presenter mode
          </button>
        </header>
      )}
      <main id="main" ref={mainRef} tabIndex={-1}>
        <StorageNotices />
        <ErrorBoundary resetKey={route.path}>
          <Suspense fallback={<p className="loading">Loading…</p>}>
            {Page ? <Page /> : <NotFound path={route.path} />}
          </Suspense>
        </ErrorBoundary>
      </main>
      {embed ? null : (
        <footer className="app-footer">
          <p>
            Cachescope runs entirely in your browser. Every run is reproducible from its seed.{' '}
            <a
              href={`#/study/workshop?view=${encodeURIComponent(route.path + (route.search ? `?${route.search}` : ''))}`}
            >
              Embed this view
            </a>
          </p>
        </footer>
      )}
    </div>
  );
}

function NotFound(props: { readonly path: string }) {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{props.path}</code>.
      </p>
      <p>
        <a className="button" href="#/">
          Go to the start
        </a>
      </p>
    </section>
  );
}
