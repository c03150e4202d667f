import { uuidv7 } from 'uuidv7';
import { type Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, parseJsonArray, type Executor, type KernelContext } from '../../kernel/context.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { DB } from '../../schema.js';
import { regionByCode, taxonomyNode, classifyField } from '../reference/index.js';
import { isPatentProblem, parsePatentNumber } from '../achievements/patent-number.js';
import { canEditListing, canReadDetail, canSeeListing, isOwner, type ListingAccessFacts } from './access.js';
import { availableActions, PUBLIC_STATUSES, transition, type ActionBy, type ListingAction, type ListingStatus } from './lifecycle.js';
import { ListingsRepository, type ListingFilter, type ListingKind, type ListingOrg, type ListingRow, type ListingSort, type ListingWithFacts } from './listings.repository.js';
import type { AchievementRow, DemandRow, IpItemRow } from './listings.table.js';
import { blocksSubmission, qualityChecklist, type QualityItem } from './quality.js';

/** Transformation / cooperation modes (转化方式). */
export const LISTING_MODES = ['transfer', 'license', 'co_development', 'commissioned', 'equity', 'incubation', 'service', 'joint_lab', 'strategic'] as const;
export const IP_TYPES = ['invention_patent', 'utility_patent', 'design_patent', 'software_copyright', 'know_how', 'other'] as const;

export interface IpInput {
  type: (typeof IP_TYPES)[number];
  number?: string | null;
  title?: string;
}

export interface TeamMember {
  name: string;
  title?: string;
  role?: string;
}

/** Normalised input for both kinds (amounts already in fen). */
export interface ListingInput {
  title: string;
  summary: string;
  detail?: string;
  field?: string;
  keywords?: string[];
  industries?: string[];
  regionCode?: string | null;
  modes?: string[];
  // demands
  minTrl?: number | null;
  budgetMinFen?: number | null;
  budgetMaxFen?: number | null;
  deadline?: string | null;
  // achievements
  trl?: number | null;
  priceNegotiable?: boolean;
  priceMinFen?: number | null;
  priceMaxFen?: number | null;
  team?: TeamMember[];
  pilotNeeds?: string;
  ip?: IpInput[];
}

export interface ListingChange {
  kind: ListingKind;
  id: string;
  op: 'upsert' | 'delete';
}

/** Who has accepted an NDA for what — answered by the ndas module (injected to avoid a cycle). */
export interface DetailGrants {
  grantedListingIds(kind: ListingKind, orgId: string, listingIds: string[], db?: Executor<DB>): Promise<Set<string>>;
}

/**
 * Search-box text queries answered from the in-memory matching index (injected by the matching module to avoid a
 * cycle): the public listings of a kind matching every word of `q`, best first, at most `limit`; null while the
 * index is not built (CLI, start-up) — the list then falls back to LIKE.
 */
export interface TextSearch {
  rankedIds(kind: ListingKind, q: string, limit: number): { ids: string[]; total: number } | null;
}

/** At most this many best text hits are considered for a `q` list (total and pages are over them). */
export const MAX_TEXT_CANDIDATES = 5000;

export interface CreditGate {
  assertMayTransact(orgId: string, action: 'publish' | 'bid' | 'finance'): Promise<void>;
}

export interface ListingView<K extends ListingKind> {
  row: ListingRow<K>;
  industries: string[];
  ip: IpItemRow[];
  brokers: string[];
  /** The owner organisation (name, verification) as read with the row; null when it does not exist. */
  organisation: ListingOrg | null;
  detailVisible: boolean;
  owner: boolean;
  actions: ListingAction[];
  quality: QualityItem[] | null;
}

export interface ListQuery extends Omit<ListingFilter, 'statuses' | 'orVisibleTo' | 'brokerUserId'> {
  scope?: 'public' | 'mine' | 'review' | 'brokered' | 'all';
  status?: ListingStatus;
  sort?: ListingSort;
  page?: number;
  pageSize?: number;
}

const NOT_FOUND = { demand: 'DEMAND_NOT_FOUND', achievement: 'ACHIEVEMENT_NOT_FOUND' } as const;

