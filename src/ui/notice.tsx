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

/** A dismissible list of notices (e.g. one per bad URL parameter); renders nothing when empty. */
export function NoticeList(props: {
  readonly notices: readonly string[];
  readonly onDismiss: () => void;
}) {
  if (props.notices.length === 0) return null;
  return (
    <Notice onDismiss={props.onDismiss}>
      <ul>
        {props.notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </Notice>
  );
}
