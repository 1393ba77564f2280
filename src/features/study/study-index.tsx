import { useAppStore } from '../../store/app-store';
import { DRILLS } from './drills/drill-bank';
import { topicStandings } from './drills/drill-scoring';

/** The Study landing page: what each tool is for, and drill progress at a glance. */
export function StudyIndex() {
  const progress = useAppStore((s) => s.drillProgress);
  const attempted = topicStandings(DRILLS, progress).reduce((n, t) => n + t.attempted, 0);
  return (
    <article className="page study">
      <header className="page-header">
        <h1>Study</h1>
        <p className="lede">
          Tools for interviews and workshops: decide whether and how to cache, keep the facts on one
          printable page, and drill until the answers come without thinking.
        </p>
      </header>
      <ul className="card-grid">
        <li className="card">
          <h2>
            <a href="#/study/wizard">Decision wizard</a>
          </h2>
          <p>
            Six questions about your data lead to a pattern, TTL, eviction policy and warnings, and
            open as a runnable setup.
          </p>
        </li>
        <li className="card">
          <h2>
            <a href="#/study/cheat-sheet">Cheat sheet</a>
          </h2>
          <p>
            Patterns, eviction policies, TTLs, invalidation and stampede tools on one page,
            generated from the simulator. Prints cleanly.
          </p>
        </li>
        <li className="card">
          <h2>
            <a href="#/study/drills">Interview drills</a>
          </h2>
          <p>
            {DRILLS.length} questions: multiple choice, predictions checked by running the engine,
            and explain-it-out-loud prompts with rubrics.{' '}
            {attempted > 0 ? `You have answered ${attempted}.` : 'Progress stays in this browser.'}
          </p>
        </li>
        <li className="card">
          <h2>
            <a href="#/study/workshop">Workshop: embed and present</a>
          </h2>
          <p>
            Generate an iframe snippet for slides or a course page, and switch on presenter mode for
            projectors.
          </p>
        </li>
      </ul>
    </article>
  );
}
