import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../store/app-store';
import { StorageNotices } from './storage-notices';

describe('storage notices in the shell', () => {
  afterEach(() => {
    cleanup();
  });

  it('shows each reset notice until it is dismissed, and nothing when there is none', () => {
    useAppStore.setState({
      lessonProgressNotice:
        'Your saved lesson progress could not be read (unexpected contents) and was reset.',
      drillNotice: null,
    });
    render(<StorageNotices />);
    expect(screen.getByTestId('storage-notices').textContent).toMatch(
      /lesson progress could not be read/,
    );
    screen.getByRole('button', { name: 'Dismiss notice' }).click();
    expect(useAppStore.getState().lessonProgressNotice).toBeNull();
    cleanup();
    render(<StorageNotices />);
    expect(screen.queryByTestId('storage-notices')).toBeNull();
  });
});
