/**
 * Embed and workshop parameters. `embed=1` (in the page query or the hash query) switches any
 * route to the compact, chrome-free layout for iframes. The embedded player (`#/embed`) reads the
 * scenario from the same parameters as the Playground (`preset=`, `ttl=`, ...) and its own
 * options from a separate namespace, each prefixed `e.`: `e.autoplay`, `e.hide`, `e.lock`,
 * `e.loop`, `e.speed` and the allowed host origins (`e.origin`, repeatable). No scenario
 * parameter starts with `e.`, so the two can never collide.
 *
 * Links written before the prefix (`autoplay=1`, `lock=1`, `origin=...`) keep working: a bare
 * option name that is not a scenario parameter is read as the option, and `lock` (also the
 * scenario's rebuild lock) is read as the option when its value is `1`/`true`/`on` and the link
 * has no `e.` parameter at all (as every such old link); each is reported with how it was read.
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

/** The prefix of every embed option in a link. */
export const EMBED_PREFIX = 'e.';
const OPTION_NAMES = ['autoplay', 'hide', 'lock', 'loop', 'speed', 'origin'] as const;
type OptionName = (typeof OPTION_NAMES)[number];

/** The parameters the player reads besides scenario ones (the scenario codec leaves these). */
export const EMBED_OPTION_PARAMS: readonly string[] = OPTION_NAMES.map((n) => EMBED_PREFIX + n);

/**
 * Which bare (unprefixed) names of an old link are embed options. `lock` is one only when it
 * looks like the old "lock the scenario" switch and nothing in the link uses the new prefix.
 */
function legacyOptionNames(params: URLSearchParams): OptionName[] {
  const hasPrefixed = [...params.keys()].some((k) => k.startsWith(EMBED_PREFIX));
  return OPTION_NAMES.filter((name) => {
    if (!params.has(name)) return false;
    if (name !== 'lock') return true;
    return !hasPrefixed && params.getAll('lock').every((v) => truthy(v));
  });
}

/**
 * Split a player link into its scenario parameters and its embed options. Old-style option
 * names are moved out of the scenario parameters (so `lock=1` never adds a 1 ms rebuild lock),
 * with a notice each saying how they were read.
 */
export function splitEmbedParams(params: URLSearchParams): {
  readonly scenarioParams: URLSearchParams;
  readonly options: ParsedEmbed;
} {
  const legacy = legacyOptionNames(params);
  const scenarioParams = new URLSearchParams(
    [...params].filter(([k]) => !(legacy as readonly string[]).includes(k)),
  );
  return { scenarioParams, options: parseEmbedOptions(params) };
}

/** Read the player's options from a hash query; bad values are dropped with a notice. */
export function parseEmbedOptions(params: URLSearchParams): ParsedEmbed {
  const notices: string[] = [];
  const legacy = legacyOptionNames(params);
  for (const name of legacy) {
    const value = params.get(name) ?? '';
    notices.push(
      `${name}=${value.slice(0, 40)} was read as the embed option ${EMBED_PREFIX}${name}, as in links made before embed options took the "${EMBED_PREFIX}" prefix${name === 'lock' ? ' (not as a rebuild lock of the scenario)' : ''}; new links write ${EMBED_PREFIX}${name}.`,
    );
  }
  const getAll = (name: OptionName): string[] => [
    ...params.getAll(EMBED_PREFIX + name),
    ...(legacy.includes(name) ? params.getAll(name) : []),
  ];
  const get = (name: OptionName): string | null => getAll(name).at(0) ?? null;
  const hide: EmbedPanel[] = [];
  for (const part of (get('hide') ?? '').split(',').filter(Boolean)) {
    const panel = EMBED_PANELS.find((p) => p === part);
    if (panel) hide.push(panel);
    else
      notices.push(
        `${EMBED_PREFIX}hide: "${part.slice(0, 20)}" is not a panel (panels: ${EMBED_PANELS.join(', ')}).`,
      );
  }
  let loop: EmbedOptions['loop'] = null;
  const loopRaw = get('loop');
  if (loopRaw !== null) {
    const m = /^(\d+)-(\d+)$/.exec(loopRaw);
    const fromMs = m ? Number(m[1]) : Number.NaN;
    const toMs = m ? Number(m[2]) : Number.NaN;
    if (m && toMs > fromMs) loop = { fromMs, toMs };
    else
      notices.push(
        `${EMBED_PREFIX}loop must look like 10000-30000 (from and to, in simulated ms, to after from); playing the whole run.`,
      );
  }
  let speed = DEFAULT_EMBED_SPEED;
  const speedRaw = get('speed');
  if (speedRaw !== null) {
    const n = Number(speedRaw);
    if (Number.isFinite(n) && n > 0 && n <= MAX_EMBED_SPEED) speed = n;
    else
      notices.push(
        `${EMBED_PREFIX}speed must be a number above 0 and at most ${MAX_EMBED_SPEED}; using ${DEFAULT_EMBED_SPEED}.`,
      );
  }
  const origins: string[] = [];
  for (const raw of getAll('origin')) {
    for (const part of raw.split(',').filter(Boolean)) {
      const o = normaliseOrigin(part);
      if (o) origins.push(o);
      else notices.push(`origin "${part.slice(0, 40)}" is not an http(s) origin and was ignored.`);
    }
  }
  return {
    autoplay: truthy(get('autoplay')),
    hide,
    lock: truthy(get('lock')),
    loop,
    speed,
    origins: [...new Set(origins)],
    notices,
  };
}

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
