#!/usr/bin/env node
// Playground performance benchmark (issues 4 and 14), in Debian's chromium via Playwright:
//   1. playback: 30 s at 1x of 1000 req/s with every chart on screen, once with the CPU at full
//      speed and once throttled 4x (CDP Emulation.setCPUThrottlingRate, a slow phone);
//      requestAnimationFrame gaps (p50/p95/p99/max), frames over 100 ms, and long-animation-frame
//      entries with the scripts that ran in them. Target: p95 gap <= 25 ms, none > 100 ms.
//   2. fast-forward: "Run to end" of one simulated hour of the default scenario (3.6 M requests)
//      in the worker, timed; frame gaps meanwhile show the UI stays responsive. Target: < 15 s.
//   3. heap: main-thread JS heap (CDP, after forced GC) over N minutes of playback. Target: flat
//      within +/-20% from the first minute on.
// Usage: node scripts/bench-frames.mjs [baseUrl] [--cpu-throttle N[,M...]]
//   (no URL: serves dist/ with vite preview on BENCH_PORT, default 4178; --cpu-throttle chooses
//   the CPU slow-down factors of part 1, default "1,4": full speed, then 4x slower)
// Env: BENCH_PLAY_SECONDS (30), BENCH_FAST_FORWARD (1; 0 skips part 2), BENCH_HEAP_MINUTES
//   (10; 0 skips part 3), BENCH_PORT, CHROMIUM_PATH.
// A benchmark, not a test: it prints figures and PASS/MISS per target and exits 0 unless it broke.
import { chromium } from '@playwright/test';
import {
  loafScripts,
  startFrameProbe,
  startPreview,
  stats,
  stopFrameProbe,
} from './bench-browser.mjs';

const PLAY_SECONDS = Number(process.env.BENCH_PLAY_SECONDS ?? 30);
const HEAP_MINUTES = Number(process.env.BENCH_HEAP_MINUTES ?? 10);
const FAST_FORWARD = process.env.BENCH_FAST_FORWARD !== '0';
const PORT = Number(process.env.BENCH_PORT ?? 4178);
/** Frame-gap targets of the playback part (ms). */
const P95_TARGET_MS = 25;
const LONG_FRAME_MS = 100;

function verdict(ok) {
  return ok ? 'PASS' : 'MISS';
}

/** Positional base URL and `--cpu-throttle 4` (or `--cpu-throttle=1,4`). */
function parseArgs(argv) {
  let url = null;
  let rates = [1, 4];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cpu-throttle' || a.startsWith('--cpu-throttle=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      rates = String(value ?? '')
        .split(',')
        .map(Number);
      if (rates.length === 0 || rates.some((r) => !Number.isFinite(r) || r < 1))
        throw new Error(`--cpu-throttle: expected factors >= 1 such as 4 or 1,4, got "${value}"`);
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a} (allowed: --cpu-throttle N[,M...])`);
    } else url = a;
  }
  return { url, rates };
}

const args = parseArgs(process.argv.slice(2));
const server = args.url ? { url: args.url, child: null } : await startPreview(PORT);
const base = server.url.endsWith('/') ? server.url : `${server.url}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
  ],
});

/**
 * Part 1 at one CPU slow-down factor: load the default scenario (1000 req/s), throttle, play
 * PLAY_SECONDS at 1x with every chart on screen, and print the frame figures.
 */
async function playback(context, rate, label) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${base}#/playground?dur=${Math.max(60, PLAY_SECONDS + 10) * 1000}`);
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.waitFor();
  await page.waitForTimeout(500);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await startFrameProbe(page);
  await play.click();
  await page.waitForTimeout(PLAY_SECONDS * 1000);
  const probe = await stopFrameProbe(page);
  const simTime = (await page.getByTestId('sim-time').textContent())?.trim();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.close();

  const gaps = stats(probe.gaps);
  const over = probe.gaps.filter((g) => g > LONG_FRAME_MS).length;
  const ok = gaps.p95 <= P95_TARGET_MS && over === 0;
  const throttle = rate === 1 ? 'CPU not throttled' : `CPU throttled ${rate}x`;
  console.log(
    `\n${label} Playback ${PLAY_SECONDS} s at 1x, 1000 req/s, all charts visible, ${throttle}`,
  );
  console.log(`   simulated clock at the end: ${simTime}`);
  console.log(`   frame gaps (ms): ${JSON.stringify(gaps)}`);
  console.log(`   frames over ${LONG_FRAME_MS} ms: ${over}`);
  if (probe.loafUnsupported) {
    console.log('   long-animation-frame entries: not supported by this browser');
  } else {
    const loaf = stats(probe.loaf);
    const blocking = probe.loafEntries.reduce((sum, f) => sum + f.blocking, 0);
    const layout = probe.loafEntries.reduce((sum, f) => sum + f.styleAndLayout, 0);
    console.log(
      `   long animation frames (>50 ms): ${loaf.n}, p50 ${loaf.p50} ms, longest ${loaf.max} ms; ` +
        `blocking ${Math.round(blocking)} ms, style and layout ${Math.round(layout)} ms in all`,
    );
    const scripts = loafScripts(probe.loafEntries);
    if (scripts.length > 0) console.log('   scripts in long frames (heaviest first):');
    for (const s of scripts)
      console.log(
        `     ${s.script}: in ${s.frames} frames, ${Math.round(s.totalMs)} ms in all, ` +
          `longest ${Math.round(s.maxMs)} ms, forced layout ${Math.round(s.forcedLayoutMs)} ms`,
      );
  }
  console.log(
    `   target p95 <= ${P95_TARGET_MS} ms and none > ${LONG_FRAME_MS} ms: ${verdict(ok)}`,
  );
}

