#!/usr/bin/env node
// Lighthouse, mobile, median of 3 runs per page, against the production build (offline-capable:
// no network needed). Prints the four category scores per page and exits 1 when a page misses
// the targets (accessibility, best practices and SEO 100; performance >= 90).
// Usage: node scripts/lighthouse.mjs [baseUrl] [hashRoute ...]
//   Without baseUrl it builds nothing: it serves dist/ with `vite preview` on port 4178.
//   LIGHTHOUSE_RUNS overrides the number of runs (default 3).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const CHROME = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGETS = { performance: 90, accessibility: 100, 'best-practices': 100, seo: 100 };
const [baseArg, ...routeArgs] = process.argv.slice(2);
const routes = routeArgs.length > 0 ? routeArgs : ['', '#/study', '#/compare'];

let preview = null;
let base = baseArg;
if (!base) {
  if (!existsSync('dist/index.html')) {
    console.error('lighthouse: dist/ not found; run `npm run build` first (or pass a base URL).');
    process.exit(2);
  }
  base = 'http://127.0.0.1:4178/';
  preview = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', '4178', '--strictPort'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
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

let failed = false;
try {
  for (const route of routes) {
    const url = base + route;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
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
      const cats = result?.lhr.categories ?? {};
      runs.push(
        Object.fromEntries(
          Object.keys(TARGETS).map((k) => [k, Math.round((cats[k]?.score ?? 0) * 100)]),
        ),
      );
      if (i === RUNS - 1) {
        // List what cost points on the last run, so a missed target says why.
        for (const [k, cat] of Object.entries(cats)) {
          for (const ref of cat.auditRefs) {
            const audit = result.lhr.audits[ref.id];
            if (
              ref.weight > 0 &&
              audit &&
              audit.score !== null &&
              audit.score < 1 &&
              k !== 'performance'
            ) {
              console.log(`  ${route || '#/'} ${k}: ${audit.id} — ${audit.title}`);
            }
          }
        }
      }
    }
    const scores = Object.fromEntries(
      Object.keys(TARGETS).map((k) => [k, median(runs.map((r) => r[k]))]),
    );
    const misses = Object.entries(TARGETS).filter(([k, t]) => scores[k] < t);
    if (misses.length > 0) failed = true;
    console.log(
      `${(route || '#/').padEnd(22)} ${Object.entries(scores)
        .map(([k, v]) => `${k} ${v}`)
        .join(
          '  ',
        )}  (median of ${RUNS}, mobile)${misses.length ? `  BELOW TARGET: ${misses.map(([k]) => k).join(', ')}` : ''}`,
    );
  }
} finally {
  await chrome.kill();
  preview?.kill();
}
process.exit(failed ? 1 : 0);
