/**
 * Play / pause, step, speed, reset, seek and run-to-end for a simulated run. Presentational: the
 * caller wires the callbacks to its engine channel. Native buttons, select and range input, so
 * every control works by keyboard and announces its name.
 */
import { useEffect, useId, useRef } from 'react';
import { localeNumber } from './format';
import { formatClock, formatSimTime } from './format-time';

export type PlaybackState = 'paused' | 'playing' | 'seeking' | 'done';

/** Speeds offered, in simulated ms per wall ms. */
export const SPEED_STEPS = [0.01, 0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000, 10_000] as const;

export function formatSpeed(speed: number): string {
  return `${speed >= 1 ? localeNumber(speed) : String(speed)}×`;
}

/**
 * An achieved speed, which may be far below any offered one (a flood runs at 0.0004×): two
 * significant digits, never rounded down to "0×".
 */
export function formatAchievedSpeed(speed: number): string {
  if (speed >= 10) return formatSpeed(Math.round(speed));
  if (speed <= 0) return formatSpeed(0);
  return `${localeNumber(Number(speed.toPrecision(2)), { maximumSignificantDigits: 2 })}×`;
}

/** The next faster (+1) or slower (-1) offered speed. */
export function nextSpeed(current: number, direction: 1 | -1): number {
  const i = SPEED_STEPS.findIndex((s) => s >= current - 1e-9);
  const at = i === -1 ? SPEED_STEPS.length - 1 : i;
  const exact = SPEED_STEPS[at] !== undefined && Math.abs((SPEED_STEPS[at] ?? 0) - current) < 1e-9;
  const next = direction === 1 ? (exact ? at + 1 : at) : at - 1;
  return SPEED_STEPS[Math.max(0, Math.min(SPEED_STEPS.length - 1, next))] ?? current;
}

export interface PlaybackControlsProps {
  readonly status: PlaybackState;
  readonly tMs: number;
  readonly durationMs: number;
  readonly speed: number;
  /** Speed actually achieved (lower when the engine cannot keep up), 0 when not playing. */
  readonly achievedSpeed: number;
  readonly progress: number | null;
  readonly seed: number;
  readonly onPlay: () => void;
  readonly onPause: () => void;
  readonly onStep: (unit: 'event' | 'request') => void;
  readonly onSpeed: (speed: number) => void;
  readonly onReset: () => void;
  readonly onSeek: (tMs: number) => void;
}

export function PlaybackControls(props: PlaybackControlsProps) {
  const speedId = useId();
  const seekId = useId();
  const seekRef = useRef<HTMLInputElement>(null);
  const { status, onSeek } = props;
  const playing = status === 'playing';
  const seeking = status === 'seeking';
  const done = status === 'done';
  const durationSec = props.durationMs / 1000;
  const onSeekRef = useRef(onSeek);

  useEffect(() => {
    onSeekRef.current = onSeek;
  }, [onSeek]);

  // Seek on the native `change` event (release of the thumb, or each arrow key), not on every
  // pixel of a drag: a backwards seek replays the run from the start.
  const dragging = useRef(false);
  useEffect(() => {
    const input = seekRef.current;
    if (!input) return;
    const handler = () => {
      dragging.current = false;
      onSeekRef.current(Number(input.value) * 1000);
    };
    const grab = () => {
      dragging.current = true;
    };
    input.addEventListener('change', handler);
    input.addEventListener('pointerdown', grab);
    return () => {
      input.removeEventListener('change', handler);
      input.removeEventListener('pointerdown', grab);
    };
  }, []);

  // The slider is uncontrolled (React would snap a controlled thumb back mid-drag); follow the
  // clock imperatively unless the user is holding it.
  useEffect(() => {
    const input = seekRef.current;
    if (input && !dragging.current) input.value = String(Math.min(durationSec, props.tMs / 1000));
  }, [props.tMs, durationSec]);

  const lagging = playing && props.achievedSpeed > 0 && props.achievedSpeed < props.speed * 0.8;
  const speedOptions = SPEED_STEPS.includes(props.speed as (typeof SPEED_STEPS)[number])
    ? SPEED_STEPS
    : [...SPEED_STEPS, props.speed].sort((a, b) => a - b);

  return (
    <div className="playback" data-testid="playback">
      <div className="playback-row">
        <button
          type="button"
          className="button primary playback-main"
          onClick={playing || seeking ? props.onPause : props.onPlay}
          aria-keyshortcuts="Space"
        >
          <span aria-hidden="true">{playing || seeking ? '❚❚' : '▶'}</span>
          {playing || seeking ? 'Pause' : done ? 'Play again' : 'Play'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            props.onStep('request');
          }}
          disabled={done || seeking}
          aria-keyshortcuts="ArrowRight"
        >
          Step one request
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            props.onStep('event');
          }}
          disabled={done || seeking}
        >
          Step one event
        </button>
        <button type="button" className="button" onClick={props.onReset}>
          Reset
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            props.onSeek(props.durationMs);
          }}
          disabled={done || seeking}
        >
          Run to end
        </button>
      </div>
      <div className="playback-row playback-time">
        <label htmlFor={seekId}>Seek to</label>
        <input
          ref={seekRef}
          id={seekId}
          type="range"
          min={0}
          max={durationSec}
          step={durationSec > 600 ? 10 : durationSec > 60 ? 1 : 0.5}
          defaultValue={0}
          aria-valuetext={`${formatClock(props.tMs)} of ${formatClock(props.durationMs)}`}
        />
        <output className="playback-clock" data-testid="sim-time" aria-live="off">
          {formatSimTime(props.tMs)} / {formatClock(props.durationMs)}
        </output>
        <div className="playback-speed">
          <label htmlFor={speedId}>Speed</label>
          <select
            id={speedId}
            value={props.speed}
            aria-keyshortcuts="+ -"
            onChange={(e) => {
              props.onSpeed(Number(e.target.value));
            }}
          >
            {speedOptions.map((s) => (
              <option key={s} value={s}>
                {formatSpeed(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="playback-status" role="status" data-testid="playback-status">
        {seeking
          ? `Fast-forwarding… ${Math.round((props.progress ?? 0) * 100)}%`
          : done
            ? 'Run finished.'
            : playing
              ? lagging
                ? `Playing at ${formatAchievedSpeed(props.achievedSpeed)} (the engine's limit here; asked for ${formatSpeed(props.speed)}).`
                : `Playing at ${formatSpeed(props.speed)}.`
              : props.tMs === 0
                ? 'Ready. Press Play.'
                : 'Paused.'}{' '}
        <span className="playback-seed">Seed {props.seed}</span>
      </p>
    </div>
  );
}
