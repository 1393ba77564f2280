/**
 * The iframe URL and HTML snippet for an embedded view (used by the workshop page only, so the
 * app shell does not load the preset list).
 */
import { getPreset } from '../../sim/scenario/presets';
import { DEFAULT_EMBED_SPEED, EMBED_PREFIX as E, type EmbedOptions } from './embed-params';

export type EmbedTarget =
  | { readonly kind: 'preset'; readonly presetId: string }
  | { readonly kind: 'lesson'; readonly lessonId: string }
  | { readonly kind: 'route'; readonly route: string };

export interface SnippetOptions extends EmbedOptions {
  readonly target: EmbedTarget;
  readonly heightPx: number;
  readonly title: string;
}

/**
 * The iframe URL for a target. The player route carries the scenario (`preset=`) and every option
 * (prefixed `e.`, see embed-params.ts); other routes (a lesson, the Playground, any page) get the
 * compact layout, height reporting and the allowed host origins.
 */
export function embedUrl(appUrl: string, o: SnippetOptions): string {
  const base = appUrl.replace(/[?#].*$/, '');
  const page = `${base}?embed=1`;
  const originParams = o.origins.map((x) => `${E}origin=${encodeURIComponent(x)}`);
  if (o.target.kind === 'preset') {
    const params = new URLSearchParams();
    if (getPreset(o.target.presetId)) params.set('preset', o.target.presetId);
    if (o.autoplay) params.set(`${E}autoplay`, '1');
    if (o.hide.length > 0) params.set(`${E}hide`, o.hide.join(','));
    if (o.lock) params.set(`${E}lock`, '1');
    if (o.loop) params.set(`${E}loop`, `${o.loop.fromMs}-${o.loop.toMs}`);
    if (o.speed !== DEFAULT_EMBED_SPEED) params.set(`${E}speed`, String(o.speed));
    const query = [params.toString(), ...originParams].filter(Boolean).join('&');
    return `${page}#/embed${query ? `?${query}` : ''}`;
  }
  const route =
    o.target.kind === 'lesson'
      ? `/lessons/${encodeURIComponent(o.target.lessonId)}`
      : o.target.route;
  const sep = route.includes('?') ? '&' : '?';
  return `${page}#${route}${originParams.length > 0 ? sep + originParams.join('&') : ''}`;
}

function escapeAttr(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The HTML snippet for a host page: the iframe plus a small resize listener. */
export function embedSnippet(appUrl: string, o: SnippetOptions): string {
  const src = embedUrl(appUrl, o);
  const frameOrigin = new URL(appUrl).origin;
  return [
    `<iframe src="${escapeAttr(src)}" title="${escapeAttr(o.title)}" width="100%" height="${o.heightPx}" style="border:0;max-width:100%" loading="lazy"></iframe>`,
    '<script>',
    '  // Cachescope frames report their height; resize the iframe to fit.',
    "  window.addEventListener('message', function (e) {",
    `    if (e.origin !== ${JSON.stringify(frameOrigin)}) return;`,
    "    var d = e.data; if (!d || d.protocol !== 'cachescope' || d.type !== 'height') return;",
    "    document.querySelectorAll('iframe').forEach(function (f) {",
    "      if (f.contentWindow === e.source) f.style.height = d.height + 'px';",
    '    });',
    '  });',
    '</script>',
  ].join('\n');
}
