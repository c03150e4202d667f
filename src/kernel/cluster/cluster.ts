/**
 * Several API worker processes on one port (node:cluster), for a machine with more than one core.
 *
 * `techbridge serve --workers N` (or WORKERS=N) makes the serving process a small primary: it applies migrations and
 * loads the demo data once, then forks N workers that each run the whole platform (`startServer`) and accept
 * connections on the shared port. Workers are nodes like server-mode nodes: each keeps its own matching index,
 * fed by the outbox; sessions and the login throttle live in the database (embedded) or Redis (server mode);
 * scheduled jobs take database leases. What server mode relays through Redis pub/sub — outbox wake-ups and the
 * auction rooms' live events — goes through the primary here (`ClusterBus`), unless Redis is configured.
 *
 * The primary restarts a worker that dies (at most MAX_RESTARTS within RESTART_WINDOW_MS, then it gives up and
 * exits 1 rather than loop), forwards SIGTERM/SIGINT to every worker (each drains as a single node does) and exits
 * when they have. A worker whose primary is gone (kill -9) shuts itself down.
 */
import cluster, { type Worker } from 'node:cluster';
import { LocalBus } from '../redis/index.js';

interface BusMessage {
  tb: 'bus';
  t: string;
  d: unknown;
}
interface ListeningMessage {
  tb: 'listening';
  url: string;
}

function isBusMessage(m: unknown): m is BusMessage {
  return typeof m === 'object' && m !== null && (m as BusMessage).tb === 'bus' && typeof (m as BusMessage).t === 'string';
}

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** 1…N in a worker, 0 in a process that is not one. */
export function workerId(): number {
  return cluster.worker?.id ?? 0;
}

/** The worker side of the bus: local delivery plus the primary, which hands the message to every other worker. */
export class ClusterBus extends LocalBus {
  private readonly onMessage = (m: unknown) => {
    if (isBusMessage(m)) this.deliver(m.t, m.d);
  };

  constructor() {
    super();
    process.on('message', this.onMessage);
  }

  override publish(topic: string, data: unknown): void {
    this.deliver(topic, data);
    // a hint only: should the primary be gone, the other workers still poll the outbox
    if (process.connected) process.send?.({ tb: 'bus', t: topic, d: data } satisfies BusMessage, undefined, {}, () => undefined);
  }

  override async close(): Promise<void> {
    process.off('message', this.onMessage);
    await super.close();
  }
}

/** Tells the primary this worker accepts connections (it announces the address once all workers do). */
export function announceListening(url: string): void {
  if (process.connected) process.send?.({ tb: 'listening', url } satisfies ListeningMessage);
}

/** A worker ends itself when its primary is gone (its IPC channel closes). */
export function onPrimaryGone(fn: () => void): void {
  process.once('disconnect', fn);
}

export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 60_000;

export interface PrimaryOptions {
  workers: number;
  /** one line for the operator (stderr) */
  log(line: string): void;
  /** called once, when every worker listens */
  onListening(url: string): void;
}

/** Runs the primary until every worker has exited after SIGTERM/SIGINT (resolves with the exit code to use). */
export function runPrimary(opts: PrimaryOptions): Promise<number> {
  return new Promise((resolveExit) => {
    let stopping = false;
    let exitCode = 0;
    let announced = false;
    const listening = new Map<number, string>();
    const restarts: number[] = [];
    const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);

    const stop = (reason: string, code = 0) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      opts.log(`主进程停止全部工作进程 / primary: stopping ${alive().length} worker(s) (${reason})`);
      for (const w of alive()) w.process.kill('SIGTERM');
      if (alive().length === 0) resolveExit(exitCode);
    };

    cluster.on('message', (worker, m: unknown) => {
      if (isBusMessage(m)) {
        for (const other of alive()) if (other.id !== worker.id && other.isConnected()) other.send(m, undefined, () => undefined);
        return;
      }
      const l = m as ListeningMessage | null;
      if (l?.tb === 'listening' && typeof l.url === 'string') {
        listening.set(worker.id, l.url);
        if (!announced && listening.size >= opts.workers) {
          announced = true;
          opts.onListening(l.url);
        }
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      listening.delete(worker.id);
      if (stopping) {
        if (code !== 0 && code !== null) exitCode = exitCode || 1;
        if (alive().length === 0) resolveExit(exitCode);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        opts.log(`工作进程反复退出，主进程放弃 / worker ${worker.id} exited (${signal ?? code}); more than ${MAX_RESTARTS} exits within ${RESTART_WINDOW_MS / 1000} s: giving up`);
        stop('restart limit', 1);
        return;
      }
      opts.log(`工作进程退出，正在重启 / worker ${worker.id} (pid ${worker.process.pid}) exited (${signal ?? code}): starting a new one`);
      cluster.fork();
    });
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    for (let i = 0; i < opts.workers; i++) cluster.fork();
  });
}
