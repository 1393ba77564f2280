/**
 * The lesson each drill links to: its topic's lesson, or a more specific one where that fits
 * better. Used by the drill card and the mock interview's review.
 */
import { topicLessonLink, type LessonLink } from '../lesson-links';
import type { Drill } from './drill-types';

/** Per-drill lesson preferences, where a specific lesson fits better than the topic's. */
const DRILL_LESSONS: Readonly<Record<string, string>> = {
  'evict-lfu-viral': 'lfu-viral',
  'evict-lru-vs-lfu': 'lfu-viral',
  'evict-noeviction': 'noeviction',
  'evict-volatile-none': 'noeviction',
  'evict-samples': 'redis-sampled-lru',
  'evict-redis-sampled': 'redis-sampled-lru',
  'evict-lfu-counter': 'redis-sampled-lru',
  'inv-delete-not-update': 'delete-not-update',
  'aside-cache-down': 'cache-failure',
  'aside-cold': 'cache-failure',
  'write-behind-loss': 'write-behind',
  'write-behind-lost': 'write-behind',
  'write-through-profile': 'write-through',
  'write-through-two-writers': 'write-through-race',
  'write-through-race-fix': 'write-through-versioned',
  'write-through-versioned-staleness': 'write-through-versioned',
  'write-around-fit': 'write-around',
};

export function drillLessonLink(drill: Drill): LessonLink {
  return topicLessonLink(drill.topic, DRILL_LESSONS[drill.id]);
}
