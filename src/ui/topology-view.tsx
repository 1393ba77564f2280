/**
 * The system drawn as boxes: clients -> app servers -> cache <-> database (+ replica, event bus,
 * write-behind flusher when the scenario uses them), with gauges for cache fill and the DB pool,
 * the cache node's state, and sampled requests moving along the lanes they really visited,
 * coloured by outcome.
 *
 * Moving marks are animated imperatively (a pool of SVG circles moved by requestAnimationFrame)
 * so sixty frames a second never go through React. With reduced motion, or when the engine runs
 * untraced, the view shows per-outcome counts instead.
 */
import { useEffect, useRef } from 'react';
import type { EngineView, RequestOutcome } from '../sim/engine/engine-types';
import { formatCount } from './format';
import { useElementWidth } from './use-element-width';
import { useInView } from './use-in-view';

/** A request to draw: the lanes it visited ('client', 'app:0', 'cache', 'db', ...) and its outcome. */
export interface TopologyMarkLike {
  readonly outcome: RequestOutcome;
  readonly hops: readonly string[];
}

export interface OutcomeCounts {
  readonly hits: number;
  readonly misses: number;
  readonly stale: number;
  readonly errors: number;
  readonly writes: number;
}

export interface TopologyViewProps {
  readonly view: EngineView | null;
  readonly showReplica: boolean;
  readonly showEventBus: boolean;
  readonly showFlusher: boolean;
  /** Latest batch of sampled requests; a new `seq` means new marks. */
  readonly marks: { readonly seq: number; readonly items: readonly TopologyMarkLike[] };
  /** Draw moving marks (false: reduced motion or no trace; counts only). */
  readonly moving: boolean;
  /** Why marks are not moving, shown under the diagram. */
  readonly stillReason?: string | null;
  /** Outcomes of the last completed window. */
  readonly counts: OutcomeCounts | null;
  /** Width of that window, for the counts caption. */
  readonly windowMs: number;
}

/** Wall time a mark takes to travel one hop. */
const HOP_MS = 240;
/** Marks of one batch start spread over this long (the worker sends a batch every 200 ms). */
const BATCH_SPREAD_MS = 200;
/** Most marks moving at once; extra ones in a burst are skipped. */
const MAX_ACTIVE = 96;
/** App servers drawn individually; the rest share the last box. */
const MAX_APP_BOXES = 3;

/** Below this container width the diagram switches to a taller layout that stays legible. */
const NARROW_PX = 560;

interface Point {
  readonly x: number;
  readonly y: number;
}

interface Layout {
  readonly width: number;
  readonly height: number;
  readonly clients: Point;
  readonly apps: readonly Point[];
  readonly cache: Point;
  readonly db: Point;
  readonly replica: Point;
  readonly bus: Point;
  readonly flusher: Point;
}

/** Wide: left to right. Narrow (phones): top to bottom, at a scale where labels stay readable. */
function layoutFor(appCount: number, narrow: boolean): Layout {
  const shown = Math.max(1, Math.min(MAX_APP_BOXES, appCount));
  const apps: Point[] = [];
  if (narrow) {
    for (let i = 0; i < shown; i++) apps.push({ x: 180 + (i - (shown - 1) / 2) * 120, y: 128 });
    return {
      width: 360,
      height: 410,
      clients: { x: 180, y: 36 },
      apps,
      cache: { x: 92, y: 240 },
      db: { x: 268, y: 240 },
      replica: { x: 298, y: 368 },
      bus: { x: 180, y: 368 },
      flusher: { x: 62, y: 368 },
    };
  }
  for (let i = 0; i < shown; i++) apps.push({ x: 270, y: 150 + (i - (shown - 1) / 2) * 74 });
  return {
    width: 760,
    height: 300,
    clients: { x: 75, y: 150 },
    apps,
    cache: { x: 500, y: 66 },
    db: { x: 500, y: 234 },
    replica: { x: 684, y: 234 },
    bus: { x: 684, y: 150 },
    flusher: { x: 684, y: 66 },
  };
}

function lanePoint(layout: Layout, lane: string): Point | null {
  if (lane === 'client') return layout.clients;
  if (lane.startsWith('app:')) {
    const i = Number(lane.slice(4));
    const apps = layout.apps;
    return apps[Math.min(Number.isFinite(i) ? i : 0, apps.length - 1)] ?? null;
  }
  switch (lane) {
    case 'cache':
      return layout.cache;
    case 'db':
      return layout.db;
    case 'replica':
      return layout.replica;
    case 'bus':
      return layout.bus;
    case 'flusher':
      return layout.flusher;
    default:
      return null;
  }
}

