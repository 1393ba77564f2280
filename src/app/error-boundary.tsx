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
    if (!this.state.error) return this.props.children;
    return (
      <section className="page error-page" role="alert">
        <h1>Something went wrong in this view</h1>
        <p>
          The view failed with: <code>{this.state.error.message}</code>
        </p>
        <p>Your saved progress and settings are untouched.</p>
        <p className="button-row">
          <button
            type="button"
            className="button primary"
            onClick={() => {
              this.setState({ error: null });
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
