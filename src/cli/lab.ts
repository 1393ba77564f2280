/**
 * `npm run lab -- SCENARIO.json|-|--preset ID [--redis URL] [--postgres URL] [--json]
 * [--duration-ms N] [--warmup-ms N] [--rate N]`: run a scenario on a real Redis and a real
 * PostgreSQL next to the model (src/lab). Without URLs it starts private servers and always stops
 * them. Prints a model-vs-real table (or, with --json, `{ model, real, differences }`); progress
 * goes to stderr. Exit codes: 0 ok, 1 the servers could not be started or failed, 2 bad
 * arguments, an invalid scenario or one the lab refuses (one line per problem on stderr).
 */
import { readFileSync } from 'node:fs';
import type { Totals } from '../sim/engine/engine-types';
import { PRESETS } from '../sim/scenario/presets';
import { mergeScenarioInput, parseScenario } from '../sim/scenario/scenario-schema';
import { runLab, type LabReport } from '../lab/lab';
import { LabRefusal } from '../lab/real-run';

const USAGE = `usage: npm run lab -- SCENARIO.json|-|--preset ID [options]
  SCENARIO.json     scenario file (version 1); "-" reads stdin; --preset ID uses a built-in preset
  --redis URL       use this Redis (redis://HOST:PORT[/DB]); default: start a private redis-server
  --postgres URL    use this PostgreSQL (postgres://USER@HOST:PORT/DB); default: start a private cluster
  --json            print { scenario, model, real, differences } as JSON
  --duration-ms N   override durationMs (wall-clock time of the real run)
  --warmup-ms N     override warmupMs
  --rate N          override workload.requestsPerSec`;

interface Args {
  source: { kind: 'file'; path: string } | { kind: 'preset'; id: string } | null;
  redis: string | null;
  postgres: string | null;
  json: boolean;
  durationMs: number | null;
  warmupMs: number | null;
  rate: number | null;
}

function parseArgs(argv: readonly string[]): { args: Args; problems: string[] } {
  const problems: string[] = [];
  const args: Args = {
    source: null,
    redis: null,
    postgres: null,
    json: false,
    durationMs: null,
    warmupMs: null,
    rate: null,
  };
  const setSource = (s: NonNullable<Args['source']>): void => {
    if (args.source !== null) problems.push('give one scenario: a file, "-" or --preset ID');
    else args.source = s;
  };
  const number = (name: string, raw: string | undefined, min: number): number | null => {
    const n = Number(raw);
    if (raw === undefined || raw === '' || !Number.isFinite(n) || n < min) {
      problems.push(`${name} must be a number of at least ${min} (got ${raw ?? 'nothing'})`);
      return null;
    }
    return n;
  };
  const url = (name: string, raw: string | undefined, schemes: string[]): string | null => {
    try {
      if (raw !== undefined && schemes.includes(new URL(raw).protocol)) return raw;
    } catch {
      // reported below
    }
    problems.push(`${name} must be a ${schemes.join(' or ')}// URL (got ${raw ?? 'nothing'})`);
    return null;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const [name, inline] =
      arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      case '--json':
        args.json = true;
        break;
      case '--preset': {
        const id = value();
        if (id === undefined || !PRESETS.some((p) => p.id === id))
          problems.push(
            `--preset must be one of: ${PRESETS.map((p) => p.id).join(', ')} (got ${id ?? 'nothing'})`,
          );
        else setSource({ kind: 'preset', id });
        break;
      }
      case '--redis':
        args.redis = url('--redis', value(), ['redis:']);
        break;
      case '--postgres':
        args.postgres = url('--postgres', value(), ['postgres:', 'postgresql:']);
        break;
      case '--duration-ms':
        args.durationMs = number('--duration-ms', value(), 1);
        break;
      case '--warmup-ms':
        args.warmupMs = number('--warmup-ms', value(), 0);
        break;
      case '--rate':
        args.rate = number('--rate', value(), 0);
        break;
      default:
        if (arg.startsWith('--')) problems.push(`unknown option ${arg}`);
        else setSource({ kind: 'file', path: arg });
    }
  }
  if (args.source === null && problems.length === 0)
    problems.push('missing scenario: a file, "-" or --preset ID');
  return { args, problems };
}

function badInput(lines: readonly string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(2);
}

