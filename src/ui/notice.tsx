import type { ReactNode } from 'react';

/** A dismissible notice, e.g. "URL parameter ttl was invalid; using the default". */
export function Notice(props: {
  readonly children: ReactNode;
  readonly onDismiss?: () => void;
  readonly tone?: 'warning' | 'info';
}) {
  return (
    <div className={`notice notice-${props.tone ?? 'warning'}`} role="status">
      <div className="notice-body">{props.children}</div>
      {props.onDismiss ? (
        <button
          type="button"
          className="notice-dismiss"
          onClick={props.onDismiss}
          aria-label="Dismiss notice"
        >
          ×
        </button>
      ) : null}
    </div>
  );
}
