import { sql } from 'kysely';
import type { Executor } from '../../kernel/context.js';
import { escapeLike, type Dialect } from '../../kernel/db/database.js';
import type { DB } from '../../schema.js';
import type { AchievementRow, DemandRow, IpItemRow } from './listings.table.js';
import { appendOutbox, lockOutbox } from '../../kernel/outbox/index.js';
import { PUBLIC_STATUSES } from './lifecycle.js';

export type ListingKind = 'demand' | 'achievement';
export type ListingRow<K extends ListingKind = ListingKind> = K extends 'demand' ? DemandRow : AchievementRow;
type AnyRow = DemandRow | AchievementRow;

export interface ListingFilter {
  statuses?: readonly string[];
  orgId?: string;
  /** rows visible to a user beyond the public ones: their organisation's and those they broker */
  orVisibleTo?: { orgId: string | null; userId: string };
  brokerUserId?: string;
  q?: string;
  industry?: string;
  regionPrefix?: string;
  trlMin?: number;
  trlMax?: number;
  /** demands: budget ≥ this; achievements: asking price ≤ this (fen) */
  amountMinFen?: number;
  amountMaxFen?: number;
  mode?: string;
  ids?: string[];
  /**
   * Restricts to these ids (the text index's hits for `q`). Bound as one parameter (a JSON array on SQLite, a text[]
   * on PostgreSQL) rather than an IN list: any number of ids, one SQL text (statement cache), no variable limit.
   */
  idSet?: string[];
}

/** What a view of a listing needs beyond its row (see ListingsRepository.findWithFacts). */
export interface ListingFacts {
  industries: string[];
  brokers: string[];
  ip: IpItemRow[];
  /** The owner organisation's name and verification, read in the same statement (null if the row has none). */
  organisation: ListingOrg | null;
}
export interface ListingOrg {
  id: string;
  name: string;
  verified: boolean;
}
export interface ListingWithFacts<K extends ListingKind = ListingKind> extends ListingFacts {
  row: ListingRow<K>;
}
interface FactColumns {
  f_industries: unknown;
  f_brokers: unknown;
  f_ip: unknown;
  f_org_name: string | null;
  f_org_verified: number | null;
}

export type ListingSort = 'relevance' | 'newest' | 'updated' | 'title' | 'trl' | 'amount';

const TABLE = { demand: 'demands', achievement: 'achievements' } as const;
const INDUSTRIES = { demand: 'demand_industries', achievement: 'achievement_industries' } as const;

/** The only SQL about demands and achievements. Dynamic table names are confined to this file. */
export class ListingsRepository<K extends ListingKind> {
  private readonly table: 'demands';
  private readonly industries: 'demand_industries';

  constructor(readonly kind: K, private readonly dialect: Dialect) {
    // Kysely needs literal table types; both tables share every column this class touches generically.
    this.table = TABLE[kind] as 'demands';
    this.industries = INDUSTRIES[kind] as 'demand_industries';
  }

  /**
   * A new listing that is not public (a draft, or one waiting for review) appends no outbox event and so takes no
   * outbox lock: no node can hold it in its index yet, and in server mode the lock would make every draft wait for
   * every other listing write until it commits.
   */
  async insert(db: Executor<DB>, row: ListingRow<K>, industries: string[]): Promise<void> {
    const isPublic = (PUBLIC_STATUSES as readonly string[]).includes(row.status);
    if (isPublic) await lockOutbox(db, this.dialect);
    await db.insertInto(this.table).values(row as DemandRow).execute();
    await this.setIndustries(db, row.id, industries, false);
    if (isPublic) await this.appendChange(db, row.id, row.status);
  }

  async update(db: Executor<DB>, id: string, patch: Partial<ListingRow<K>>, industries?: string[]): Promise<void> {
    await lockOutbox(db, this.dialect);
    await db.updateTable(this.table).set(patch as Partial<DemandRow>).where('id', '=', id).execute();
    if (industries) await this.setIndustries(db, id, industries);
    await this.appendChange(db, id, patch.status);
  }

