import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LESSON_CATALOG } from '../../content/lessons/lesson-catalog';
import { loadLesson } from '../../content/lessons/lesson-loader';
import { runLessonJob } from './lesson-job';
import type { LessonJob, LessonRunner, LessonWorkerEvent } from './lesson-protocol';
import { LessonsPage } from './lessons-page';
import { LessonRunnerContext } from './use-lesson-run';

function go(hash: string): void {
  window.location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/**
 * The worker's job run in-process, its events held until the test lets them through, so the
 * loading states can be seen and the order of events controlled.
 */
function heldRunner() {
  const jobs: { job: LessonJob; events: LessonWorkerEvent[]; cancelled: boolean }[] = [];
  let deliver: (e: LessonWorkerEvent) => void = () => undefined;
  const runner: LessonRunner = (job, onEvent) => {
    const entry = { job, events: [] as LessonWorkerEvent[], cancelled: false };
    runLessonJob(job, (e) => entry.events.push(e));
    jobs.push(entry);
    deliver = (e) => {
      if (!entry.cancelled) onEvent(e);
    };
    return () => {
      entry.cancelled = true;
    };
  };
  const last = () => {
    const entry = jobs[jobs.length - 1];
    if (entry === undefined) throw new Error('no job started');
    return entry;
  };
  /** Deliver the latest job's events of these types, in order. */
  const release = (...types: LessonWorkerEvent['type'][]) => {
    act(() => {
      for (const e of last().events) if (types.includes(e.type)) deliver(e);
    });
  };
  return { runner, jobs, last, release };
}

/** A runner that completes every job at once (the steps, then the comparison). */
const immediateRunner: LessonRunner = (job, onEvent) => {
  runLessonJob(job, onEvent);
  return () => undefined;
};

function withRunner(runner: LessonRunner, ui: ReactNode) {
  return <LessonRunnerContext.Provider value={runner}>{ui}</LessonRunnerContext.Provider>;
}

describe('lesson player', () => {
  beforeAll(async () => {
    // The player is its own chunk (lazy-lesson-player.tsx). The first lesson opened shows its
    // heading and a loading panel until the chunk arrives; after that every lesson renders at once.
    // Lesson definitions load by topic (lessons-page.tsx): loaded here, as the index does.
    await Promise.all(LESSON_CATALOG.map((m) => loadLesson(m.id)));
    Element.prototype.scrollTo = () => undefined;
    act(() => {
      go('#/lessons/cache-aside');
    });
    render(withRunner(immediateRunner, <LessonsPage />));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Cache-aside');
    expect(screen.getByTestId('lesson-player-loading').textContent).toContain(
      'Loading the lesson player',
    );
    expect(await screen.findByTestId('step-number')).toBeTruthy();
    expect(screen.queryByTestId('lesson-player-loading')).toBeNull();
    cleanup();
    go('');
  });
  beforeEach(() => {
    localStorage.clear();
    // jsdom does not implement element scrolling; the diagram scrolls its own box.
    Element.prototype.scrollTo = () => undefined;
  });
  afterEach(() => {
    cleanup();
    go('');
  });

  it('opens at the step in the URL and steps with the keyboard', () => {
    act(() => {
      go('#/lessons/cache-aside?step=2');
    });
    render(withRunner(immediateRunner, <LessonsPage />));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Cache-aside');
    expect(screen.getByTestId('step-number').textContent).toBe('2');
    const player = screen.getByRole('region', { name: 'Lesson player' });
    act(() => {
      fireEvent.keyDown(player, { key: 'ArrowRight' });
    });
    expect(screen.getByTestId('step-number').textContent).toBe('3');
    expect(window.location.hash).toBe('#/lessons/cache-aside?step=3');
    expect(screen.getByTestId('live-region').textContent).toMatch(/^Step 3 of \d+/);
    act(() => {
      fireEvent.keyDown(player, { key: 'End' });
    });
    expect(screen.getByTestId('takeaway').textContent).toContain('Cache-aside is the default');
    expect(screen.getByTestId('fact-cache').textContent).toBe('v1');
    act(() => {
      fireEvent.keyDown(player, { key: 'Home' });
    });
    expect(screen.getByTestId('step-number').textContent).toBe('1');
  });

  it('clamps a step beyond the end to the last step', () => {
    act(() => {
      go('#/lessons/why-cache?step=9999');
    });
    render(withRunner(immediateRunner, <LessonsPage />));
    const total = screen.getByTestId('step-total').textContent;
    expect(screen.getByTestId('step-number').textContent).toBe(total);
  });

  it('says what it runs until the steps arrive, and keeps the step in the URL meanwhile', () => {
    const held = heldRunner();
    act(() => {
      go('#/lessons/cache-aside?step=3');
    });
    render(withRunner(held.runner, <LessonsPage />));
    expect(screen.getByTestId('lesson-loading').textContent).toContain('Running the lesson');
    expect(screen.queryByTestId('step-number')).toBeNull();
    expect(window.location.hash).toBe('#/lessons/cache-aside?step=3');
    held.release('steps');
    expect(screen.queryByTestId('lesson-loading')).toBeNull();
    expect(screen.getByTestId('step-number').textContent).toBe('3');
  });

  it('steps while the comparison runs, then shows its table with the runs’ numbers', () => {
    const held = heldRunner();
    act(() => {
      go('#/lessons/redis-sampled-lru');
    });
    render(withRunner(held.runner, <LessonsPage />));
    held.release('steps');
    const player = screen.getByRole('region', { name: 'Lesson player' });
    act(() => {
      fireEvent.keyDown(player, { key: 'ArrowRight' });
    });
    expect(screen.getByTestId('step-number').textContent).toBe('2');
    act(() => {
      fireEvent.keyDown(player, { key: 'End' });
    });
    const loading = screen.getByTestId('comparison-loading').textContent;
    expect(loading).toContain('Running the comparison');
    expect(loading).toContain('0 of 4 runs done');
    held.release('comparison.progress');
    expect(screen.getByTestId('comparison-loading').textContent).toContain('4 of 4 runs done');
    held.release('comparison');
    expect(screen.queryByTestId('comparison-loading')).toBeNull();
    const result = held.last().events.find((e) => e.type === 'comparison');
    if (result?.type !== 'comparison') throw new Error('no comparison event');
    const table = screen.getByTestId('comparison');
    for (const row of result.result.comparisons) {
      expect(table.textContent).toContain(row.label);
      expect(table.textContent).toContain(row.totals.misses.toLocaleString('en-US'));
    }
  });

  it('cancels the run when the user leaves the lesson, and ignores anything it sends later', () => {
    const held = heldRunner();
    act(() => {
      go('#/lessons/ttl');
    });
    render(withRunner(held.runner, <LessonsPage />));
    held.release('steps');
    const job = held.last();
    expect(job.cancelled).toBe(false);
    act(() => {
      go('#/lessons/cache-aside');
    });
    expect(job.cancelled).toBe(true);
    expect(held.last().job.lessonId).toBe('cache-aside');
  });

  it('says so when the run fails, naming the failure', () => {
    const failing: LessonRunner = (job, onEvent) => {
      onEvent({ type: 'error', jobId: job.jobId, message: 'the lesson worker failed: boom' });
      return () => undefined;
    };
    act(() => {
      go('#/lessons/cache-aside');
    });
    render(withRunner(failing, <LessonsPage />));
    expect(screen.getByRole('alert').textContent).toBe(
      'This lesson could not be run: the lesson worker failed: boom',
    );
  });

  it('keeps the steps when only the comparison fails', () => {
    const partial: LessonRunner = (job, onEvent) => {
      runLessonJob(job, (e) => {
        if (e.type === 'steps') onEvent(e);
      });
      onEvent({ type: 'error', jobId: job.jobId, message: 'the lesson worker failed: boom' });
      return () => undefined;
    };
    act(() => {
      go('#/lessons/redis-sampled-lru?step=999');
    });
    render(withRunner(partial, <LessonsPage />));
    expect(screen.getByTestId('takeaway')).toBeTruthy();
    expect(screen.getByTestId('comparison-error').textContent).toContain(
      'The comparison could not be run: the lesson worker failed: boom.',
    );
  });

  it('lists lessons grouped by syllabus section on the index', () => {
    act(() => {
      go('#/lessons');
    });
    render(<LessonsPage />);
    expect(screen.getByRole('heading', { level: 2, name: '1. Why cache at all' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Cache stampede: a hot key expires' })).toBeTruthy();
  });

  it('shows a not-found message for an unknown lesson', () => {
    act(() => {
      go('#/lessons/nope');
    });
    render(<LessonsPage />);
    expect(screen.getByRole('heading', { name: 'Lesson not found' })).toBeTruthy();
  });
});
