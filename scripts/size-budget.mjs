#!/usr/bin/env node
// Bundle-size budget: the JavaScript the first page load needs (the entry script plus every
// chunk index.html preloads), gzipped, must stay within the budget. Lazy routes are not counted.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.SIZE_BUDGET_KB ?? 250);
const dist = process.argv[2] ?? 'dist';
const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`size-budget: ${indexPath} not found; run "npm run build" first.`);
  process.exit(2);
}
const html = readFileSync(indexPath, 'utf8');
const refs = new Set();
for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) refs.add(m[1]);
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
  refs.add(m[1]);
if (refs.size === 0) {
  console.error('size-budget: no scripts found in index.html');
  process.exit(2);
}
let total = 0;
for (const ref of refs) {
  const file = join(dist, ref.replace(/^\.?\//, ''));
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  total += gz;
  console.log(`  ${(gz / 1024).toFixed(1).padStart(7)} kB gzip  ${ref}`);
}
const kb = total / 1024;
console.log(`initial route JS: ${kb.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)`);
if (kb > BUDGET_KB) {
  console.error(`size-budget: over budget by ${(kb - BUDGET_KB).toFixed(1)} kB`);
  process.exit(1);
}
