import { useEffect, useRef, useState, type RefObject } from 'react';
import type { TraceEvent } from '../../sim/engine/engine-types';
import { formatMs } from '../../ui/format';
import type { Lane } from './lesson-lanes';
import { arrowLabel, eventTone } from './event-text';

/** Geometry in CSS pixels. Lanes are at least wide enough for a "GET k0 → HIT v1" label and
 *  grow to fill a wide container. */
const MIN_LANE_WIDTH_PX = 128;
const MAX_LANE_WIDTH_PX = 220;
const TIME_GUTTER_PX = 72;
const ROW_HEIGHT_PX = 40;
const TOP_PAD_PX = 8;

export interface LaneDiagramProps {
  readonly lanes: readonly Lane[];
  readonly events: readonly TraceEvent[];
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
  const laneWidth = Math.min(
    MAX_LANE_WIDTH_PX,
    Math.max(
      MIN_LANE_WIDTH_PX,
      Math.floor((boxWidth - TIME_GUTTER_PX - 2) / Math.max(props.lanes.length, 1)),
    ),
  );
  const laneX = new Map(
    props.lanes.map((lane, i) => [lane.id, TIME_GUTTER_PX + laneWidth * (i + 0.5)]),
  );
  const width = TIME_GUTTER_PX + laneWidth * props.lanes.length;
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
    if (box === null) return;
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
  }, [current, reducedMotion, fromX, toX, laneWidth]);

  return (
    <div
      className="lane-scroll"
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label="Sequence diagram (scrolls)"
    >
      <div className="lane-inner" style={{ width: `${width}px` }}>
        <div className="lane-heads" aria-hidden="true">
          <span className="lane-head lane-head-time" style={{ width: `${TIME_GUTTER_PX}px` }}>
            time
          </span>
          {props.lanes.map((lane) => (
            <span key={lane.id} className="lane-head" style={{ width: `${laneWidth}px` }}>
              {lane.label}
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
              x1={laneX.get(event.actor) ?? TIME_GUTTER_PX}
              x2={event.to === null ? null : (laneX.get(event.to) ?? null)}
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
  readonly width: number;
  readonly isCurrent: boolean;
  readonly animate: boolean;
}) {
  const { event, y, x1 } = props;
  const tone = eventTone(event);
  const label = arrowLabel(event);
  const selfEvent = props.x2 === null || props.x2 === x1;
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
      <text className="row-time" x={6} y={y + 4}>
        {rowTime(event.tMs)}
      </text>
      {selfEvent ? (
        <>
          <circle className="step-dot" cx={x1} cy={y} r={6} />
          <text className="arrow-label" x={x1 + 10} y={y + 4} textAnchor="start">
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
          <text className="arrow-label" x={(x1 + x2) / 2} y={y - 6} textAnchor="middle">
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

/** Row times in milliseconds with one decimal, so events a fraction of a millisecond apart still
 *  read in order; long runs fall back to seconds. */
function rowTime(tMs: number): string {
  return tMs < 100_000 ? `${tMs.toFixed(1)} ms` : formatMs(tMs);
}
