import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LessonsPage } from './lessons-page';

function go(hash: string): void {
  window.location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

describe('lesson player', () => {
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
    render(<LessonsPage />);
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
    render(<LessonsPage />);
    const total = screen.getByTestId('step-total').textContent;
    expect(screen.getByTestId('step-number').textContent).toBe(total);
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
