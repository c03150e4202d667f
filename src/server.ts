/**
 * listen() and graceful shutdown; everything else is buildApp.
 *
 * Embedded and server mode run the same steps. In server mode (DATABASE_URL=postgres://…, REDIS_URL) any number of
 * these processes serve the same platform: sessions, the login throttle, rate limits and live events go through Redis;
 * scheduled jobs run on one node at a time (database leases); every node keeps its matching index current by tailing
 * the outbox (woken through Redis pub/sub, polling as the fallback).
 */
import type { AppConfig } from './kernel/config.js';
import { createPlatform, platformJobs, type Platform } from './platform.js';
import { Scheduler } from './kernel/jobs/index.js';
import { buildApp } from './app.js';
import { announceListening, isClusterWorker, onPrimaryGone, runPrimary } from './kernel/cluster/index.js';
import { isDatabaseEmpty, seedDemo } from './workflows/seed-demo.js';
import type { HttpApp } from './kernel/http/index.js';

export interface RunningServer {
  app: HttpApp;
  platform: Platform;
  url: string;
  /** graceful shutdown: stop accepting, finish in-flight requests (up to SHUTDOWN_GRACE_MS), close Redis and the database */
  shutdown(reason: string): Promise<void>;
}

/** Loads the demo data into an empty database when SEED_DEMO is on. */
async function seedIfEmpty(platform: Platform): Promise<void> {
  const { services } = platform;
  if (!platform.config.seedDemo || !(await isDatabaseEmpty(services))) return;
  process.stderr.write('数据库为空，正在载入演示数据 / empty database: loading the demo data …\n');
  const r = await seedDemo(platform.ctx, services);
  process.stderr.write(`演示数据已载入 / demo data loaded: ${r.organisations} organisations, ${r.users} users, ${r.achievements.created} achievements, ${r.demands.created} demands\n`);
}

/**
 * `serve --workers N`: migrations, the demo data and this month's credit classes once, then N worker processes on the shared port (each runs
 * startServer); resolves with the exit code once they have all stopped (see kernel/cluster).
 */
export async function runWorkers(config: AppConfig): Promise<number> {
  const platform = await createPlatform(config);
  try {
    await seedIfEmpty(platform);
    await platform.services.credit.recomputeAll();
  } finally {
    await platform.close();
  }
  return runPrimary({
    workers: config.workers,
    log: (line) => process.stderr.write(`${line}\n`),
    onListening: (url) => process.stderr.write(`TechBridge 已启动 / listening on ${url}  (${config.workers} workers; API docs: ${url}/docs)\n`),
  });
}

export async function startServer(config: AppConfig, opts: { exitOnShutdown?: boolean; handleSignals?: boolean } = {}): Promise<RunningServer> {
  const platform = await createPlatform(config);
  const { services } = platform;
  if (platform.redis) {
    const up = await platform.redis.waitReady(3000);
    if (!up) process.stderr.write('警告：Redis 不可达，节点以降级模式启动（登录与会话暂不可用）/ warning: Redis unreachable: starting degraded (sign-in and sessions refused until it answers)\n');
  }
  // workers of `serve --workers N`: the primary has done this once before forking them
  if (!isClusterWorker()) await seedIfEmpty(platform);
  // this month's risk classes first, so the index is built with each owner's credit class (a worker of
  // `serve --workers N` finds them done by the primary)
  if (!isClusterWorker()) await services.credit.recomputeAll();
  const built = await services.matching.build();
  process.stderr.write(`匹配索引已建立 / matching index built: ${built.achievements} achievements, ${built.demands} demands in ${built.ms} ms (outbox position ${built.outboxId})\n`);
  const app = await buildApp(platform);
  const log = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => app.log[level](data ?? {}, msg);
  if (platform.redis) platform.redis.setLog(log);

  // keep this node's index current with writes made through other nodes (and CLI imports)
  const unsubscribe = platform.bus.subscribe('outbox', () => void services.matching.sync.catchUp().catch(() => undefined));
  services.matching.sync.startPolling(config.outboxPollMs, (e) => log('warn', 'outbox catch-up failed; retrying', { error: e.message }));

  const address = await app.listen({ host: config.host, port: config.port });
  const scheduler = new Scheduler(platform.ctx.db, platform.ctx.clock, (msg, data) => app.log.info(data, msg));
  scheduler.start(platformJobs(services));

  let closing: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    closing ??= (async () => {
      log('info', 'shutting down: draining (readyz 503), then no new connections and in-flight requests finish', { reason, drainMs: config.shutdownDrainMs, graceMs: config.shutdownGraceMs });
      scheduler.stop();
      // keep serving for a moment while /readyz says 503, so load balancers stop routing here and requests already on
      // the wire are read and answered rather than reset
      app.draining = true;
      if (config.shutdownDrainMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDrainMs));
      services.matching.sync.stopPolling();
      unsubscribe();
      // long-lived responses (SSE auction rooms) would hold close() open: cut what is left after the grace period
      const grace = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
      grace.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(grace);
      }
      await platform.close();
      log('info', 'shut down', { reason });
      if (opts.exitOnShutdown !== false) process.exit(0);
    })();
    return closing;
  };
  if (opts.handleSignals !== false) {
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  }
  if (isClusterWorker()) {
    // one of `serve --workers N`: the primary announces the address once all workers listen; without it, stop
    announceListening(address);
    onPrimaryGone(() => void shutdown('primary gone'));
  }
  return { app, platform, url: address, shutdown };
}
