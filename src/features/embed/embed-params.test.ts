import { describe, expect, it } from 'vitest';
import { decodeScenarioParams } from '../../sim/scenario/url-codec';
import { allowedOrigins, isEmbedLocation, parseEmbedOptions } from './embed-params';
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
        'autoplay=1&hide=chart,nope&lock=1&loop=30-10&speed=abc&origin=https://a.example/x&origin=ftp://b',
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
    expect(parseEmbedOptions(new URLSearchParams('loop=1000-5000')).loop).toEqual({
      fromMs: 1000,
      toMs: 5000,
    });
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
        hash: '#/embed?origin=https://a.example',
      }),
    ).toEqual(['http://127.0.0.1:4173', 'https://a.example']);
  });

  it('builds a player URL whose scenario and options read back', () => {
    const url = embedUrl('https://cachescope.example/app/index.html?x=1#/study', base);
    expect(url.startsWith('https://cachescope.example/app/index.html?embed=1#/embed?')).toBe(true);
    const query = url.slice(url.indexOf('#/embed?') + 8);
    const params = new URLSearchParams(query);
    expect(decodeScenarioParams(params).presetId).toBe('hot-key-stampede');
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
    ).toBe('https://c.example/?embed=1#/lessons/ttl?origin=https%3A%2F%2Fslides.example.org');
    const snippet = embedSnippet('https://c.example/', { ...base, title: 'A "quoted" <title>' });
    expect(snippet).toContain('title="A &quot;quoted&quot; &lt;title&gt;"');
    expect(snippet).toContain('e.origin !== "https://c.example"');
    expect(snippet).toContain('height="480"');
  });
});
