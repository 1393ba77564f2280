import { useEffect, useRef, useState, type RefObject } from 'react';
import type { TraceEvent } from '../../sim/engine/engine-types';
import { formatMs } from '../../ui/format';
import { shortLaneLabel, type Lane } from './lesson-lanes';
import { arrowLabel, eventTone } from './event-text';

/** Geometry in CSS pixels. Lanes are at least wide enough for a "GET k0 → HIT v1" label and
 *  grow to fill a wide container. */
const MIN_LANE_WIDTH_PX = 128;
const MAX_LANE_WIDTH_PX = 220;
const TIME_GUTTER_PX = 72;
/** A box too narrow for every lane at its minimum width (a phone) gets the compact layout:
 *  lanes share the box's width exactly, heads are abbreviated, times are whole milliseconds,
 *  and arrow labels are kept inside the box instead of centred between two close lanes. */
const COMPACT_TIME_GUTTER_PX = 40;
const ROW_HEIGHT_PX = 40;
const TOP_PAD_PX = 8;
/** Advance of one character of the 12 px monospace label font (0.6 em), for fitting labels. */
const LABEL_CHAR_PX = 7.3;
/** Gap kept between a label and the box edge or a step's dot. */
const LABEL_PAD_PX = 4;

export interface LaneDiagramProps {
  readonly lanes: readonly Lane[];
  readonly events: readonly TraceEvent[];
  /** Per event, which try of its request it is (`LessonStep.attempt`); retries say so. */
  readonly attempts?: readonly number[];
  /** Index of the current step; steps after it are not drawn yet. */
  readonly current: number;
  readonly reducedMotion: boolean;
  /** Accessible summary of the current step. */
  readonly label: string;
}

/**
 * The sequence diagram: one vertical lane per actor, one row per step in time order, each message
 * an arrow from sender to receiver (a dot for something that happens inside one actor). Only
 * steps up to the current one are drawn, so stepping forward adds the next message.
 */
export function LaneDiagram(props: LaneDiagramProps) {
  const { current, reducedMotion } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const boxWidth = useBoxWidth(scrollRef);
  const laneCount = Math.max(props.lanes.length, 1);
  const compact = boxWidth > 0 && boxWidth < TIME_GUTTER_PX + MIN_LANE_WIDTH_PX * laneCount + 2;
  const gutter = compact ? COMPACT_TIME_GUTTER_PX : TIME_GUTTER_PX;
  const fitted = Math.floor((boxWidth - gutter - 2) / laneCount);
  const laneWidth = compact
    ? fitted
    : Math.min(MAX_LANE_WIDTH_PX, Math.max(MIN_LANE_WIDTH_PX, fitted));
  const laneX = new Map(props.lanes.map((lane, i) => [lane.id, gutter + laneWidth * (i + 0.5)]));
  const width = gutter + laneWidth * props.lanes.length;
  const firstScroll = useRef(true);
  const shown = props.events.slice(0, props.current + 1);
  const height = TOP_PAD_PX * 2 + ROW_HEIGHT_PX * Math.max(shown.length, 1);

  const currentEvent = props.events[props.current];
  const fromX = currentEvent === undefined ? 0 : (laneX.get(currentEvent.actor) ?? 0);
  const toX = currentEvent?.to == null ? fromX : (laneX.get(currentEvent.to) ?? fromX);

  // Keep the current row in view by scrolling the diagram's own box, never the page: vertically
  // to its row, and sideways (narrow screens) to the lanes its arrow joins.
  useEffect(() => {
    const box = scrollRef.current;
    // Until the box is measured the lanes' positions are not final, so there is nothing to aim
    // at yet; reading the box's scroll geometry here would also force the page's first layout
    // inside this render's task (31 ms on a desktop at load) instead of the browser's own frame.
    if (box === null || boxWidth === 0) return;
    const headHeight = 40;
    const rowTop = TOP_PAD_PX + current * ROW_HEIGHT_PX;
    const visibleTop = box.scrollTop;
    const visibleBottom = box.scrollTop + box.clientHeight - headHeight;
    let top = box.scrollTop;
    if (rowTop < visibleTop || rowTop + ROW_HEIGHT_PX > visibleBottom) {
      // Put the current row low in the box so the steps leading up to it stay visible.
      top = Math.max(0, rowTop - (box.clientHeight - headHeight) * 0.55);
    }
    const left = Math.min(fromX, toX) - laneWidth / 2;
    const right = Math.max(fromX, toX) + laneWidth / 2;
    let scrollLeft = box.scrollLeft;
    if (left < box.scrollLeft || right > box.scrollLeft + box.clientWidth) {
      // Too wide to show whole: centre on the arrow's middle, where its label is.
      scrollLeft =
        right - left <= box.clientWidth
          ? Math.max(0, left - (box.clientWidth - (right - left)) / 2)
          : Math.max(0, (fromX + toX) / 2 - box.clientWidth / 2);
    }
    if (top !== box.scrollTop || scrollLeft !== box.scrollLeft) {
      // Jump straight there on arrival (a deep link); glide while stepping, unless reduced motion.
      const smooth = !reducedMotion && !firstScroll.current;
      box.scrollTo({ top, left: scrollLeft, behavior: smooth ? 'smooth' : 'auto' });
    }
    firstScroll.current = false;
  }, [current, reducedMotion, fromX, toX, laneWidth, boxWidth]);

  return (
    <div
      className={`lane-scroll${compact ? ' is-compact' : ''}`}
      data-compact={compact ? 'true' : undefined}
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label="Sequence diagram (scrolls)"
    >
      <div className="lane-inner" style={{ width: `${width}px` }}>
        <div className="lane-heads" aria-hidden="true">
          <span className="lane-head lane-head-time" style={{ width: `${gutter}px` }}>
            {compact ? 'ms' : 'time'}
          </span>
          {props.lanes.map((lane) => (
            <span
              key={lane.id}
              className="lane-head"
              style={{ width: `${laneWidth}px` }}
              title={lane.label}
            >
              {compact ? shortLaneLabel(lane.label) : lane.label}
            </span>
          ))}
        </div>
        <svg
          className="lane-svg"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={props.label}
        >
          {props.lanes.map((lane) => {
            const x = laneX.get(lane.id) ?? 0;
            return (
              <line
                key={lane.id}
                className="lifeline"
                x1={x}
                x2={x}
                y1={0}
                y2={height}
                data-lane={lane.id}
              />
            );
          })}
          {shown.map((event, i) => (
            <Row
              key={event.seq}
              event={event}
              y={TOP_PAD_PX + ROW_HEIGHT_PX * i + ROW_HEIGHT_PX / 2}
              x1={laneX.get(event.actor) ?? gutter}
              x2={event.to === null ? null : (laneX.get(event.to) ?? null)}
              label={arrowLabel(event, props.attempts?.[i] ?? 1)}
              gutter={gutter}
              compact={compact}
              width={width}
              isCurrent={i === props.current}
              animate={i === props.current && !props.reducedMotion}
            />
          ))}
        </svg>
      </div>
    </div>
  );
}

