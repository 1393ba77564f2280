// @vitest-environment node
/**
 * The lesson worker's job posts exactly what `runLesson` computes (the function the narration
 * tests and the golden hashes read): the steps first, each prediction's number and each fact's
 * text read from that run, then one progress message per comparison run and the comparison.
 */
import { describe, expect, it } from 'vitest';
import { createLessonEngine } from './lesson-engine';
import { runLessonJob } from './lesson-job';
import type { LessonWorkerEvent } from './lesson-protocol';
import { LESSONS } from '../../content/lessons/lesson-registry';
import { runLesson } from './lesson-run';
import { comparisonRunCount } from './lesson-scenario';

function eventsOf(lessonId: string): LessonWorkerEvent[] {
  const events: LessonWorkerEvent[] = [];
  runLessonJob({ type: 'run', jobId: 7, lessonId }, (e) => events.push(e));
  return events;
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson job %s', (id, lesson) => {
  it('posts the steps, then the comparison, with the numbers runLesson gives', () => {
    const run = runLesson(lesson, createLessonEngine);
    const events = eventsOf(id);
    expect(events.every((e) => e.jobId === 7)).toBe(true);
    const [first, ...rest] = events;
    if (first?.type !== 'steps') throw new Error(`first event is ${first?.type ?? 'missing'}`);
    expect(first.view.steps).toEqual(run.steps);
    expect(first.view.beatStep).toEqual(run.beatStep);
    expect(first.view.problems).toEqual(run.problems);
    expect(first.view.predictionValues).toEqual(
      (lesson.predictions ?? []).map((p) => p.measure(run.measures)),
    );
    expect(first.view.factValues).toEqual((lesson.facts ?? []).map((f) => f.value(run.measures)));

    const total = comparisonRunCount(lesson);
    if (total === 0) {
      expect(rest).toEqual([]);
      return;
    }
    const progress = rest.slice(0, -1);
    expect(progress).toEqual(
      Array.from({ length: total }, (_, i) => ({
        type: 'comparison.progress',
        jobId: 7,
        done: i + 1,
        total,
      })),
    );
    const last = rest[rest.length - 1];
    if (last?.type !== 'comparison') throw new Error(`last event is ${last?.type ?? 'missing'}`);
    expect(last.result.comparisons).toEqual(run.comparisons);
    expect(last.result.ceiling).toEqual(run.ceiling);
  });
});

describe('lesson job errors', () => {
  it('names an unknown lesson', () => {
    expect(eventsOf('nope')).toEqual([
      { type: 'error', jobId: 7, message: 'there is no lesson called "nope"' },
    ]);
  });

  it('reports an engine failure in the comparison after the steps', () => {
    const events: LessonWorkerEvent[] = [];
    let engines = 0;
    runLessonJob(
      { type: 'run', jobId: 1, lessonId: 'ttl' },
      (e) => events.push(e),
      (s, o) => {
        if (++engines > 1) throw new Error('out of memory');
        return createLessonEngine(s, o);
      },
    );
    expect(events.map((e) => e.type)).toEqual(['steps', 'error']);
    expect(events[1]).toEqual({ type: 'error', jobId: 1, message: 'out of memory' });
  });
});
