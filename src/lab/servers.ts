/**
 * Throw-away servers on 127.0.0.1 (Node only): a private `redis-server` (no persistence) and a
 * private PostgreSQL cluster in a temporary directory (fsync off). Each is stopped by its own
 * process id / data directory, never by name, and always: by `stop()`, and on SIGINT/SIGTERM or
 * process exit through {@link installCleanupHandlers}.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateServer {
  readonly port: number;
  /** Process id of the server (redis-server, or PostgreSQL's postmaster). */
  readonly pid: number;
  /** Stops the server and removes its files; waits until the process is gone. */
  stop(): Promise<void>;
}

/** Synchronous stops of everything still running, for signal and exit handlers. */
const pendingStops = new Map<number, () => void>();
let handlersInstalled = false;

/**
 * Stop every private server on SIGINT / SIGTERM (then exit 130 / 143) and on process exit.
 * Idempotent.
 */
export function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const stopAll = (): void => {
    for (const [id, stop] of [...pendingStops]) {
      pendingStops.delete(id);
      try {
        stop();
      } catch (e) {
        // The others must still be stopped.
        process.stderr.write(
          `could not stop a lab server: ${e instanceof Error ? e.message : String(e)}\n`,
        );
      }
    }
  };
  process.on('exit', stopAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (pendingStops.size > 0) process.stderr.write(`\n${signal}: stopping the lab's servers\n`);
      stopAll();
      process.exit(code);
    });
  }
}

/** A free TCP port on 127.0.0.1 (asks the OS for one, then releases it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether process `pid` still exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (processAlive(pid)) {
    if (performance.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

export const REDIS_INSTALL_HINT =
  'redis-server is not installed. Install it with: sudo apt-get install -y redis-server (Debian/Ubuntu), or pass --redis redis://HOST:PORT';

/**
 * Start `redis-server` on `port` (or a free one): loopback only, no RDB snapshots, no AOF.
 * Resolves once it is running; callers connect with `connectWithRetry`.
 */
export async function startRedisServer(port?: number): Promise<PrivateServer> {
  if (!hasCommand('redis-server')) throw new Error(REDIS_INSTALL_HINT);
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('redis-server did not start');
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stopSync = (): void => {
    if (!exited) child.kill('SIGTERM');
  };
  pendingStops.set(pid, stopSync);
  return {
    port: p,
    pid,
    async stop() {
      pendingStops.delete(pid);
      stopSync();
      if (!(await waitGone(pid, 5000))) {
        child.kill('SIGKILL');
        await waitGone(pid, 2000);
      }
    },
  };
}

/** Where PostgreSQL's server binaries live: $PG_BIN, `pg_config --bindir`, or the newest under /usr/lib/postgresql. */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env['PG_BIN']) candidates.push(process.env['PG_BIN']);
  const cfg = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (cfg.status === 0) candidates.push(cfg.stdout.trim());
  const root = '/usr/lib/postgresql';
  if (existsSync(root))
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a)))
      candidates.push(join(root, v, 'bin'));
  return candidates.find((dir) => existsSync(join(dir, 'initdb'))) ?? null;
}

export const POSTGRES_INSTALL_HINT =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with: sudo apt-get install -y postgresql (Debian/Ubuntu), set PG_BIN to their directory, or pass --postgres postgres://USER@HOST:PORT/DB';

function idOf(user: string, flag: '-u' | '-g'): number | null {
  const r = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

/**
 * Start a private PostgreSQL cluster: `initdb` into a temporary directory (as the `postgres` user
 * when running as root, since initdb and pg_ctl refuse root), then `pg_ctl start` on 127.0.0.1:port
 * with fsync off. User `postgres`, trust authentication, database `postgres`.
 */
export async function startPostgresServer(options: {
  readonly maxConnections: number;
  readonly port?: number;
}): Promise<PrivateServer> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error(POSTGRES_INSTALL_HINT);
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'cachescope-lab-pg-'));
  const data = join(dir, 'data');
  let asUser: string[] = [];
  if (isRoot) {
    const uid = idOf('postgres', '-u');
    const gid = idOf('postgres', '-g');
    if (uid === null || gid === null) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        'running as root, but there is no `postgres` user to run initdb as (initdb refuses root). Install the postgresql package, or run the lab as an ordinary user.',
      );
    }
    chownSync(dir, uid, gid);
    asUser = ['runuser', '-u', 'postgres', '--'];
  }
  const run = (args: string[]): { ok: boolean; out: string } => {
    const [cmd, ...rest] = [...asUser, ...args];
    const r = spawnSync(cmd ?? '', rest, { encoding: 'utf8' });
    return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim() };
  };
  const init = run([
    join(bin, 'initdb'),
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  if (!init.ok) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${init.out}`);
  }
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    `-c max_connections=${options.maxConnections}`,
  ].join(' ');
  const pgCtl = join(bin, 'pg_ctl');
  const stopSync = (): void => {
    run([pgCtl, '-D', data, 'stop', '-m', 'immediate', '-w']);
    // Its last backends may still be removing files for a moment after the postmaster is gone.
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  };
  const start = run([
    pgCtl,
    '-D',
    data,
    '-o',
    serverOptions,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  const pidFile = join(data, 'postmaster.pid');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
  if (!start.ok || !Number.isInteger(pid)) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
    stopSync();
    throw new Error(`pg_ctl start failed:\n${start.out}\n${log}`.trim());
  }
  pendingStops.set(pid, stopSync);
  return {
    port,
    pid,
    async stop() {
      pendingStops.delete(pid);
      stopSync();
      await waitGone(pid, 5000);
    },
  };
}
