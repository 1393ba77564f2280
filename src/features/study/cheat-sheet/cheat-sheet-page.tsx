import type { PatternInfo } from '../../../sim/patterns/pattern-registry';
import { getPreset } from '../../../sim/scenario/presets';
import { formatMs, formatPct } from '../../../ui/format';
import { lessonLink, topicLessonLink, type LessonLink } from '../lesson-links';
import type { StudyTopicId } from '../study-topics';
import {
  patternGroups,
  policyRows,
  presetHref,
  redisEvictionDefaults,
  redisModePresets,
  ttlRows,
} from './cheat-sheet-model';

const SECTION_TOPICS: Readonly<Record<string, StudyTopicId>> = {
  '1': 'why-cache',
  '2': 'layers',
  '3': 'cache-aside',
  '4': 'write-strategies',
  '5': 'eviction',
  '6': 'ttl',
  '7': 'invalidation',
  '8': 'stampede',
  '9': 'what-not-to-cache',
};

function PatternTable(props: {
  readonly id: string;
  readonly labelledBy: string;
  readonly caption: string;
  readonly rows: readonly PatternInfo[];
}) {
  return (
    <div className="table-scroll">
      <table
        className="cheat-table"
        aria-labelledby={props.labelledBy}
        data-testid={`table-${props.id}`}
      >
        <thead>
          <tr>
            <th scope="col">{props.caption}</th>
            <th scope="col">What it does</th>
            <th scope="col">For</th>
            <th scope="col">Against</th>
            <th scope="col">Setting</th>
            <th scope="col">See it</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((p) => {
            const lesson =
              lessonLink(p.lessonId) ??
              topicLessonLink(SECTION_TOPICS[p.contentSection] ?? 'decision');
            return (
              <tr key={p.id}>
                <th scope="row">{p.title}</th>
                <td data-label="What it does">{p.summary}</td>
                <td data-label="For">
                  <ul>
                    {p.pros.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                </td>
                <td data-label="Against">
                  <ul>
                    {p.cons.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                </td>
                <td data-label="Setting">
                  <code>{p.scenarioKnob}</code>
                </td>
                <td className="see-it" data-label="See it">
                  <a href={lesson.href}>Lesson: {lesson.title}</a>
                  <a href={presetHref(p.presetId)}>
                    Run: {getPreset(p.presetId)?.title ?? p.presetId}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The policy's own lesson (when it has one) and the eviction topic's lesson. */
function PolicyLessonLinks(props: {
  readonly lessonId: string | null;
  readonly topic: LessonLink;
}) {
  const own = props.lessonId === null ? null : lessonLink(props.lessonId);
  return (
    <>
      {own !== null && own.href !== props.topic.href ? (
        <a href={own.href}>Lesson: {own.title}</a>
      ) : null}
      <a href={props.topic.href}>Lesson: {props.topic.title}</a>
    </>
  );
}

/** The cheat sheet: every table generated from the registries and presets; prints on paper. */
export function CheatSheetPage() {
  const groups = patternGroups();
  const policies = policyRows();
  const redis = redisEvictionDefaults();
  const redisPresets = redisModePresets();
  const ttl = ttlRows();
  const evictionLesson = topicLessonLink('eviction');
  const ttlLesson = topicLessonLink('ttl');
  return (
    <article className="page cheat-sheet">
      <header className="page-header">
        <p className="breadcrumb no-print">
          <a href="#/study">Study</a> /
        </p>
        <h1>Cheat sheet</h1>
        <p className="lede">
          Everything on one page, generated from the simulator’s own registries, so it always
          matches what the Playground runs. Each row links to a lesson and to a setup that shows it.
        </p>
        <p className="no-print">
          <button
            type="button"
            className="button"
            onClick={() => {
              window.print();
            }}
          >
            Print this page
          </button>
        </p>
      </header>

      <section className="cheat-section" aria-labelledby="rules">
        <h2 id="rules">Rules to remember</h2>
        <ol className="rules">
          <li>Cache-aside by default.</li>
          <li>On writes, delete the key; do not update it.</li>
          <li>Always add jitter to TTLs.</li>
          <li>Know the stampede, and how to stop one.</li>
          <li>Measure the hit ratio: below 80% the cache does less than you think.</li>
          <li>Design for cache failure: the app must survive without it.</li>
        </ol>
      </section>

      <section className="cheat-section" aria-labelledby="patterns">
        <h2 id="patterns">Patterns and write strategies</h2>
        <PatternTable
          id="patterns"
          labelledBy="patterns"
          caption="Pattern"
          rows={groups.strategies}
        />
      </section>

      <section className="cheat-section" aria-labelledby="policies">
        <h2 id="policies">Eviction policies</h2>
        <div className="table-scroll">
          <table className="cheat-table" aria-labelledby="policies" data-testid="table-policies">
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Evicts</th>
                <th scope="col">Candidates</th>
                <th scope="col">Beats LRU when</th>
                <th scope="col">See it</th>
              </tr>
            </thead>
            <tbody>
              {policies.map((p) => (
                <tr key={p.id} data-testid={`policy-${p.id}`}>
                  <th scope="row">
                    <code>{p.id}</code>
                    {p.notInRedis ? ' (not in Redis)' : null}
                  </th>
                  <td data-label="Evicts">{p.summary}</td>
                  <td data-label="Candidates">{p.candidates}</td>
                  <td data-label="Beats LRU when">{p.beatsLru ?? '—'}</td>
                  <td className="see-it" data-label="See it">
                    <PolicyLessonLinks lessonId={p.lessonId} topic={evictionLesson} />
                    {p.presets.map((preset) => (
                      <a key={preset.id} href={presetHref(preset.id)}>
                        Run: {preset.title}
                      </a>
                    ))}
                    {p.offlineOnly ? null : (
                      <a href={`#/playground?policy=${p.id}`}>
                        Run the default workload with {p.id}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="explain">
          Redis approximates LRU and LFU: it samples <strong>{redis.samples}</strong> keys per
          eviction (<code>maxmemory-samples</code>; about 10 comes close to exact LRU). LFU keeps a
          logarithmic 8-bit counter per key (<code>lfu-log-factor</code> {redis.lfuLogFactor}) that
          decays over time (<code>lfu-decay-time</code> {formatMs(redis.lfuDecayTimeMs)}).
          {redisPresets.length > 0 ? ' Try it: ' : ''}
          {redisPresets.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ', ' : ''}
              <a href={presetHref(p.id)}>{p.title}</a>
            </span>
          ))}
          {redisPresets.length > 0 ? '.' : ''}
        </p>
      </section>

      <section className="cheat-section" aria-labelledby="ttl">
        <h2 id="ttl">TTL guide</h2>
        <div className="table-scroll">
          <table className="cheat-table" aria-labelledby="ttl" data-testid="table-ttl">
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">TTL</th>
                <th scope="col">Jitter</th>
                <th scope="col">Writes</th>
                <th scope="col">See it</th>
              </tr>
            </thead>
            <tbody>
              {ttl.map((row) => (
                <tr key={`${row.preset.id}-${row.name}`}>
                  <th scope="row">{row.name}</th>
                  <td data-label="TTL">{row.ttlMs === null ? 'no TTL' : formatMs(row.ttlMs)}</td>
                  <td data-label="Jitter">±{row.jitterPct}%</td>
                  <td data-label="Writes">{formatPct(row.writeFraction, 0)}</td>
                  <td className="see-it" data-label="See it">
                    <a href={ttlLesson.href}>Lesson: {ttlLesson.title}</a>
                    <a href={presetHref(row.preset.id)}>Run: {row.preset.title}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {groups.ttl.length > 0 ? (
          <PatternTable id="ttl-tools" labelledBy="ttl" caption="Technique" rows={groups.ttl} />
        ) : null}
      </section>

      <section className="cheat-section" aria-labelledby="invalidation">
        <h2 id="invalidation">Invalidation strategies</h2>
        <PatternTable
          id="invalidation"
          labelledBy="invalidation"
          caption="Strategy"
          rows={groups.invalidation}
        />
      </section>

      <section className="cheat-section" aria-labelledby="stampede">
        <h2 id="stampede">Stampede tools</h2>
        <PatternTable id="stampede" labelledBy="stampede" caption="Tool" rows={groups.stampede} />
      </section>
    </article>
  );
}
