/**
 * The Redis connection of one API node (server mode only). Commands fail fast while Redis is unreachable (no offline
 * queue, one retry), so a request that needs Redis gets a clear 503 instead of hanging; ioredis keeps reconnecting in
 * the background and the node recovers on its own when Redis returns.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export interface RedisLog {
  (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>): void;
}

export class RedisHandle {
  /** commands (sessions, throttle, rate limits, publish) */
  readonly client: Redis;
  /** this node's identity on the bus (its own messages are not delivered twice) */
  readonly nodeId = randomUUID();
  private subscriber: Redis | null = null;
  private up = false;
  private closed = false;

  constructor(
    readonly url: string,
    /** prefix of every key and channel, e.g. "tb:" */
    readonly prefix: string,
    private log: RedisLog = stderrLog,
  ) {
    this.client = this.connect('commands');
    this.client.on('ready', () => {
      if (!this.up) this.log('info', 'redis connected', { url: redact(url) });
      this.up = true;
    });
    this.client.on('close', () => {
      if (this.up && !this.closed) this.log('warn', 'redis connection lost; retrying', { url: redact(url) });
      this.up = false;
    });
  }

  private connect(role: string): Redis {
    const r = new Redis(this.url, {
      connectionName: `techbridge-${role}`,
      enableOfflineQueue: role === 'subscriber',
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: role === 'subscriber' ? undefined : 2000,
      retryStrategy: (times) => Math.min(100 * times, 1000),
      lazyConnect: false,
    });
    // an unreachable Redis must never crash the node: errors are logged (rate-limited) and the client reconnects
    let lastLogged = 0;
    r.on('error', (e: Error) => {
      if (this.closed) return;
      const now = Date.now();
      if (now - lastLogged > 10_000) {
        lastLogged = now;
        this.log('warn', 'redis error', { role, error: e.message });
      }
    });
    return r;
  }

  /** Routes connection messages to the server's structured log once it exists. */
  setLog(log: RedisLog): void {
    this.log = log;
  }

  key(...parts: string[]): string {
    return `${this.prefix}${parts.join(':')}`;
  }

  /** True while the command connection is ready. */
  isUp(): boolean {
    return this.up && this.client.status === 'ready';
  }

  /** Waits for the first connection (start-up); resolves false after `ms` without one — the node starts degraded. */
  async waitReady(ms: number): Promise<boolean> {
    if (this.isUp()) return true;
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, ms);
      const onReady = () => {
        clearTimeout(t);
        resolve(true);
      };
      this.client.once('ready', onReady);
    });
  }

  /** The pub/sub connection (created on first use; it re-subscribes by itself after a reconnect). */
  sub(): Redis {
    this.subscriber ??= this.connect('subscriber');
    return this.subscriber;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.client, this.subscriber].filter((c): c is Redis => c !== null).map(async (c) => {
      // QUIT on a connection that is not up would wait for a reconnect that may never come
      if (c.status !== 'ready') return c.disconnect();
      await c.quit().catch(() => c.disconnect());
    }));
  }
}

function stderrLog(level: string, msg: string, data?: Record<string, unknown>): void {
  if (level !== 'info') process.stderr.write(`${JSON.stringify({ level, msg, ...data })}\n`);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://?';
  }
}
