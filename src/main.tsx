import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { currentRoute } from './app/hash-router';
import { findSection } from './app/sections';
import './app/styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('Cachescope: #root element missing from index.html');
// The linked page's chunks start downloading now rather than when the shell's first render asks
// for them: on a slow phone that render is a few hundred milliseconds of waiting.
const { path } = currentRoute();
findSection(path)?.preload(path);
const root = createRoot(rootElement);
// A transition renders in slices that yield to the browser every few milliseconds, instead of
// one long task that a phone cannot interrupt (Lighthouse counts it as blocking time).
startTransition(() => {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
