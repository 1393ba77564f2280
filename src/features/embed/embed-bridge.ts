/**
 * The frame side of the postMessage API. When the app runs embedded (`embed=1`), it reports its
 * height (and readiness) to the host, and passes validated host commands to whichever view has
 * registered a handler (the embedded player). Commands from anywhere but the parent window, from
 * an origin not on the allowed list, or with a payload that does not validate are dropped.
 */
import { useEffect } from 'react';
import './workshop-modes.css';
import {
  checkHostMessage,
  frameMessage,
  type FrameMessage,
  type HostMessage,
} from './embed-protocol';
import { allowedOrigins } from './embed-params';

type Handler = (message: HostMessage) => void;
let handler: Handler | null = null;
let origins: readonly string[] = [];

/** Send a message to the host page, to every allowed origin (others never receive it). */
export function postToHost(message: FrameMessage): void {
  if (window.parent === window) return;
  // Chromium and Safari name the parent's origin; post only there when it is allowed.
  const parentOrigin =
    'ancestorOrigins' in window.location ? window.location.ancestorOrigins.item(0) : null;
  const targets = parentOrigin === null ? origins : origins.filter((o) => o === parentOrigin);
  for (const origin of targets) {
    try {
      window.parent.postMessage(message, origin);
    } catch {
      // An origin that cannot be targeted simply does not receive the message.
    }
  }
}

/** Start reporting height and listening for host commands; returns a stop function. */
export function startEmbedBridge(): () => void {
  origins = allowedOrigins(window.location.origin, window.location);
  let lastHeight = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    postToHost(frameMessage({ type: 'height', height }));
  };
  const ro = new ResizeObserver(report);
  ro.observe(document.body);
  const onMessage = (e: MessageEvent) => {
    const checked = checkHostMessage(e.data, e.origin, e.source === window.parent, origins);
    if (checked.ok) handler?.(checked.message);
  };
  window.addEventListener('message', onMessage);
  postToHost(frameMessage({ type: 'ready', route: window.location.hash || '#/' }));
  report();
  return () => {
    ro.disconnect();
    window.removeEventListener('message', onMessage);
  };
}

/** Runs the bridge while `active` (the app shell turns it on in embed mode). */
export function useEmbedBridge(active: boolean): void {
  useEffect(() => (active ? startEmbedBridge() : undefined), [active]);
}

/** Receive validated host commands while mounted (one view at a time). */
export function useHostCommands(onCommand: Handler): void {
  useEffect(() => {
    handler = onCommand;
    return () => {
      if (handler === onCommand) handler = null;
    };
  }, [onCommand]);
}
