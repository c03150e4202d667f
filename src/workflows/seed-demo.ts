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

  const enterprise = [...actors.values()].find((a) => a.kind === 'user' && a.role === 'enterprise');
  const institution = [...actors.values()].find((a) => a.kind === 'user' && a.role === 'institution');
  if (enterprise?.kind === 'user' && institution?.kind === 'user' && institution.orgId) {
    const theirs = await services.achievements.list(system, { scope: 'all', status: 'published', orgId: institution.orgId, pageSize: 1 });
    const target = theirs.items[0];
    if (target) {
      const nda = await services.ndas.request(enterprise, 'achievement', target.row.id, '我司拟采购该技术用于产线升级，希望了解工艺参数。');
      await services.ndas.approve(institution, nda.id);
      await services.ndas.accept(enterprise, nda.id, nda.nda_version);
    }
  }
  return { organisations: orgs.length, users: users.length, achievements, demands };
}
