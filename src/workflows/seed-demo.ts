/**
 * Loads the demo data set (data/demo) into an empty database: organisations, users per role, achievements and
 * demands (through the same import path as `techbridge import`), a few listings awaiting review, and an accepted NDA.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemActor, type Actor, type Role } from '../kernel/auth/index.js';
import type { KernelContext } from '../kernel/context.js';
import type { DB } from '../schema.js';
import type { Services } from '../platform.js';
import { classifyField } from '../modules/reference/index.js';
import { toActor } from '../modules/accounts/index.js';
import type { OrganisationType } from '../modules/organisations/index.js';
import { importListings, type ImportReport } from './import-listings.js';
import { seedDemoPolicies } from './seed-demo-policies.js';
import { seedDemoProgrammes } from './seed-demo-programmes.js';

export const DEMO_DIR = fileURLToPath(new URL('../../data/demo/', import.meta.url));

interface DemoOrganisation {
  key: string;
  name: string;
  uscc: string;
  type: OrganisationType;
  region: string;
  industries?: string[];
  flags?: string[];
  intro?: string;
}

interface DemoUser {
  email: string;
  password: string;
  name: string;
  role: Role;
  org: string | null;
  orgAdmin?: boolean;
}

export interface SeedReport {
  organisations: number;
  users: number;
  achievements: ImportReport;
  demands: ImportReport;
  deals: number;
}

export async function isDatabaseEmpty(services: Services): Promise<boolean> {
  return (await services.organisations.count()) === 0 && (await services.accounts.countUsers()) === 0;
}

export async function seedDemo(ctx: KernelContext<DB>, services: Services, opts: { dir?: string; onProgress?: (step: string, done: number, total: number) => void } = {}): Promise<SeedReport> {
  const dir = opts.dir ?? DEMO_DIR;
  const system = systemActor('seed');
  const orgs = JSON.parse(fs.readFileSync(path.join(dir, 'organisations.json'), 'utf8')) as DemoOrganisation[];
  const users = JSON.parse(fs.readFileSync(path.join(dir, 'users.json'), 'utf8')) as DemoUser[];
  const orgIdByKey = new Map<string, string>();
  let n = 0;
  for (const o of orgs) {
    const existing = await services.organisations.findByUscc(o.uscc);
    const industries = [...new Set((o.industries ?? []).flatMap((label) => classifyField(label)))].slice(0, 10);
    const row = existing ?? (await services.organisations.create(system, { name: o.name, uscc: o.uscc, type: o.type, regionCode: o.region, industries, flags: o.flags ?? [], intro: o.intro ?? '' }));
    orgIdByKey.set(o.key, row.id);
    opts.onProgress?.('organisations', ++n, orgs.length);
  }
  n = 0;
  const actors = new Map<string, Actor>();
  for (const u of users) {
    const existing = await services.accounts.findUserByEmail(u.email);
    const row = existing ?? (await services.accounts.createUser(system, { email: u.email, password: u.password, name: u.name, role: u.role, organisationId: u.org ? orgIdByKey.get(u.org) ?? null : null, orgAdmin: u.orgAdmin ?? false }));
    actors.set(u.email, toActor(row, 'session'));
    opts.onProgress?.('users', ++n, users.length);
  }

  const achievements = await importListings(ctx, services, system, 'achievement', path.join(dir, 'achievements.jsonl'), { onProgress: (d, t) => opts.onProgress?.('achievements', d, t) });
  const demands = await importListings(ctx, services, system, 'demand', path.join(dir, 'demands.jsonl'), { onProgress: (d, t) => opts.onProgress?.('demands', d, t) });

  // A living market has work in progress: a few listings wait for review, and one NDA has been accepted.
  const pending = await services.demands.list(system, { scope: 'all', status: 'published', sort: 'title', pageSize: 3 });
  for (const v of pending.items) await ctx.db.updateTable('demands').set({ status: 'submitted', published_at: null }).where('id', '=', v.row.id).execute();
  const pendingA = await services.achievements.list(system, { scope: 'all', status: 'published', sort: 'title', pageSize: 3 });
  for (const v of pendingA.items) await ctx.db.updateTable('achievements').set({ status: 'submitted', published_at: null }).where('id', '=', v.row.id).execute();

  const deals = await seedDeals(ctx, services, dir, actors);
  await seedDemoPolicies(services, dir, orgIdByKey); // 惠企政策 and 首台套 demo entries
  await seedDemoProgrammes(ctx, services, ctx.clock); // 揭榜挂帅: one open challenge from three demo demands
  return { organisations: orgs.length, users: users.length, achievements, demands, deals };
}

/**
 * Deals in several stages, from the demo's matching pairs (data/demo/qrels.jsonl): one carried by the demo users from
 * a broker's match through an accepted NDA and two rounds of offers to a signed contract, others in progress or lost.
 */
