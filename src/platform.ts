/**
 * The composition root: opens the database, runs migrations, builds every module's service and wires them.
 * The HTTP server, the CLI and the tests all start from here.
 */
import type { AppConfig } from './kernel/config.js';
import { openDatabase, pingDatabase, type Database } from './kernel/db/database.js';
import { migrateToLatest } from './kernel/db/migrator.js';
import { systemClock, type Clock } from './kernel/clock.js';
import type { KernelContext } from './kernel/context.js';
import type { DB } from './schema.js';
import type { Job } from './kernel/jobs/index.js';
import { LocalBus, RedisBus, RedisHandle, relayEmitter, type EventBus } from './kernel/redis/index.js';
import { ClusterBus, isClusterWorker } from './kernel/cluster/index.js';
import { RedisLoginThrottle, RedisSessionStore } from './modules/accounts/index.js';
import { OrganisationsService } from './modules/organisations/index.js';
import { AccountsService } from './modules/accounts/index.js';
import { createDemandsService, type DemandsService } from './modules/demands/index.js';
import { createAchievementsService, type AchievementsService } from './modules/achievements/index.js';
import { NdasService } from './modules/ndas/index.js';
import { NotificationsService } from './modules/notifications/index.js';
import { MatchingService } from './modules/matching/index.js';
import { AuctionsService, DealsService } from './modules/deals/index.js';
import { BrokersService } from './modules/brokers/index.js';
import { ContractsService } from './modules/contracts/index.js';
import { IncomeService } from './modules/income/index.js';
import { CreditService } from './modules/credit/index.js';
import { createGovernmentServices, type GovernmentServices } from './modules/government/index.js';
import { systemActor } from './kernel/auth/index.js';
import { InstrumentsService, PilotService } from './modules/pilot/index.js';
import { FinanceService } from './modules/finance/index.js';
import { AlliancesService, ChainsService } from './modules/chains/index.js';
import { IncubationService } from './modules/bases/index.js';
import { InsightService } from './modules/insight/index.js';
import { ProgrammesService } from './modules/programmes/index.js';
import { PoliciesService } from './modules/policies/index.js';
import { FirstkindService } from './modules/firstkind/index.js';

export interface Services {
  organisations: OrganisationsService;
  accounts: AccountsService;
  demands: DemandsService;
  achievements: AchievementsService;
  ndas: NdasService;
  notifications: NotificationsService;
  matching: MatchingService;
  deals: DealsService;
  brokers: BrokersService;
  auctions: AuctionsService;
  contracts: ContractsService;
  income: IncomeService;
  credit: CreditService;
  government: GovernmentServices;
  pilot: PilotService;
  instruments: InstrumentsService;
  finance: FinanceService;
  chains: ChainsService;
  alliances: AlliancesService;
  incubation: IncubationService;
  insight: InsightService;
  programmes: ProgrammesService;
  policies: PoliciesService;
  firstkind: FirstkindService;
}

/** Scheduled jobs; the scheduler runs each on one node at a time. */
export function platformJobs(services: Services): Job[] {
  return [
    { name: 'deal-task-reminders', everyMs: 15 * 60_000, run: () => services.deals.remindDueTasks() },
    { name: 'demand-expiry', everyMs: 60 * 60_000, run: () => services.demands.expireOverdue() },
    { name: 'auction-close', everyMs: 60_000, run: () => services.auctions.closeDueAuctions() },
    { name: 'credit-annual-report-reminders', everyMs: 6 * 60 * 60_000, run: () => services.credit.remindAnnualReports() },
    { name: 'credit-annual-report-sweep', everyMs: 6 * 60 * 60_000, run: () => services.credit.listMissedAnnualReports() },
    { name: 'credit-abnormal-to-serious', everyMs: 6 * 60 * 60_000, run: async () => JSON.stringify(await services.credit.sweepAbnormalToSerious()) },
    { name: 'credit-risk-classes', everyMs: 24 * 60 * 60_000, run: () => services.credit.recomputeAll() },
    { name: 'credit-deregistration-complete', everyMs: 60 * 60_000, run: () => services.credit.completeDeregistrations() },
    { name: 'coordination-escalation', everyMs: 15 * 60_000, run: () => services.government.coordination.escalateOverdue() },
    { name: 'session-purge', everyMs: 60 * 60_000, run: () => services.accounts.purgeExpiredSessions() },
    { name: 'outbox-prune', everyMs: 60 * 60_000, run: () => services.matching.pruneOutbox() },
    { name: 'policy-notifications', everyMs: 60 * 60_000, run: () => services.policies.sweep(systemActor('policies')) },
  ];
}

