/**
 * The Playground's settings in a drawer, so the stage (topology, numbers, charts) gets the whole
 * screen. The drawer is a non-modal dialog: the simulation stays live and clickable beside it, so
 * a knob can be changed while watching the charts respond. It sits right after its button in the
 * DOM, so Tab walks from the button into the settings and on out of them; opening moves focus into
 * the drawer, Escape or Close shuts it and returns focus to the button. On wide screens the page
 * moves aside for the open drawer (nothing is hidden under it); on narrow ones it overlays.
 *
 * The settings themselves (a few hundred elements) are rendered when the drawer first opens, not
 * with the page, and stay mounted after that, so what was typed or expanded is kept until the
 * page is left.
 */
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/** From this width the page makes room for the drawer instead of lying under it. */
const PUSH_MIN_WIDTH_PX = 1000;
/** Space between the drawer's edge and the page it pushed aside. */
const PUSH_GAP_PX = 16;

export interface SettingsDrawerProps {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  /** Short text beside "Settings" on the button (the scenario's name). */
  readonly summary: string;
  /** The element that moves aside (gets a left padding) while the drawer is open. */
  readonly pushRef: RefObject<HTMLElement | null>;
  readonly children: ReactNode;
}

export function SettingsDrawer(props: SettingsDrawerProps) {
  const { open, onOpenChange } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);
  const [everOpened, setEverOpened] = useState(open);
  if (open && !everOpened) setEverOpened(true);

  // A layout effect, so the drawer is open (and measurable) before the page is pushed aside.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.show();
      dialog.querySelector<HTMLElement>('.drawer-title')?.focus();
    }
    if (!open && dialog.open) dialog.close();
    // Focus goes back to the button only when the drawer closes, not on first render.
    if (!open && wasOpen.current) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const { pushRef } = props;
  useLayoutEffect(() => {
    const page = pushRef.current;
    const dialog = dialogRef.current;
    if (!open || !page || !dialog) return;
    const update = () => {
      page.style.removeProperty('padding-left');
      if (window.innerWidth < PUSH_MIN_WIDTH_PX) return;
      const push =
        dialog.getBoundingClientRect().right + PUSH_GAP_PX - page.getBoundingClientRect().left;
      if (push > 0) page.style.paddingLeft = `${Math.ceil(push)}px`;
    };
    update();
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('resize', update);
      page.style.removeProperty('padding-left');
    };
  }, [open, pushRef]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button settings-button"
        aria-expanded={open}
        aria-controls="settings-drawer"
        data-testid="settings-button"
        onClick={() => {
          onOpenChange(!open);
        }}
      >
        <span aria-hidden="true">⚙</span> Settings
        <span className="settings-summary">{props.summary}</span>
      </button>
      <dialog
        ref={dialogRef}
        id="settings-drawer"
        className="settings-drawer"
        aria-labelledby="settings-title"
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          e.stopPropagation();
          onOpenChange(false);
        }}
        onClose={() => {
          if (open) onOpenChange(false);
        }}
      >
        <div className="drawer-head">
          <h2 id="settings-title" className="drawer-title" tabIndex={-1}>
            Settings
          </h2>
          <button
            type="button"
            className="button"
            onClick={() => {
              onOpenChange(false);
            }}
          >
            Close <span className="visually-hidden">settings</span>
          </button>
        </div>
        {everOpened ? props.children : null}
      </dialog>
    </>
  );
}