async function seedDeals(ctx: KernelContext<DB>, services: Services, dir: string, actors: Map<string, Actor>): Promise<number> {
  const qrelsFile = path.join(dir, 'qrels.jsonl');
  if (!fs.existsSync(qrelsFile)) return 0;
  const system = systemActor('seed');
  const pairs = fs.readFileSync(qrelsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { demand_id: string; achievement_id: string });
  const resolve = async (p: { demand_id: string; achievement_id: string }) => {
    const d = await services.demands.findByExternalId(p.demand_id);
    const a = await services.achievements.findByExternalId(p.achievement_id);
    return d && a && d.status === 'published' && a.status === 'published' && d.organisation_id !== a.organisation_id ? { d, a } : null;
  };
  const user = (email: string) => actors.get(email);
  const enterprise = user('enterprise@demo.techbridge.cn');
  const institution = user('institution@demo.techbridge.cn');
  const broker = user('broker@demo.techbridge.cn');
  let count = 0;

  // 1. the full journey, by the demo users
  const featured = pairs.find((p) => p.demand_id === 'DEMO-D-0069' && p.achievement_id === 'DEMO-A-0223');
  const f = featured ? await resolve(featured) : null;
  if (f && enterprise?.kind === 'user' && institution?.kind === 'user' && broker?.kind === 'user') {
    const deal = await services.deals.open(broker, { demandId: f.d.id, achievementId: f.a.id, matchScore: 0.92 });
    await services.deals.assignBroker(enterprise, deal.row.id, broker.userId, { type: 'percent', bp: 300 });
    await services.deals.moveStage(broker, deal.row.id, { to: 'contacted' });
    const nda = await services.ndas.request(enterprise, 'achievement', f.a.id, '我司拟将该技术用于产线升级，希望了解工艺参数与试验数据。');
    await services.ndas.approve(institution, nda.id);
    await services.ndas.accept(enterprise, nda.id, nda.nda_version);
    await services.deals.makeOffer(enterprise, deal.row.id, { priceFen: 80_000_000, payment: 'lump_sum', exclusivity: 'non_exclusive', termMonths: 60, territory: '辽宁省', note: '首轮报价，含技术培训' });
    await services.deals.makeOffer(institution, deal.row.id, { priceFen: 150_000_000, payment: 'royalty', royaltyBp: 350, exclusivity: 'sole', termMonths: 60, territory: '辽宁省', note: '按销售额提成，另收入门费' });
    const o2 = await services.deals.makeOffer(enterprise, deal.row.id, { priceFen: 120_000_000, payment: 'instalments', instalments: [{ dueDate: '2027-03-31', amountFen: 60_000_000 }, { dueDate: '2027-09-30', amountFen: 60_000_000 }], exclusivity: 'sole', termMonths: 60, territory: '辽宁省' });
    await services.deals.acceptOffer(institution, deal.row.id, o2.id);
    await services.deals.moveStage(institution, deal.row.id, { to: 'contract_signed' });
    count++;
  }

  // 2. deals in progress and lost, opened from matches
  const plan: ({ to: 'contacted' | 'due_diligence' | 'negotiating' } | { to: 'closed_lost'; reason: 'price_gap' | 'too_early' | 'no_pilot_capacity' | 'no_finance' | 'benefit_unclear'; note?: string } | null)[] = [
    null, { to: 'contacted' }, { to: 'due_diligence' }, { to: 'negotiating' }, { to: 'closed_lost', reason: 'price_gap', note: '双方报价差距较大' },
    { to: 'contacted' }, { to: 'closed_lost', reason: 'no_pilot_capacity', note: '缺少吨级中试线' }, { to: 'negotiating' }, { to: 'closed_lost', reason: 'too_early' }, { to: 'due_diligence' },
    { to: 'closed_lost', reason: 'no_finance' }, null,
  ];
  let i = 0;
  for (const p of pairs) {
    if (i >= plan.length) break;
    if (p === featured) continue;
    const r = await resolve(p);
    if (!r) continue;
    const open = await services.deals.open(system, { demandId: r.d.id, achievementId: r.a.id, openedVia: 'match' }).catch(() => null);
    if (!open) continue;
    const step = plan[i++];
    if (step) await services.deals.moveStage(system, open.row.id, step);
    count++;
  }
  void ctx;
  return count;
}
