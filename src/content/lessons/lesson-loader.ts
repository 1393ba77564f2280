/**
 * Lesson definitions loaded one topic at a time, for the lessons page: a link to one lesson
 * downloads only its topic's file (`lesson-topics.ts` says which), and the index none. The
 * registry (`lesson-registry.ts`) holds every lesson at once for code that runs them all (the
 * lesson worker, tests).
 */
import type { LessonDefinition } from './lesson-types';
import { LESSON_TOPICS, resolveLessonId, type LessonId, type LessonTopic } from './lesson-topics';

const TOPIC_FILES: Readonly<Record<LessonTopic, () => Promise<readonly LessonDefinition[]>>> = {
  foundations: () => import('./lessons-foundations').then((m) => m.FOUNDATION_LESSONS),
  writes: () => import('./lessons-writes').then((m) => m.WRITE_LESSONS),
  eviction: () => import('./lessons-eviction').then((m) => m.EVICTION_LESSONS),
  policies: () => import('./lessons-policies').then((m) => m.POLICY_LESSONS),
  freshness: () => import('./lessons-freshness').then((m) => m.FRESHNESS_LESSONS),
  stampede: () => import('./lessons-stampede').then((m) => m.STAMPEDE_LESSONS),
  judgement: () => import('./lessons-judgement').then((m) => m.JUDGEMENT_LESSONS),
};

export interface LessonLoader {
  /**
   * The definition of the lesson an id (or alias) names; undefined when there is no such lesson.
   * The same promise for every call until it settles, so React's `use` sees one promise. A
   * download that fails rejects, and the next call asks again (a browser answers that from its
   * memory of the failure until the page reloads, which the app's error view offers).
   */
  readonly load: (id: string) => Promise<LessonDefinition | undefined>;
  /** The definition when its topic has already arrived, else undefined (then call `load`). */
  readonly loaded: (id: string) => LessonDefinition | undefined;
  /** Start downloading a lesson's topic ahead of need; a failure shows when the lesson opens. */
  readonly preload: (id: string) => void;
}

/** A loader over topic files (the app's own below; tests give theirs). */
export function createLessonLoader(
  files: Readonly<Record<LessonTopic, () => Promise<readonly LessonDefinition[]>>>,
): LessonLoader {
  const topics = new Map<LessonTopic, Promise<readonly LessonDefinition[]>>();
  /** Each topic file is asked for once, whichever of its lessons asks first. */
  const topicFile = (topic: LessonTopic): Promise<readonly LessonDefinition[]> => {
    let file = topics.get(topic);
    if (file === undefined) {
      file = files[topic]().catch((error: unknown) => {
        topics.delete(topic);
        throw error;
      });
      topics.set(topic, file);
    }
    return file;
  };
  const pending = new Map<LessonId, Promise<LessonDefinition | undefined>>();
  const loaded = new Map<LessonId, LessonDefinition>();
  const load = (id: string): Promise<LessonDefinition | undefined> => {
    const lessonId = resolveLessonId(id);
    if (lessonId === undefined) return Promise.resolve(undefined);
    let promise = pending.get(lessonId);
    if (promise === undefined) {
      promise = topicFile(LESSON_TOPICS[lessonId]).then(
        (lessons) => {
          const lesson = lessons.find((l) => l.id === lessonId);
          // The topic table and the topic files disagree: a programming error the tests catch.
          if (lesson === undefined) throw new Error(`lesson ${lessonId} is not in its topic file`);
          loaded.set(lessonId, lesson);
          return lesson;
        },
        (error: unknown) => {
          pending.delete(lessonId);
          throw error;
        },
      );
      pending.set(lessonId, promise);
    }
    return promise;
  };
  return {
    load,
    loaded: (id) => {
      const lessonId = resolveLessonId(id);
      return lessonId === undefined ? undefined : loaded.get(lessonId);
    },
    preload: (id) => {
      load(id).catch(() => undefined);
    },
  };
}

const APP_LOADER = createLessonLoader(TOPIC_FILES);
export const { load: loadLesson, loaded: loadedLesson, preload: preloadLesson } = APP_LOADER;

/** Start downloading every topic (the index does, after it has painted). */
export function preloadAllLessons(): void {
  for (const id of Object.keys(LESSON_TOPICS)) preloadLesson(id);
}
