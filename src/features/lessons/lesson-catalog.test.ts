/**
 * The catalog (what Study's links and the index read) and the registry (the lessons themselves)
 * name the same lessons, so a link made from the catalog always opens a lesson.
 */
import { describe, expect, it } from 'vitest';
import {
  findLessonMeta,
  LESSON_CATALOG,
  LESSON_CATALOG_GROUPS,
} from '../../content/lessons/lesson-catalog';
import { getLesson, LESSON_GROUPS, LESSONS } from '../../content/lessons/lesson-registry';

describe('lesson catalog', () => {
  it('lists every lesson of the registry once, and no other', () => {
    expect(LESSON_CATALOG.map((m) => m.id)).toEqual(LESSONS.map((l) => l.id));
    expect(new Set(LESSON_CATALOG.map((m) => m.id)).size).toBe(LESSON_CATALOG.length);
  });

  it('groups lessons for the index exactly as the registry does', () => {
    const ids = (groups: typeof LESSON_CATALOG_GROUPS) =>
      groups.map((g) => [g.section, g.title, g.lessons.map((l) => l.id)]);
    expect(ids(LESSON_CATALOG_GROUPS)).toEqual(ids(LESSON_GROUPS));
  });

  it.each(LESSON_CATALOG.map((m) => ({ id: m.id, meta: m })))(
    'lesson $id shows the title and summary its definition has',
    ({ id, meta }) => {
      const lesson = getLesson(id);
      expect(lesson).toBeDefined();
      expect({
        id: lesson?.id,
        title: lesson?.title,
        section: lesson?.section,
        summary: lesson?.summary,
      }).toEqual(meta);
    },
  );

  it('resolves an alias to the lesson it leads to, and an unknown id to nothing', () => {
    expect(findLessonMeta('write-strategies')?.id).toBe('write-through');
    expect(getLesson('write-strategies')?.id).toBe('write-through');
    expect(findLessonMeta('no-such-lesson')).toBeUndefined();
    expect(getLesson('no-such-lesson')).toBeUndefined();
  });
});
