#!/usr/bin/env node
// Lighthouse, mobile, median of N runs per page, against the production build (offline-capable:
// no network needed). Covers every route in the navigation and the embedded player. Prints per
// page the median performance score, total blocking time (TBT) and largest contentful paint
// (LCP), plus the other three category scores, and exits 1 when a page misses a target: by
// default issue 14's, performance >= 95, TBT <= 200 ms, LCP <= 2.5 s (and 100 for the others).
// `npm run check` enforces performance >= 90 only, in the quick form: `--min-performance=90
// --max-tbt=0 --max-lcp=0 --runs=1 --confirm-runs=4` (one run per page, four more only for a page
// that misses, judged on the median of five): 2.2 min for all 13 pages on
// a quiet 2-core machine, about 40 s more per page re-measured. Scores depend on the machine being
// quiet: on one busy with other work, single runs of one build ranged from 68 to 98.
//
// Usage: node scripts/lighthouse.mjs [--min-performance=95] [--max-tbt=200] [--max-lcp=2500]
//                                    [--runs=3] [--confirm-runs=0] [--port=4178] [--dist=dist]
//                                    [--base=URL] [--json-dir=DIR] [hashRoute ...]
//   Without --base it serves --dist on 127.0.0.1:--port itself (nothing is built).
//   Routes default to the full list below; pass some (e.g. '#/playground') to measure only those.
//   LIGHTHOUSE_RUNS still overrides the number of runs.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const USAGE = [
  'Usage: node scripts/lighthouse.mjs [--min-performance=95] [--max-tbt=200] [--max-lcp=2500]',
  '                                   [--runs=3] [--confirm-runs=0] [--port=4178] [--dist=dist]',
  '                                   [--base=URL] [--json-dir=DIR] [hashRoute ...]',
  '  --max-tbt / --max-lcp in ms; 0 prints the figure without failing on it.',
].join('\n');
const flags = {};
const routeArgs = [];
for (const arg of process.argv.slice(2)) {
  const m = /^--([a-z-]+)=(.*)$/.exec(arg);
  if (m) flags[m[1]] = m[2];
  else if (arg === '--help' || arg === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else if (arg.startsWith('--')) {
    console.error(`lighthouse: unknown flag ${arg}\n${USAGE}`);
    process.exit(2);
  } else routeArgs.push(arg);
}
const num = (name, fallback) => {
  const raw = flags[name] ?? fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0) {
    console.error(`lighthouse: --${name} must be a non-negative number, got "${raw}"`);
    process.exit(2);
  }
  return v;
};
const RUNS = Math.max(1, Math.round(num('runs', process.env.LIGHTHOUSE_RUNS ?? 3)));
// Issue 14's targets: performance >= 95, TBT <= 200 ms, LCP <= 2.5 s on every page. The check
// enforces the floor it asks for (performance 90, TBT and LCP printed only):
// `--min-performance=90 --max-tbt=0 --max-lcp=0` (0 = print, do not fail).
const MIN_PERF = num('min-performance', 95);
/** Extra runs for a page whose median misses a target; it is then judged on all its runs. */
const CONFIRM_RUNS = Math.round(num('confirm-runs', 0));
const PORT = num('port', process.env.LIGHTHOUSE_PORT ?? 4178);
const DIST = flags.dist ?? 'dist';
/** With --json-dir, each run's full Lighthouse report is written there (for digging into a miss). */
const JSON_DIR = flags['json-dir'];
const CHROME = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGETS = { performance: MIN_PERF, accessibility: 100, 'best-practices': 100, seo: 100 };
/** Issue 14's goals: printed beside the figures when a limit is off (0). */
const PRINTED_GOALS = { tbtMs: 200, lcpMs: 2500 };
/** Medians above these fail the run too; 0 prints the goal's figure without failing on it. */
const GOALS = {
  tbtMs: num('max-tbt', PRINTED_GOALS.tbtMs),
  lcpMs: num('max-lcp', PRINTED_GOALS.lcpMs),
};

/** Every section in the navigation, one lesson, each Study page and the embedded player. */
const ALL_ROUTES = [
  '',
  '#/playground',
  '#/lessons',
  '#/lessons/why-cache',
  '#/why-cache',
  '#/compare',
  '#/study',
  '#/study/wizard',
  '#/study/cheat-sheet',
  '#/study/drills',
  '#/study/workshop',
  '#/traces',
  '#/embed?preset=cold-restart',
];
const routes = routeArgs.length > 0 ? routeArgs : ALL_ROUTES;