export class ListingsService<K extends ListingKind> {
  readonly repo: ListingsRepository<K>;
  private listeners: ((c: ListingChange) => void | Promise<void>)[] = [];
  private grants: DetailGrants = { grantedListingIds: async () => new Set() };

  constructor(
    private readonly ctx: KernelContext<DB>,
    readonly kind: K,
  ) {
    this.repo = new ListingsRepository(kind, ctx.dialect);
  }

  useDetailGrants(grants: DetailGrants): void {
    this.grants = grants;
  }

  private textSearch: TextSearch = { rankedIds: () => null };

  useTextSearch(search: TextSearch): void {
    this.textSearch = search;
  }

  private gate: CreditGate = { assertMayTransact: async () => undefined };

  /** 失信惩戒: the credit module refuses publishing for organisations on the serious list (injected to avoid a cycle). */
  useCreditGate(gate: CreditGate): void {
    this.gate = gate;
  }

  /** Subscribes to committed changes (the matching index keeps itself current through this). */
  onChange(listener: (c: ListingChange) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  private async emit(change: ListingChange): Promise<void> {
    for (const l of this.listeners) await l(change);
  }

  // ── validation ───────────────────────────────────────────────────────────────────────────────

  private validate(input: Partial<ListingInput>, creating: boolean): void {
    if (input.regionCode && !regionByCode(input.regionCode)) throw invalidField('regionCode', '不是有效的行政区划代码（GB/T 2260）', 'is not a GB/T 2260 region code');
    for (const code of input.industries ?? []) if (!taxonomyNode(code)) throw invalidField('industries', `行业代码 ${code} 不存在`, `unknown industry code ${code}`);
    for (const m of input.modes ?? []) if (!(LISTING_MODES as readonly string[]).includes(m)) throw invalidField('modes', `未知转化方式 ${m}`, `unknown mode ${m}`);
    const pairs: [keyof ListingInput, keyof ListingInput, string][] = [['budgetMinFen', 'budgetMaxFen', 'budget'], ['priceMinFen', 'priceMaxFen', 'price']];
    for (const [lo, hi, name] of pairs) {
      const a = input[lo] as number | null | undefined;
      const b = input[hi] as number | null | undefined;
      if (a != null && b != null && a > b) throw invalidField(`${name}MinWan`, '下限不能大于上限', 'minimum must not exceed maximum');
    }
    if (input.deadline) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.deadline) || Number.isNaN(Date.parse(`${input.deadline}T00:00:00Z`))) throw invalidField('deadline', '日期格式应为 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
      if (creating && input.deadline < shanghaiDate(this.ctx.clock.now())) throw invalidField('deadline', '截止日期不能早于今天', 'must not be in the past');
    }
    for (const [i, item] of (input.ip ?? []).entries()) {
      if (item.type.endsWith('_patent')) {
        if (!item.number) throw invalidField(`ip.${i}.number`, '专利须填写申请号', 'a patent needs its application number');
        const parsed = parsePatentNumber(item.number, this.ctx.clock.now().getUTCFullYear());
        if (isPatentProblem(parsed)) {
          const reasons = { format: ['格式应为 YYYY+类型+7位流水号.校验位', 'must be YYYY + type + 7 digits + . + check'], year: ['年份不合法', 'has an impossible year'], type: ['专利类型位不合法', 'has an invalid type digit'], check: ['校验位不正确', 'has a wrong check digit'] }[parsed];
          throw invalidField(`ip.${i}.number`, `专利申请号${reasons[0]}`, `patent application number ${reasons[1]}`);
        }
        const expected = { invention_patent: ['invention', 'pct_invention'], utility_patent: ['utility', 'pct_utility'], design_patent: ['design'] }[item.type as 'invention_patent'];
        if (!expected.includes(parsed.kind)) throw invalidField(`ip.${i}.type`, '专利类型与申请号不一致', 'does not match the kind encoded in the application number');
      }
    }
  }

  private ipRows(id: string, items: IpInput[]): IpItemRow[] {
    return items.map((it, position) => {
      const parsed = it.number ? parsePatentNumber(it.number, this.ctx.clock.now().getUTCFullYear()) : null;
      const number = parsed && !isPatentProblem(parsed) ? `${parsed.granted ? 'ZL' : ''}${parsed.normalised}` : it.number ?? null;
      return { id: uuidv7(), achievement_id: id, type: it.type, number, title: it.title ?? '', position };
    });
  }

  private industriesFor(input: Partial<ListingInput>): string[] | undefined {
    if (input.industries && input.industries.length) return input.industries;
    if (input.field) return classifyField(input.field);
    return input.industries;
  }

  private columns(input: Partial<ListingInput>): Partial<DemandRow & AchievementRow> {
    const c: Partial<DemandRow & AchievementRow> = {};
    if (input.title !== undefined) c.title = input.title.trim();
    if (input.summary !== undefined) c.summary = input.summary.trim();
    if (input.detail !== undefined) c.detail = input.detail;
    if (input.field !== undefined) c.field = input.field;
    if (input.keywords !== undefined) c.keywords = JSON.stringify([...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))]);
    if (input.regionCode !== undefined) c.region_code = input.regionCode;
    if (input.modes !== undefined) c.modes = JSON.stringify([...new Set(input.modes)]);
    if (this.kind === 'demand') {
      if (input.minTrl !== undefined) c.min_trl = input.minTrl;
      if (input.budgetMinFen !== undefined) c.budget_min_fen = input.budgetMinFen;
      if (input.budgetMaxFen !== undefined) c.budget_max_fen = input.budgetMaxFen;
      if (input.deadline !== undefined) c.deadline = input.deadline;
    } else {
      if (input.trl !== undefined) c.trl = input.trl;
      if (input.priceNegotiable !== undefined) c.price_negotiable = input.priceNegotiable ? 1 : 0;
      if (input.priceMinFen !== undefined) c.price_min_fen = input.priceMinFen;
      if (input.priceMaxFen !== undefined) c.price_max_fen = input.priceMaxFen;
      if (input.team !== undefined) c.team = JSON.stringify(input.team);
      if (input.pilotNeeds !== undefined) c.pilot_needs = input.pilotNeeds;
    }
    return c;
  }

  // ── reads ────────────────────────────────────────────────────────────────────────────────────

  async getRow(id: string, db: Executor<DB> = this.ctx.db): Promise<ListingRow<K>> {
    const row = await this.repo.findById(db, id);
    if (!row) throw new AppError(NOT_FOUND[this.kind], { id });
    return row;
  }

  async findByExternalId(externalId: string): Promise<ListingRow<K> | undefined> {
    return this.repo.findByExternalId(this.ctx.db, externalId);
  }

  /** Access facts for rows. Inside a transaction pass it as `db`: SQLite has one connection, so reading outside it would wait forever. */
  private async facts(actor: Actor, rows: ListingRow<K>[], db: Executor<DB> = this.ctx.db): Promise<Map<string, ListingAccessFacts>> {
    const brokers = await this.repo.brokersOf(db, rows.map((r) => r.id));
    return this.accessFacts(actor, rows.map((row) => ({ row, brokers: brokers.get(row.id) ?? [] })), db);
  }

  /** Access facts from rows whose brokers are known: only an organisation's member needs a query (its NDA grants). */
  private async accessFacts(actor: Actor, items: { row: ListingRow<K>; brokers: string[] }[], db: Executor<DB> = this.ctx.db): Promise<Map<string, ListingAccessFacts>> {
    const orgId = actor.kind === 'user' ? actor.orgId : null;
    const granted = orgId ? await this.grants.grantedListingIds(this.kind, orgId, items.map((i) => i.row.id), db) : new Set<string>();
    return new Map(items.map(({ row, brokers }) => [row.id, { status: row.status as ListingStatus, ownerOrgId: row.organisation_id, brokerUserIds: brokers, ndaOrgIds: granted.has(row.id) && orgId ? [orgId] : [] }]));
  }

  /** 401 for anonymous callers, 404 for what they may not even see, 403 otherwise. */
  private denied(actor: Actor, f: ListingAccessFacts, id: string): AppError {
    if (actor.kind === 'anonymous') return new AppError('UNAUTHENTICATED');
    return canSeeListing(actor, f) ? new AppError('FORBIDDEN') : new AppError(NOT_FOUND[this.kind], { id });
  }

  private actionBy(actor: Actor, f: ListingAccessFacts): ActionBy | null {
    if (actor.kind === 'system') return 'system';
    if (actor.kind === 'user' && actor.role === 'admin') return 'admin';
    if (isOwner(actor, f)) return 'owner';
    return null;
  }

  /** Views of rows already read (a list page): their facts in one query, NDA grants in another for organisation members. */
  private async views(actor: Actor, rows: ListingRow<K>[]): Promise<ListingView<K>[]> {
    const facts = await this.repo.factsOf(this.ctx.db, rows.map((r) => r.id));
    return this.viewsOf(actor, rows.map((row) => ({ row, ...(facts.get(row.id) ?? { industries: [], brokers: [], ip: [], organisation: null }) })));
  }

  /** Views of rows read with their facts (NDA grants in one more query for organisation members). */
  private async viewsOf(actor: Actor, items: ListingWithFacts<K>[]): Promise<ListingView<K>[]> {
    return this.assemble(actor, items, await this.accessFacts(actor, items));
  }

  private assemble(actor: Actor, items: ListingWithFacts<K>[], access: Map<string, ListingAccessFacts>): ListingView<K>[] {
    return items.map(({ row, industries, ip, organisation }) => {
      const f = access.get(row.id)!;
      const by = this.actionBy(actor, f);
      const owner = isOwner(actor, f);
      return {
        row,
        industries,
        ip,
        organisation,
        brokers: f.brokerUserIds as string[],
        detailVisible: canReadDetail(actor, f),
        owner,
        actions: by ? availableActions(row.status as ListingStatus, by) : [],
        quality: owner || by === 'admin' ? this.quality(row, industries, ip.length) : null,
      };
    });
  }

  quality(row: ListingRow<K>, industries: string[], ipCount: number): QualityItem[] {
    const d = row as DemandRow;
    const a = row as AchievementRow;
    return qualityChecklist({
      kind: this.kind, title: row.title, summary: row.summary, detail: row.detail, industries, keywords: parseJsonArray(row.keywords),
      regionCode: row.region_code, modes: parseJsonArray(row.modes),
      ...(this.kind === 'demand'
        ? { minTrl: d.min_trl, budgetMaxFen: d.budget_max_fen, deadline: d.deadline }
        : { trl: a.trl, ipCount, priceNegotiable: a.price_negotiable === 1, priceMinFen: a.price_min_fen, priceMaxFen: a.price_max_fen }),
    });
  }

  /** One listing as the actor may see it; listings they may not see are reported as not found. */
  async get(actor: Actor, id: string): Promise<ListingView<K>> {
    // the row and its facts in one statement; the visibility check and the view share them
    const [item] = await this.repo.findWithFacts(this.ctx.db, [id]);
    if (!item) throw new AppError(NOT_FOUND[this.kind], { id });
    const access = await this.accessFacts(actor, [item]);
    if (!canSeeListing(actor, access.get(id)!)) throw new AppError(NOT_FOUND[this.kind], { id });
    return this.assemble(actor, [item], access)[0];
  }

  /**
   * Several listings as the actor may see them: rows with their brokers, industries and IP items in one query (and the
   * NDA grants of an organisation member in another) whatever their number; ids the actor may not see, or that do not
   * exist, are left out.
   */
  async getMany(actor: Actor, ids: string[]): Promise<Map<string, ListingView<K>>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const items = await this.repo.findWithFacts(this.ctx.db, unique);
    const access = await this.accessFacts(actor, items);
    const visible = items.filter((i) => canSeeListing(actor, access.get(i.row.id)!));
    return new Map(this.assemble(actor, visible, access).map((v) => [v.row.id, v]));
  }

  /** Whether the actor may read the confidential detail of a listing (used by matching and exports). */
  async detailReadable(actor: Actor, rows: ListingRow<K>[]): Promise<Set<string>> {
    const facts = await this.facts(actor, rows);
    return new Set(rows.filter((r) => canReadDetail(actor, facts.get(r.id)!)).map((r) => r.id));
  }

  private scopeFilter(actor: Actor, q: ListQuery): ListingFilter {
    const { scope = 'public', status, sort: _s, page: _p, pageSize: _ps, ...rest } = q;
    const isAdmin = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
    const f: ListingFilter = { ...rest };
    switch (scope) {
      case 'mine':
        if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'user' ? 'FORBIDDEN' : 'UNAUTHENTICATED');
        f.orgId = actor.orgId;
        if (status) f.statuses = [status];
        break;
      case 'brokered':
        if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
        f.brokerUserId = actor.userId;
        if (status) f.statuses = [status];
        break;
      case 'review':
        if (!isAdmin) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        f.statuses = ['submitted'];
        break;
      case 'all':
        if (!isAdmin) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        if (status) f.statuses = [status];
        break;
      default:
        f.statuses = status ? (PUBLIC_STATUSES.includes(status) ? [status] : []) : PUBLIC_STATUSES;
    }
    return f;
  }

  async list(actor: Actor, q: ListQuery): Promise<{ items: ListingView<K>[]; total: number; page: number; pageSize: number }> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const f = this.scopeFilter(actor, q);
    const sort = q.sort ?? (f.q ? 'relevance' : 'newest');
    // Public lists with `q`: candidates from the text index (public fields of published listings only), then every
    // filter — status included — in SQL over them. Other scopes (mine, review, brokered, all) include drafts and
    // unpublished rows the index does not hold; they are small or administrative and keep LIKE.
    // No filter but the public statuses (the index holds exactly the public listings): the hits are the result —
    // only the page is read, still through the status filter in SQL, so the index is asked for the best hits up to
    // the page (and a page more, in case some have changed since) plus the count. Any other filter or order: applied
    // in SQL to all hits (at most MAX_TEXT_CANDIDATES).
    const statusOnly = !q.status && (['industry', 'regionPrefix', 'trlMin', 'trlMax', 'amountMinFen', 'amountMaxFen', 'mode', 'orgId', 'ids'] as const).every((k) => f[k] === undefined);
    const pageOnly = statusOnly && sort === 'relevance';
    const want = pageOnly ? Math.min(MAX_TEXT_CANDIDATES, (page + 1) * pageSize) : MAX_TEXT_CANDIDATES;
    const hits = f.q && (q.scope ?? 'public') === 'public' ? this.textSearch.rankedIds(this.kind, f.q, want) : null;
    const ranked = hits?.ids ?? null;
    if (ranked && sort === 'relevance') {
      // a page of text-index hits: its rows come with their facts in the same statement
      const { items, total } = statusOnly
        ? await this.repo.pageRanked(this.ctx.db, f, ranked, page, pageSize, Math.min(MAX_TEXT_CANDIDATES, hits!.total))
        : await this.repo.listRanked(this.ctx.db, f, ranked, page, pageSize);
      return { items: await this.viewsOf(actor, items), total, page, pageSize };
    }
    const { rows, total } = !ranked
      ? await this.repo.list(this.ctx.db, f, sort === 'relevance' ? 'newest' : sort, page, pageSize)
      : await this.repo.list(this.ctx.db, { ...f, q: undefined, idSet: ranked }, sort, page, pageSize);
    return { items: await this.views(actor, rows), total, page, pageSize };
  }

  /** Every listing matching the query, in batches, each with whether its detail may be shown to the actor. */
  async *exportRows(actor: Actor, q: ListQuery): AsyncGenerator<ListingView<K>[]> {
    for await (const rows of this.repo.scan(this.ctx.db, this.scopeFilter(actor, q))) yield this.views(actor, rows);
  }

  async *scanPublished(batch = 1000): AsyncGenerator<{ row: ListingRow<K>; industries: string[] }[]> {
    for await (const rows of this.repo.scan(this.ctx.db, { statuses: PUBLIC_STATUSES }, batch)) {
      const ind = await this.repo.industriesOf(this.ctx.db, rows.map((r) => r.id));
      yield rows.map((row) => ({ row, industries: ind.get(row.id) ?? [] }));
    }
  }

  async industriesOf(ids: string[]): Promise<Map<string, string[]>> {
    return this.repo.industriesOf(this.ctx.db, ids);
  }

  async countByCity(): Promise<Record<string, number>> {
    return this.repo.countByCity(this.ctx.db, PUBLIC_STATUSES);
  }

  /** Listings published per month (Asia/Shanghai calendar) over the last `months` months, oldest first. */
  async publishedByMonth(months = 12): Promise<{ month: string; count: number }[]> {
    const now = this.ctx.clock.now();
    const keys: string[] = [];
    for (let i = months - 1; i >= 0; i--) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 15));
      keys.push(shanghaiDate(d).slice(0, 7));
    }
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)).toISOString();
    const counts = new Map(keys.map((k) => [k, 0]));
    for (const t of await this.repo.publishedTimes(this.ctx.db, PUBLIC_STATUSES, since)) {
      const key = shanghaiDate(new Date(t)).slice(0, 7);
      if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
    }
    return keys.map((month) => ({ month, count: counts.get(month)! }));
  }

  async countByStatus(): Promise<Record<string, number>> {
    return this.repo.countByStatus(this.ctx.db);
  }

  // ── writes ───────────────────────────────────────────────────────────────────────────────────

  private ownerOrgFor(actor: Actor, requested?: string | null): string {
    if (actor.kind === 'user' && actor.role !== 'admin') {
      if (!actor.orgId) throw new AppError('FORBIDDEN');
      const allowed = this.kind === 'demand' ? ['enterprise', 'service'] : ['institution', 'enterprise'];
      if (!allowed.includes(actor.role)) throw new AppError('LISTING_ROLE_NOT_ALLOWED', { role: actor.role });
      return actor.orgId;
    }
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (!requested) throw invalidField('organisationId', '管理员代发布须指定单位', 'is required when an administrator publishes on behalf of an organisation');
    return requested;
  }

  async create(actor: Actor, input: ListingInput & { organisationId?: string | null; submit?: boolean }): Promise<ListingView<K>> {
    const orgId = this.ownerOrgFor(actor, input.organisationId);
    this.validate(input, true);
    await this.gate.assertMayTransact(orgId, 'publish');
    const id = await inTransaction(this.ctx.db, async (trx) => {
      const now = nowIso(this.ctx.clock);
      const row = {
        id: uuidv7(), external_id: null, organisation_id: orgId, created_by: actor.kind === 'user' ? actor.userId : null,
        title: '', summary: '', detail: '', field: '', keywords: '[]', region_code: null, modes: '[]', status: 'draft', reject_reason: null,
        published_at: null, created_at: now, updated_at: now, version: 1,
        ...(this.kind === 'demand'
          ? { min_trl: null, budget_min_fen: null, budget_max_fen: null, deadline: null }
          : { trl: null, price_negotiable: 0, price_min_fen: null, price_max_fen: null, team: '[]', pilot_needs: '' }),
        ...this.columns(input),
      } as ListingRow<K>;
      await this.repo.insert(trx, row, this.industriesFor(input) ?? []);
      if (this.kind === 'achievement' && input.ip) await this.repo.replaceIpItems(trx, row.id, this.ipRows(row.id, input.ip));
      await recordAudit(trx, actor, { action: `${this.kind}.create`, subjectType: this.kind, subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
      return row.id;
    });
    if (input.submit) return this.act(actor, id, 'submit');
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, patch: Partial<ListingInput> & { version?: number }): Promise<ListingView<K>> {
    const wasPublic = await inTransaction(this.ctx.db, async (trx) => {
      const before = await this.getRow(id, trx);
      const f = (await this.facts(actor, [before], trx)).get(id)!;
      if (!canEditListing(actor, f)) throw this.denied(actor, f, id);
      if (patch.version !== undefined && patch.version !== before.version) throw new AppError('CONFLICT');
      this.validate(patch, false);
      const by = this.actionBy(actor, f)!;
      const t = transition(before.status as ListingStatus, 'edit', by === 'system' ? 'admin' : by);
      if (!t.ok) throw new AppError('LISTING_NOT_EDITABLE', { status: before.status });
      // an admin's correction keeps a published listing public; an owner's edit goes back to review
      const status = by === 'admin' ? before.status : t.to;
      const changes = { ...this.columns(patch), status, updated_at: nowIso(this.ctx.clock), version: before.version + 1 } as Partial<ListingRow<K>>;
      await this.repo.update(trx, id, changes, this.industriesFor(patch));
      if (this.kind === 'achievement' && patch.ip) await this.repo.replaceIpItems(trx, id, this.ipRows(id, patch.ip));
      const after = await this.getRow(id, trx);
      await recordAudit(trx, actor, { action: `${this.kind}.update`, subjectType: this.kind, subjectId: id, before, after, requestId: actor.requestId }, this.ctx.clock.now());
      return PUBLIC_STATUSES.includes(before.status as ListingStatus) || PUBLIC_STATUSES.includes(after.status as ListingStatus);
    });
    if (wasPublic) await this.emit({ kind: this.kind, id, op: 'upsert' });
    return this.get(actor, id);
  }

  /** Applies a lifecycle action (submit, approve, reject …) through the pure state machine. */
  async act(actor: Actor, id: string, action: ListingAction, reason?: string | null): Promise<ListingView<K>> {
    if (action === 'submit' || action === 'reopen') await this.gate.assertMayTransact((await this.getRow(id)).organisation_id, 'publish');
    await inTransaction(this.ctx.db, async (trx) => {
      const before = await this.getRow(id, trx);
      const f = (await this.facts(actor, [before], trx)).get(id)!;
      const by = this.actionBy(actor, f);
      if (!by) throw this.denied(actor, f, id);
      const t = transition(before.status as ListingStatus, action, by, reason);
      if (!t.ok) throw new AppError(t.code, { action, status: before.status });
      if (action === 'submit' || action === 'reopen') {
        const industries = (await this.repo.industriesOf(trx, [id])).get(id) ?? [];
        const ipCount = this.kind === 'achievement' ? ((await this.repo.ipItems(trx, [id])).get(id)?.length ?? 0) : 0;
        const items = this.quality(before, industries, ipCount);
        if (blocksSubmission(items)) {
          const blocking = items.filter((i) => i.severity === 'error');
          throw new AppError('LISTING_QUALITY_BLOCKED', { itemsZh: blocking.map((i) => i.zh).join('；'), itemsEn: blocking.map((i) => i.en).join('; ') }, blocking.map((i) => ({ field: i.field, code: `QUALITY_${i.code.toUpperCase()}`, params: { reasonZh: i.zh, reasonEn: i.en } })));
        }
      }
      const now = nowIso(this.ctx.clock);
      const patch = {
        status: t.to,
        reject_reason: action === 'reject' ? reason!.trim() : t.to === 'submitted' ? null : before.reject_reason,
        ...(t.to === 'published' && !before.published_at ? { published_at: now } : {}),
        updated_at: now,
        version: before.version + 1,
      } as Partial<ListingRow<K>>;
      await this.repo.update(trx, id, patch);
      await recordAudit(trx, actor, { action: `${this.kind}.${action}`, subjectType: this.kind, subjectId: id, before: { status: before.status }, after: { status: t.to, reason: reason ?? undefined }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    await this.emit({ kind: this.kind, id, op: 'upsert' });
    return this.get(actor, id);
  }

  async assignBroker(actor: Actor, id: string, brokerUserId: string, brokerRole: string | null, assign: boolean): Promise<ListingView<K>> {
    await inTransaction(this.ctx.db, async (trx) => {
      const row = await this.getRow(id, trx);
      const f = (await this.facts(actor, [row], trx)).get(id)!;
      if (!canEditListing(actor, f)) throw this.denied(actor, f, id);
      if (assign && brokerRole !== 'broker') throw invalidField('brokerUserId', '该用户不是技术经纪人', 'is not a technology broker');
      if (assign) await this.repo.assignBroker(trx, id, brokerUserId, actor.kind === 'user' ? actor.userId : null, nowIso(this.ctx.clock));
      else await this.repo.unassignBroker(trx, id, brokerUserId);
      await recordAudit(trx, actor, { action: `${this.kind}.${assign ? 'assign_broker' : 'unassign_broker'}`, subjectType: this.kind, subjectId: id, after: { brokerUserId }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return this.get(actor, id);
  }

  /**
   * Import: insert or update by external id inside the caller's transaction (idempotent — a re-import updates, never
   * duplicates). Returns what happened. Listeners are told by the caller after commit.
   */
  async upsertImported(actor: Actor, trx: Executor<DB>, externalId: string, orgId: string, input: ListingInput, status: ListingStatus): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
    this.validate(input, false);
    const existing = await this.repo.findByExternalId(trx, externalId);
    const now = nowIso(this.ctx.clock);
    const industries = this.industriesFor(input) ?? [];
    if (existing) {
      const cols = this.columns(input);
      const changed = Object.entries(cols).some(([k, v]) => (existing as unknown as Record<string, unknown>)[k] !== v) || existing.organisation_id !== orgId;
      const oldInd = ((await this.repo.industriesOf(trx, [existing.id])).get(existing.id) ?? []).sort().join(',');
      if (!changed && oldInd === [...new Set(industries)].sort().join(',')) return { id: existing.id, outcome: 'unchanged' };
      await this.repo.update(trx, existing.id, { ...cols, organisation_id: orgId, updated_at: now, version: existing.version + 1 } as Partial<ListingRow<K>>, industries);
      if (this.kind === 'achievement' && input.ip) await this.repo.replaceIpItems(trx, existing.id, this.ipRows(existing.id, input.ip));
      await recordAudit(trx, actor, { action: `${this.kind}.import_update`, subjectType: this.kind, subjectId: existing.id, before: existing, after: cols, requestId: actor.requestId }, this.ctx.clock.now());
      return { id: existing.id, outcome: 'updated' };
    }
    const row = {
      id: uuidv7(), external_id: externalId, organisation_id: orgId, created_by: actor.kind === 'user' ? actor.userId : null,
      title: '', summary: '', detail: '', field: '', keywords: '[]', region_code: null, modes: '[]', status, reject_reason: null,
      published_at: PUBLIC_STATUSES.includes(status) ? now : null, created_at: now, updated_at: now, version: 1,
      ...(this.kind === 'demand'
        ? { min_trl: null, budget_min_fen: null, budget_max_fen: null, deadline: null }
        : { trl: null, price_negotiable: 0, price_min_fen: null, price_max_fen: null, team: '[]', pilot_needs: '' }),
      ...this.columns(input),
    } as ListingRow<K>;
    await this.repo.insert(trx, row, industries);
    if (this.kind === 'achievement' && input.ip) await this.repo.replaceIpItems(trx, row.id, this.ipRows(row.id, input.ip));
    await recordAudit(trx, actor, { action: `${this.kind}.import_create`, subjectType: this.kind, subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    return { id: row.id, outcome: 'created' };
  }

  /** Scheduled: published demands past their deadline expire. Returns how many. */
  async expireOverdue(): Promise<number> {
    const ids = await this.repo.overdueIds(this.ctx.db, shanghaiDate(this.ctx.clock.now()));
    for (const id of ids) await this.act({ kind: 'system', process: 'scheduler' }, id, 'expire');
    return ids.length;
  }

  async notifyChanged(ids: string[]): Promise<void> {
    for (const id of ids) await this.emit({ kind: this.kind, id, op: 'upsert' });
  }
}