function loadInput(source: NonNullable<Args['source']>): unknown {
  if (source.kind === 'preset') return PRESETS.find((p) => p.id === source.id)?.input ?? {};
  let text: string;
  try {
    text = readFileSync(source.path === '-' ? 0 : source.path, 'utf8');
  } catch (e) {
    return badInput([`cannot read ${source.path}: ${e instanceof Error ? e.message : String(e)}`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return badInput([`scenario: not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
}

const ROWS: [string, (t: Totals) => number][] = [
  ['requests', (t) => t.requests],
  ['reads', (t) => t.reads],
  ['writes', (t) => t.writes],
  ['hits', (t) => t.hits],
  ['misses', (t) => t.misses],
  ['hit ratio', (t) => t.hitRatio],
  ['DB reads', (t) => t.dbReads],
  ['DB writes', (t) => t.dbWrites],
  ['stale reads', (t) => t.staleReads],
  ['errors', (t) => t.errors],
  ['OOM errors', (t) => t.oomErrors],
  ['lock waits', (t) => t.lockWaits],
  ['evictions', (t) => t.evictions],
  ['expirations', (t) => t.expirations],
  ['latency p50 ms', (t) => t.latencyMs.p50],
  ['latency p95 ms', (t) => t.latencyMs.p95],
  ['latency p99 ms', (t) => t.latencyMs.p99],
  ['in flight at end', (t) => t.inFlight],
];

function text(report: LabReport): string {
  const { model, real, differences } = report;
  const s = real.setup;
  const lines = [
    `totals after warm-up (${report.scenario.warmupMs} ms of ${report.scenario.durationMs} ms)`,
    `${''.padEnd(18)}${'model'.padStart(12)}${'real'.padStart(12)}`,
    ...ROWS.map(
      ([label, get]) =>
        `${label.padEnd(18)}${String(get(model.totals)).padStart(12)}${String(get(real.totals)).padStart(12)}`,
    ),
    '',
    `real servers: redis ${s.redisVersion} (${s.redisServer}), PostgreSQL ${s.postgresVersion} (${s.postgresServer})`,
    `  maxmemory ${s.maxmemory} bytes for ${s.capacityKeys ?? 'unlimited'} keys at ${s.bytesPerKey} bytes/key (measured; it held ${s.heldKeys} on average after warm-up), policy ${s.policy}, samples ${s.maxmemorySamples}`,
    `  pool ${s.poolSize} connections, ${s.appInstances} app instance(s), this machine drives up to ~${s.maxRatePerSec} req/s`,
    `  arrivals launched behind schedule: p50 ${s.dispatchLagMs.p50} ms, p99 ${s.dispatchLagMs.p99} ms, max ${s.dispatchLagMs.max} ms`,
    ...s.notes.map((n) => `  note: ${n}`),
    ...s.unexpectedErrors.map((e) => `  unexpected error: ${e}`),
    '',
    differences.length === 0
      ? 'differences beyond noise: none'
      : 'differences beyond noise (real counts scaled to the model’s requests):',
    ...differences.map(
      (d) => `  ${d.metric}: model ${d.model}, real ${d.real} (noise allows ±${d.allowed})`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { args, problems } = parseArgs(process.argv.slice(2));
  if (problems.length > 0) badInput([...problems, USAGE]);
  if (args.source === null) return;
  let input = loadInput(args.source);
  const overrides: Record<string, unknown> = {};
  if (args.durationMs !== null) overrides['durationMs'] = args.durationMs;
  if (args.warmupMs !== null) overrides['warmupMs'] = args.warmupMs;
  if (args.rate !== null) overrides['workload'] = { requestsPerSec: args.rate };
  input = mergeScenarioInput(input, overrides);
  const parsed = parseScenario(input);
  if (!parsed.ok) badInput(parsed.issues.map((i) => i.message));
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  try {
    const outcome = await runLab(
      parsed.scenario,
      { redisUrl: args.redis, postgresUrl: args.postgres },
      { log },
    );
    if (!outcome.ok)
      badInput(outcome.issues.map((i) => `${i.field}: ${i.message} (the lab cannot run this)`));
    process.stdout.write(
      args.json ? `${JSON.stringify(outcome.report, null, 2)}\n` : text(outcome.report),
    );
    process.exit(0);
  } catch (e) {
    if (e instanceof LabRefusal) badInput([e.message]);
    process.stderr.write(`lab failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

void main();
