/**
 * What the lesson index and Study's links show of each lesson: id, title, syllabus section and
 * summary, kept here once. Each definition (`lessons-*.ts`) takes its own with `lessonMeta(id)`, so
 * pages that only name or link lessons read this small module instead of the whole registry.
 */
import type { LessonMeta, SyllabusSection } from './lesson-types';
import { resolveLessonId, type LessonId } from './lesson-topics';

export type { LessonId };

/** Syllabus sections in order, with the headings the index shows. */
export const SYLLABUS_SECTIONS: readonly {
  readonly section: SyllabusSection;
  readonly title: string;
}[] = [
  { section: '1', title: '1. Why cache at all' },
  { section: '2', title: '2. Where caches live' },
  { section: '3', title: '3. Cache-aside, the default' },
  { section: '4', title: '4. Write strategies' },
  { section: '5', title: '5. Eviction when full' },
  { section: '6', title: '6. TTL' },
  { section: '7', title: '7. Invalidation' },
  { section: '8', title: '8. Cache stampede' },
  { section: '9', title: '9. What not to cache' },
  { section: '10-11', title: '10–11. Deciding, and the rules to remember' },
];

const CATALOG = [
  {
    id: 'why-cache',
    title: 'Why cache at all',
    section: '1',
    summary: 'Six reads of one key: one pays the database, five are answered from memory.',
  },
  {
    id: 'layers',
    title: 'Layers: an in-process L1 goes stale on its own',
    section: '2',
    summary:
      'Two app servers keep their own in-memory copy in front of a shared cache. A write clears the shared copy, not theirs.',
  },
  {
    id: 'cache-aside',
    title: 'Cache-aside: read, miss, populate; write, then delete',
    section: '3',
    summary:
      'The default pattern, step by step: a miss fills the cache, hits follow, a write deletes the key.',
  },
  {
    id: 'delete-not-update',
    title: 'Why delete, not update, on a write',
    section: '3',
    summary:
      'Two writers update the cache after writing the database. Their cache updates land in the wrong order and leave the older value cached.',
  },
  {
    id: 'cache-failure',
    title: 'When the cache goes down, and comes back cold',
    section: '3',
    summary:
      'Cache-aside survives a dead cache by reading the database directly; the node comes back empty.',
  },
  {
    id: 'write-through',
    title: 'Write-through: one writer, fresh reads, slower writes',
    section: '4',
    summary:
      'Each write goes to the database and the cache before it is acknowledged. With one writer at a time, reads after a write are fresh.',
  },
  {
    id: 'write-through-race',
    title: 'Write-through with two writers: the older value wins',
    section: '4',
    summary:
      'Write the database, then SET the cache: two writers’ SETs can land in the opposite order to their commits and leave the older value cached.',
  },
  {
    id: 'write-through-versioned',
    title: 'A version-checked SET stops the older value winning',
    section: '4',
    summary:
      'The same two writers, but each SET only stores a value newer than the cached one, in one atomic cache step.',
  },
  {
    id: 'write-behind',
    title: 'Write-behind, and a cache crash that loses writes',
    section: '4',
    summary:
      'Writes are acknowledged from the cache and flushed to the database later. A crash before the flush loses them.',
  },
  {
    id: 'write-around',
    title: 'Write-around: writes skip the cache',
    section: '4',
    summary:
      'Writes go only to the database; the cache fills on reads, and a cached copy can go stale.',
  },
  {
    id: 'eviction-policies',
    title: 'LRU, LFU and FIFO on the same requests',
    section: '5',
    summary:
      'A cache with room for three keys, six keys in demand. Which key goes when a new one arrives depends on the policy.',
  },
  {
    id: 'lfu-viral',
    title: 'LFU evicts the key that is about to go viral',
    section: '5',
    summary:
      'Under LFU a brand-new key starts with a low count and is evicted before it can build one up.',
  },
  {
    id: 'noeviction',
    title: 'noeviction: a full cache refuses writes',
    section: '5',
    summary: 'With noeviction, a full cache answers new SETs with Redis’s out-of-memory error.',
  },
  {
    id: 'redis-sampled-lru',
    title: 'Redis’s LRU is an approximation',
    section: '5',
    summary:
      'Redis samples a few keys and evicts the oldest of those. Compare 1, 5 and 10 samples with exact LRU.',
  },
  {
    id: 'scans-one-hit-wonders',
    title: 'Scans and one-hit wonders: where LRU loses',
    section: '5',
    summary:
      'A batch job reads hundreds of keys once each. LRU lets every one of them push a hot key out; policies that make a newcomer prove itself do not.',
  },
  {
    id: 'shifting-popularity',
    title: 'Shifting popularity: LFU’s weakness',
    section: '5',
    summary:
      'The hot set moves to other keys. LFU keeps yesterday’s favourites, whose counts are high, and evicts the new hot keys before they can count up.',
  },
  {
    id: 'ttl',
    title: 'TTL: synchronised expiry, and jitter',
    section: '6',
    summary:
      'Keys loaded together with the same TTL expire together and miss together. Jitter spreads them out.',
  },
  {
    id: 'invalidation',
    title: 'Invalidation with TTL only',
    section: '7',
    summary: 'No delete on write: a changed value is served stale until its TTL runs out.',
  },
  {
    id: 'event-driven',
    title: 'Event-driven invalidation',
    section: '7',
    summary: 'Another service writes; a change event deletes our cached key a little later.',
  },
  {
    id: 'event-repopulate',
    title: 'Why the event handler must not re-populate',
    section: '7',
    summary: 'A handler that re-reads the value from a lagging replica caches the old value again.',
  },
  {
    id: 'invalidation-race',
    title: 'The stale-set race, and the TTL safety net',
    section: '7',
    summary:
      'A read that fetched the old value before a write stores it after the write has deleted the key. Only the TTL ends it.',
  },
  {
    id: 'stampede',
    title: 'Cache stampede: a hot key expires',
    section: '8',
    summary:
      'Every request that arrives while the hot key is being rebuilt misses and queries the database.',
  },
  {
    id: 'rebuild-lock',
    title: 'Rebuild lock: one query per expiry',
    section: '8',
    summary:
      'The first miss takes a lock and rebuilds; everyone else waits and re-checks the cache.',
  },
  {
    id: 'lock-ttl-too-short',
    title: 'A lock TTL shorter than the query lets a second rebuilder in',
    section: '8',
    summary: 'The lock expires mid-rebuild; another request takes it and runs the same query.',
  },
  {
    id: 'unsafe-lock-release',
    title: 'Unsafe lock release deletes someone else’s lock',
    section: '8',
    summary:
      'A holder whose lock already expired deletes the lock by name, which now belongs to someone else.',
  },
  {
    id: 'stale-while-revalidate',
    title: 'Stale-while-revalidate: nobody waits',
    section: '8',
    summary:
      'After a soft TTL the cache keeps serving the old copy and one background refresh replaces it.',
  },
  {
    id: 'warming',
    title: 'Cache warming before traffic arrives',
    section: '8',
    summary:
      'A cold cache sends the first wave of traffic to the database; warming it first does not.',
  },
  {
    id: 'unique-queries',
    title: 'Unique queries: nothing to reuse',
    section: '9',
    summary: 'When every request asks for something new, a cache only adds work.',
  },
  {
    id: 'large-values',
    title: 'Large values crowd out everything else',
    section: '9',
    summary: 'With a memory limit, a few big values leave room for almost nothing.',
  },
  {
    id: 'hit-ratio',
    title: 'Measure the hit ratio',
    section: '10-11',
    summary:
      'A cache that looks busy can still be doing little. The hit ratio says how much it actually saves.',
  },
] as const satisfies readonly (LessonMeta & { readonly id: LessonId })[];

