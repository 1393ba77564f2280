import { useEffect, useRef } from 'react';

export const SHORTCUTS: readonly { readonly keys: string; readonly action: string }[] = [
  { keys: 'Space', action: 'Play or pause (focus inside the simulation area)' },
  { keys: '→ (Right arrow)', action: 'Step one request' },
  { keys: '+', action: 'Faster' },
  { keys: '−', action: 'Slower' },
  { keys: 'Page Down', action: 'Step one request with a presentation clicker (presenter mode)' },
  { keys: '?', action: 'Show these shortcuts' },
  { keys: 'Esc', action: 'Close this dialog' },
];

/** The keyboard shortcuts, in a native modal dialog (focus trap and Escape come for free). */
export function HelpDialog(props: { readonly open: boolean; readonly onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { open, onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="help-dialog"
      aria-labelledby="help-title"
      onClose={onClose}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself) closes it.
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-hint">Every control also works with Tab, Enter and the arrow keys.</p>
      <form method="dialog">
        <button type="submit" className="button primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
