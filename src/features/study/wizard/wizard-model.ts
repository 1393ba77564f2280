/**
 * The decision wizard: the six questions of the decision framework (CONTENT.md section 10), an
 * optional "what not to cache" checklist, and the recommendation they lead to, including a
 * scenario that demonstrates it in the Playground. Pure data and functions; the page renders it.
 */
import { encodeScenarioParams } from '../../../sim/scenario/url-codec';
import {
  mergeScenarioInput,
  scenarioOrThrow,
  type Scenario,
  type ScenarioInput,
} from '../../../sim/scenario/scenario-schema';
import type { PolicyId } from '../../../sim/cache/cache-types';

export interface WizardOption<V extends string> {
  readonly value: V;
  readonly label: string;
  /** What choosing it means, shown under the option. */
  readonly hint: string;
}

interface Question<Id extends string, V extends string> {
  readonly id: Id;
  readonly title: string;
  /** Why the question matters; shown with it. */
  readonly why: string;
  readonly options: readonly WizardOption<V>[];
}

export type ReadPattern = 'read-heavy' | 'write-heavy';
export type FetchCost = 'expensive' | 'cheap';
export type Staleness = 'never' | 'slightly' | 'very';
export type Writers = 'same-service' | 'other-service' | 'many-writers';
export type CacheFailure = 'falls-back' | 'app-dies';
export type HitRate = 'under-50' | '50-80' | '80-95' | 'over-95';

export interface WizardAnswers {
  readonly reads: ReadPattern;
  readonly cost: FetchCost;
  readonly staleness: Staleness;
  readonly writers: Writers;
  readonly failure: CacheFailure;
  readonly hitRate: HitRate;
}

export type QuestionId = keyof WizardAnswers;

export const QUESTIONS = [
  {
    id: 'reads',
    title: 'Is the data read often and written rarely?',
    why: 'A cached copy saves work on every read until the next change. If the data changes about as often as it is read, the copy is thrown away before it pays off.',
    options: [
      {
        value: 'read-heavy',
        label: 'Yes, read far more often than written',
        hint: 'Many reads between changes: the case caching is made for.',
      },
      {
        value: 'write-heavy',
        label: 'No, written about as often as read (or more)',
        hint: 'Caching likely will not help.',
      },
    ],
  },
  {
    id: 'cost',
    title: 'Is it expensive to fetch?',
    why: 'The saving per read is the fetch time minus the cache lookup (about 0.5 ms). Joins, external APIs and heavy computation make it large; a 1 ms key lookup makes it tiny.',
    options: [
      {
        value: 'expensive',
        label: 'Yes: over about 5 ms, joins, external APIs or heavy compute',
        hint: 'Every hit saves real time and database work.',
      },
      {
        value: 'cheap',
        label: 'No: a fast indexed lookup',
        hint: 'A cache adds staleness and a moving part for little gain.',
      },
    ],
  },
  {
    id: 'staleness',
    title: 'How stale may it be?',
    why: 'Every cached value is a copy. How long a user may see an old value decides the write strategy and the TTL.',
    options: [
      {
        value: 'never',
        label: 'Never (balances, inventory)',
        hint: 'Write-through with a version-checked SET, or delete on every write; a short TTL only as a safety net.',
      },
      {
        value: 'slightly',
        label: 'Slightly (profiles, catalog)',
        hint: 'Cache-aside with a TTL of seconds to minutes.',
      },
      {
        value: 'very',
        label: 'Very (blog posts, reference data)',
        hint: 'A long TTL does most of the work.',
      },
    ],
  },
  {
    id: 'writers',
    title: 'Who writes it?',
    why: 'Only code on the write path can invalidate at the moment of change. Who owns that path decides how the cache hears about changes.',
    options: [
      { value: 'same-service', label: 'This service', hint: 'Delete the key in the write path.' },
      {
        value: 'other-service',
        label: 'Another service',
        hint: 'Event-driven invalidation: it publishes, you delete.',
      },
      {
        value: 'many-writers',
        label: 'Many writers, hard to track',
        hint: 'A short TTL as the safety net; accept bounded staleness.',
      },
    ],
  },
  {
    id: 'failure',
    title: 'What happens if the cache dies?',
    why: 'Caches fail and restart cold. The app must survive that, or the cache has become a critical store.',
    options: [
      {
        value: 'falls-back',
        label: 'The app falls back to the database',
        hint: 'Fine: slower for a while, not broken.',
      },
      { value: 'app-dies', label: 'The app stops working', hint: 'Fix the architecture first.' },
    ],
  },
  {
    id: 'hitRate',
    title: 'What hit rate do you expect?',
    why: 'The hit rate says how much of the load the cache really takes. Estimate it from how often keys repeat, then measure it.',
    options: [
      { value: 'under-50', label: 'Under 50%', hint: 'Rethink the keys, or do not cache.' },
      { value: '50-80', label: '50% to 80%', hint: 'Doing less than you think.' },
      { value: '80-95', label: '80% to 95%', hint: 'Worth it.' },
      { value: 'over-95', label: 'Over 95%', hint: 'Excellent.' },
    ],
  },
] as const satisfies readonly [
  Question<'reads', ReadPattern>,
  Question<'cost', FetchCost>,
  Question<'staleness', Staleness>,
  Question<'writers', Writers>,
  Question<'failure', CacheFailure>,
  Question<'hitRate', HitRate>,
];