interface ActiveMark {
  readonly path: readonly Point[];
  readonly start: number;
  readonly outcome: RequestOutcome;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function usePrefersReducedMotion(): boolean {
  // Read once per render; the media query rarely changes during a session, and the parent
  // re-renders several times a second anyway.
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false;
}

/** Radius of a moving request's dot, px. */
const MARK_R = 6;
/** Least time between two drawings of the dots (a little under 1/30 s, so 60 Hz frames alternate). */
const DRAW_EVERY_MS = 30;

/**
 * Moves the requests' dots along their paths; runs only while marks are in flight. All dots of
 * one outcome are one SVG path (a circle per dot), so a frame writes at most one attribute per
 * outcome instead of several per dot: on a slow phone the per-element writes, not the drawing,
 * were the cost.
 */
function useMarkAnimation(
  layerRef: React.RefObject<SVGGElement | null>,
  appCount: number,
  narrow: boolean,
  marks: TopologyViewProps['marks'],
  moving: boolean,
): void {
  const active = useRef<ActiveMark[]>([]);
  const frame = useRef<number | null>(null);
  const lastSeq = useRef(marks.seq);
  const lastDraw = useRef(-Infinity);

  useEffect(() => {
    if (!moving) {
      active.current = [];
      const layer = layerRef.current;
      if (layer) for (const p of Array.from(layer.children)) setIfChanged(p, 'd', '');
      return;
    }
    // Each batch is drawn once, even when the effect re-runs for another reason.
    if (marks.seq === lastSeq.current) return;
    lastSeq.current = marks.seq;
    const layout = layoutFor(appCount, narrow);
    const now = performance.now();
    const items = marks.items;
    items.forEach((m, i) => {
      if (active.current.length >= MAX_ACTIVE) return;
      const path = m.hops
        .map((lane) => lanePoint(layout, lane))
        .filter((p): p is Point => p !== null);
      if (path.length < 2) return;
      active.current.push({
        path,
        start: now + (i * BATCH_SPREAD_MS) / Math.max(1, items.length),
        outcome: m.outcome,
      });
    });
    if (frame.current !== null || active.current.length === 0) return;

    const tick = (t: number) => {
      const layer = layerRef.current;
      if (!layer) {
        frame.current = null;
        return;
      }
      // Dots move at most ~30 times a second: smooth enough for a 240 ms hop, and every frame
      // they skip is one the browser need not repaint.
      if (t - lastDraw.current < DRAW_EVERY_MS) {
        frame.current = requestAnimationFrame(tick);
        return;
      }
      lastDraw.current = t;
      active.current = active.current.filter((m) => t - m.start < (m.path.length - 1) * HOP_MS);
      const dots = new Map<RequestOutcome, string>();
      for (const m of active.current) {
        if (t < m.start) continue;
        const progress = (t - m.start) / HOP_MS;
        const seg = Math.min(Math.floor(progress), m.path.length - 2);
        const f = Math.min(1, progress - seg);
        const a = m.path[seg];
        const b = m.path[seg + 1];
        if (!a || !b) continue;
        const x = a.x + (b.x - a.x) * f;
        const y = a.y + (b.y - a.y) * f;
        dots.set(m.outcome, (dots.get(m.outcome) ?? '') + circlePath(x, y));
      }
      for (const [outcome, d] of dots) setIfChanged(outcomeLayer(layer, outcome), 'd', d);
      for (const p of Array.from(layer.children))
        if (!dots.has(p.getAttribute('data-outcome') as RequestOutcome)) setIfChanged(p, 'd', '');
      frame.current = active.current.length > 0 ? requestAnimationFrame(tick) : null;
    };
    frame.current = requestAnimationFrame(tick);
  }, [marks, moving, layerRef, appCount, narrow]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    },
    [],
  );
}

/** A dot at (x, y) as path data: two half-circle arcs. */
function circlePath(x: number, y: number): string {
  const left = (x - MARK_R).toFixed(1);
  return `M${left},${y.toFixed(1)}a${MARK_R},${MARK_R} 0 1,0 ${2 * MARK_R},0a${MARK_R},${MARK_R} 0 1,0 ${-2 * MARK_R},0`;
}

/** The path that draws every dot of `outcome`, made on first use. */
function outcomeLayer(layer: SVGGElement, outcome: RequestOutcome): Element {
  const found = layer.querySelector(`[data-outcome="${outcome}"]`);
  if (found) return found;
  const p = document.createElementNS(SVG_NS, 'path');
  p.setAttribute('data-outcome', outcome);
  p.setAttribute('class', `topo-mark topo-mark-${outcome}`);
  p.setAttribute('d', '');
  layer.appendChild(p);
  return p;
}

