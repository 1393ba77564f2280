/**
 * Every lesson's id and the topic file that holds its definition (`lessons-<topic>.ts`): the one
 * list of lesson ids. It is small enough for the main bundle, so a link to one lesson starts
 * downloading that topic's few kilobytes beside the lessons page, rather than every lesson after
 * it (`lesson-loader.ts`). The catalog (`lesson-catalog.ts`) gives each id its title and summary.
 */

export type LessonTopic =
  'foundations' | 'writes' | 'eviction' | 'policies' | 'freshness' | 'stampede' | 'judgement';

export const LESSON_TOPICS = {
  'why-cache': 'foundations',
  layers: 'foundations',
  'cache-aside': 'foundations',
  'delete-not-update': 'foundations',
  'cache-failure': 'foundations',
  'write-through': 'writes',
  'write-through-race': 'writes',
  'write-through-versioned': 'writes',
  'write-behind': 'writes',
  'write-around': 'writes',
  'eviction-policies': 'eviction',
  'lfu-viral': 'eviction',
  noeviction: 'eviction',
  'redis-sampled-lru': 'eviction',
  'scans-one-hit-wonders': 'policies',
  'shifting-popularity': 'policies',
  ttl: 'freshness',
  invalidation: 'freshness',
  'event-driven': 'freshness',
  'event-repopulate': 'freshness',
  'invalidation-race': 'freshness',
  stampede: 'stampede',
  'rebuild-lock': 'stampede',
  'lock-ttl-too-short': 'stampede',
  'unsafe-lock-release': 'stampede',
  'stale-while-revalidate': 'stampede',
  warming: 'stampede',
  'unique-queries': 'judgement',
  'large-values': 'judgement',
  'hit-ratio': 'judgement',
} as const satisfies Readonly<Record<string, LessonTopic>>;

/** The id of a lesson. */
export type LessonId = keyof typeof LESSON_TOPICS;

/**
 * Other ids that lead to a lesson: the pattern registry (src/sim/patterns/pattern-registry.ts)
 * links patterns to these.
 */
const ALIASES: Readonly<Record<string, LessonId>> = {
  'write-strategies': 'write-through',
};

/** The lesson an id (or alias) names, or undefined when there is no such lesson. */
export function resolveLessonId(id: string): LessonId | undefined {
  if (Object.hasOwn(LESSON_TOPICS, id)) return id as LessonId;
  return Object.hasOwn(ALIASES, id) ? ALIASES[id] : undefined;
}
