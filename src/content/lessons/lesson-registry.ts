/**
 * The one lesson registry: every lesson, looked up by id, grouped like the syllabus
 * (CONTENT.md sections). Lesson definitions live in the `lessons-*.ts` files by topic.
 */
import { EVICTION_LESSONS } from './lessons-eviction';
import { FOUNDATION_LESSONS } from './lessons-foundations';
import { FRESHNESS_LESSONS } from './lessons-freshness';
import { JUDGEMENT_LESSONS } from './lessons-judgement';
import { POLICY_LESSONS } from './lessons-policies';
import { STAMPEDE_LESSONS } from './lessons-stampede';
import { WRITE_LESSONS } from './lessons-writes';
import { findLessonMeta } from './lesson-catalog';
import type { LessonDefinition, SyllabusSection } from './lesson-types';

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

/** Every lesson, in syllabus order. */
export const LESSONS: readonly LessonDefinition[] = [
  ...FOUNDATION_LESSONS,
  ...WRITE_LESSONS,
  ...EVICTION_LESSONS,
  ...POLICY_LESSONS,
  ...FRESHNESS_LESSONS,
  ...STAMPEDE_LESSONS,
  ...JUDGEMENT_LESSONS,
].sort(
  (a, b) =>
    SYLLABUS_SECTIONS.findIndex((s) => s.section === a.section) -
    SYLLABUS_SECTIONS.findIndex((s) => s.section === b.section),
);

/** Lessons grouped by syllabus section (sections without lessons are left out). */
export const LESSON_GROUPS = SYLLABUS_SECTIONS.map((s) => ({
  ...s,
  lessons: LESSONS.filter((l) => l.section === s.section),
})).filter((g) => g.lessons.length > 0);

const BY_ID = new Map(LESSONS.map((l) => [l.id, l]));

/** Look a lesson up by id (or alias, see `lesson-catalog.ts`). */
export function getLesson(id: string): LessonDefinition | undefined {
  const meta = findLessonMeta(id);
  return meta === undefined ? undefined : BY_ID.get(meta.id);
}