/** Every lesson's metadata, in syllabus order. */
export const LESSON_CATALOG: readonly LessonMeta[] = CATALOG;

const BY_ID = new Map<string, LessonMeta>(CATALOG.map((m) => [m.id, m]));

/** A lesson's metadata by id (or alias), or undefined when there is no such lesson. */
export function findLessonMeta(id: string): LessonMeta | undefined {
  const lessonId = resolveLessonId(id);
  return lessonId === undefined ? undefined : BY_ID.get(lessonId);
}

/** A lesson's own metadata, for its definition. */
export function lessonMeta(id: LessonId): LessonMeta {
  const meta = BY_ID.get(id);
  if (meta === undefined) throw new Error(`lesson ${id} is not in the lesson catalog`);
  return meta;
}

/**
 * Lessons (or their metadata) grouped by syllabus section, in the sections' order; sections
 * without lessons are left out.
 */
export function groupBySection<L extends LessonMeta>(lessons: readonly L[]) {
  return SYLLABUS_SECTIONS.map((s) => ({
    ...s,
    lessons: lessons.filter((l) => l.section === s.section),
  })).filter((g) => g.lessons.length > 0);
}

/** The index's groups, from the catalog alone (no lesson definitions loaded). */
export const LESSON_CATALOG_GROUPS = groupBySection(LESSON_CATALOG);