function setIfChanged(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function Wire(props: { readonly from: Point; readonly to: Point; readonly soft?: boolean }) {
  return (
    <line
      className={props.soft === true ? 'topo-edge-soft' : undefined}
      x1={props.from.x}
      y1={props.from.y}
      x2={props.to.x}
      y2={props.to.y}
    />
  );
}

function Box(props: {
  readonly at: Point;
  readonly w: number;
  readonly h: number;
  readonly label: string;
  readonly sub?: string;
  readonly className?: string;
}) {
  const { at, w, h } = props;
  return (
    <g className={`topo-node ${props.className ?? ''}`}>
      <rect x={at.x - w / 2} y={at.y - h / 2} width={w} height={h} rx="10" />
      <text x={at.x} y={at.y - (props.sub ? 6 : -5)} textAnchor="middle" className="topo-label">
        {props.label}
      </text>
      {props.sub ? (
        <text x={at.x} y={at.y + 13} textAnchor="middle" className="topo-sub">
          {props.sub}
        </text>
      ) : null}
    </g>
  );
}

function Gauge(props: {
  readonly at: Point;
  readonly w: number;
  readonly ratio: number | null;
  readonly warn?: boolean;
  readonly text: string;
}) {
  const x = props.at.x - props.w / 2;
  const ratio = props.ratio === null ? 0 : Math.max(0, Math.min(1, props.ratio));
  return (
    <g className="topo-gauge">
      <rect x={x} y={props.at.y} width={props.w} height="8" rx="4" className="topo-gauge-track" />
      <rect
        x={x}
        y={props.at.y}
        width={props.w * ratio}
        height="8"
        rx="4"
        className={props.warn === true ? 'topo-gauge-fill warn' : 'topo-gauge-fill'}
      />
      <text x={props.at.x} y={props.at.y + 22} textAnchor="middle" className="topo-sub">
        {props.text}
      </text>
    </g>
  );
}

function cacheFill(view: EngineView): { ratio: number | null; text: string } {
  if (view.capacityKeys !== null) {
    return {
      ratio: view.cacheKeys / view.capacityKeys,
      text: `${formatCount(view.cacheKeys)} / ${formatCount(view.capacityKeys)} keys`,
    };
  }
  if (view.capacityBytes !== null) {
    return {
      ratio: view.cacheBytes / view.capacityBytes,
      text: `${formatCount(view.cacheBytes / 1024)} / ${formatCount(view.capacityBytes / 1024)} KiB`,
    };
  }
  return { ratio: null, text: `${formatCount(view.cacheKeys)} keys (no limit)` };
}

export function TopologyView(props: TopologyViewProps) {
  const view = props.view;
  const appCount = view?.appInstances.length ?? 1;
  const rootRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(rootRef, 0);
  const narrow = width > 0 && width < NARROW_PX;
  const layout = layoutFor(appCount, narrow);
  const layerRef = useRef<SVGGElement>(null);
  const reduced = usePrefersReducedMotion();
  // Off screen, nobody sees the requests move: no animation frames are spent on them.
  const inView = useInView(rootRef, 0);
  // The note below says whether requests animate; it must not change as the diagram scrolls in or
  // out of view (that reflowed the page under a scrolling reader).
  const animates = props.moving && !reduced;
  const moving = animates && inView;
  useMarkAnimation(layerRef, appCount, narrow, props.marks, moving);

  const cacheState = view?.cacheState ?? 'up';
  const fill = view ? cacheFill(view) : { ratio: 0, text: '—' };
  const poolRatio = view ? view.dbInFlight / view.dbMaxConcurrent : 0;
  const dbText = view
    ? `${formatCount(view.dbInFlight)}/${formatCount(view.dbMaxConcurrent)} busy · queue ${formatCount(view.dbQueue)}`
    : '—';
  const label = view
    ? `System diagram. ${appCount} app server${appCount === 1 ? '' : 's'}. Cache node ${cacheState}, holding ${fill.text}. Database connections ${dbText}.`
    : 'System diagram: clients, app servers, cache and database.';
  const counts = props.counts;
  const shownApps = layout.apps.length;

  return (
    <div className="topology" ref={rootRef}>
      <svg
        className={narrow ? 'topology-svg narrow' : 'topology-svg'}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label={label}
        data-testid="topology"
        data-cache-state={cacheState}
      >
        {/* Wires run centre to centre; the opaque boxes drawn later cover their ends. */}
        <g className="topo-edges" aria-hidden="true">
          {layout.apps.map((a, i) => (
            <g key={i}>
              <Wire from={layout.clients} to={a} />
              <Wire from={a} to={layout.cache} />
              <Wire from={a} to={layout.db} />
            </g>
          ))}
          <Wire from={layout.cache} to={layout.db} soft />
          {props.showReplica ? <Wire from={layout.db} to={layout.replica} /> : null}
          {props.showEventBus ? (
            <>
              <Wire from={layout.db} to={layout.bus} />
              <Wire from={layout.bus} to={layout.cache} />
            </>
          ) : null}
          {props.showFlusher ? (
            <>
              <Wire from={layout.cache} to={layout.flusher} />
              <Wire from={layout.flusher} to={layout.db} soft />
            </>
          ) : null}
        </g>
        {/* Marks travel under the boxes, so they show on the wires and never hide a label. */}
        <g ref={layerRef} className="topo-marks" aria-hidden="true" />
        <Box at={layout.clients} w={110} h={56} label="Clients" sub="users" />
        {layout.apps.map((a, i) => {
          const inst = view?.appInstances[i];
          const more = i === shownApps - 1 && appCount > shownApps ? appCount - shownApps : 0;
          return (
            <Box
              key={i}
              at={a}
              w={116}
              h={50}
              label={more > 0 ? `App ${i}–${appCount - 1}` : `App ${i}`}
              sub={
                inst?.paused === true
                  ? 'paused'
                  : `${formatCount(inst?.inFlight ?? 0)} in flight${more > 0 ? ` (+${more})` : ''}`
              }
              className={inst?.paused === true ? 'topo-paused' : ''}
            />
          );
        })}
        <g className={`topo-cache topo-cache-${cacheState}`}>
          <Box
            at={layout.cache}
            w={144}
            h={62}
            label="Cache"
            sub={cacheState === 'up' ? 'up' : cacheState === 'down' ? '✕ down' : '↻ restarting'}
          />
          <Gauge
            at={{ x: layout.cache.x, y: layout.cache.y + 38 }}
            w={130}
            ratio={fill.ratio}
            text={fill.text}
          />
        </g>
        <g className="topo-db">
          <Box at={layout.db} w={144} h={62} label="Database" sub="source of truth" />
          <Gauge
            at={{ x: layout.db.x, y: layout.db.y + 38 }}
            w={130}
            ratio={poolRatio}
            warn={(view?.dbQueue ?? 0) > 0}
            text={dbText}
          />
        </g>
        {props.showReplica ? (
          <Box at={layout.replica} w={100} h={50} label="Replica" sub="lagging" />
        ) : null}
        {props.showEventBus ? <Box at={layout.bus} w={100} h={44} label="Event bus" /> : null}
        {props.showFlusher ? (
          <Box
            at={layout.flusher}
            w={100}
            h={50}
            label="Flusher"
            sub={`${formatCount(view?.writeBehindBuffer ?? 0)} buffered`}
          />
        ) : null}
      </svg>
      <div className="topology-foot">
        <ul className="outcome-legend" aria-label="Requests in the last window">
          <li className="o-hit">
            <span className="swatch" aria-hidden="true" />
            Hits <b data-testid="count-hits">{counts ? formatCount(counts.hits) : '—'}</b>
          </li>
          <li className="o-miss">
            <span className="swatch" aria-hidden="true" />
            Misses <b data-testid="count-misses">{counts ? formatCount(counts.misses) : '—'}</b>
          </li>
          <li className="o-stale">
            <span className="swatch" aria-hidden="true" />
            Stale <b data-testid="count-stale">{counts ? formatCount(counts.stale) : '—'}</b>
          </li>
          <li className="o-error">
            <span className="swatch" aria-hidden="true" />
            Errors <b data-testid="count-errors">{counts ? formatCount(counts.errors) : '—'}</b>
          </li>
          <li className="o-write">
            <span className="swatch" aria-hidden="true" />
            Writes <b data-testid="count-writes">{counts ? formatCount(counts.writes) : '—'}</b>
          </li>
        </ul>
        <p className="topology-note">
          {animates
            ? `Moving dots are sampled requests (at most 40 a second), coloured by outcome. Counts are for the last ${props.windowMs >= 1000 ? `${props.windowMs / 1000} s` : `${props.windowMs} ms`} of simulated time.`
            : (props.stillReason ??
              (reduced
                ? 'Reduced motion is on: counts replace moving requests.'
                : 'Counts of requests in the last window.'))}
        </p>
      </div>
    </div>
  );
}
