import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, isDownloadFailure } from './error-boundary';

function Thrower(props: { readonly error: Error }): never {
  throw props.error;
}

describe('error boundary', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('tells a failed chunk download (as Chromium, Firefox and Safari word it) from other errors', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: http://127.0.0.1/assets/lessons-ttl-x.js',
      'error loading dynamically imported module: http://127.0.0.1/assets/lessons-ttl-x.js',
      'Importing a module script failed.',
      'Unable to preload CSS for /assets/lessons-page-x.css',
    ])
      expect(isDownloadFailure(new TypeError(message))).toBe(true);
    expect(
      isDownloadFailure(new TypeError("Cannot read properties of undefined (reading 'id')")),
    ).toBe(false);
  });

  it('offers a reload for a failed download, and a re-render for anything else', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary resetKey="/lessons/ttl">
        <Thrower error={new TypeError('Importing a module script failed.')} />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'This part of the app could not be downloaded',
    );
    expect(screen.getByRole('alert').textContent).toContain('Try again reloads the page');
    cleanup();
    render(
      <ErrorBoundary resetKey="/lessons/ttl">
        <Thrower error={new Error('boom')} />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Something went wrong in this view',
    );
    expect(screen.getByRole('alert').textContent).not.toContain('reloads');
  });
});
