/**
 * The world the authorization matrix and the fuzzer run in: the demo data set (organisations, one user per role,
 * listings, deals, an NDA), sessions for every role, and path parameters filled with real rows — owned by the
 * calling actor's organisation where such a row exists, so a role check is reached instead of a 404.
 */
import { sql } from 'kysely';
import type { HttpApp } from '../src/kernel/http/index.js';
import type { Role } from '../src/kernel/auth/index.js';
import { seedDemo } from '../src/workflows/seed-demo.js';
import type { TestPlatform } from './helpers.js';
import { sampleValid } from './schema-arb.js';

export type ActorKey = 'anonymous' | Role;
export const ACTORS: ActorKey[] = ['anonymous', 'enterprise', 'institution', 'broker', 'service', 'government', 'admin'];
const DEMO_EMAIL: Record<Role, string> = {
  enterprise: 'enterprise@demo.techbridge.cn', institution: 'institution@demo.techbridge.cn', broker: 'broker@demo.techbridge.cn',
  service: 'service@demo.techbridge.cn', government: 'government@demo.techbridge.cn', admin: 'admin@demo.techbridge.cn',
};
export const FAKE_ID = '00000000-0000-7000-8000-000000000000';

export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
  access?: { roles: 'everyone' | 'signed-in' | readonly Role[]; owner?: boolean; note?: string };
  schema?: { body?: any; querystring?: any; params?: any };
}

export interface World {
  p: TestPlatform;
  app: HttpApp;
  cookies: Partial<Record<ActorKey, string>>;
  users: Record<Role, { id: string; orgId: string | null }>;
  tables: Set<string>;
}

export async function buildWorld(p: TestPlatform, app: HttpApp): Promise<World> {
  await seedDemo(p.ctx, p.services);
  const users = {} as World['users'];
  for (const role of Object.keys(DEMO_EMAIL) as Role[]) {
    const u = await p.ctx.db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', DEMO_EMAIL[role]).executeTakeFirstOrThrow();
    users[role] = { id: u.id, orgId: u.organisation_id };
  }
  const tables = new Set(
    p.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(p.ctx.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(p.ctx.db)).rows.map((r) => r.name),
  );
  const world: World = { p, app, cookies: {}, users, tables };
  await refreshSessions(world);
  return world;
}

/** (Re)signs in every role whose session a previous request ended (logout, disable, password change …). */
export async function refreshSessions(w: World): Promise<void> {
  for (const role of Object.keys(DEMO_EMAIL) as Role[]) {
    const cookie = w.cookies[role];
    if (cookie) {
      const me = await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      if (me.statusCode === 200) continue;
    }
    await w.p.ctx.db.updateTable('users').set({ status: 'active' }).where('id', '=', w.users[role].id).execute();
    const { token } = await w.p.services.accounts.login(DEMO_EMAIL[role], 'Demo#2026').catch(async () => {
      // a probe changed the password: put the demo one back
      const { hashPassword } = await import('../src/modules/accounts/passwords.js');
      await w.p.ctx.db.updateTable('users').set({ password_hash: await hashPassword('Demo#2026') }).where('id', '=', w.users[role].id).execute();
      await w.p.ctx.db.deleteFrom('login_attempts' as never).execute().catch(() => undefined);
      return w.p.services.accounts.login(DEMO_EMAIL[role], 'Demo#2026');
    });
    w.cookies[role] = `tb_session=${token}`;
  }
}

function singular(word: string): string {
  return word.replace(/ies$/, 'y').replace(/(ch|sh|ss|x)es$/, '$1').replace(/s$/, '');
}

/** Candidate tables for the resource a URL names (`/api/finance/applications/:id` → financing_applications, …). */
function tablesFor(url: string, param: string, tables: Set<string>): string[] {
  const before = url.split(`/:${param}`)[0].split('/').filter((s) => s && s !== 'api' && !s.startsWith(':'));
  const words = before.map((s) => s.replace(/-/g, '_'));
  const last = words.at(-1) ?? '';
  const prev = words.at(-2) ?? '';
  const candidates = [
    `${prev}_${last}`, `${singular(prev)}_${last}`, `${prev}ing_${last}`, last, `${singular(last)}s`, `${last}s`, `${singular(prev)}_${singular(last)}s`,
    last === 'ndas' ? 'nda_requests' : '', last === 'users' ? 'users' : '', last === 'bookings' ? 'capacity_bookings' : '', last === 'instrument_bookings' ? 'instrument_usages' : '',
  ];
  return [...new Set(candidates.filter((t) => t && tables.has(t)))];
}

const OWNER_COLUMNS = ['organisation_id', 'org_id', 'owner_org_id', 'applicant_org_id', 'buyer_org_id', 'seller_org_id', 'requester_org_id', 'user_id', 'requester_user_id', 'created_by'];

