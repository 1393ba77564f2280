import { Suspense, useEffect, useRef } from 'react';
import { useRoute } from './hash-router';
import { SECTIONS, findSection } from './sections';
import { ErrorBoundary } from './error-boundary';

/** The shell: skip link, header with navigation, the routed section, footer. */
export function App() {
  const route = useRoute();
  const section = findSection(route.path);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = section?.title ?? 'Page not found — Cachescope';
    // Move focus to the content on navigation (not on first load) so keyboard and screen-reader
    // users start at the new page instead of the old link.
    if (firstRender.current) firstRender.current = false;
    else mainRef.current?.focus();
  }, [section]);

  const Page = section?.component;
  return (
    <div className="app">
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
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <ErrorBoundary resetKey={route.path}>
          <Suspense fallback={<p className="loading">Loading…</p>}>
            {Page ? <Page /> : <NotFound path={route.path} />}
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="app-footer">
        <p>Cachescope runs entirely in your browser. Every run is reproducible from its seed.</p>
      </footer>
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
