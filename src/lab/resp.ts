/**
 * A minimal RESP2 client for Redis (Node only): pipelined commands, replies in order. Shared by
 * `npm run redis:reference` and the lab. Replies that are errors come back as `Error` values (not
 * thrown); a closed or failed connection rejects every waiting and later command.
 */
import { createConnection, type Socket } from 'node:net';

export type Reply = string | number | null | Error | Reply[];

interface Waiter {
  readonly resolve: (r: Reply) => void;
  readonly reject: (e: Error) => void;
}

export class Resp {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: Waiter[] = [];
  private closedWith: Error | null = null;
  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const parsed = parseReply(this.buffer, 0);
        if (!parsed) break;
        this.buffer = this.buffer.subarray(parsed.end);
        this.waiting.shift()?.resolve(parsed.reply);
      }
    });
    const fail = (e: Error): void => {
      this.closedWith ??= e;
      for (const w of this.waiting.splice(0)) w.reject(this.closedWith);
    };
    socket.on('error', fail);
    socket.on('close', () => {
      fail(new Error('connection to redis closed'));
    });
  }

  static connect(port: number, host = '127.0.0.1'): Promise<Resp> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host, port }, () => {
        socket.off('error', reject);
        resolve(new Resp(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Whether the connection has failed or been closed. */
  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Sends many commands in one write; resolves with their replies in order. */
  pipeline(commands: readonly (readonly (string | number)[])[]): Promise<Reply[]> {
    if (this.closedWith !== null) return Promise.reject(this.closedWith);
    const parts: string[] = [];
    const replies = commands.map(
      () =>
        new Promise<Reply>((resolve, reject) => {
          this.waiting.push({ resolve, reject });
        }),
    );
    for (const cmd of commands) {
      parts.push(`*${cmd.length}\r\n`);
      for (const arg of cmd) {
        const s = String(arg);
        parts.push(`$${Buffer.byteLength(s)}\r\n${s}\r\n`);
      }
    }
    this.socket.write(parts.join(''));
    return Promise.all(replies);
  }

  async call(...cmd: (string | number)[]): Promise<Reply> {
    const [r] = await this.pipeline([cmd]);
    return r ?? null;
  }

  close(): void {
    this.socket.end();
  }
}

export function parseReply(buf: Buffer, at: number): { reply: Reply; end: number } | null {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return null;
  const type = String.fromCharCode(buf[at] ?? 0);
  const line = buf.toString('utf8', at + 1, eol);
  const next = eol + 2;
  if (type === '+') return { reply: line, end: next };
  if (type === '-') return { reply: new Error(line), end: next };
  if (type === ':') return { reply: Number(line), end: next };
  if (type === '$') {
    const len = Number(line);
    if (len < 0) return { reply: null, end: next };
    if (buf.length < next + len + 2) return null;
    return { reply: buf.toString('utf8', next, next + len), end: next + len + 2 };
  }
  if (type === '*') {
    const n = Number(line);
    if (n < 0) return { reply: null, end: next };
    const items: Reply[] = [];
    let pos = next;
    for (let i = 0; i < n; i++) {
      const item = parseReply(buf, pos);
      if (!item) return null;
      items.push(item.reply);
      pos = item.end;
    }
    return { reply: items, end: pos };
  }
  throw new Error(`unexpected RESP type ${type}`);
}

/** Connects, retrying for up to `timeoutMs` while the server starts. */
export async function connectWithRetry(
  port: number,
  host = '127.0.0.1',
  timeoutMs = 5000,
): Promise<Resp> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await Resp.connect(port, host);
    } catch (e) {
      if (performance.now() > until)
        throw new Error(
          `redis did not accept connections on ${host}:${port} (${e instanceof Error ? e.message : String(e)})`,
          { cause: e },
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A numeric field of INFO `section` (e.g. used_memory in memory, expired_keys in stats). */
export async function infoNumber(redis: Resp, section: string, field: string): Promise<number> {
  const info = String(await redis.call('INFO', section));
  return Number(new RegExp(`(?:^|\\n)${field}:(\\d+)`).exec(info)?.[1] ?? 0);
}

/** A text field of INFO `section` (e.g. redis_version in server). */
export async function infoText(redis: Resp, section: string, field: string): Promise<string> {
  const info = String(await redis.call('INFO', section));
  return new RegExp(`(?:^|\\n)${field}:([^\\r\\n]*)`).exec(info)?.[1] ?? '?';
}
