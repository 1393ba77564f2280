/**
 * The frame side of the postMessage API. When the app runs embedded (`embed=1`), it reports its
 * height (and readiness) to the host, and passes validated host commands to whichever view has
 * registered a handler (the embedded player). Commands from anywhere but the parent window, from
 * an origin not on the allowed list, or with a payload that does not validate are dropped.
 * Accepted commands are handed on once per animation frame, bounded and coalesced
 * (embed-command-queue.ts), so no host can keep the frame busy.
 */
import { useEffect } from 'react';
import './workshop-modes.css';
import {
  checkHostMessage,
  frameMessage,
  type FrameMessage,
  type HostMessage,
} from './embed-protocol';
import { HostCommandQueue, droppedMessage } from './embed-command-queue';
import { allowedOrigins } from './embed-params';

/** A frame that is hidden gets no animation frames: flush at least this often anyway. */
const FLUSH_FALLBACK_MS = 100;

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
  const queue = new HostCommandQueue();
  let raf: number | null = null;
  let fallback: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (raf !== null) cancelAnimationFrame(raf);
    if (fallback !== null) clearTimeout(fallback);
    raf = null;
    fallback = null;
    const batch = queue.flush();
    for (const command of batch.commands) handler?.(command);
    const dropped = droppedMessage(batch);
    if (dropped !== null) postToHost(frameMessage({ type: 'error', message: dropped }));
  };
  const schedule = () => {
    if (raf !== null) return;
    raf = requestAnimationFrame(flush);
    fallback = setTimeout(flush, FLUSH_FALLBACK_MS);
  };
  const onMessage = (e: MessageEvent) => {
    // Messages from anyone but the allowed parent are dropped silently and use no quota.
    if (e.source !== window.parent || !origins.includes(e.origin)) return;
    schedule();
    if (queue.full) {
      queue.drop();
      return;
    }
    queue.note();
    const checked = checkHostMessage(e.data, e.origin, true, origins);
    if (checked.ok) queue.push(checked.message);
  };
  window.addEventListener('message', onMessage);
  postToHost(frameMessage({ type: 'ready', route: window.location.hash || '#/' }));
  report();
  return () => {
    ro.disconnect();
    window.removeEventListener('message', onMessage);
    if (raf !== null) cancelAnimationFrame(raf);
    if (fallback !== null) clearTimeout(fallback);
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
