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
import { findLessonMeta, groupBySection, SYLLABUS_SECTIONS } from './lesson-catalog';
import type { LessonDefinition } from './lesson-types';

export { SYLLABUS_SECTIONS };

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
export const LESSON_GROUPS = groupBySection(LESSONS);

const BY_ID = new Map(LESSONS.map((l) => [l.id, l]));

/** Look a lesson up by id (or alias, see `lesson-catalog.ts`). */
export function getLesson(id: string): LessonDefinition | undefined {
  const meta = findLessonMeta(id);
  return meta === undefined ? undefined : BY_ID.get(meta.id);
}
