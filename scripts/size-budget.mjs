#!/usr/bin/env node
// Bundle-size budgets, gzipped, from the build manifest (vite `build.manifest`):
//   - the initial route: the entry script and every chunk it imports statically (what any first
//     page load needs), within SIZE_BUDGET_KB (default 100 kB);
//   - each lazy route: the JavaScript a route adds on top of the initial route (its chunk and the
//     chunks it imports statically, less those already loaded), within its budget below;
//   - each deferred chunk (loaded by a route after its first paint, e.g. Recharts when a chart
//     first has data) is printed with its route, not counted against the route.
// Prints every figure; exits 1 when a budget is exceeded.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.SIZE_BUDGET_KB ?? 100);
/**
 * Budgets (kB gzip) for what each lazy route adds to the initial route, by source module. A route
 * not listed here fails the check, so a new route gets a budget when it is added.
 */
const ROUTE_BUDGETS_KB = {
  // Set from the build of December 2026 with about 10% room; Recharts is deferred on the
  // Playground and Why cache? (it stays in Traces' route chunk).
  'src/features/home/home-page.tsx': 5,
  'src/features/playground/playground-page.tsx': 60,
  'src/features/lessons/lessons-page.tsx': 95,
  'src/features/why-cache/why-cache-page.tsx': 10,
  'src/features/compare/compare-page.tsx': 70,
  'src/features/study/study-page.tsx': 35,
  'src/features/study/wizard/wizard-page.tsx': 35,
  'src/features/study/cheat-sheet/cheat-sheet-page.tsx': 56,
  // The mock interview is an XState machine bound with @xstate/react (issue 11): +10 kB.
  'src/features/study/drills/drills-page.tsx': 51,
  'src/features/embed/workshop-page.tsx': 32,
  'src/features/traces/traces-page.tsx': 155,
  'src/features/embed/embed-player-page.tsx': 10,
};

const dist = process.argv[2] ?? 'dist';
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`size-budget: ${manifestPath} not found; run "npm run build" first.`);
  process.exit(2);
}
/** @type {Record<string, {file: string, isEntry?: boolean, isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[]}>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const gzCache = new Map();
function gzKb(file) {
  if (!gzCache.has(file))
    gzCache.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024);
  return gzCache.get(file);
}
/** Manifest keys loaded with `key`: itself and its static imports, transitively. */
function closure(key, into = new Set()) {
  if (into.has(key)) return into;
  into.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, into);
  return into;
}
const sum = (keys) => [...keys].reduce((kb, k) => kb + gzKb(manifest[k].file), 0);
const fmt = (kb) => `${kb.toFixed(1).padStart(6)} kB`;

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry === true);
if (entry === undefined) {
  console.error('size-budget: no entry chunk in the manifest');
  process.exit(2);
}
const initial = closure(entry);
const failures = [];
console.log('initial route (entry and its static imports):');
for (const k of initial) console.log(`  ${fmt(gzKb(manifest[k].file))}  ${manifest[k].file}`);
const initialKb = sum(initial);
console.log(`initial route JS: ${initialKb.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)`);
if (initialKb > BUDGET_KB)
  failures.push(`initial route is ${(initialKb - BUDGET_KB).toFixed(1)} kB over its budget`);

/** Lazy routes: dynamic imports reachable from the entry, and from those routes (sub-pages). */
/** Each route with the route page that loads it (a sub-page's parent), if any. */
const routes = [];
const queue = (manifest[entry].dynamicImports ?? []).map((key) => ({ key, parent: undefined }));
const seen = new Set();
while (queue.length > 0) {
  const { key, parent } = queue.shift();
  if (seen.has(key) || !/-page\.tsx$/.test(key)) continue;
  seen.add(key);
  routes.push({ key, parent });
  for (const sub of manifest[key]?.dynamicImports ?? []) queue.push({ key: sub, parent: key });
}

console.log('\nlazy routes (added to the initial route; deferred chunks load after first paint):');
for (const { key: route, parent: parentPage } of routes) {
  const loaded = closure(route);
  const before = new Set(initial);
  if (parentPage !== undefined) for (const k of closure(parentPage)) before.add(k);
  const adds = [...loaded].filter((k) => !before.has(k));
  const kb = sum(adds);
  const budget = ROUTE_BUDGETS_KB[route];
  const deferred = (manifest[route].dynamicImports ?? []).filter((k) => !/-page\.tsx$/.test(k));
  const deferredKb = sum(
    new Set(
      deferred.flatMap((k) => [...closure(k)]).filter((k) => !loaded.has(k) && !before.has(k)),
    ),
  );
  const over = budget === undefined ? 'NO BUDGET' : kb > budget ? 'OVER BUDGET' : '';
  console.log(
    `  ${fmt(kb)} gzip  ${route.replace(/^src\/features\//, '')}` +
      (budget === undefined ? '' : ` (budget ${budget} kB)`) +
      (parentPage ? ` on top of ${parentPage.replace(/^src\/features\//, '')}` : '') +
      (deferred.length ? `; deferred ${deferredKb.toFixed(1)} kB` : '') +
      (over ? `  ${over}` : ''),
  );
  if (budget === undefined) failures.push(`${route} has no budget in scripts/size-budget.mjs`);
  else if (kb > budget) failures.push(`${route} is ${(kb - budget).toFixed(1)} kB over its budget`);
}
for (const f of failures) console.error(`size-budget: ${f}`);
process.exit(failures.length > 0 ? 1 : 0);
