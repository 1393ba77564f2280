import { lazy, Suspense } from 'react';
import { useRoute } from '../../app/hash-router';
import './study.css';

// The index is a lazy page like the others: a deep link to a tool does not load the drill bank
// the index counts from.
const StudyIndex = lazy(() => import('./study-index').then((m) => ({ default: m.StudyIndex })));

const WizardPage = lazy(() =>
  import('./wizard/wizard-page').then((m) => ({ default: m.WizardPage })),
);
const CheatSheetPage = lazy(() =>
  import('./cheat-sheet/cheat-sheet-page').then((m) => ({ default: m.CheatSheetPage })),
);
const DrillsPage = lazy(() =>
  import('./drills/drills-page').then((m) => ({ default: m.DrillsPage })),
);
const WorkshopPage = lazy(() =>
  import('../embed/workshop-page').then((m) => ({ default: m.WorkshopPage })),
);

/** The Study section's pages (its index and one per sub-route), each lazily loaded. */
export const STUDY_PAGES = [
  { path: '/study', title: 'Study', component: StudyIndex },
  { path: '/study/wizard', title: 'Decision wizard', component: WizardPage },
  { path: '/study/cheat-sheet', title: 'Cheat sheet', component: CheatSheetPage },
  { path: '/study/drills', title: 'Interview drills', component: DrillsPage },
  { path: '/study/workshop', title: 'Workshop: embed and present', component: WorkshopPage },
] as const;

/** The Study section: the index at /study and one page per sub-route. */
export function StudyPage() {
  const route = useRoute();
  const sub = STUDY_PAGES.find((p) => route.path === p.path);
  if (!sub) {
    return (
      <section className="page">
        <h1>Page not found</h1>
        <p>
          There is no study page at <code>{route.path}</code>. <a href="#/study">Go to Study</a>.
        </p>
      </section>
    );
  }
  const Sub = sub.component;
  return (
    <Suspense fallback={<p className="loading">Loading…</p>}>
      <Sub />
    </Suspense>
  );
}