/** A static file server for the build, in this process (nothing to outlive the run). */
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};
let server = null;
let base = flags.base;
if (!base) {
  const root = resolve(DIST);
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`lighthouse: ${DIST}/ not found; run \`npm run build\` first (or pass --base).`);
    process.exit(2);
  }
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    // Gzipped as any static host serves it, so simulated transfer times are realistic.
    const body = readFileSync(file);
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gzip ? gzipSync(body) : body);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(PORT, '127.0.0.1', ok);
  });
  base = `http://127.0.0.1:${PORT}/`;
}

const chrome = await chromeLauncher.launch({
  chromePath: CHROME,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (v) => `${Math.round(v).toLocaleString('en-US')} ms`;

console.log(
  `Lighthouse, mobile (simulated throttling), median of ${RUNS}` +
    (CONFIRM_RUNS > 0 ? ` (+${CONFIRM_RUNS} for a page that misses a target)` : '') +
    `; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
);
let failed = false;
try {
  for (const route of routes) {
    const url = base + route;
    const runs = [];
    let lastLhr;
    const measure = async (i) => {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: Object.keys(TARGETS),
        formFactor: 'mobile',
        screenEmulation: {
          mobile: true,
          width: 412,
          height: 823,
          deviceScaleFactor: 1.75,
          disabled: false,
        },
        throttlingMethod: 'simulate',
      });
      const lhr = result?.lhr;
      if (JSON_DIR && lhr) {
        mkdirSync(JSON_DIR, { recursive: true });
        const slug = (route || 'home').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
        writeFileSync(join(JSON_DIR, `${slug}-${i + 1}.json`), JSON.stringify(lhr));
      }
      if (lhr?.runtimeError)
        console.log(
          `  ${route || '#/'} run ${i + 1}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`,
        );
      const cats = lhr?.categories ?? {};
      runs.push({
        ...Object.fromEntries(
          Object.keys(TARGETS).map((k) => [k, Math.round((cats[k]?.score ?? 0) * 100)]),
        ),
        tbtMs: lhr?.audits['total-blocking-time']?.numericValue ?? Number.NaN,
        lcpMs: lhr?.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
      });
      lastLhr = lhr;
    };
    const med = (k) => median(runs.map((r) => r[k]));
    const missed = () => [
      ...Object.entries(TARGETS)
        .filter(([k, t]) => med(k) < t)
        .map(([k, t]) => `${k} < ${t}`),
      ...(GOALS.tbtMs > 0 && med('tbtMs') > GOALS.tbtMs ? [`TBT > ${GOALS.tbtMs} ms`] : []),
      ...(GOALS.lcpMs > 0 && med('lcpMs') > GOALS.lcpMs ? [`LCP > ${GOALS.lcpMs} ms`] : []),
    ];
    for (let i = 0; i < RUNS; i++) await measure(i);
    // A miss on few runs may be one noisy run: measure again and judge the median of them all.
    if (CONFIRM_RUNS > 0 && missed().length > 0)
      for (let i = 0; i < CONFIRM_RUNS; i++) await measure(RUNS + i);
    // List what cost points on the last run, so a missed target says why.
    for (const [k, cat] of Object.entries(lastLhr?.categories ?? {})) {
      if (k === 'performance') continue;
      for (const ref of cat.auditRefs) {
        const audit = lastLhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
          console.log(`  ${route || '#/'} ${k}: ${audit.id} — ${audit.title}`);
      }
    }
    const scores = Object.fromEntries(Object.keys(TARGETS).map((k) => [k, med(k)]));
    const misses = missed();
    if (misses.length > 0) failed = true;
    const tbt = med('tbtMs');
    const lcp = med('lcpMs');
    const over = [
      ...(GOALS.tbtMs === 0 && tbt > PRINTED_GOALS.tbtMs
        ? [`TBT > ${PRINTED_GOALS.tbtMs} ms`]
        : []),
      ...(GOALS.lcpMs === 0 && lcp > PRINTED_GOALS.lcpMs
        ? [`LCP > ${PRINTED_GOALS.lcpMs} ms`]
        : []),
    ];
    console.log(
      `${(route || '#/').padEnd(30)} performance ${String(scores.performance).padStart(3)}  TBT ${ms(tbt).padStart(8)}  LCP ${ms(lcp).padStart(8)}  ` +
        `a11y ${scores.accessibility}  bp ${scores['best-practices']}  seo ${scores.seo}` +
        `  (runs: ${runs.map((r) => r.performance).join('/')})` +
        (over.length ? `  over goal: ${over.join(', ')}` : '') +
        (misses.length ? `  BELOW TARGET: ${misses.join(', ')}` : ''),
    );
  }
} finally {
  await chrome.kill();
  server?.close();
}
process.exit(failed ? 1 : 0);