/** "What not to cache" red flags (CONTENT.md section 9), ticked in an optional last step. */
export const RED_FLAGS = [
  {
    id: 'unique',
    label: 'Keys rarely repeat (free-text search, one-off queries)',
    warning:
      'Unique or rarely repeated queries have a hit ratio near zero: cache something that repeats, or nothing.',
  },
  {
    id: 'mutable',
    label: 'Values change on almost every request',
    warning:
      'Highly mutable values need a TTL too short to help and an invalidation on every write.',
  },
  {
    id: 'large',
    label: 'Values are large (hundreds of kB or more)',
    warning:
      'One large object costs the memory of thousands of small entries; cache a smaller projection or use a CDN/object store.',
  },
  {
    id: 'per-user',
    label: 'Per-user data for millions of users',
    warning:
      'Per-user data at huge scale is mostly evicted before it is reused; check the hit ratio per key class.',
  },
  {
    id: 'tangled',
    label: 'One change affects many cached keys',
    warning:
      'Tangled invalidation dependencies: one change touches many keys and one will be missed. Prefer coarser keys or short TTLs.',
  },
  {
    id: 'sensitive',
    label: 'Personal, payment or authentication data',
    warning:
      'Sensitive data in a shared cache needs access control and encryption, or should not be cached.',
  },
] as const;
export type RedFlagId = (typeof RED_FLAGS)[number]['id'];

export type Verdict = 'cache' | 'dont-cache' | 'rethink' | 'fix-architecture';

export interface Recommendation {
  readonly verdict: Verdict;
  /** One-sentence summary. */
  readonly headline: string;
  readonly pattern: { readonly name: string; readonly detail: string };
  readonly invalidation: { readonly name: string; readonly detail: string };
  readonly ttl: { readonly range: string; readonly detail: string };
  readonly eviction: { readonly policy: PolicyId; readonly detail: string };
  readonly stampede: readonly string[];
  readonly warnings: readonly string[];
  /** The scenario "Open this setup" loads. */
  readonly scenario: Scenario;
}

const TTL_BY_STALENESS: Record<Staleness, { range: string; ms: number; detail: string }> = {
  never: {
    range: '5–15 seconds',
    ms: 10_000,
    detail:
      'Freshness comes from the write path; the short TTL only bounds the damage of a missed update.',
  },
  slightly: {
    range: '1–5 minutes',
    ms: 300_000,
    detail:
      'Minutes, like user profiles (about 5 min) or a catalog (1–5 min): long enough for a high hit ratio, short enough that a missed invalidation heals quickly.',
  },
  very: {
    range: '1–24 hours',
    ms: 3_600_000,
    detail:
      'Hours, like reference data and blog posts: the TTL does most of the work and the hit ratio is as high as it gets.',
  },
};

