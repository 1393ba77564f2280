import { describe, expect, it } from 'vitest';
import { decodeScenarioParams } from '../../sim/scenario/url-codec';
import { presetScenario } from '../../sim/scenario/presets';
import {
  allowedOrigins,
  EMBED_OPTION_PARAMS,
  isEmbedLocation,
  parseEmbedOptions,
  splitEmbedParams,
} from './embed-params';
import { embedSnippet, embedUrl, type SnippetOptions } from './embed-snippet';

const base: SnippetOptions = {
  target: { kind: 'preset', presetId: 'hot-key-stampede' },
  autoplay: true,
  hide: ['totals'],
  lock: true,
  loop: { fromMs: 10_000, toMs: 30_000 },
  speed: 4,
  origins: ['https://slides.example.org'],
  heightPx: 480,
  title: 'Hot-key stampede',
};

describe('embed parameters', () => {
  it('parses options and reports bad values', () => {
    const o = parseEmbedOptions(
      new URLSearchParams(
        'e.autoplay=1&e.hide=chart,nope&e.lock=1&e.loop=30-10&e.speed=abc&e.origin=https://a.example/x&e.origin=ftp://b',
      ),
    );
    expect(o).toMatchObject({
      autoplay: true,
      hide: ['chart'],
      lock: true,
      loop: null,
      speed: 4,
      origins: ['https://a.example'],
    });
    expect(o.notices).toHaveLength(4);
    expect(parseEmbedOptions(new URLSearchParams('e.loop=1000-5000')).loop).toEqual({
      fromMs: 1000,
      toMs: 5000,
    });
  });

  it('keeps scenario fields and embed options apart: lock is the rebuild lock, e.lock the option', () => {
    const { scenarioParams, options } = splitEmbedParams(
      new URLSearchParams('preset=cache-aside&lock=2000&e.lock=1'),
    );
    expect(options.lock).toBe(true);
    expect(options.notices).toEqual([]);
    const decoded = decodeScenarioParams(scenarioParams, { otherParams: EMBED_OPTION_PARAMS });
    expect(decoded.notices).toEqual([]);
    expect(decoded.scenario.stampede.lock?.ttlMs).toBe(2000);
  });

  it('reads old links as before, saying how', () => {
    const { scenarioParams, options } = splitEmbedParams(
      new URLSearchParams('preset=cache-aside&lock=1&autoplay=1&origin=https://a.example'),
    );
    expect(options).toMatchObject({ lock: true, autoplay: true, origins: ['https://a.example'] });
    expect(options.notices).toContain(
      'lock=1 was read as the embed option e.lock, as in links made before embed options took the "e." prefix (not as a rebuild lock of the scenario); new links write e.lock.',
    );
    expect(options.notices).toHaveLength(3);
    const decoded = decodeScenarioParams(scenarioParams, { otherParams: EMBED_OPTION_PARAMS });
    expect(decoded.scenario.stampede.lock).toBeNull();
    expect(decoded.notices).toEqual([]);
    // A lock with a real TTL in an old link is the scenario's.
    const ttl = splitEmbedParams(new URLSearchParams('preset=cache-aside&lock=2000'));
    expect(ttl.options.lock).toBe(false);
    expect(decodeScenarioParams(ttl.scenarioParams).scenario.stampede.lock?.ttlMs).toBe(2000);
  });

  it('detects embed mode in the page query or the hash query', () => {
    expect(isEmbedLocation({ search: '?embed=1', hash: '#/lessons/x' })).toBe(true);
    expect(isEmbedLocation({ search: '', hash: '#/embed?embed=1&preset=x' })).toBe(true);
    expect(isEmbedLocation({ search: '', hash: '#/compare' })).toBe(false);
  });

  it('always allows the app origin, plus listed origins', () => {
    expect(
      allowedOrigins('http://127.0.0.1:4173', {
        search: '?embed=1',
        hash: '#/embed?e.origin=https://a.example',
      }),
    ).toEqual(['http://127.0.0.1:4173', 'https://a.example']);
  });

  it('builds a player URL whose scenario and options read back', () => {
    const url = embedUrl('https://cachescope.example/app/index.html?x=1#/study', base);
    expect(url.startsWith('https://cachescope.example/app/index.html?embed=1#/embed?')).toBe(true);
    const query = url.slice(url.indexOf('#/embed?') + 8);
    const params = new URLSearchParams(query);
    const decoded = decodeScenarioParams(params, { otherParams: EMBED_OPTION_PARAMS });
    expect(decoded.presetId).toBe('hot-key-stampede');
    expect(decoded.notices).toEqual([]);
    expect(decoded.scenario.stampede.lock).toEqual(
      presetScenario('hot-key-stampede').stampede.lock,
    );
    expect(parseEmbedOptions(params)).toMatchObject({
      autoplay: true,
      hide: ['totals'],
      lock: true,
      loop: { fromMs: 10_000, toMs: 30_000 },
      origins: ['https://slides.example.org'],
    });
  });

  it('builds lesson and route URLs and an escaped snippet', () => {
    expect(
      embedUrl('https://c.example/', { ...base, target: { kind: 'lesson', lessonId: 'ttl' } }),
    ).toBe('https://c.example/?embed=1#/lessons/ttl?e.origin=https%3A%2F%2Fslides.example.org');
    const snippet = embedSnippet('https://c.example/', { ...base, title: 'A "quoted" <title>' });
    expect(snippet).toContain('title="A &quot;quoted&quot; &lt;title&gt;"');
    expect(snippet).toContain('e.origin !== "https://c.example"');
    expect(snippet).toContain('height="480"');
  });
});
