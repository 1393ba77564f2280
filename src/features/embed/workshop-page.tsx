import { useId, useMemo, useRef, useState } from 'react';
import { useRoute } from '../../app/hash-router';
import { useAppStore } from '../../store/app-store';
import { LESSON_CATALOG } from '../../content/lessons/lesson-catalog';
import { PRESETS, getPreset } from '../../sim/scenario/presets';
import { useSeen } from '../../ui/use-seen';
import { normaliseOrigin } from './embed-protocol';
import { EMBED_PANELS, type EmbedPanel } from './embed-params';
import { embedSnippet, embedUrl, type EmbedTarget, type SnippetOptions } from './embed-snippet';
import './embed.css';

type TargetKind = EmbedTarget['kind'];

const PANEL_LABELS: Record<EmbedPanel, string> = {
  description: 'Description',
  chart: 'Chart',
  totals: 'Totals',
  controls: 'Playback controls',
};

/** Where the app lives, without query or hash (the iframe URL is built from it). */
function appUrl(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

/**
 * The workshop page: builds the iframe snippet for a preset, a lesson or the view you came from
 * (`?view=`), previews it, documents the postMessage API, and switches presenter mode.
 */
export function WorkshopPage() {
  const route = useRoute();
  const viewParam = useMemo(() => new URLSearchParams(route.search).get('view'), [route.search]);
  const fromView = viewParam !== null && viewParam.startsWith('/') ? viewParam : null;
  const [kind, setKind] = useState<TargetKind>(fromView ? 'route' : 'preset');
  const [presetId, setPresetId] = useState(PRESETS[0]?.id ?? 'cache-aside');
  const [lessonId, setLessonId] = useState(LESSON_CATALOG[0]?.id ?? '');
  const [routeText, setRouteText] = useState(fromView ?? '/playground');
  // Back/forward (or a pasted link) to another `?view=` shows that view (state adjusted while
  // rendering, as React recommends for state derived from a changing prop).
  const [seenView, setSeenView] = useState(fromView);
  if (fromView !== seenView) {
    setSeenView(fromView);
    if (fromView !== null) {
      setKind('route');
      setRouteText(fromView);
    }
  }
  const [autoplay, setAutoplay] = useState(false);
  const [lock, setLock] = useState(false);
  const [hide, setHide] = useState<EmbedPanel[]>([]);
  const [loopFrom, setLoopFrom] = useState('');
  const [loopTo, setLoopTo] = useState('');
  const [originText, setOriginText] = useState('');
  const [height, setHeight] = useState('520');
  const [copied, setCopied] = useState(false);
  const previewRef = useRef<HTMLDivElement>(null);
  const previewSeen = useSeen(previewRef);
  const presenter = useAppStore((s) => s.presenter);
  const setPresenter = useAppStore((s) => s.setPresenter);
  const ids = {
    kind: useId(),
    preset: useId(),
    lesson: useId(),
    route: useId(),
    origin: useId(),
    height: useId(),
    from: useId(),
    to: useId(),
    code: useId(),
  };

  const originErrors: string[] = [];
  const origins = originText
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((o) => {
      const n = normaliseOrigin(o);
      if (n === null) originErrors.push(o);
      return n === null ? [] : [n];
    });
  const fromS = Number(loopFrom);
  const toS = Number(loopTo);
  const loopSet = loopFrom.trim() !== '' || loopTo.trim() !== '';
  const loopValid =
    loopSet && Number.isFinite(fromS) && Number.isFinite(toS) && fromS >= 0 && toS > fromS;
  const heightPx = Math.min(4000, Math.max(200, Math.round(Number(height) || 520)));
  const previewHeight = Math.min(heightPx, 640);
  const target: EmbedTarget =
    kind === 'preset'
      ? { kind, presetId }
      : kind === 'lesson'
        ? { kind, lessonId }
        : { kind, route: routeText.startsWith('/') ? routeText : `/${routeText}` };
  const title =
    kind === 'preset'
      ? `Cachescope: ${getPreset(presetId)?.title ?? presetId}`
      : kind === 'lesson'
        ? `Cachescope lesson: ${LESSON_CATALOG.find((l) => l.id === lessonId)?.title ?? lessonId}`
        : 'Cachescope';
  const options: SnippetOptions = {
    target,
    autoplay,
    lock,
    hide,
    loop: loopValid ? { fromMs: Math.round(fromS * 1000), toMs: Math.round(toS * 1000) } : null,
    speed: 4,
    origins,
    heightPx,
    title,
  };
  const src = embedUrl(appUrl(), options);
  const snippet = embedSnippet(appUrl(), options);
  const playerOnly = kind !== 'preset';

  return (
    <article className="page workshop">
      <header className="page-header">
        <p className="breadcrumb">
          <a href="#/study">Study</a> /
        </p>
        <h1>Workshop: embed and present</h1>
        <p className="lede">
          Put a live simulation in your slides or course page, drive it from the host page, and
          switch the app to presenter mode for the projector.
        </p>
      </header>

      <section className="panel" aria-labelledby="presenter-title">
        <h2 id="presenter-title">Presenter mode</h2>
        <p>
          Large type and high contrast for projectors. Presentation clickers work:{' '}
          <kbd>Page Down</kbd> moves to the next step (next wizard question, next drill, play/pause
          in an embedded player) and <kbd>Page Up</kbd> goes back. Add <code>present=1</code> to any
          link to open it in presenter mode.
        </p>
        <button
          type="button"
          className="button primary"
          aria-pressed={presenter}
          onClick={() => {
            setPresenter(!presenter);
          }}
        >
          {presenter ? 'Turn presenter mode off' : 'Turn presenter mode on'}
        </button>
      </section>

      <div className="workshop-grid">
        <section className="panel" aria-labelledby="embed-build">
          <h2 id="embed-build">Build an embed</h2>
          <div className="field">
            <label htmlFor={ids.kind}>What to embed</label>
            <select
              id={ids.kind}
              value={kind}
              onChange={(e) => {
                const v = e.target.value;
                if (v === 'preset' || v === 'lesson' || v === 'route') setKind(v);
              }}
            >
              <option value="preset">A simulation player (preset)</option>
              <option value="lesson">A lesson</option>
              <option value="route">
                {fromView ? 'The view you came from' : 'Any page of the app'}
              </option>
            </select>
          </div>
          {kind === 'preset' ? (
            <div className="field">
              <label htmlFor={ids.preset}>Preset</label>
              <select
                id={ids.preset}
                value={presetId}
                onChange={(e) => {
                  setPresetId(e.target.value);
                }}
              >
                {PRESETS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {kind === 'lesson' ? (
            <div className="field">
              <label htmlFor={ids.lesson}>Lesson</label>
              <select
                id={ids.lesson}
                value={lessonId}
                onChange={(e) => {
                  setLessonId(e.target.value);
                }}
              >
                {LESSON_CATALOG.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.title}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {kind === 'route' ? (
            <div className="field">
              <label htmlFor={ids.route}>Route</label>
              <input
                id={ids.route}
                type="text"
                value={routeText}
                onChange={(e) => {
                  setRouteText(e.target.value);
                }}
              />
              <p className="field-hint">
                A path of this app, e.g. /playground?preset=cold-restart.
              </p>
            </div>
          ) : null}

          <fieldset className="field" disabled={playerOnly}>
            <legend>Player options{playerOnly ? ' (simulation player only)' : ''}</legend>
            <label className="check-row">
              <input
                type="checkbox"
                checked={autoplay}
                onChange={(e) => {
                  setAutoplay(e.target.checked);
                }}
              />{' '}
              Start playing (otherwise paused)
            </label>
            <label className="check-row">
              <input
                type="checkbox"
                checked={lock}
                onChange={(e) => {
                  setLock(e.target.checked);
                }}
              />{' '}
              Lock the scenario (viewers cannot switch presets)
            </label>
            {EMBED_PANELS.map((p) => (
              <label key={p} className="check-row">
                <input
                  type="checkbox"
                  checked={hide.includes(p)}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setHide((prev) => (on ? [...prev, p] : prev.filter((x) => x !== p)));
                  }}
                />{' '}
                Hide {PANEL_LABELS[p].toLowerCase()}
              </label>
            ))}
            <div className="loop-fields">
              <div className="field">
                <label htmlFor={ids.from}>Loop from</label>
                <div className="field-input">
                  <input
                    id={ids.from}
                    type="number"
                    min={0}
                    value={loopFrom}
                    onChange={(e) => {
                      setLoopFrom(e.target.value);
                    }}
                  />
                  <span className="field-unit">s</span>
                </div>
              </div>
              <div className="field">
                <label htmlFor={ids.to}>to</label>
                <div className="field-input">
                  <input
                    id={ids.to}
                    type="number"
                    min={0}
                    value={loopTo}
                    onChange={(e) => {
                      setLoopTo(e.target.value);
                    }}
                  />
                  <span className="field-unit">s</span>
                </div>
              </div>
            </div>
            {loopSet && !loopValid ? (
              <p className="field-error" role="alert">
                The loop needs a start of 0 or more and an end after it; the whole run plays
                meanwhile.
              </p>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor={ids.origin}>Host page origin(s) allowed to send commands</label>
            <input
              id={ids.origin}
              type="text"
              placeholder="https://slides.example.org"
              value={originText}
              onChange={(e) => {
                setOriginText(e.target.value);
              }}
            />
            {originErrors.length > 0 ? (
              <p className="field-error" role="alert">
                Not an http(s) origin: {originErrors.join(', ')}
              </p>
            ) : (
              <p className="field-hint">
                Commands from any other origin are ignored. This app’s own origin is always allowed.
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.height}>Height</label>
            <div className="field-input">
              <input
                id={ids.height}
                type="number"
                min={200}
                max={4000}
                value={height}
                onChange={(e) => {
                  setHeight(e.target.value);
                }}
              />
              <span className="field-unit">px (the frame then resizes itself)</span>
            </div>
          </div>
        </section>

        <section className="panel" aria-labelledby="embed-code">
          <h2 id="embed-code">Snippet</h2>
          <label htmlFor={ids.code} className="visually-hidden">
            Embed snippet
          </label>
          <textarea
            id={ids.code}
            className="snippet"
            readOnly
            rows={12}
            value={snippet}
            data-testid="embed-snippet"
          />
          <p className="field-hint">
            In the frame&apos;s link, scenario settings use the Playground&apos;s names (
            <code>preset=</code>, <code>ttl=</code>, <code>lock=</code> for a rebuild lock) and the
            player&apos;s options start with <code>e.</code>: <code>e.autoplay</code>,{' '}
            <code>e.lock</code>, <code>e.hide</code>, <code>e.loop</code>, <code>e.speed</code>,{' '}
            <code>e.origin</code>. Older links without the prefix still work.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              onClick={() => {
                void navigator.clipboard.writeText(snippet).then(
                  () => {
                    setCopied(true);
                  },
                  () => {
                    setCopied(false);
                  },
                );
              }}
            >
              Copy snippet
            </button>
            <a className="button" href={src} target="_blank" rel="noopener">
              Open the frame on its own
            </a>
          </div>
          {copied ? (
            <p className="field-hint" role="status">
              Snippet copied.
            </p>
          ) : null}
          <h3>Preview</h3>
          {/* A new frame per link: changing a live frame's src would add entries to the page's
              history, so Back would step through preview changes instead of leaving the page. */}
          {/* The frame boots a second copy of the app on this page's main thread, so it starts
              only when the reader gets near it (on a phone, well below the form); its box keeps
              the frame's height meanwhile, so nothing moves when it arrives. */}
          <div ref={previewRef} style={{ minHeight: previewHeight }}>
            {previewSeen ? (
              <iframe
                key={src}
                className="embed-preview"
                src={src}
                title={`Preview: ${title}`}
                height={previewHeight}
              />
            ) : (
              <p className="field-hint">The preview starts when you scroll to it.</p>
            )}
          </div>
        </section>
      </div>

      <section className="panel" aria-labelledby="api-title">
        <h2 id="api-title">The postMessage API</h2>
        <p>
          Every message is an object with <code>protocol: &quot;cachescope&quot;</code> and{' '}
          <code>version: 1</code>. The frame accepts a command only from its parent window, from an
          allowed origin, and only when the message matches the schema exactly; anything else is
          ignored without a reply.
        </p>
        <div className="table-scroll">
          <table className="cheat-table">
            <thead>
              <tr>
                <th scope="col">Direction</th>
                <th scope="col">type</th>
                <th scope="col">Fields</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">frame → host</th>
                <td>
                  <code>ready</code>
                </td>
                <td>
                  <code>route</code>
                </td>
              </tr>
              <tr>
                <th scope="row">frame → host</th>
                <td>
                  <code>height</code>
                </td>
                <td>
                  <code>height</code> in CSS pixels, on every size change
                </td>
              </tr>
              <tr>
                <th scope="row">frame → host</th>
                <td>
                  <code>state</code>
                </td>
                <td>
                  <code>playing</code>, <code>tMs</code> (simulated), <code>done</code>
                </td>
              </tr>
              <tr>
                <th scope="row">frame → host</th>
                <td>
                  <code>error</code>
                </td>
                <td>
                  <code>message</code>
                </td>
              </tr>
              <tr>
                <th scope="row">host → frame</th>
                <td>
                  <code>play</code>, <code>pause</code>
                </td>
                <td>none</td>
              </tr>
              <tr>
                <th scope="row">host → frame</th>
                <td>
                  <code>step</code>
                </td>
                <td>
                  <code>count</code> 1–1000, <code>unit</code> &quot;request&quot; or
                  &quot;event&quot;
                </td>
              </tr>
              <tr>
                <th scope="row">host → frame</th>
                <td>
                  <code>load-scenario</code>
                </td>
                <td>
                  either <code>presetId</code> or <code>scenario</code> (a scenario document,
                  validated), and <code>autoplay</code>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <pre className="code-block">
          <code>{`frame.contentWindow.postMessage(
  { protocol: 'cachescope', version: 1, type: 'play' },
  ${JSON.stringify(window.location.origin)},
);`}</code>
        </pre>
      </section>
    </article>
  );
}
