#!/usr/bin/env node
// The one check command (`npm run check`): types, lint, formatting, unit + property tests,
// production build, bundle budget, end-to-end + accessibility tests in Debian's chromium, and
// Lighthouse's mobile scores per route.
// Every step runs even when an earlier one fails (except e2e, which needs the build), so one run
// shows everything that is wrong. The last line is the summary CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = '.check';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const steps = [];
function run(name, command, env = {}) {
  console.log(`\n=== ${name}: ${command}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(command, {
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = result.status === 0;
  steps.push({ name, ok, seconds });
  console.log(
    `=== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds.toFixed(1)} s`,
  );
  return ok;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasCommand = (name) =>
  spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** Installs a Debian package with apt when we may (root + apt-get); returns whether it ran fine. */
function aptInstall(pkg) {
  if (!isRoot || !hasCommand('apt-get')) return false;
  return run(
    `install ${pkg}`,
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg} >/dev/null`,
  );
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  console.log(
    `\n${CHROMIUM} is missing: installing Debian's chromium with apt-get (about a minute).`,
  );
  if (aptInstall('chromium') && existsSync(CHROMIUM)) return true;
  console.error(
    [
      '',
      `End-to-end tests need Chromium at ${CHROMIUM}, and it could not be installed automatically.`,
      isRoot
        ? '  apt-get is not available or the install failed.'
        : '  This needs root to run apt-get.',
      '  Fix: run `sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu),',
      '  or point CHROMIUM_PATH at an existing Chromium/Chrome binary and run `npm run check` again.',
    ].join('\n'),
  );
  steps.push({ name: 'chromium available', ok: false, seconds: 0 });
  return false;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const haveChromium = ensureChromium();
run('typecheck', 'npx tsc --noEmit -p .');
run('lint', 'npx eslint .');
run('format', 'npx prettier --check . --log-level warn');
run(
  'unit tests',
  `npx vitest run --reporter=default --reporter=json --outputFile=${OUT}/vitest.json`,
);
// The cache model against a real Redis: same command replies, hit ratios within 0.03.
if (hasCommand('redis-server') || (aptInstall('redis-server') && hasCommand('redis-server'))) {
  run('real-Redis reference', 'npx tsx scripts/redis-reference.ts');
} else {
  console.log(
    '\nredis-server is not installed and could not be installed (needs root and apt-get):',
  );
  console.log(
    '  skipping the real-Redis comparison. Install it with `sudo apt-get install -y redis-server`.',
  );
}
// The lab (src/lab): short runs on a private redis-server + PostgreSQL next to the model (DB reads
// = misses, hit ratio within 0.05, the rebuild lock's cut in DB reads per expiry), the real
// pattern pieces on Redis, and no server process left behind. PostgreSQL's server binaries come
// from the `postgresql` package (initdb is not on PATH: look where Debian puts them).
const hasPostgresServer = () =>
  Boolean(process.env.PG_BIN) ||
  spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb'], { stdio: 'ignore' }).status === 0;
if (!hasPostgresServer()) aptInstall('postgresql');
if (hasCommand('redis-server') && hasPostgresServer()) {
  run(
    'lab on real servers',
    `npx vitest run --config scripts/vitest-lab.config.ts --reporter=default --reporter=json --outputFile=${OUT}/vitest-lab.json`,
  );
} else {
  console.log(
    '\nThe lab needs redis-server and PostgreSQL (initdb/pg_ctl), which are not installed and could',
  );
  console.log(
    '  not be installed (needs root and apt-get): skipping the lab tests. Install them with',
  );
  console.log('  `sudo apt-get install -y redis-server postgresql`.');
}
const built = run('build', 'npx vite build --logLevel warn');
if (built) run('bundle budget', 'node scripts/size-budget.mjs dist');
/** A free loopback port, so a preview server someone left running never blocks the e2e run. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 4173));
    });
  });
}

if (built && haveChromium) {
  run('e2e + accessibility', 'npx playwright test', {
    E2E_PORT: String(await freePort()),
    E2E_SKIP_BUILD: '1',
    PW_JSON_OUTPUT: `${OUT}/playwright.json`,
    CHROMIUM_PATH: CHROMIUM,
  });
}

// Lighthouse, mobile, on every route: fails below performance 90 (and below 100 for
// accessibility, best practices and SEO). One run per page; a page that misses is measured four
// times more and judged on the median of the five: single runs of one build of the Playground
// range over about 8 points on a quiet 2-core machine, so one slow run must not fail it.
if (built && haveChromium) {
  run(
    'lighthouse (mobile)',
    'node scripts/lighthouse.mjs --min-performance=90 --max-tbt=0 --max-lcp=0 --runs=1 --confirm-runs=4',
    {
      CHROMIUM_PATH: CHROMIUM,
      LIGHTHOUSE_PORT: String(await freePort()),
    },
  );
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['vitest.json', 'vitest-lab.json']) {
  const vitest = readJson(`${OUT}/${file}`);
  if (!vitest) continue;
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const pw = readJson(`${OUT}/playwright.json`);
if (pw?.stats) {
  passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
  failed += pw.stats.unexpected ?? 0;
  skipped += pw.stats.skipped ?? 0;
}

console.log('\n=== summary');
for (const s of steps)
  console.log(
    `${s.ok ? 'ok    ' : 'FAILED'}  ${s.name.padEnd(22)} ${s.seconds.toFixed(1).padStart(6)} s`,
  );
const failedSteps = steps.filter((s) => !s.ok);
// A failed step that is not a test (types, lint, build, budget) still fails the run; count it so
// the closing line never reads as green when the run is red.
if (failedSteps.length > 0 && failed === 0) failed = failedSteps.length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