function Row(props: {
  readonly event: TraceEvent;
  readonly y: number;
  readonly x1: number;
  readonly x2: number | null;
  readonly label: string;
  /** Width of the time column: labels never run into it. */
  readonly gutter: number;
  readonly compact: boolean;
  readonly width: number;
  readonly isCurrent: boolean;
  readonly animate: boolean;
}) {
  const { event, y, x1, label } = props;
  const tone = eventTone(event);
  const labelWidth = label.length * LABEL_CHAR_PX;
  const selfEvent = props.x2 === null || props.x2 === x1;
  // A dot's label goes to its right, or to its left when the box ends first.
  const dotLabelLeft = x1 + 10 + labelWidth > props.width - LABEL_PAD_PX;
  const x2 = props.x2 ?? x1;
  const dir = x2 >= x1 ? 1 : -1;
  const head = 7;
  const cls = `step-row tone-${tone}${props.isCurrent ? ' is-current' : ''}${props.animate ? ' animate' : ''}`;
  return (
    <g
      className={cls}
      data-step-seq={event.seq}
      data-current={props.isCurrent ? 'true' : undefined}
    >
      {props.isCurrent ? (
        <rect
          className="current-band"
          x={0}
          y={y - ROW_HEIGHT_PX / 2}
          width={props.width}
          height={ROW_HEIGHT_PX}
        />
      ) : null}
      <text className="row-time" x={props.compact ? 3 : 6} y={y + 4}>
        {props.compact ? compactRowTime(event.tMs) : rowTime(event.tMs)}
      </text>
      {selfEvent ? (
        <>
          <circle className="step-dot" cx={x1} cy={y} r={6} />
          <text
            className="arrow-label"
            x={dotLabelLeft ? x1 - 10 : x1 + 10}
            y={y + 4}
            textAnchor={dotLabelLeft ? 'end' : 'start'}
          >
            {label}
          </text>
        </>
      ) : (
        <>
          <line className="arrow-line" x1={x1} y1={y} x2={x2 - dir * head} y2={y} />
          <polygon
            className="arrow-head"
            points={`${x2},${y} ${x2 - dir * head},${y - 5} ${x2 - dir * head},${y + 5}`}
          />
          <text
            className="arrow-label"
            x={labelCentre((x1 + x2) / 2, labelWidth, props.gutter, props.width)}
            y={y - 6}
            textAnchor="middle"
          >
            {label}
          </text>
        </>
      )}
    </g>
  );
}

/** The content width of a box, kept current as it resizes (0 until measured). */
function useBoxWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(Math.floor(w));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
    };
  }, [ref]);
  return width;
}

/**
 * Centre of an arrow's label: over the arrow's middle, moved sideways just enough to stay between
 * the time column and the box's right edge (lanes close together on a phone).
 */
function labelCentre(mid: number, labelWidth: number, gutter: number, width: number): number {
  const lo = gutter + LABEL_PAD_PX + labelWidth / 2;
  const hi = width - LABEL_PAD_PX - labelWidth / 2;
  if (lo > hi) return (gutter + width) / 2;
  return Math.min(Math.max(mid, lo), hi);
}

/** Compact row times: whole milliseconds (the column is headed "ms"), seconds past 100 s. */
function compactRowTime(tMs: number): string {
  return tMs < 100_000 ? tMs.toFixed(tMs < 100 ? 1 : 0) : `${Math.round(tMs / 1000)}s`;
}

/** Row times in milliseconds with one decimal, so events a fraction of a millisecond apart still
 *  read in order; long runs fall back to seconds. */
function rowTime(tMs: number): string {
  return tMs < 100_000 ? `${tMs.toFixed(1)} ms` : formatMs(tMs);
}
