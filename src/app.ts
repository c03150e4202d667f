/** buildApp(platform): plugins → modules → routes. `listen()` lives in server.ts so tests can `inject`. */
import rateLimit from '@fastify/rate-limit';
import { SESSION_COOKIE, createHttpApp, installWebAndFallback, type HttpApp } from './kernel/http/index.js';
import { ANONYMOUS } from './kernel/auth/index.js';
import type { Platform } from './platform.js';
import { organisationsRoutes } from './modules/organisations/index.js';
import { accountsRoutes } from './modules/accounts/index.js';
import { listingsRoutes } from './modules/listings/index.js';
import { ndasRoutes } from './modules/ndas/index.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { statsRoutes } from './modules/stats/index.js';
import { notificationsRoutes } from './modules/notifications/index.js';
import { matchingRoutes } from './modules/matching/index.js';
import { auctionsRoutes, dealsRoutes } from './modules/deals/index.js';
import { brokersRoutes } from './modules/brokers/index.js';
import { contractsRoutes } from './modules/contracts/index.js';
import { valuationRoutes } from './modules/valuation/index.js';
import { incomeRoutes } from './modules/income/index.js';
import { creditRoutes } from './modules/credit/index.js';
import { governmentRoutes } from './modules/government/index.js';
import { pilotRoutes } from './modules/pilot/index.js';
import { financeRoutes } from './modules/finance/index.js';
import { chainsRoutes } from './modules/chains/index.js';
import { basesRoutes } from './modules/bases/index.js';
import { insightRoutes } from './modules/insight/index.js';
import { programmesRoutes } from './modules/programmes/index.js';
import { policiesRoutes } from './modules/policies/index.js';
import { firstkindRoutes } from './modules/firstkind/index.js';

export interface BuildAppOptions {
  logger?: boolean;
  /** the built web app to serve; null for API only */
  webDist?: string | null;
}

export async function buildApp(platform: Platform, opts: BuildAppOptions = {}): Promise<HttpApp> {
  const { services, config } = platform;
  const app = await createHttpApp({
    config,
    logger: opts.logger,
    checkReady: () => platform.ready(),
    metrics: { outboxLag: () => services.matching.sync.lag(new Date()), redisUp: () => (platform.redis ? platform.redis.isUp() : null) },
    async resolveActor(req) {
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ')) return (await services.accounts.actorForToken(auth.slice(7).trim())) ?? ANONYMOUS;
      const token = req.cookies[SESSION_COOKIE];
      if (token) return (await services.accounts.actorForSession(token)) ?? ANONYMOUS;
      return ANONYMOUS;
    },
  });
  // Shared limits; login has its own throttle per account in the accounts service. In server mode Redis backs this.
  await app.register(rateLimit, { global: false, max: 600, timeWindow: '1 minute', ...(platform.redis ? { redis: platform.redis.client, nameSpace: `${config.redisKeyPrefix}rl:`, skipOnError: true } : {}) });
  services.matching.useLatencyObserver((target, seconds) => app.metrics.matchLatency.observe({ target }, seconds));

  await app.register(referenceRoutes());
  await app.register(organisationsRoutes(services));
  await app.register(accountsRoutes({ ...services, cookieSecure: config.cookieSecure }));
  await app.register(listingsRoutes('demand', { listings: services.demands, accounts: services.accounts }));
  await app.register(listingsRoutes('achievement', { listings: services.achievements, accounts: services.accounts }));
  await app.register(ndasRoutes(services));
  await app.register(statsRoutes({ ...services, services, clock: platform.ctx.clock }));
  await app.register(notificationsRoutes(services));
  await app.register(matchingRoutes(services));
  await app.register(dealsRoutes(services));
  await app.register(auctionsRoutes(services));
  await app.register(brokersRoutes(services));
  await app.register(contractsRoutes(services));
  await app.register(valuationRoutes());
  await app.register(incomeRoutes(services));
  await app.register(creditRoutes(services));
  await app.register(governmentRoutes(services.government));
  await app.register(pilotRoutes(services));
  await app.register(financeRoutes(services));
  await app.register(chainsRoutes(services));
  await app.register(basesRoutes(services));
  await app.register(insightRoutes(services));
  await app.register(programmesRoutes(services));
  await app.register(policiesRoutes(services));
  await app.register(firstkindRoutes(services));
  await installWebAndFallback(app, opts.webDist === undefined ? config.webDist : opts.webDist);
  await app.ready();
  return app;
}
