import { SECTIONS } from '../../app/sections';

const BLURBS: Record<string, string> = {
  'why-cache':
    'The arithmetic of a cache: latency, database load and the speed-up, with your own numbers.',
  playground:
    'Run app servers, a Redis-like cache and a database live. Change TTL, eviction and load; break things.',
  lessons:
    'Step through every pattern, race and failure as a sequence diagram, one message at a time.',
  compare:
    'Run two to four setups on the same seeded traffic and compare their numbers side by side.',
  study: 'Decision wizard, cheat sheet and interview drills.',
};

/** The start page: what Cachescope is and where to go, listing only sections that exist. */
export function HomePage() {
  const sections = SECTIONS.filter((s) => s.inNav);
  return (
    <article className="page home">
      <header className="page-header">
        <h1>Learn caching by watching it happen</h1>
        <p className="lede">
          Cachescope simulates app servers, a Redis-like cache and a database, request by request,
          in your browser. Every run is deterministic for its seed, so what you see can be shared,
          replayed and checked.
        </p>
      </header>
      <ul className="card-grid">
        {sections.map((s) => (
          <li key={s.id} className="card">
            <h2>
              <a href={`#${s.path}`}>{s.navLabel}</a>
            </h2>
            <p>{BLURBS[s.id] ?? ''}</p>
          </li>
        ))}
      </ul>
    </article>
  );
}
