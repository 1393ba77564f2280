/**
 * The postMessage protocol between an embedded Cachescope frame and the page hosting it.
 *
 * Frame -> host: `ready`, `height` (for auto-resize) and `state` (playing, simulated time).
 * Host -> frame: `play`, `pause`, `step`, `load-scenario`. The frame accepts a host message only
 * when (1) it comes from the parent window, (2) its origin is on the allowed list and (3) the
 * payload validates against the schema below; a loaded scenario is then validated again by the
 * scenario schema. Everything else is dropped without a reply, so a foreign page learns nothing.
 */
import * as v from 'valibot';

/** Every message carries this tag, so the frame ignores other scripts' messages. */
export const PROTOCOL = 'cachescope';
export const PROTOCOL_VERSION = 1;

const Envelope = {
  protocol: v.literal(PROTOCOL),
  version: v.literal(PROTOCOL_VERSION),
};

export const HostMessageSchema = v.variant('type', [
  v.strictObject({ ...Envelope, type: v.literal('play') }),
  v.strictObject({ ...Envelope, type: v.literal('pause') }),
  v.strictObject({
    ...Envelope,
    type: v.literal('step'),
    /** Events or requests to step (default 1). */
    count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 1),
    unit: v.optional(v.picklist(['request', 'event']), 'request'),
  }),
  v.strictObject({
    ...Envelope,
    type: v.literal('load-scenario'),
    /** A preset id, or a scenario document (validated by parseScenario before use). */
    presetId: v.optional(v.pipe(v.string(), v.maxLength(64))),
    scenario: v.optional(v.unknown()),
    autoplay: v.optional(v.boolean(), false),
  }),
]);
export type HostMessage = v.InferOutput<typeof HostMessageSchema>;

export type FrameMessage =
  | {
      readonly protocol: typeof PROTOCOL;
      readonly version: 1;
      readonly type: 'ready';
      readonly route: string;
    }
  | {
      readonly protocol: typeof PROTOCOL;
      readonly version: 1;
      readonly type: 'height';
      readonly height: number;
    }
  | {
      readonly protocol: typeof PROTOCOL;
      readonly version: 1;
      readonly type: 'state';
      readonly playing: boolean;
      readonly tMs: number;
      readonly done: boolean;
    }
  | {
      readonly protocol: typeof PROTOCOL;
      readonly version: 1;
      readonly type: 'error';
      readonly message: string;
    };

type FramePayload = FrameMessage extends infer M
  ? M extends FrameMessage
    ? Omit<M, 'protocol' | 'version'>
    : never
  : never;

export function frameMessage(payload: FramePayload): FrameMessage {
  return { protocol: PROTOCOL, version: PROTOCOL_VERSION, ...payload };
}

/** Canonical `scheme://host[:port]` of an http(s) URL or origin, or null when it is not one. */
export function normaliseOrigin(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export type HostCheck =
  | { readonly ok: true; readonly message: HostMessage }
  | { readonly ok: false; readonly reason: 'source' | 'origin' | 'payload' };

/**
 * Decide whether a received message is a valid command from an allowed host.
 * @param fromParent whether `event.source` is the window's parent
 * @param allowedOrigins normalised origins (see {@link normaliseOrigin})
 */
export function checkHostMessage(
  data: unknown,
  origin: string,
  fromParent: boolean,
  allowedOrigins: readonly string[],
): HostCheck {
  if (!fromParent) return { ok: false, reason: 'source' };
  if (!allowedOrigins.includes(origin)) return { ok: false, reason: 'origin' };
  const parsed = v.safeParse(HostMessageSchema, data);
  if (!parsed.success) return { ok: false, reason: 'payload' };
  if (parsed.output.type === 'load-scenario') {
    const hasPreset = parsed.output.presetId !== undefined;
    const hasScenario = parsed.output.scenario !== undefined;
    if (hasPreset === hasScenario) return { ok: false, reason: 'payload' };
  }
  return { ok: true, message: parsed.output };
}
