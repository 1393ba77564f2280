/**
 * Lessons load one topic file at a time (lesson-loader.ts), found through the topic table
 * (lesson-topics.ts). Each id must lead to the very definition the registry holds, and a failed
 * download must not stick.
 */
import { describe, expect, it } from 'vitest';
import { LESSON_CATALOG } from '../../content/lessons/lesson-catalog';
import { createLessonLoader, loadLesson, loadedLesson } from '../../content/lessons/lesson-loader';
import { getLesson, LESSONS } from '../../content/lessons/lesson-registry';
import {
  LESSON_TOPICS,
  resolveLessonId,
  type LessonId,
  type LessonTopic,
} from '../../content/lessons/lesson-topics';
import type { LessonDefinition } from '../../content/lessons/lesson-types';

describe('lesson topics', () => {
  it('name every lesson of the catalog once, and no other', () => {
    expect(Object.keys(LESSON_TOPICS).sort()).toEqual(LESSON_CATALOG.map((m) => m.id).sort());
  });

  it('resolve an alias to its lesson and an unknown or inherited name to nothing', () => {
    expect(resolveLessonId('write-strategies')).toBe('write-through');
    expect(resolveLessonId('ttl')).toBe('ttl');
    expect(resolveLessonId('no-such-lesson')).toBeUndefined();
    expect(resolveLessonId('constructor')).toBeUndefined();
    expect(resolveLessonId('__proto__')).toBeUndefined();
  });
});

describe('lesson loader', () => {
  it.each(LESSONS.map((l) => ({ id: l.id, lesson: l })))(
    'loads lesson $id from its topic file: the registry’s own definition',
    async ({ id, lesson }) => {
      await expect(loadLesson(id)).resolves.toBe(lesson);
      expect(loadedLesson(id)).toBe(lesson);
    },
  );

  it('loads an alias as its lesson, and an unknown id as nothing', async () => {
    await expect(loadLesson('write-strategies')).resolves.toBe(getLesson('write-through'));
    await expect(loadLesson('no-such-lesson')).resolves.toBeUndefined();
    expect(loadedLesson('no-such-lesson')).toBeUndefined();
  });

  it('downloads a lesson’s topic once, and tries again after a failed download', async () => {
    const calls: LessonTopic[] = [];
    let failNext = true;
    const file = (topic: LessonTopic) => () => {
      calls.push(topic);
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('offline'));
      }
      return Promise.resolve(LESSONS.filter((l) => LESSON_TOPICS[l.id as LessonId] === topic));
    };
    const files = {} as Record<LessonTopic, () => Promise<readonly LessonDefinition[]>>;
    for (const topic of new Set(Object.values(LESSON_TOPICS))) files[topic] = file(topic);
    const loader = createLessonLoader(files);
    const first = loader.load('ttl');
    expect(loader.load('ttl')).toBe(first);
    await expect(first).rejects.toThrow('offline');
    expect(loader.loaded('ttl')).toBeUndefined();
    const second = loader.load('ttl');
    expect(second).not.toBe(first);
    await expect(second).resolves.toBe(getLesson('ttl'));
    expect(loader.loaded('ttl')).toBe(getLesson('ttl'));
    await loader.load('ttl');
    expect(calls).toEqual(['freshness', 'freshness']);
  });

  it('says so when the topic table points at a file without the lesson', async () => {
    const none = () => Promise.resolve([]);
    const loader = createLessonLoader({
      foundations: none,
      writes: none,
      eviction: none,
      policies: none,
      freshness: none,
      stampede: none,
      judgement: none,
    });
    await expect(loader.load('ttl')).rejects.toThrow('lesson ttl is not in its topic file');
  });
});
