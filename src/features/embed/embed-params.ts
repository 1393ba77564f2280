/**
 * Embed and workshop parameters. `embed=1` (in the page query or the hash query) switches any
 * route to the compact, chrome-free layout for iframes; the embedded player (`#/embed`) also reads
 * the scenario (`preset=` plus scenario parameters), `autoplay`, `hide`, `lock`, `loop`, `speed`
 * and the allowed host origins (`origin=`, repeatable).
 */
import { normaliseOrigin } from './embed-protocol';

export const EMBED_PANELS = ['description', 'chart', 'totals', 'controls'] as const;
export type EmbedPanel = (typeof EMBED_PANELS)[number];

/** Playback speed in simulated ms per wall ms. */
export const DEFAULT_EMBED_SPEED = 4;
const MAX_EMBED_SPEED = 1000;

export interface EmbedOptions {
  readonly autoplay: boolean;
  readonly hide: readonly EmbedPanel[];
  readonly lock: boolean;
  /** Loop playback between these simulated times. */
  readonly loop: { readonly fromMs: number; readonly toMs: number } | null;
  readonly speed: number;
  /** Extra host origins allowed to send commands (the app's own origin is always allowed). */
  readonly origins: readonly string[];
}

export interface ParsedEmbed extends EmbedOptions {
  readonly notices: readonly string[];
}

function truthy(raw: string | null): boolean {
  return raw === '1' || raw === 'true' || raw === 'on';
}

/** Read the player's options from a hash query; bad values are dropped with a notice. */
export function parseEmbedOptions(params: URLSearchParams): ParsedEmbed {
  const notices: string[] = [];
  const hide: EmbedPanel[] = [];
  for (const part of (params.get('hide') ?? '').split(',').filter(Boolean)) {
    const panel = EMBED_PANELS.find((p) => p === part);
    if (panel) hide.push(panel);
    else
      notices.push(
        `hide: "${part.slice(0, 20)}" is not a panel (panels: ${EMBED_PANELS.join(', ')}).`,
      );
  }
  let loop: EmbedOptions['loop'] = null;
  const loopRaw = params.get('loop');
  if (loopRaw !== null) {
    const m = /^(\d+)-(\d+)$/.exec(loopRaw);
    const fromMs = m ? Number(m[1]) : Number.NaN;
    const toMs = m ? Number(m[2]) : Number.NaN;
    if (m && toMs > fromMs) loop = { fromMs, toMs };
    else
      notices.push(
        'loop must look like 10000-30000 (from and to, in simulated ms, to after from); playing the whole run.',
      );
  }
  let speed = DEFAULT_EMBED_SPEED;
  const speedRaw = params.get('speed');
  if (speedRaw !== null) {
    const n = Number(speedRaw);
    if (Number.isFinite(n) && n > 0 && n <= MAX_EMBED_SPEED) speed = n;
    else
      notices.push(
        `speed must be a number above 0 and at most ${MAX_EMBED_SPEED}; using ${DEFAULT_EMBED_SPEED}.`,
      );
  }
  const origins: string[] = [];
  for (const raw of params.getAll('origin')) {
    for (const part of raw.split(',').filter(Boolean)) {
      const o = normaliseOrigin(part);
      if (o) origins.push(o);
      else notices.push(`origin "${part.slice(0, 40)}" is not an http(s) origin and was ignored.`);
    }
  }
  return {
    autoplay: truthy(params.get('autoplay')),
    hide,
    lock: truthy(params.get('lock')),
    loop,
    speed,
    origins: [...new Set(origins)],
    notices,
  };
}

/** The parameters the player reads besides scenario ones (the scenario codec ignores these). */
export const EMBED_OPTION_PARAMS = [
  'embed',
  'present',
  'autoplay',
  'hide',
  'lock',
  'loop',
  'speed',
  'origin',
] as const;

/** True when the page or the current hash route asks for the compact embed layout. */
export function isEmbedLocation(loc: { readonly search: string; readonly hash: string }): boolean {
  const hashQuery = loc.hash.includes('?') ? loc.hash.slice(loc.hash.indexOf('?') + 1) : '';
  return (
    truthy(new URLSearchParams(loc.search).get('embed')) ||
    truthy(new URLSearchParams(hashQuery).get('embed'))
  );
}

/** Allowed origins for host commands: this app's own origin plus the `origin=` list. */
export function allowedOrigins(
  selfOrigin: string,
  loc: { readonly search: string; readonly hash: string },
): string[] {
  const hashQuery = loc.hash.includes('?') ? loc.hash.slice(loc.hash.indexOf('?') + 1) : '';
  const fromHash = parseEmbedOptions(new URLSearchParams(hashQuery)).origins;
  const fromPage = parseEmbedOptions(new URLSearchParams(loc.search)).origins;
  return [...new Set([selfOrigin, ...fromPage, ...fromHash])];
}
