#!/usr/bin/env node
// Soak: a long Playground run at full speed with live changes, in Debian's chromium via Playwright.
// Every interval it makes a live change (a fault button, alternating between the six), then
// prints, over time:
//   - main-thread JS heap after a forced GC (CDP),
//   - resident memory of the whole browser (every process it started: the engine worker lives in
//     the renderer),
//   - responsiveness: requestAnimationFrame gaps (p95, max) over the interval, and how long Pause
//     takes to be answered by the worker (the status line says "Paused"),
//   - the simulated time reached and the achieved speed the page reports.
// Usage: node scripts/soak.mjs [baseUrl]   (no URL: serves dist/ with vite preview; build first)
// Env: SOAK_MINUTES (10), SOAK_INTERVAL_SECONDS (30), CHROMIUM_PATH.
// Not part of the check: it prints figures and exits 0 unless it broke.
import { execFileSync, spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const INTERVAL_S = Number(process.env.SOAK_INTERVAL_SECONDS ?? 30);
const PORT = 4179;
/**
 * One simulated day at 2,000 requests a second, 10 s windows: it does not end during the soak. A
 * pool of 1,000 connections keeps the faults' backlogs (ten times the traffic, a ten times slower
 * DB) far below the engine's caps, so the run goes on.
 */
const SCENARIO =
  '#/playground?dur=86400000&warmup=60000&window=10000&rps=2000&keys=100000&pool=1000';
const FAULTS = [
  'Traffic spike ×10',
  'Slow DB ×10',
  'Kill cache',
  'Expire hottest key',
  'Restart cache cold',
  'Pause an app server',
];

async function reachable(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function startPreview() {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    { stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${PORT}/`;
  for (let i = 0; i < 100; i++) {
    if (await reachable(url)) return { url, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start (run `npx vite build` first)');
}

/** Resident memory (MB) of every process descended from this one: the browser and its children. */
function descendantRssMb() {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb]));
  let kb = 0;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop();
    kb += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return Math.round(kb / 1024);
}

/** Press Pause and wait for the worker's answer; ms until the page says so, or 'no answer'. */
async function pauseAnswered(main, status, t0) {
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await main.innerText()).includes('Pause')) await main.click();
    try {
      await status.filter({ hasText: /Paused|Run finished/ }).waitFor({ timeout: 10_000 });
      return Date.now() - t0;
    } catch {
      // Not answered yet (or the click was lost): look again.
    }
  }
  return 'no answer';
}

function percentile(values, q) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
}

const base = process.argv[2];
const preview = base ? null : await startPreview();
const url = base ?? preview.url;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await page.goto(`${url}${SCENARIO}`);
  const status = page.getByTestId('playback-status');
  await status.waitFor();
  await page.getByLabel('Speed').selectOption('10000');
  const main = page.locator('.playback-main');
  await main.click();
  await page.evaluate(() => {
    const gaps = [];
    let last = performance.now();
    const tick = (t) => {
      gaps.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.__soakGaps = gaps;
  });

  console.log(
    `Soak: ${MINUTES} min at 10,000x (requested) of ${SCENARIO}, a live change every ${INTERVAL_S} s`,
  );
  console.log(
    'min   heap MB  browser RSS MB  frame gap p95/max ms  Pause answered ms  sim time  status',
  );
  const heaps = [];
  const started = Date.now();
  for (let i = 0; Date.now() - started < MINUTES * 60_000; i++) {
    await page.waitForTimeout(INTERVAL_S * 1000);
    await page.getByRole('button', { name: FAULTS[i % FAULTS.length] }).click();
    const gaps = await page.evaluate(() => window.__soakGaps.splice(0));
    const t0 = Date.now();
    const pauseMs = await pauseAnswered(main, status, t0);
    const simTime = await page.getByTestId('sim-time').innerText();
    const line = await status.innerText();
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const heapMb = usedSize / 1e6;
    heaps.push(heapMb);
    if (line.startsWith('Run finished')) {
      console.log(
        `the run ended: ${(await page.locator('main .notice').allInnerTexts()).join(' ')}`,
      );
      break;
    }
    await main.click();
    await status.filter({ hasText: /Playing/ }).waitFor({ timeout: 30_000 });
    // The status line while playing says the achieved speed; read it a moment after resuming.
    await page.waitForTimeout(1500);
    const speed = (await status.innerText()).replace(/ Seed \d+$/, '');
    // Anything the page reported meanwhile (a restarted worker, a stopped run).
    const notices = await page.locator('main .notice').allInnerTexts();
    console.log(
      [
        ((Date.now() - started) / 60_000).toFixed(1).padStart(4),
        heapMb.toFixed(1).padStart(8),
        String(descendantRssMb()).padStart(15),
        `${percentile(gaps, 0.95)}/${percentile(gaps, 1)}`.padStart(21),
        String(pauseMs).padStart(18),
        simTime.split(' / ')[0].padStart(9),
        ` ${line.startsWith('Run finished') ? 'finished' : speed}`,
      ].join(' '),
    );
    for (const n of notices) console.log(`      notice: ${n.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  // After the chart windows fill (300 windows of 10 s = 50 simulated minutes), heap should be flat.
  const settled = heaps.slice(Math.floor(heaps.length / 3));
  if (settled.length > 1) {
    const lo = Math.min(...settled);
    const hi = Math.max(...settled);
    const mid = (lo + hi) / 2;
    console.log(
      `heap over the last two thirds: ${lo.toFixed(1)}-${hi.toFixed(1)} MB (±${(((hi - lo) / 2 / mid) * 100).toFixed(1)}% around ${mid.toFixed(1)} MB)`,
    );
  }
  console.log(errors.length === 0 ? 'no page errors' : `page errors: ${errors.join(' | ')}`);
} finally {
  await browser.close();
  if (preview) process.kill(-preview.child.pid);
}