/** Many writers that cannot invalidate: a short TTL is the only freshness guarantee. */
const MANY_WRITERS_TTL = {
  range: '30–60 seconds',
  ms: 60_000,
  detail:
    'With writers you cannot track, the TTL is the only thing that ends staleness, so keep it short and accept up to that much delay.',
};

const ZIPF_BY_HIT_RATE: Record<HitRate, number> = {
  'under-50': 0.5,
  '50-80': 0.8,
  '80-95': 1.0,
  'over-95': 1.3,
};

function pattern(a: WizardAnswers): Recommendation['pattern'] {
  if (a.staleness === 'never' && a.writers === 'same-service') {
    return {
      name: 'Write-through with a version-checked SET (reads cache-aside)',
      detail:
        'Each write updates the database and then the cache before it is acknowledged, so a read right after a write is fresh. Make the SET version-checked (store the value only if it is newer than the cached one, in one atomic step): with a plain SET, two writers updating the same key can leave the older value cached. Reads between a commit and its SET still see the previous value. Writes pay both latencies.',
    };
  }
  return {
    name: 'Cache-aside',
    detail:
      'Read the cache; on a miss read the database and store the value with a TTL. If the cache is down, reads fall back to the database.',
  };
}

function invalidation(a: WizardAnswers): Recommendation['invalidation'] {
  switch (a.writers) {
    case 'same-service':
      return a.staleness === 'never'
        ? {
            name: 'Write-through on every write',
            detail:
              'The writing service updates the cache with the database, so there is nothing to invalidate; the version check keeps two writers from leaving the older value behind.',
          }
        : {
            name: 'Delete on write',
            detail:
              'After writing the database, DEL the key (do not SET it: concurrent writers could leave the older value). The next read refills it.',
          };
    case 'other-service':
      return {
        name: 'Event-driven invalidation',
        detail:
          'The owning service publishes a change event; your consumer deletes the key. Do not re-populate in the handler: a lagging replica can hand back the old value.',
      };
    case 'many-writers':
      return {
        name: 'TTL only',
        detail:
          'Writes do not touch the cache; entries expire and are re-read. Staleness is bounded by the TTL.',
      };
  }
}

