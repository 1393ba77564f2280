/**
 * A lesson page before its definition has arrived: the route starts that download beside the
 * page's own (lesson-route.ts), but a slow topic file must still show the lesson's title and a
 * loading panel, then the lesson. Its own file, so no other test has loaded the topics yet.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { getLesson } from '../../content/lessons/lesson-registry';
import { loadedLesson } from '../../content/lessons/lesson-loader';
import { runLessonJob } from './lesson-job';
import type { LessonRunner } from './lesson-protocol';
import { lessonIdInPath, preloadLessonRoute } from './lesson-route';
import { LessonsPage } from './lessons-page';
import { LessonRunnerContext } from './use-lesson-run';

function go(hash: string): void {
  window.location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

const immediateRunner: LessonRunner = (job, onEvent) => {
  runLessonJob(job, onEvent);
  return () => undefined;
};

describe('lessons page', () => {
  afterEach(() => {
    cleanup();
    go('');
  });

  it('shows the title and a loading panel until the lesson’s topic arrives, then the lesson', async () => {
    // Rendered without act, as in a browser: React retries the lesson on its own scheduler when
    // the download settles (an act scope would wait for the download before showing anything).
    const reactGlobal = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    reactGlobal.IS_REACT_ACT_ENVIRONMENT = false;
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    onTestFinished(() => {
      reactGlobal.IS_REACT_ACT_ENVIRONMENT = true;
    });
    try {
      Element.prototype.scrollTo = () => undefined;
      const ttl = getLesson('ttl');
      expect(loadedLesson('ttl')).toBeUndefined();
      go('#/lessons/ttl');
      root.render(
        <LessonRunnerContext.Provider value={immediateRunner}>
          <LessonsPage />
        </LessonRunnerContext.Provider>,
      );
      const view = within(container);
      const loading = await view.findByTestId('lesson-player-loading');
      expect(loading.textContent).toContain('Loading the lesson…');
      expect(view.getByRole('heading', { level: 1 }).textContent).toBe(ttl?.title);
      expect(container.querySelector('.lede')).toBeNull();
      expect(await view.findByText(ttl?.intro ?? '')).toBeTruthy();
      expect(await view.findByTestId('step-number')).toBeTruthy();
      expect(loadedLesson('ttl')).toBe(ttl);
      expect(document.title).toBe(`${ttl?.title ?? ''} — Lessons — Cachescope`);
    } finally {
      // Before the route is cleared, which would render the index (and its preloads).
      root.unmount();
      container.remove();
    }
  });

  it('says a lesson does not exist', () => {
    act(() => {
      go('#/lessons/no-such-lesson');
    });
    render(<LessonsPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Lesson not found');
    expect(screen.getByText('no-such-lesson')).toBeTruthy();
  });

  it('reads the lesson id from a route, and a lesson link starts that lesson’s download', async () => {
    expect(lessonIdInPath('/lessons')).toBe('');
    expect(lessonIdInPath('/lessons/')).toBe('');
    expect(lessonIdInPath('/lessons/hit-ratio/')).toBe('hit-ratio');
    expect(loadedLesson('hit-ratio')).toBeUndefined();
    preloadLessonRoute('/lessons/hit-ratio');
    await vi.waitFor(() => {
      expect(loadedLesson('hit-ratio')).toBe(getLesson('hit-ratio'));
    });
  });
});