  /**
   * Every write to a listing appends an outbox event in the same transaction (the caller's `db` is its transaction):
   * the matching index of every API node follows these events. Wall-clock time: the outbox is operational data.
   */
  private async appendChange(db: Executor<DB>, id: string, status?: string): Promise<void> {
    const s = status ?? (await db.selectFrom(this.table).select('status').where('id', '=', id).executeTakeFirst())?.status ?? null;
    const type = s && (PUBLIC_STATUSES as readonly string[]).includes(s) ? 'listing.upserted' : 'listing.removed';
    await appendOutbox(db, this.dialect, type, { kind: this.kind, id, status: s }, new Date());
  }

  /** `replace` false: a new listing, which has no industry rows to delete yet */
  private async setIndustries(db: Executor<DB>, id: string, codes: string[], replace = true): Promise<void> {
    if (replace) await db.deleteFrom(this.industries).where('listing_id', '=', id).execute();
    const unique = [...new Set(codes)];
    if (unique.length) await db.insertInto(this.industries).values(unique.map((code) => ({ listing_id: id, code }))).execute();
  }

  async findById(db: Executor<DB>, id: string): Promise<ListingRow<K> | undefined> {
    return (await db.selectFrom(this.table).selectAll().where('id', '=', id).executeTakeFirst()) as ListingRow<K> | undefined;
  }

  /**
   * Rows with the facts every view needs — industry codes, assigned brokers, IP items — in one statement (JSON arrays
   * from correlated subqueries) instead of one round trip per kind of fact. Ids not found are left out.
   */
  async findWithFacts(db: Executor<DB>, ids: string[]): Promise<ListingWithFacts<K>[]> {
    const out: ListingWithFacts<K>[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      out.push(...this.withFacts(await db.selectFrom(this.table).selectAll().select(this.factColumns()).where('id', 'in', ids.slice(i, i + 500)).execute()));
    }
    return out;
  }

  /**
   * The rows among `ids` (a page) that pass the filter, with their facts, in one statement: the correlated subqueries
   * run for these rows only (in a query sorted over a whole filter they would run for every row before the sort).
   */
  private async filteredWithFacts(db: Executor<DB>, f: ListingFilter, ids: string[]): Promise<ListingWithFacts<K>[]> {
    return this.withFacts(await this.filtered(db, { ...f, q: undefined, idSet: ids }).selectAll().select(this.factColumns()).execute());
  }

  /** Rows read with `factColumns()`, split into the row and its facts. */
  private withFacts(rows: unknown[]): ListingWithFacts<K>[] {
    return (rows as (AnyRow & FactColumns)[]).map((r) => {
      const { f_industries, f_brokers, f_ip, f_org_name, f_org_verified, ...row } = r;
      return { row: row as ListingRow<K>, ...this.parseFacts(r, row.organisation_id as string) };
    });
  }

