/**
 * Links from study material to lessons, read from the lesson catalog (titles, not the lessons
 * themselves). Only lessons that exist are linked; a topic whose lesson is not there links to the
 * lesson index instead, so no link is ever dead.
 */
import { findLessonMeta } from '../../content/lessons/lesson-catalog';
import type { StudyTopicId } from './study-topics';

export interface LessonLink {
  readonly href: string;
  readonly title: string;
}

export const LESSON_INDEX: LessonLink = { href: '#/lessons', title: 'Lessons' };

/** Preferred lessons per topic, best first. */
const TOPIC_LESSONS: Readonly<Record<StudyTopicId, readonly string[]>> = {
  'why-cache': ['why-cache'],
  layers: ['layers'],
  'cache-aside': ['cache-aside', 'cache-failure'],
  'write-strategies': ['write-strategies', 'write-through', 'write-behind'],
  eviction: ['eviction-policies', 'lfu-viral', 'scans-one-hit-wonders', 'shifting-popularity'],
  ttl: ['ttl', 'synchronised-expiry', 'ttl-jitter'],
  invalidation: ['invalidation-race', 'invalidation', 'delete-not-update'],
  stampede: ['stampede', 'hot-key-stampede', 'rebuild-lock'],
  'what-not-to-cache': ['what-not-to-cache', 'unique-queries'],
  decision: ['decision-framework', 'rules', 'why-cache'],
};

/** The first existing lesson among `ids`, or null. */
export function lessonLink(...ids: readonly (string | undefined)[]): LessonLink | null {
  for (const id of ids) {
    if (id === undefined) continue;
    const lesson = findLessonMeta(id);
    if (lesson) return { href: `#/lessons/${lesson.id}`, title: lesson.title };
  }
  return null;
}

/** The lesson for a topic (or the lesson index when none exists yet). */
export function topicLessonLink(
  topic: StudyTopicId,
  ...preferred: readonly (string | undefined)[]
): LessonLink {
  return lessonLink(...preferred, ...TOPIC_LESSONS[topic]) ?? LESSON_INDEX;
}
