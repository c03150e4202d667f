/** listen() and graceful shutdown; everything else is buildApp. */
import type { AppConfig } from './kernel/config.js';
import { createPlatform, platformJobs, type Platform } from './platform.js';
import { Scheduler } from './kernel/jobs/index.js';
import { buildApp } from './app.js';
import { isDatabaseEmpty, seedDemo } from './workflows/seed-demo.js';
import type { HttpApp } from './kernel/http/index.js';

export async function startServer(config: AppConfig): Promise<{ app: HttpApp; platform: Platform; url: string }> {
  const platform = await createPlatform(config);
  if (config.seedDemo && (await isDatabaseEmpty(platform.services))) {
    process.stderr.write('数据库为空，正在载入演示数据 / empty database: loading the demo data …\n');
    const r = await seedDemo(platform.ctx, platform.services);
    process.stderr.write(`演示数据已载入 / demo data loaded: ${r.organisations} organisations, ${r.users} users, ${r.achievements.created} achievements, ${r.demands.created} demands\n`);
  }
  // this month's risk classes first, so the index is built with each owner's credit class
  await platform.services.credit.recomputeAll();
  const built = await platform.services.matching.build();
  process.stderr.write(`匹配索引已建立 / matching index built: ${built.achievements} achievements, ${built.demands} demands in ${built.ms} ms\n`);
  const app = await buildApp(platform);
  const address = await app.listen({ host: config.host, port: config.port });
  const scheduler = new Scheduler(platform.ctx.db, platform.ctx.clock, (msg, data) => app.log.info(data, msg));
  scheduler.start(platformJobs(platform.services));
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    scheduler.stop();
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return { app, platform, url: address };
}