  /** The facts of rows already read (a list page): one statement, as findWithFacts. */
  async factsOf(db: Executor<DB>, ids: string[]): Promise<Map<string, ListingFacts>> {
    const map = new Map<string, ListingFacts>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = (await db.selectFrom(this.table).select(['id', 'organisation_id']).select(this.factColumns()).where('id', 'in', ids.slice(i, i + 500)).execute()) as ({ id: string; organisation_id: string } & FactColumns)[];
      for (const r of rows) map.set(r.id, this.parseFacts(r, r.organisation_id));
    }
    return map;
  }

  private factColumns() {
    const id = sql.ref(`${this.table}.id`);
    const pg = this.dialect === 'postgres';
    const array = (value: ReturnType<typeof sql>) => (pg ? sql`coalesce(json_agg(${value}), '[]'::json)` : sql`json_group_array(${value})`);
    const ipColumns = ['id', 'achievement_id', 'type', 'number', 'title', 'position'];
    const object = sql`${sql.raw(pg ? 'json_build_object' : 'json_object')}(${sql.join(ipColumns.map((c) => sql`${sql.lit(c)}, ${sql.ref(c)}`))})`;
    return [
      sql<unknown>`(select ${array(sql`code`)} from ${sql.table(this.industries)} where listing_id = ${id})`.as('f_industries'),
      sql<unknown>`(select ${array(sql`broker_user_id`)} from listing_brokers where listing_kind = ${this.kind} and listing_id = ${id})`.as('f_brokers'),
      this.kind === 'achievement' ? sql<unknown>`(select ${array(object)} from ip_items where achievement_id = ${id})`.as('f_ip') : sql<unknown>`null`.as('f_ip'),
      // the owner's name and verification for the view: two primary-key lookups in this statement instead of a second one
      sql<string | null>`(select name from organisations where organisations.id = ${sql.ref(`${this.table}.organisation_id`)})`.as('f_org_name'),
      sql<number | null>`(select verified from organisations where organisations.id = ${sql.ref(`${this.table}.organisation_id`)})`.as('f_org_verified'),
    ];
  }

  /** JSON arrays arrive parsed from PostgreSQL and as text from SQLite. */
  private parseFacts(c: FactColumns, organisationId: string): ListingFacts {
    const parse = <T>(v: unknown): T[] => (v == null ? [] : typeof v === 'string' ? (JSON.parse(v) as T[]) : (v as T[]));
    return {
      industries: parse<string>(c.f_industries),
      brokers: parse<string>(c.f_brokers),
      ip: parse<IpItemRow>(c.f_ip).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      organisation: c.f_org_name == null ? null : { id: organisationId, name: c.f_org_name, verified: Number(c.f_org_verified) === 1 },
    };
  }

  async findByExternalId(db: Executor<DB>, externalId: string): Promise<ListingRow<K> | undefined> {
    return (await db.selectFrom(this.table).selectAll().where('external_id', '=', externalId).executeTakeFirst()) as ListingRow<K> | undefined;
  }

  async industriesOf(db: Executor<DB>, ids: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom(this.industries).selectAll().where('listing_id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) map.set(r.listing_id, [...(map.get(r.listing_id) ?? []), r.code]);
    }
    return map;
  }

  async brokersOf(db: Executor<DB>, ids: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('listing_brokers').selectAll().where('listing_kind', '=', this.kind).where('listing_id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) map.set(r.listing_id, [...(map.get(r.listing_id) ?? []), r.broker_user_id]);
    }
    return map;
  }

  async assignBroker(db: Executor<DB>, id: string, brokerUserId: string, by: string | null, at: string): Promise<void> {
    const exists = await db.selectFrom('listing_brokers').select('broker_user_id').where('listing_kind', '=', this.kind).where('listing_id', '=', id).where('broker_user_id', '=', brokerUserId).executeTakeFirst();
    if (!exists) await db.insertInto('listing_brokers').values({ listing_kind: this.kind, listing_id: id, broker_user_id: brokerUserId, assigned_by: by, assigned_at: at }).execute();
  }

  async unassignBroker(db: Executor<DB>, id: string, brokerUserId: string): Promise<void> {
    await db.deleteFrom('listing_brokers').where('listing_kind', '=', this.kind).where('listing_id', '=', id).where('broker_user_id', '=', brokerUserId).execute();
  }

  async ipItems(db: Executor<DB>, achievementIds: string[]): Promise<Map<string, IpItemRow[]>> {
    const map = new Map<string, IpItemRow[]>();
    for (let i = 0; i < achievementIds.length; i += 500) {
      const rows = await db.selectFrom('ip_items').selectAll().where('achievement_id', 'in', achievementIds.slice(i, i + 500)).orderBy('position').execute();
      for (const r of rows) map.set(r.achievement_id, [...(map.get(r.achievement_id) ?? []), r]);
    }
    return map;
  }

  async replaceIpItems(db: Executor<DB>, achievementId: string, items: IpItemRow[]): Promise<void> {
    await db.deleteFrom('ip_items').where('achievement_id', '=', achievementId).execute();
    if (items.length) await db.insertInto('ip_items').values(items).execute();
  }

  private filtered(db: Executor<DB>, f: ListingFilter) {
    let q = db.selectFrom(this.table);
    const like = this.dialect === 'postgres' ? 'ilike' : 'like';
    // With an id set from the text index, the ids must be looked up by primary key; left to itself SQLite walks the
    // status index (every published row) and probes the set — 3× slower at 20k rows — and PostgreSQL, with
    // statistics not yet refreshed after a bulk import, ANDs a bitmap of the whole status index with the ids' (8 ms
    // instead of 0.05 at 100k rows: server-mode search was bound by it). `+status` (SQLite) and `status || ''`
    // (PostgreSQL) keep the same predicate but make it unusable as an index.
    const status = !f.idSet ? sql.ref<string>('status') : this.dialect === 'sqlite' ? sql<string>`+status` : sql<string>`(status || '')`;
    if (f.statuses || f.orVisibleTo) {
      q = q.where((eb) => {
        const ors = [];
        if (f.statuses) ors.push(eb(status, 'in', f.statuses.length ? [...f.statuses] : ['']));
        if (f.orVisibleTo?.orgId) ors.push(eb('organisation_id', '=', f.orVisibleTo.orgId));
        if (f.orVisibleTo) {
          ors.push(eb('id', 'in', eb.selectFrom('listing_brokers').select('listing_id').where('listing_kind', '=', this.kind).where('broker_user_id', '=', f.orVisibleTo.userId)));
        }
        return eb.or(ors);
      });
    }
    if (f.orgId) q = q.where('organisation_id', '=', f.orgId);
    if (f.brokerUserId) {
      const broker = f.brokerUserId;
      q = q.where('id', 'in', (eb) => eb.selectFrom('listing_brokers').select('listing_id').where('listing_kind', '=', this.kind).where('broker_user_id', '=', broker));
    }
    // Text filter over public fields only: confidential detail is never searched, so a hit cannot reveal it.
    if (f.q) {
      const terms = f.q.trim().split(/\s+/).filter(Boolean).slice(0, 8);
      for (const t of terms) {
        const pattern = `%${escapeLike(t)}%`;
        q = q.where((eb) => eb.or([eb('title', like, pattern), eb('summary', like, pattern), eb('keywords', like, pattern), eb('field', like, pattern)]));
      }
    }
    if (f.industry) {
      const code = f.industry;
      q = q.where('id', 'in', (eb) => eb.selectFrom(this.industries).select('listing_id').where((w) => w.or([w('code', '=', code), w('code', 'like', `${escapeLike(code)}.%`)])));
    }
    if (f.regionPrefix) q = q.where('region_code', 'like', `${escapeLike(f.regionPrefix)}%`);
    const trlCol = this.kind === 'demand' ? 'min_trl' : 'trl';
    if (f.trlMin !== undefined) q = q.where(sql.ref(trlCol), '>=', f.trlMin);
    if (f.trlMax !== undefined) q = q.where(sql.ref(trlCol), '<=', f.trlMax);
    if (this.kind === 'demand') {
      if (f.amountMinFen !== undefined) q = q.where(sql.ref('budget_max_fen'), '>=', f.amountMinFen);
      if (f.amountMaxFen !== undefined) q = q.where(sql.ref('budget_min_fen'), '<=', f.amountMaxFen);
    } else {
      if (f.amountMaxFen !== undefined) q = q.where((eb) => eb.or([eb(sql.ref('price_min_fen'), '<=', f.amountMaxFen), eb(sql.ref('price_negotiable'), '=', 1)]));
      if (f.amountMinFen !== undefined) q = q.where((eb) => eb.or([eb(sql.ref('price_max_fen'), '>=', f.amountMinFen), eb(sql.ref('price_negotiable'), '=', 1)]));
    }
    if (f.mode) q = q.where('modes', 'like', `%"${escapeLike(f.mode)}"%`);
    if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['']);
    if (f.idSet) {
      q = this.dialect === 'postgres'
        ? q.where(sql<boolean>`id = any(${f.idSet}::text[])`)
        : q.where(sql<boolean>`id in (select value from json_each(${JSON.stringify(f.idSet)}))`);
    }
    return q;
  }

  /**
   * A page of `rankedIds` (best first) when the filter is status only and the ids' source holds exactly the listings of
   * those statuses (the text index holds the public listings): the total is the number of ids and only the page's rows
   * are read — with the filter applied again in SQL, so a listing the index has not caught up with yet is skipped
   * (the page is filled from the ids after it), never shown. `rankedIds` may be the head of the ranking only
   * (through the page and a little beyond); `count` is then the number of all hits.
   */
  async pageRanked(db: Executor<DB>, f: ListingFilter, rankedIds: string[], page: number, pageSize: number, count = rankedIds.length): Promise<{ items: ListingWithFacts<K>[]; total: number }> {
    const out: ListingWithFacts<K>[] = [];
    let from = (page - 1) * pageSize;
    let dropped = 0;
    while (out.length < pageSize && from < rankedIds.length) {
      const ids = rankedIds.slice(from, from + (pageSize - out.length));
      from += ids.length;
      const items = await this.filteredWithFacts(db, f, ids);
      const byId = new Map(items.map((i) => [i.row.id, i]));
      for (const id of ids) {
        const item = byId.get(id);
        if (item) out.push(item);
        else dropped++;
      }
    }
    return { items: out, total: count - dropped };
  }

  /**
   * A page of the rows among `rankedIds` (best first, from the text index) that pass the filter — status/visibility
   * included, applied here in SQL — in that order, with their facts, and how many pass.
   */
  async listRanked(db: Executor<DB>, f: ListingFilter, rankedIds: string[], page: number, pageSize: number): Promise<{ items: ListingWithFacts<K>[]; total: number }> {
    if (!rankedIds.length) return { items: [], total: 0 };
    const passed = new Set((await this.filtered(db, { ...f, q: undefined, idSet: rankedIds }).select('id').execute()).map((r) => r.id));
    const ordered = rankedIds.filter((id) => passed.has(id));
    const pageIds = ordered.slice((page - 1) * pageSize, page * pageSize);
    if (!pageIds.length) return { items: [], total: ordered.length };
    // the filter again: a row changed between the two reads must not slip through
    const items = await this.filteredWithFacts(db, f, pageIds);
    const byId = new Map(items.map((i) => [i.row.id, i]));
    return { items: pageIds.map((id) => byId.get(id)).filter((i): i is ListingWithFacts<K> => i !== undefined), total: ordered.length };
  }

  async list(db: Executor<DB>, f: ListingFilter, sort: ListingSort, page: number, pageSize: number): Promise<{ rows: ListingRow<K>[]; total: number }> {
    const base = this.filtered(db, f);
    const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    let q = base.selectAll();
    switch (sort) {
      case 'updated': q = q.orderBy('updated_at', 'desc'); break;
      case 'title': q = q.orderBy('title'); break;
      case 'trl': q = q.orderBy(sql.ref(this.kind === 'demand' ? 'min_trl' : 'trl'), sql`desc nulls last`); break;
      case 'amount': q = q.orderBy(sql.ref(this.kind === 'demand' ? 'budget_max_fen' : 'price_min_fen'), sql`desc nulls last`); break;
      default: q = q.orderBy(sql`coalesce(published_at, created_at)`, 'desc');
    }
    const rows = await q.orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { rows: rows as AnyRow[] as ListingRow<K>[], total };
  }

  /** Streams every row matching the filter in pages (exports, index rebuilds). */
  async *scan(db: Executor<DB>, f: ListingFilter, batch = 1000): AsyncGenerator<ListingRow<K>[]> {
    let after = '';
    for (;;) {
      const rows = (await this.filtered(db, f).selectAll().where('id', '>', after).orderBy('id').limit(batch).execute()) as AnyRow[] as ListingRow<K>[];
      if (!rows.length) return;
      yield rows;
      after = rows[rows.length - 1].id;
      if (rows.length < batch) return;
    }
  }

  /** Public listings per city (the first four digits of the region code + '00'). */
  async countByCity(db: Executor<DB>, statuses: readonly string[]): Promise<Record<string, number>> {
    const rows = await db.selectFrom(this.table).select([sql<string>`substr(region_code, 1, 4)`.as('prefix'), (eb) => eb.fn.countAll().as('n')])
      .where('status', 'in', [...statuses]).where('region_code', 'is not', null).groupBy(sql`substr(region_code, 1, 4)`).execute();
    return Object.fromEntries(rows.map((r) => [`${r.prefix}00`, Number(r.n)]));
  }

  async publishedTimes(db: Executor<DB>, statuses: readonly string[], sinceIso: string): Promise<string[]> {
    const rows = await db.selectFrom(this.table).select('published_at').where('status', 'in', [...statuses]).where('published_at', '>=', sinceIso).execute();
    return rows.map((r) => r.published_at!).filter(Boolean);
  }

  /** Published demands whose deadline (a Shanghai calendar date) is before `today`. */
  async overdueIds(db: Executor<DB>, today: string): Promise<string[]> {
    if (this.kind !== 'demand') return [];
    const rows = await db.selectFrom('demands').select('id').where('status', '=', 'published').where('deadline', 'is not', null).where('deadline', '<', today).execute();
    return rows.map((r) => r.id);
  }

  async countByStatus(db: Executor<DB>): Promise<Record<string, number>> {
    const rows = await db.selectFrom(this.table).select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