/** Part 2: "Run to end" of one simulated hour, timed, with the frame gaps meanwhile. */
async function fastForward(page) {
  await page.goto(`${base}#/playground?dur=3600000`);
  await page.getByRole('button', { name: 'Run to end' }).waitFor();
  await page.waitForTimeout(500);
  await startFrameProbe(page);
  const started = Date.now();
  await page.getByRole('button', { name: 'Run to end' }).click();
  await page.getByText('Run finished.').waitFor({ timeout: 120_000 });
  const ffSeconds = (Date.now() - started) / 1000;
  const ff = await stopFrameProbe(page);
  const ffGaps = stats(ff.gaps);
  // The summary row's cells are "Requests" and the count; join them with a space.
  const requestsCells = await page
    .getByRole('row', { name: /^Requests/ })
    .locator('th, td')
    .allTextContents();
  const requests = requestsCells.map((c) => c.trim()).join(' ');
  console.log('\n2. Fast-forward: one simulated hour of the default scenario');
  console.log(`   wall time: ${ffSeconds.toFixed(1)} s (${requests} after warm-up)`);
  console.log(`   frame gaps meanwhile (ms): ${JSON.stringify(ffGaps)}`);
  console.log(
    `   target < 15 s with the UI responsive: ${verdict(ffSeconds < 15 && ffGaps.p95 <= 25)}`,
  );
}

/** Part 3: main-thread heap, after forced GC, over HEAP_MINUTES of playback. */
async function heap(context, page) {
  const cdp = await context.newCDPSession(page);
  await page.goto(`${base}#/playground?dur=${(HEAP_MINUTES * 60 + 120) * 1000}`);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const samples = [];
  const sampleEveryMs = Math.min(60_000, (HEAP_MINUTES * 60_000) / 10);
  for (let t = 0; t <= HEAP_MINUTES * 60_000; t += sampleEveryMs) {
    if (t > 0) await page.waitForTimeout(sampleEveryMs);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    samples.push({ minute: t / 60_000, mb: usedSize / 1e6 });
  }
  // Two readings: drift from minute 1 (the target's wording), and drift once the charts'
  // bounded 300-window buffers are full (300 one-second windows = 5 min at 1x); growth before
  // that is the buffer filling, after it any growth would be a leak.
  const drift = (from) => {
    const steady = samples.filter((s) => s.minute >= from);
    if (steady.length < 2) return null;
    const ref = steady[0].mb;
    return Math.max(...steady.map((s) => Math.abs(s.mb - ref) / ref));
  };
  const fromOne = drift(1);
  const fromFull = drift(5);
  console.log(`\n3. Main-thread heap over ${HEAP_MINUTES} min of playback (after forced GC)`);
  console.log(
    `   ${samples.map((s) => `${s.minute.toFixed(1)} min: ${s.mb.toFixed(1)} MB`).join(', ')}`,
  );
  if (fromOne !== null)
    console.log(
      `   largest drift from minute 1: ${(fromOne * 100).toFixed(1)}%; within 20%: ${verdict(fromOne <= 0.2)}`,
    );
  if (fromFull !== null)
    console.log(
      `   largest drift once chart buffers are full (minute 5 on): ${(fromFull * 100).toFixed(1)}%; within 20%: ${verdict(fromFull <= 0.2)}`,
    );
}

try {
  // Tall enough that every chart is on screen (and so painted) at once.
  const context = await browser.newContext({ viewport: { width: 1280, height: 3000 } });
  console.log(`Cachescope playground benchmark against ${base}`);
  // 1. Playback at 1x, 1000 req/s (the default scenario), with all charts visible.
  for (const [i, rate] of args.rates.entries())
    await playback(context, rate, `1${args.rates.length > 1 ? String.fromCharCode(97 + i) : ''}.`);

  const page = await context.newPage();
  // 2. Fast-forward one simulated hour.
  if (FAST_FORWARD) await fastForward(page);
  else console.log('\n2. Fast-forward: skipped (BENCH_FAST_FORWARD=0)');

  // 3. Heap over long playback.
  if (HEAP_MINUTES > 0) await heap(context, page);
  else console.log('\n3. Heap: skipped (BENCH_HEAP_MINUTES=0)');
  await context.close();
} finally {
  await browser.close();
  if (server.child) process.kill(-server.child.pid);
}
