/**
 * One lesson job, as the lesson worker runs it: the steps run, posted as soon as it is done, then
 * the comparison runs with progress after each. Plain function over a `post` callback, so tests
 * can run the very same sequence in-process.
 */
import { createLessonEngine } from './lesson-engine';
import type { LessonJob, LessonWorkerEvent } from './lesson-protocol';
import { getLesson } from '../../content/lessons/lesson-registry';
import {
  runLessonComparisons,
  runLessonSteps,
  viewLessonSteps,
  type CreateEngine,
} from './lesson-run';
import { comparisonRunCount } from './lesson-scenario';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function runLessonJob(
  job: LessonJob,
  post: (event: LessonWorkerEvent) => void,
  create: CreateEngine = createLessonEngine,
): void {
  const { jobId } = job;
  const lesson = getLesson(job.lessonId);
  if (lesson === undefined) {
    post({ type: 'error', jobId, message: `there is no lesson called "${job.lessonId}"` });
    return;
  }
  try {
    post({ type: 'steps', jobId, view: viewLessonSteps(lesson, runLessonSteps(lesson, create)) });
  } catch (err) {
    post({ type: 'error', jobId, message: messageOf(err) });
    return;
  }
  if (comparisonRunCount(lesson) === 0) return;
  try {
    const result = runLessonComparisons(lesson, create, (done, total) => {
      post({ type: 'comparison.progress', jobId, done, total });
    });
    post({ type: 'comparison', jobId, result });
  } catch (err) {
    post({ type: 'error', jobId, message: messageOf(err) });
  }
}
