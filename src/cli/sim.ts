/**
 * `npm run sim -- FILE.json|- [--format json|csv]`: run a scenario headless.
 * Prints `{ scenario, totals, series }` as JSON (or the series as CSV), plus `stopped` when the
 * run passed a backlog cap and ended early (its message also goes to stderr). When requests still
 * unfinished at the end raise the p99, a note on stderr says so and gives the p99 counting them
 * at their age (`totals.latencyWithUnfinished`, a lower bound). Exit codes: 0 ok
 * (a stopped run included), 2 bad arguments or an invalid scenario (one line per problem on
 * stderr: `field: message`).
 */
import { readFileSync } from 'node:fs';
import { seriesToCsv } from '../sim/metrics/series-csv';
import { runScenario, unfinishedNote } from './run-scenario';

const USAGE = `usage: npm run sim -- FILE.json|- [--format json|csv]
  FILE.json   scenario file (version 1); "-" reads stdin
  --format    json (default): { scenario, totals, series } (+ stopped when the run passed a
              backlog cap); csv: the series as CSV
A note on stderr says when requests unfinished at the end raise the p99: totals.latencyMs covers
the finished ones; totals.latencyWithUnfinished counts the unfinished at their age (a lower bound).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { file: string; format: 'json' | 'csv' } {
  let file: string | null = null;
  let format: 'json' | 'csv' = 'json';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--format') {
      const value = argv[++i];
      if (value !== 'json' && value !== 'csv')
        fail(`--format must be json or csv (got ${value ?? 'nothing'})`);
      format = value;
    } else if (arg.startsWith('--format=')) {
      const value = arg.slice('--format='.length);
      if (value !== 'json' && value !== 'csv') fail(`--format must be json or csv (got ${value})`);
      format = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg.startsWith('--')) {
      fail(`unknown option ${arg}`);
    } else if (file === null) {
      file = arg;
    } else {
      fail(`unexpected argument ${arg}`);
    }
  }
  if (file === null) fail('missing scenario file');
  return { file, format };
}

const args = parseArgs(process.argv.slice(2));
let text: string;
try {
  text = readFileSync(args.file === '-' ? 0 : args.file, 'utf8');
} catch (e) {
  fail(`cannot read ${args.file}: ${e instanceof Error ? e.message : String(e)}`);
}
let input: unknown;
try {
  input = JSON.parse(text) as unknown;
} catch (e) {
  process.stderr.write(
    `scenario: not valid JSON (${e instanceof Error ? e.message : String(e)})\n`,
  );
  process.exit(2);
}
const result = runScenario(input);
if (!result.ok) {
  for (const issue of result.issues)
    process.stderr.write(`${issue.path === '' ? 'scenario' : issue.path}: ${issue.expected}\n`);
  process.exit(2);
}
if (result.output.stopped !== undefined) process.stderr.write(`${result.output.stopped.message}\n`);
const note = unfinishedNote(result.output.totals);
if (note !== null) process.stderr.write(`${note}\n`);
process.stdout.write(
  args.format === 'csv'
    ? seriesToCsv(result.output.series, result.markers, result.output.scenario.windowMs)
    : `${JSON.stringify(result.output, null, 2)}\n`,
);
