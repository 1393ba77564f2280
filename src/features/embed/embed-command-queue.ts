/**
 * Host commands, bounded: the frame takes at most {@link MAX_HOST_MESSAGES_PER_FRAME} messages
 * from its host per animation frame (the rest are dropped before they are even validated), and
 * hands them on once per frame with consecutive `step`s merged into one command whose count is
 * capped at {@link MAX_STEPS_PER_FRAME} steps per frame in all. A host that sends 10,000 `step`
 * messages of count 1000 therefore costs the frame at most 100 validations and one worker command
 * per frame, instead of ten million worker steps and replies. What was dropped is reported back
 * to the host, once per frame.
 */
import type { HostMessage } from './embed-protocol';

/** Most host messages the frame looks at per animation frame. */
export const MAX_HOST_MESSAGES_PER_FRAME = 100;
/** Most steps (events or requests) per animation frame, over all `step` messages in it. */
export const MAX_STEPS_PER_FRAME = 1000;

export interface CommandBatch {
  readonly commands: readonly HostMessage[];
  /** Messages dropped unread this frame (over the message quota). */
  readonly droppedMessages: number;
  /** Steps asked for beyond the frame's step budget. */
  readonly droppedSteps: number;
}

export class HostCommandQueue {
  private pending: HostMessage[] = [];
  private seen = 0;
  private dropped = 0;

  /** Whether this frame's quota of messages is used up (further ones are dropped unread). */
  get full(): boolean {
    return this.seen >= MAX_HOST_MESSAGES_PER_FRAME;
  }

  /** A message from the allowed parent arrived (counted against the quota, valid or not). */
  note(): void {
    this.seen += 1;
  }

  /** One more message dropped because the quota was used up. */
  drop(): void {
    this.dropped += 1;
  }

  push(message: HostMessage): void {
    this.pending.push(message);
  }

  /** Everything accepted since the last flush, coalesced; starts the next frame's quota. */
  flush(): CommandBatch {
    const commands: HostMessage[] = [];
    let stepsLeft = MAX_STEPS_PER_FRAME;
    let droppedSteps = 0;
    for (const m of this.pending) {
      const last = commands.at(-1);
      if (m.type === 'step') {
        const take = Math.min(m.count, stepsLeft);
        droppedSteps += m.count - take;
        stepsLeft -= take;
        if (take === 0) continue;
        if (last?.type === 'step' && last.unit === m.unit)
          commands[commands.length - 1] = { ...last, count: last.count + take };
        else commands.push({ ...m, count: take });
      } else if ((m.type === 'play' || m.type === 'pause') && last?.type === m.type) {
        // The same command twice in a row does nothing more.
      } else commands.push(m);
    }
    const batch = { commands, droppedMessages: this.dropped, droppedSteps };
    this.pending = [];
    this.seen = 0;
    this.dropped = 0;
    return batch;
  }
}

/** What the frame tells the host when it dropped commands, or null when it dropped none. */
export function droppedMessage(batch: CommandBatch): string | null {
  const parts: string[] = [];
  if (batch.droppedMessages > 0)
    parts.push(
      `${batch.droppedMessages} messages (at most ${MAX_HOST_MESSAGES_PER_FRAME} per animation frame)`,
    );
  if (batch.droppedSteps > 0)
    parts.push(`${batch.droppedSteps} steps (at most ${MAX_STEPS_PER_FRAME} per animation frame)`);
  return parts.length === 0 ? null : `Dropped ${parts.join(' and ')}.`;
}
