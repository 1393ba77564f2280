import { describe, expect, it } from 'vitest';
import { checkHostMessage, frameMessage, normaliseOrigin } from './embed-protocol';

const HOST = 'https://slides.example.org';
const env = { protocol: 'cachescope', version: 1 } as const;

describe('embed protocol', () => {
  it('accepts valid commands from the parent at an allowed origin', () => {
    for (const data of [
      { ...env, type: 'play' },
      { ...env, type: 'pause' },
      { ...env, type: 'step' },
      { ...env, type: 'step', count: 3, unit: 'event' },
      { ...env, type: 'load-scenario', presetId: 'cold-restart', autoplay: true },
      { ...env, type: 'load-scenario', scenario: { seed: 3 } },
    ]) {
      const r = checkHostMessage(data, HOST, true, [HOST]);
      expect(r.ok, JSON.stringify(data)).toBe(true);
    }
    const step = checkHostMessage({ ...env, type: 'step' }, HOST, true, [HOST]);
    expect(step.ok && step.message).toMatchObject({ type: 'step', count: 1, unit: 'request' });
  });

  it('rejects other origins and other windows', () => {
    const play = { ...env, type: 'play' };
    expect(checkHostMessage(play, 'https://evil.example', true, [HOST])).toEqual({
      ok: false,
      reason: 'origin',
    });
    expect(checkHostMessage(play, HOST, false, [HOST])).toEqual({ ok: false, reason: 'source' });
    expect(checkHostMessage(play, 'null', true, [HOST]).ok).toBe(false);
  });

  it('rejects payloads that do not validate', () => {
    for (const data of [
      null,
      'play',
      { type: 'play' },
      { ...env, version: 2, type: 'play' },
      { ...env, type: 'explode' },
      { ...env, type: 'play', extra: 1 },
      { ...env, type: 'step', count: 0 },
      { ...env, type: 'step', count: 1e9 },
      { ...env, type: 'load-scenario' },
      { ...env, type: 'load-scenario', presetId: 'x', scenario: {} },
      { ...env, type: 'load-scenario', presetId: 'x'.repeat(200) },
    ]) {
      expect(checkHostMessage(data, HOST, true, [HOST]), JSON.stringify(data)).toEqual({
        ok: false,
        reason: 'payload',
      });
    }
  });

  it('normalises origins and builds tagged frame messages', () => {
    expect(normaliseOrigin('https://Slides.Example.org/deck?x=1')).toBe(
      'https://slides.example.org',
    );
    expect(normaliseOrigin('javascript:alert(1)')).toBeNull();
    expect(normaliseOrigin('not a url')).toBeNull();
    expect(frameMessage({ type: 'height', height: 420 })).toEqual({
      ...env,
      type: 'height',
      height: 420,
    });
  });
});
