/**
 * `npm run -s trace -- FILE|- [--format text|csv|oracle-general] [--column NAME|N]
 * [--policies lru,s3fifo,...] [--sizes 100,1000,...|auto] [--sample RATE | --sample-keys N] [--csv]`:
 * replay a trace through eviction policies. Prints `{ trace, results }` as JSON (or the results
 * as CSV); when sampled, `trace.sample` gives the effective rate and the LRU estimate's measured
 * error against the exact curve. Exit codes: 0 ok; 2 bad arguments, an unreadable file or a malformed trace (one line
 * per problem on stderr).
 */
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createTraceReader } from '../sim/trace/trace-format';
import { autoSizes, traceReport } from '../sim/trace/trace-report';
import { isGzip, TraceFormatError, type Trace, type TraceReader } from '../sim/trace/trace-types';
import { parseTraceArgs, TRACE_POLICY_NAMES, TRACE_USAGE, type TraceArgs } from './trace-args';

function exitWith(lines: readonly string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(2);
}

/**
 * Streams the file (or stdin) into `reader`, through gunzip when the first two bytes are gzip's
 * magic number. Only the chunk in flight is held, besides what the reader keeps.
 */
async function readTrace(file: string, reader: TraceReader): Promise<Trace> {
  const source = file === '-' ? process.stdin : createReadStream(file);
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  // Gather at least two bytes to look for the magic number (a pipe may deliver one at a time).
  let head = Buffer.alloc(0);
  let ended = false;
  while (head.length < 2 && !ended) {
    const next = await chunks.next();
    if (next.done === true) ended = true;
    else head = Buffer.concat([head, next.value]);
  }
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next())
      yield next.value;
  }
  let bytes: AsyncIterable<unknown> = rest();
  if (isGzip(head)) {
    // pipeline (not pipe) so a read error also fails the gunzip stream being iterated.
    const gunzip = createGunzip();
    pipeline(Readable.from(bytes), gunzip, () => undefined);
    bytes = gunzip;
  }
  for await (const chunk of bytes) reader.push(chunk as Buffer);
  return reader.finish();
}

interface OutputRow {
  readonly policy: string;
  readonly size: number;
  readonly hits: number;
  readonly requests: number;
  readonly hitRatio: number;
}

function toCsv(results: readonly OutputRow[]): string {
  const rows = results.map((r) => `${r.policy},${r.size},${r.hits},${r.requests},${r.hitRatio}`);
  return `policy,size,hits,requests,hitRatio\n${rows.map((r) => `${r}\n`).join('')}`;
}

async function main(args: TraceArgs): Promise<void> {
  const reader = createTraceReader(
    args.format,
    args.column === undefined ? {} : { keyColumn: args.column },
  );
  let trace: Trace;
  try {
    trace = await readTrace(args.file, reader);
  } catch (e) {
    const where = args.file === '-' ? 'stdin' : args.file;
    if (e instanceof TraceFormatError) exitWith([`${where}: ${e.message}`]);
    exitWith([`${where}: cannot read: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const names = args.policies;
  const report = traceReport(trace.keys, trace.uniqueKeys, {
    policies: names.map((n) => TRACE_POLICY_NAMES[n]),
    sizes: args.sizes ?? autoSizes(trace.uniqueKeys),
    ...(args.sampleRate === undefined ? {} : { sampleRate: args.sampleRate }),
    ...(args.sampleKeys === undefined ? {} : { sampleKeys: args.sampleKeys }),
  });
  // Print the CLI's own names (lru, not allkeys-lru): the mapping is one to one.
  const nameOf = new Map(names.map((n) => [TRACE_POLICY_NAMES[n] as string, n]));
  const results: OutputRow[] = report.results.map((r) => ({
    ...r,
    policy: nameOf.get(r.policy) ?? r.policy,
  }));
  const output = { trace: { format: args.format, ...report.trace }, results };
  process.stdout.write(args.csv ? toCsv(results) : `${JSON.stringify(output, null, 2)}\n`);
}

const parsed = parseTraceArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  process.stdout.write(`${TRACE_USAGE}\n`);
} else if (parsed.kind === 'problems') {
  exitWith(parsed.problems);
} else {
  await main(parsed.args);
}