/** The recommendation for a full set of answers, plus any ticked red flags. */
export function recommend(a: WizardAnswers, flags: readonly RedFlagId[] = []): Recommendation {
  const warnings: string[] = [];
  let verdict: Verdict = 'cache';
  if (a.reads === 'write-heavy') {
    verdict = 'dont-cache';
    warnings.push(
      'Data written about as often as it is read gains little from a cache: most copies are invalidated before anyone reads them.',
    );
  }
  if (a.cost === 'cheap') {
    verdict = 'dont-cache';
    warnings.push(
      'A fetch under about 5 ms saves little per hit; the cache would add staleness and another moving part.',
    );
  }
  if (a.failure === 'app-dies') {
    if (verdict === 'cache') verdict = 'fix-architecture';
    warnings.push(
      'If the app dies when the cache does, fix the architecture first: the cache must be an optimisation the app can fall back from. A cache that holds data found nowhere else is a store (noeviction, persistence), not a cache.',
    );
  }
  if (a.hitRate === 'under-50') {
    if (verdict === 'cache') verdict = 'rethink';
    warnings.push(
      'Under 50% hits the cache takes less than half the load: rethink the keys (cache what repeats) or do not cache.',
    );
  } else if (a.hitRate === '50-80') {
    warnings.push(
      'Between 50% and 80% hits the cache does less than you think: measure per key class and look for keys that never repeat.',
    );
  }
  if (a.staleness === 'never' && a.writers !== 'same-service') {
    warnings.push(
      'Data that must never be stale but is written elsewhere cannot be kept exactly fresh by a cache: invalidate on every write through events with a very short TTL, or read it from the database.',
    );
  }
  for (const id of flags) {
    const flag = RED_FLAGS.find((f) => f.id === id);
    if (flag) warnings.push(flag.warning);
  }

  const ttl =
    a.writers === 'many-writers' && a.staleness !== 'never'
      ? MANY_WRITERS_TTL
      : TTL_BY_STALENESS[a.staleness];
  const stableHotSet = a.hitRate === 'over-95';
  const eviction: Recommendation['eviction'] = stableHotSet
    ? {
        policy: 'allkeys-lfu',
        detail:
          'A hit rate this high suggests a clear, long-lived hot set, which LFU protects best. Watch for new content: it starts with a low count.',
      }
    : {
        policy: 'allkeys-lru',
        detail:
          'The general-purpose default: evict the least recently used key. Switch to allkeys-lfu only for a clear long-term hot set.',
      };

  const stampede = [
    'Always add TTL jitter (about ±10%) so keys written together do not expire together.',
    a.staleness === 'never'
      ? 'Protect hot keys with a rebuild lock (SET lock:key token NX EX ttl, TTL longer than the slowest rebuild, released in finally by its owner).'
      : 'Protect hot keys with stale-while-revalidate (serve the old value, refresh once in the background) or a rebuild lock.',
  ];
  if (a.failure === 'falls-back') {
    stampede.push(
      'Warm the cache before traffic arrives after a deploy or restart: a cold cache sends every read to the database.',
    );
  }

  const p = pattern(a);
  const inv = invalidation(a);
  const headline =
    verdict === 'cache'
      ? `${p.name} with ${inv.name.toLowerCase()} and a TTL of ${ttl.range}.`
      : verdict === 'dont-cache'
        ? 'Caching is unlikely to pay off here; the setup below shows what it would look like.'
        : verdict === 'rethink'
          ? 'Rethink the keys before caching: the expected hit rate is too low to pay off.'
          : 'Fix the architecture first, so the app survives the cache going away.';

  return {
    verdict,
    headline,
    pattern: p,
    invalidation: inv,
    ttl: { range: ttl.range, detail: ttl.detail },
    eviction,
    stampede,
    warnings,
    scenario: wizardScenario(a, ttl.ms, eviction.policy),
  };
}

/** A playground scenario that demonstrates the recommendation with the answers' workload shape. */
function wizardScenario(a: WizardAnswers, ttlMs: number, policy: PolicyId): Scenario {
  const writeThrough = a.staleness === 'never' && a.writers === 'same-service';
  const write = writeThrough
    ? 'write-through'
    : a.writers === 'same-service'
      ? 'invalidate'
      : 'write-around';
  const input: ScenarioInput = {
    workload: {
      writeFraction: a.reads === 'read-heavy' ? 0.02 : 0.4,
      popularity: { kind: 'zipf', alpha: ZIPF_BY_HIT_RATE[a.hitRate] },
    },
    cache: { policy, ttlMs, jitterPct: 10 },
    db: { readLatencyMs: a.cost === 'expensive' ? 50 : 2 },
    pattern: {
      write,
      writeThrough: { versioned: writeThrough },
      eventInvalidation: a.writers === 'other-service' ? { delayMs: 200 } : null,
    },
    stampede: { warmOnStart: a.failure === 'falls-back' },
  };
  return scenarioOrThrow(mergeScenarioInput({}, input));
}

/** The Playground link for a recommendation ("Open this setup"). */
export function playgroundHref(scenario: Scenario): string {
  const params = encodeScenarioParams(scenario).toString();
  return `#/playground${params ? `?${params}` : ''}`;
}

/** True when every question has an answer. */
export function isComplete(partial: Partial<WizardAnswers>): partial is WizardAnswers {
  return QUESTIONS.every((q) => partial[q.id] !== undefined);
}
