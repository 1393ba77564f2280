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
    const probe = { gaps: [], loaf: [], longest: null, last: null, on: true };
    window.__probe = probe;
    const tick = (t) => {
      if (probe.last !== null) probe.gaps.push(t - probe.last);
      probe.last = t;
      if (probe.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          probe.loaf.push(e.duration);
          // What ran in the longest frame, e.g. "MessagePort.onmessage 180 ms" (React's scheduler).
          if (probe.longest === null || e.duration > probe.longest.duration)
            probe.longest = {
              duration: e.duration,
              scripts: e.scripts.map((x) => `${x.invoker} ${Math.round(x.duration)} ms`).join('; '),
            };
        }
      }).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      probe.loafUnsupported = true;
    }
  });
}

/**
 * Stops the probe; returns the rAF gaps and long-animation-frame durations (ms), and the scripts
 * that ran in the longest of those frames.
 */
export async function stopFrameProbe(page) {
  return page.evaluate(() => {
    const p = window.__probe;
    p.on = false;
    return {
      gaps: p.gaps,
      loaf: p.loaf,
      longest: p.longest,
      loafUnsupported: p.loafUnsupported === true,
    };
  });
}