export interface Platform {
  config: AppConfig;
  ctx: KernelContext<DB>;
  database: Database<DB>;
  services: Services;
  ready(): Promise<void>;
  close(): Promise<void>;
  /** server mode (REDIS_URL): the shared Redis connection; null in embedded mode */
  redis: RedisHandle | null;
  /** hints and live events between API nodes (in-process in embedded mode) */
  bus: EventBus;
}

export function createServices(ctx: KernelContext<DB>): Services {
  const organisations = new OrganisationsService(ctx);
  const accounts = new AccountsService(ctx, organisations);
  const demands = createDemandsService(ctx);
  const achievements = createAchievementsService(ctx);
  const ndas = new NdasService(ctx);
  ndas.attach('demand', demands);
  ndas.attach('achievement', achievements);
  const notifications = new NotificationsService(ctx);
  const matching = new MatchingService(ctx, { demand: demands, achievement: achievements }, notifications);
  const deals = new DealsService(ctx, { demands, achievements, ndas, notifications, accounts });
  const brokers = new BrokersService(ctx, { accounts, deals });
  const credit = new CreditService(ctx, { organisations, notifications, accounts });
  demands.useCreditGate(credit);
  achievements.useCreditGate(credit);
  matching.useCredit((orgId) => credit.classOf(orgId));
  const auctions = new AuctionsService(ctx, { demands, achievements, deals, credit });
  const contracts = new ContractsService(ctx, { deals, organisations });
  const income = new IncomeService(ctx, { achievements });
  const government = createGovernmentServices(ctx, { deals, contracts, demands, achievements, organisations, notifications, accounts });
  const members = (orgId: string) => accounts.members(systemActor('services'), orgId);
  const pilot = new PilotService(ctx, { achievements, deals, organisations, analyzer: matching.analyzer, notifications, members });
  const instruments = new InstrumentsService(ctx);
  const finance = new FinanceService(ctx, { organisations, credit, achievements, analyzer: matching.analyzer, notifications, members });
  const chains = new ChainsService(ctx, { organisations, analyzer: matching.analyzer });
  const alliances = new AlliancesService(ctx, { organisations, demands, deals, contractsOf: (orgIds) => contracts.ofOrganisations(orgIds) });
  const incubation = new IncubationService(ctx, { organisations, achievements });
  const insight = new InsightService(ctx, { demands, achievements, organisations, analyzer: matching.analyzer });
  const programmes = new ProgrammesService(ctx, { organisations, accounts, demands, credit, deals, contracts, notifications });
  const policies = new PoliciesService(ctx, { notifications, creditClassOf: (orgId) => credit.classOf(orgId) });
  const firstkind = new FirstkindService(ctx, { analyzer: matching.analyzer, notifications });
  government.plan.useServiceFigures({ pilotBookings: (p) => pilot.confirmedBookings(p.from, p.to), financingDisbursedFen: (p) => finance.disbursedFen(p.from, p.to) });
  return {
    organisations, accounts, demands, achievements, ndas, notifications, matching, deals, brokers, auctions, contracts, income, credit, government,
    pilot, instruments, finance, chains, alliances, incubation,
    insight,
    programmes,
    policies,
    firstkind,
  };
}

export async function createPlatform(config: AppConfig, opts: { clock?: Clock; migrate?: boolean } = {}): Promise<Platform> {
  const database = openDatabase<DB>(config.databaseUrl, config.dialect);
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(database.db);
    } catch (e) {
      await database.close();
      throw e;
    }
  }
  const ctx: KernelContext<DB> = { db: database.db, dialect: database.dialect, clock: opts.clock ?? systemClock, config };
  const services = createServices(ctx);
  await services.credit.loadClassCache();
  // server mode: sessions, login throttle, rate limits and live events shared through Redis (README "Server mode")
  const redis = config.redisUrl ? new RedisHandle(config.redisUrl, config.redisKeyPrefix) : null;
  if (redis) services.accounts.useSessionStore(new RedisSessionStore(redis.client, config.redisKeyPrefix), new RedisLoginThrottle(redis.client, config.redisKeyPrefix));
  // several processes (server-mode nodes, or workers of one `serve --workers N`) relay hints and live events
  const bus: EventBus = redis ? new RedisBus(redis) : isClusterWorker() ? new ClusterBus() : new LocalBus();
  if (redis || isClusterWorker()) relayEmitter(services.auctions.events, bus, 'auctions');
  services.matching.useLocalWriteHook(() => bus.publish('outbox', {}));
  return {
    config,
    ctx,
    database,
    services,
    ready: () => pingDatabase(database.db),
    redis,
    bus,
    async close() {
      await bus.close();
      await redis?.close();
      await database.close();
    },
  };
}
