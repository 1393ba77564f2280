#!/usr/bin/env node
// Bundle-size budgets, gzipped, from the build manifest (vite `build.manifest`) and the route
// table the build writes beside it (`.vite/routes.json`, scripts/route-table-plugin.ts):
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
  // Set from the build of December 2026 with about 10% room. Recharts is deferred wherever it is
  // used (Why cache?, Traces' results, a lab result): loaded when there is something to draw. The
  // Playground's live charts are plain SVG.
  'src/features/home/home-page.tsx': 5,
  // Its settings (knobs, the policy picker) and file export load after the first paint (41 kB).
  'src/features/playground/playground-page.tsx': 46,
  // The index and the lesson catalog (titles, summaries). A lesson's definition is its topic's
  // file (6-9 kB with the helpers it shares, started by the route beside this chunk); the player
  // (its diagram, XState) is deferred until a lesson is opened, or fetched after the index has
  // painted. Was 28.5 kB with every lesson's definition.
  'src/features/lessons/lessons-page.tsx': 8,
  'src/features/why-cache/why-cache-page.tsx': 10,
  'src/features/compare/compare-page.tsx': 55,
  // The Study section is a thin router; each of its pages (the index too) is its own chunk, so a
  // deep link to one tool loads only that tool (the drill bank only with the index or the drills).
  // Their lesson links read the lesson catalog (titles), not the lesson registry.
  'src/features/study/study-page.tsx': 5,
  'src/features/study/study-index.tsx': 35,
  'src/features/study/wizard/wizard-page.tsx': 11,
  'src/features/study/cheat-sheet/cheat-sheet-page.tsx': 38,
  // The drill bank (~20 kB); the mock interview (XState) is deferred until it is chosen.
  'src/features/study/drills/drills-page.tsx': 43,
  // Lesson titles from the catalog, not the registry (was 29.9 kB with it).
  'src/features/embed/workshop-page.tsx': 8,
  'src/features/traces/traces-page.tsx': 20,
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

/**
 * Lazy routes, from the route table the build writes (scripts/route-table-plugin.ts): each
 * route's page module and the chunks it loads. A Study sub-page (exact match) is measured on top
 * of its section's page (`/study`), which is loaded with it.
 */
const routesPath = join(dist, '.vite', 'routes.json');
if (!existsSync(routesPath)) {
  console.error(`size-budget: ${routesPath} not found; build with the route-table plugin.`);
  process.exit(2);
}
/** @type {{path: string, exact: boolean, module: string}[]} */
const table = JSON.parse(readFileSync(routesPath, 'utf8'));
const keyOf = (module) => {
  if (!manifest[module]) {
    console.error(`size-budget: ${module} (a route page) is not in the manifest`);
    process.exit(2);
  }
  return module;
};
const routes = table.map((r) => {
  const section = r.exact
    ? table.find((s) => !s.exact && s.path !== '/' && r.path.startsWith(`${s.path}/`))
    : undefined;
  const parentSection = r.exact ? table.find((s) => !s.exact && s.path === r.path) : undefined;
  const parent = section ?? parentSection;
  return { key: keyOf(r.module), parent: parent ? keyOf(parent.module) : undefined };
});

console.log('\nlazy routes (added to the initial route; deferred chunks load after first paint):');
for (const { key: route, parent: parentPage } of routes) {
  const loaded = closure(route);
  const before = new Set(initial);
  if (parentPage !== undefined) for (const k of closure(parentPage)) before.add(k);
  const adds = [...loaded].filter((k) => !before.has(k));
  const kb = sum(adds);
  const budget = ROUTE_BUDGETS_KB[route];
  const pages = new Set(routes.map((r) => r.key));
  // What this route's own chunks load later (the initial route's on-demand chunks, such as the
  // lessons' topic table that a lesson link fetches beside the page, are listed once below).
  const deferred = adds.flatMap((k) =>
    (manifest[k].dynamicImports ?? []).filter((d) => !pages.has(d)),
  );
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
{
  const pages = new Set(routes.map((r) => r.key));
  const onDemand = [...initial].flatMap((k) =>
    (manifest[k].dynamicImports ?? []).filter((d) => !pages.has(d) && !initial.has(d)),
  );
  console.log('\nloaded on demand by the initial route (not counted against a route):');
  for (const k of new Set(onDemand)) {
    const kb = sum([...closure(k)].filter((c) => !initial.has(c)));
    console.log(`  ${fmt(kb)} gzip  ${k.replace(/^src\//, '')}`);
  }
}
for (const f of failures) console.error(`size-budget: ${f}`);
process.exit(failures.length > 0 ? 1 : 0);
