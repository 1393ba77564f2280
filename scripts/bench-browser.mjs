// Helpers shared by the browser benchmarks (bench-frames.mjs, bench-traces.mjs): a vite preview
// server, a requestAnimationFrame gap probe, percentiles.
import { spawn } from 'node:child_process';

async function reachable(url) {
  try {
    const res = await fetch(url);
    return res.ok;
  } catch {
    return false;
  }
}

/** Serves dist/ with vite preview on `port`; returns its URL and the child (kill its group). */
export async function startPreview(port) {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (await reachable(url)) return { url, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start (run `npx vite build` first)');
}

/** p50/p95/p99/max of a list of numbers, to 0.1. */
export function stats(values) {
  if (values.length === 0) return { n: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const r = (x) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    p50: r(at(0.5)),
    p95: r(at(0.95)),
    p99: r(at(0.99)),
    max: r(sorted[sorted.length - 1]),
  };
}

/** Start recording rAF gaps and long animation frames in the page. */
export async function startFrameProbe(page) {
  await page.evaluate(() => {
    const probe = { gaps: [], loaf: [], last: null, on: true };
    window.__probe = probe;
    const tick = (t) => {
      if (probe.last !== null) probe.gaps.push(t - probe.last);
      probe.last = t;
      if (probe.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((list) => {
        if (!probe.on) return;
        for (const e of list.getEntries())
          probe.loaf.push({
            duration: e.duration,
            blocking: e.blockingDuration,
            // Script attribution: what ran (invoker), where it came from (source URL and
            // function), and for how long, so the cause of a slow frame is visible.
            scripts: e.scripts.map((x) => ({
              invoker: x.invoker,
              source: `${x.sourceURL.replace(/^.*\//, '')}${x.sourceFunctionName ? ` ${x.sourceFunctionName}` : ''}`,
              duration: x.duration,
              forcedLayout: x.forcedStyleAndLayoutDuration,
            })),
            styleAndLayout: Math.max(
              0,
              e.startTime + e.duration - (e.styleAndLayoutStart || e.startTime + e.duration),
            ),
          });
      }).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      probe.loafUnsupported = true;
    }
  });
}

/**
 * Stops the probe; returns the rAF gaps and long-animation-frame durations (ms), the scripts that
 * ran in the longest of those frames, and every entry in full (`loafEntries`: duration, blocking
 * duration, style-and-layout time and attributed scripts).
 */
export async function stopFrameProbe(page) {
  return page.evaluate(() => {
    const p = window.__probe;
    p.on = false;
    const longest = p.loaf.reduce((a, b) => (a === null || b.duration > a.duration ? b : a), null);
    return {
      gaps: p.gaps,
      loaf: p.loaf.map((f) => f.duration),
      loafEntries: p.loaf,
      // What ran in the longest frame, e.g. "MessagePort.onmessage 180 ms" (React's scheduler).
      longest:
        longest === null
          ? null
          : {
              duration: longest.duration,
              scripts: longest.scripts
                .map((x) => `${x.invoker} ${Math.round(x.duration)} ms`)
                .join('; '),
            },
      loafUnsupported: p.loafUnsupported === true,
    };
  });
}

/**
 * Long-animation-frame script attribution summed over a run: per script (invoker and source),
 * how many long frames it ran in and its total and longest time, heaviest first.
 */
export function loafScripts(loaf, top = 8) {
  const by = new Map();
  for (const frame of loaf)
    for (const s of frame.scripts) {
      const key = `${s.invoker} @ ${s.source || '?'}`;
      const row = by.get(key) ?? {
        script: key,
        frames: 0,
        totalMs: 0,
        maxMs: 0,
        forcedLayoutMs: 0,
      };
      row.frames += 1;
      row.totalMs += s.duration;
      row.maxMs = Math.max(row.maxMs, s.duration);
      row.forcedLayoutMs += s.forcedLayout ?? 0;
      by.set(key, row);
    }
  return [...by.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, top);
}
