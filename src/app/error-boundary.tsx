import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  readonly children: ReactNode;
  /** Changing this key (e.g. the route path) clears a shown error. */
  readonly resetKey: string;
}
interface State {
  readonly error: Error | null;
  readonly resetKey: string;
}

/**
 * Whether an error is a part of the app (a lazily loaded chunk) that could not be downloaded, in
 * the words Chromium, Firefox and Safari use. A browser remembers a failed module download for the
 * rest of the page's life, so asking again fails at once: only a reload fetches it again.
 */
export function isDownloadFailure(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(
    error.message,
  );
}

/**
 * Shows what failed and a way back instead of a blank page. Resets when the route changes, so
 * one broken view never locks the user out of the rest of the app.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Cachescope view failed:', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const download = isDownloadFailure(error);
    return (
      <section className="page error-page" role="alert">
        <h1>
          {download
            ? 'This part of the app could not be downloaded'
            : 'Something went wrong in this view'}
        </h1>
        <p>
          {download ? 'The download failed with' : 'The view failed with'}:{' '}
          <code>{error.message}</code>
        </p>
        {download ? (
          <p>
            Are you offline? Try again reloads the page once the network is back (this page&apos;s
            address keeps where you were).
          </p>
        ) : null}
        <p>Your saved progress and settings are untouched.</p>
        <p className="button-row">
          <button
            type="button"
            className="button primary"
            onClick={() => {
              if (download) window.location.reload();
              else this.setState({ error: null });
            }}
          >
            Try again
          </button>
          <a className="button" href="#/">
            Back to the start
          </a>
        </p>
      </section>
    );
  }
}