async function rowFor(w: World, table: string, actor: ActorKey): Promise<string | null> {
  const db = w.p.ctx.db as any;
  const who = actor === 'anonymous' ? null : w.users[actor];
  try {
    if (who) {
      for (const col of OWNER_COLUMNS) {
        const v = col.endsWith('user_id') || col === 'created_by' ? who.id : who.orgId;
        if (!v) continue;
        const r = await db.selectFrom(table).select('id').where(col, '=', v).orderBy('id').limit(1).executeTakeFirst().catch(() => undefined);
        if (r) return String(r.id);
      }
    }
    const r = await db.selectFrom(table).select('id').orderBy('id').limit(1).executeTakeFirst();
    return r ? String(r.id) : null;
  } catch {
    return null;
  }
}

const SPECIAL: Record<string, string> = { action: 'submit', year: '2026', region: '210200', code: '210200' };

/** The URL with its parameters filled for this actor: real rows where they exist (`fake` = always non-existent ids). */
export async function fillUrl(w: World, url: string, actor: ActorKey, fake = false, paramsSchema?: any): Promise<string> {
  let out = url;
  for (const m of url.matchAll(/:(\w+)/g)) {
    const name = m[1];
    let value: string | null = SPECIAL[name] ?? null;
    // a parameter with a closed set of values (an action name): the declared one, 'submit' when it is allowed
    const ps = paramsSchema?.properties?.[name];
    const allowed: string[] | undefined = ps?.enum ?? ps?.anyOf?.map((o: any) => o.const).filter((c: unknown) => typeof c === 'string') ?? (ps?.const ? [ps.const] : undefined);
    if (allowed?.length) value = allowed.includes(value ?? '') ? value : allowed[0];
    if (!value && !fake) {
      if (name === 'userId') value = w.users.enterprise.id;
      else if (url.startsWith('/api/organisations/:id') && actor !== 'anonymous' && w.users[actor].orgId) value = w.users[actor].orgId;
      else for (const t of tablesFor(url, name, w.tables)) if ((value = await rowFor(w, t, actor))) break;
    }
    out = out.replace(`:${name}`, encodeURIComponent(value ?? FAKE_ID));
  }
  return out;
}

export function querystringFor(route: RouteInfo): string {
  const q = sampleValid(route.schema?.querystring) as Record<string, unknown> | undefined;
  if (!q || typeof q !== 'object') return '';
  const parts = Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(Array.isArray(v) ? v[0] : v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export type Outcome = 'denied' | 'passed';

/** Calls the route as the actor (real ids, then non-existent ids): 'denied' when any answer is 401/403. */
export async function probe(w: World, route: RouteInfo, actor: ActorKey): Promise<{ outcome: Outcome; statuses: number[] }> {
  const statuses: number[] = [];
  const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : await withRealReferences(w, sampleValid(route.schema?.body) ?? {}, actor);
  const urls = [await fillUrl(w, route.url, actor, false, route.schema?.params), await fillUrl(w, route.url, actor, true, route.schema?.params)];
  for (const url of [...new Set(urls)]) {
    const headers: Record<string, string> = {};
    if (actor !== 'anonymous') headers.cookie = w.cookies[actor]!;
    const res = await w.app.inject({ method: route.method as 'GET', url: url + querystringFor(route), headers, ...(body !== undefined ? { payload: body as object } : {}) });
    statuses.push(res.statusCode);
  }
  return { outcome: statuses.some((s) => s === 401 || s === 403) ? 'denied' : 'passed', statuses };
}

/** Routes that end the caller's own session or identity: probed last for each actor, sessions refreshed after. */
export function isSelfDestructive(route: RouteInfo): boolean {
  return route.url === '/api/auth/logout' || route.url === '/api/auth/password';
}

/** Fills id-like body fields with real rows, so a request is refused for its role rather than for a dangling reference. */
export async function withRealReferences(w: World, body: unknown, actor: ActorKey): Promise<unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const db = w.p.ctx.db as any;
  const first = async (table: string) => (await db.selectFrom(table).select('id').orderBy('id').limit(1).executeTakeFirst())?.id ?? null;
  for (const k of Object.keys(out)) {
    if (typeof out[k] !== 'string') continue;
    if (/broker.*UserId$/i.test(k)) out[k] = w.users.broker.id;
    else if (/UserId$/.test(k)) out[k] = w.users.enterprise.id;
    else if (/^(organisationId|orgId)$/.test(k) && actor !== 'anonymous' && w.users[actor].orgId) out[k] = w.users[actor].orgId;
    else if (k === 'dealId') out[k] = await first('deals');
    else if (k === 'demandId') out[k] = await first('demands');
    else if (k === 'achievementId' || k === 'listingId') out[k] = await first('achievements');
  }
  return out;
}
