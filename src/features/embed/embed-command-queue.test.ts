import { describe, expect, it } from 'vitest';
import {
  droppedMessage,
  HostCommandQueue,
  MAX_HOST_MESSAGES_PER_FRAME,
  MAX_STEPS_PER_FRAME,
} from './embed-command-queue';
import { checkHostMessage, type HostMessage } from './embed-protocol';

const HOST = 'https://slides.example.org';
const env = { protocol: 'cachescope', version: 1 } as const;

/** What the bridge does with one message from the allowed parent. */
function offer(queue: HostCommandQueue, data: unknown): void {
  if (queue.full) {
    queue.drop();
    return;
  }
  queue.note();
  const checked = checkHostMessage(data, HOST, true, [HOST]);
  if (checked.ok) queue.push(checked.message);
}

describe('host command queue', () => {
  it('turns a flood of 10,000 step messages of count 1000 into one capped step per frame', () => {
    const queue = new HostCommandQueue();
    for (let i = 0; i < 10_000; i++) offer(queue, { ...env, type: 'step', count: 1000 });
    const batch = queue.flush();
    expect(batch.commands).toEqual([{ ...env, type: 'step', unit: 'request', count: 1000 }]);
    expect(batch.droppedMessages).toBe(10_000 - MAX_HOST_MESSAGES_PER_FRAME);
    expect(batch.droppedSteps).toBe(MAX_HOST_MESSAGES_PER_FRAME * 1000 - MAX_STEPS_PER_FRAME);
    expect(droppedMessage(batch)).toBe(
      'Dropped 9900 messages (at most 100 per animation frame) and 99000 steps (at most 1000 per animation frame).',
    );
    // The next frame starts with a fresh quota and nothing pending.
    expect(queue.full).toBe(false);
    expect(queue.flush()).toEqual({ commands: [], droppedMessages: 0, droppedSteps: 0 });
  });

  it('keeps the order of different commands, merging only neighbours that mean the same', () => {
    const queue = new HostCommandQueue();
    const sent: unknown[] = [
      { ...env, type: 'play' },
      { ...env, type: 'play' },
      { ...env, type: 'step', count: 2, unit: 'event' },
      { ...env, type: 'step', count: 3, unit: 'event' },
      { ...env, type: 'step', count: 4, unit: 'request' },
      { ...env, type: 'pause' },
      { ...env, type: 'load-scenario', presetId: 'cold-restart' },
      { ...env, type: 'bogus' },
    ];
    for (const m of sent) offer(queue, m);
    const batch = queue.flush();
    expect(
      batch.commands.map((c: HostMessage) => (c.type === 'step' ? `${c.unit}x${c.count}` : c.type)),
    ).toEqual(['play', 'eventx5', 'requestx4', 'pause', 'load-scenario']);
    expect(droppedMessage(batch)).toBeNull();
  });
});
