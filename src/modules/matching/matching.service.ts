/**
 * The matching shell: keeps one in-process index per listing kind current with the database, runs queries for users
 * with their access rights, and notifies subscribers when a new or updated listing matches.
 * Keeping current: the index is built from the published listings at start; afterwards every listing write appends
 * an outbox event in its transaction, and the index applies outbox events in id order (kernel/outbox). The node that
 * wrote applies them before the write call returns; other API nodes (server mode) apply them when woken through the
 * bus or by polling — one code path for embedded and server mode.
 * Only public fields are indexed; a listing's confidential detail enters a query only when its owner asks.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { regionPrefix } from '../reference/index.js';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import { MAX_TEXT_CANDIDATES, PUBLIC_STATUSES, type AchievementRow, type DemandRow, type ListingChange, type ListingKind, type ListingRow, type ListingsService, type ListingView, type ListingStatus } from '../listings/index.js';
import type { NotificationsService } from '../notifications/index.js';
import { createAnalyzer, DEFAULT_CONFIG, MatchError, MatchIndex, rankMatches, searchGroups, type Analyzer, type MatchDocument, type MatchQuery, type MatchResponse, type MatchResult } from './core/index.js';
import { loadMatchingResources } from './matching.resources.js';
import { OutboxTail, outboxMaxId, pruneOutbox, type OutboxEvent } from '../../kernel/outbox/index.js';
import type { MatchSubscriptionRow } from './matching.table.js';

export const MAX_QUERY_CHARS = 10_000;
/** Match results kept per query (see run()); a result with its reasons is a few KB. */
export const MATCH_CACHE_SIZE = 2_000;
export const MATCH_CACHE_TTL_MS = 60_000;
/** Search-box queries whose best hits are kept (a few hundred KB at most: ids up to the pages asked for). */
export const SEARCH_CACHE_SIZE = 500;

export interface MatchFilters {
  top?: number;
  /** GB/T 2260 prefix filter on results: 210300 (a city), 210000 (the province) */
  regionCode?: string | null;
  minTrl?: number | null;
  hardTrl?: boolean;
}

export interface MatchOutcome<K extends ListingKind = ListingKind> {
  code: MatchResponse['code'];
  truncated: boolean;
  queryTerms: MatchResponse['queryTerms'];
  results: (MatchResult & { view: ListingView<K> })[];
}

export function toMatchDocument(kind: ListingKind, row: ListingRow, industries: string[]): MatchDocument {
  const d = row as DemandRow;
  const a = row as AchievementRow;
  return {
    id: row.id,
    kind,
    title: row.title,
    summary: row.summary,
    keywords: parseJsonArray(row.keywords),
    field: row.field,
    industryCodes: industries,
    regionCode: row.region_code,
    trl: kind === 'achievement' ? a.trl : null,
    minTrl: kind === 'demand' ? d.min_trl : null,
    priceMinFen: kind === 'achievement' ? a.price_min_fen : null,
    priceMaxFen: kind === 'achievement' ? a.price_max_fen : null,
    budgetMaxFen: kind === 'demand' ? d.budget_max_fen : null,
    ownerOrgId: row.organisation_id,
    credit: null,
    updatedAt: Date.parse(row.updated_at),
  };
}

const OTHER: Record<ListingKind, ListingKind> = { demand: 'achievement', achievement: 'demand' };

let sharedAnalyzer: Analyzer | null = null;

/** The analyzer over the shipped dictionary and thesaurus, loaded once per process. */
export function defaultAnalyzer(): Analyzer {
  sharedAnalyzer ??= createAnalyzer(loadMatchingResources());
  return sharedAnalyzer;
}

export class MatchingService {
  readonly analyzer: Analyzer;
  private readonly indexes: Record<ListingKind, MatchIndex>;
  private readonly texts = new Map<string, string>();
  /** Search-box results per (kind, q), LRU; an entry is used only at the index generation it was computed at. */
  private readonly matchCache = new Map<string, { index: MatchIndex; generation: number; at: number; res: MatchResponse }>();
  private readonly searchCache = new Map<string, { index: MatchIndex; generation: number; ids: string[]; total: number }>();
  private creditOf: (orgId: string) => string | null = () => null;
  private built = false;
  private building: Promise<unknown> | null = null;
  /** this node's position in the outbox */
  readonly sync: OutboxTail;
  /** called after this node applied its own write (server mode: wakes the other nodes) */
  private afterLocalWrite: () => void = () => undefined;
  /** match latency observer (metrics) */
  private observeLatency: (targetKind: ListingKind, seconds: number) => void = () => undefined;

  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly listings: { demand: ListingsService<'demand'>; achievement: ListingsService<'achievement'> },
    private readonly notifications: NotificationsService,
    analyzer?: Analyzer,
  ) {
    this.analyzer = analyzer ?? defaultAnalyzer();
    this.indexes = { demand: this.newIndex(), achievement: this.newIndex() };
    for (const kind of ['demand', 'achievement'] as const) {
      this.listings[kind].onChange((c) => this.onListingChange(c));
      this.listings[kind].useTextSearch({ rankedIds: (k, q, limit) => this.rankedIds(k, q, limit) });
    }
    this.sync = new OutboxTail(ctx.db, {
      apply: (events) => this.applyEvents(events),
      rebuild: async () => (await this.build()).outboxId,
    });
  }

  /** An empty index with this node's memory budget for decoded postings (MATCH_IMPACT_CACHE_MB). */
  private newIndex(): MatchIndex {
    return new MatchIndex(this.analyzer, { ...DEFAULT_CONFIG.index, impactCacheMB: this.ctx.config.matchImpactCacheMb });
  }

  useLocalWriteHook(fn: () => void): void {
    this.afterLocalWrite = fn;
  }

  useLatencyObserver(fn: (targetKind: ListingKind, seconds: number) => void): void {
    this.observeLatency = fn;
  }

  /** Scheduled: drops outbox events older than the retention (OUTBOX_RETENTION_HOURS); wall-clock time like the outbox. */
  async pruneOutbox(): Promise<string> {
    const now = new Date();
    const n = await pruneOutbox(this.ctx.db, this.ctx.dialect, new Date(now.getTime() - this.ctx.config.outboxRetentionHours * 3_600_000).toISOString(), now);
    return `${n} pruned`;
  }

  /** The owner's credit class (A–D) joins the ranking (config weights.credit); set by the credit module. */
  useCredit(creditOf: (orgId: string) => string | null): void {
    this.creditOf = creditOf;
  }

  private doc(kind: ListingKind, row: ListingRow, industries: string[]): MatchDocument {
    return { ...toMatchDocument(kind, row, industries), credit: this.creditOf(row.organisation_id) };
  }

  /** Builds both indexes from the published listings in the database. */
  async build(onProgress?: (kind: ListingKind, n: number) => void): Promise<{ demands: number; achievements: number; ms: number; outboxId: number }> {
    const t0 = performance.now();
    // the outbox position before the scan: events committed during the scan are applied again afterwards (idempotent)
    const outboxId = await outboxMaxId(this.ctx.db);
    const counts = { demand: 0, achievement: 0 };
    for (const kind of ['demand', 'achievement'] as const) {
      const index = this.newIndex();
      for await (const batch of this.listings[kind].scanPublished(2000)) {
        for (const { row, industries } of batch) {
          index.add(this.doc(kind, row, industries));
          this.setText(row);
        }
        counts[kind] += batch.length;
        onProgress?.(kind, counts[kind]);
      }
      this.indexes[kind] = index;
    }
    this.built = true;
    this.sync.resetTo(outboxId);
    return { demands: counts.demand, achievements: counts.achievement, ms: Math.round(performance.now() - t0), outboxId };
  }

  async ensureBuilt(): Promise<void> {
    if (this.built) return;
    this.building ??= this.build().finally(() => (this.building = null));
    await this.building;
  }

  stats() {
    return { demands: this.indexes.demand.stats(), achievements: this.indexes.achievement.stats() };
  }

  /**
   * Called on the writing node after a listing write commits, before the write call returns: applies the outbox up to
   * (at least) this write, wakes the other nodes, and notifies subscribers once — here, not on every node.
   */
  private async onListingChange(c: ListingChange): Promise<void> {
    if (!this.built) return;
    await this.sync.catchUp();
    this.afterLocalWrite();
    if (c.op === 'delete') return;
    const row = await this.listings[c.kind].getRow(c.id).catch(() => null);
    if (row && PUBLIC_STATUSES.includes(row.status as ListingStatus)) await this.notifySubscribers(c.kind, row);
  }

  /** Applies outbox events in order: each touched listing is re-read and indexed if public, removed otherwise. */
  private async applyEvents(events: OutboxEvent[]): Promise<void> {
    if (!this.built) return;
    const touched = new Map<string, ListingKind>();
    for (const e of events) {
      if (!e.type.startsWith('listing.')) continue;
      const kind = e.payload.kind as ListingKind;
      const id = String(e.payload.id ?? '');
      if ((kind === 'demand' || kind === 'achievement') && id) {
        touched.delete(id); // keep the order of last occurrence
        touched.set(id, kind);
      }
    }
    for (const [id, kind] of touched) {
      const index = this.indexes[kind];
      const row = await this.listings[kind].getRow(id).catch(() => null);
      if (!row || !PUBLIC_STATUSES.includes(row.status as ListingStatus)) {
        index.remove(id);
        this.texts.delete(id);
        continue;
      }
      const industries = (await this.listings[kind].industriesOf([id])).get(id) ?? [];
      index.update(this.doc(kind, row, industries));
      this.setText(row);
    }
  }

  /** The public text of a listing as explanations quote it. */
  private setText(row: ListingRow): void {
    this.texts.set(row.id, `${row.title} ${row.summary} ${parseJsonArray(row.keywords).join(' ')}`);
  }

  /**
   * The listing search box (`GET /api/achievements?q=`, demands alike): ids of the public listings of `kind` that
   * hold every word of `q` (any form: synonyms, sub-words of compounds), best BM25F first; null when the index is not
   * built yet (the caller falls back to LIKE). The index holds public fields of public listings only.
   */
  rankedIds(kind: ListingKind, q: string, limit: number): { ids: string[]; total: number } | null {
    if (!this.built) return null;
    const index = this.indexes[kind];
    const key = `${kind}\u0000${q}`;
    const hit = this.searchCache.get(key);
    // valid while the index is the same object at the same generation, and it holds enough hits (or all of them)
    if (hit && hit.index === index && hit.generation === index.generation && (hit.ids.length >= limit || hit.ids.length === hit.total)) {
      this.searchCache.delete(key);
      this.searchCache.set(key, hit);
      return { ids: hit.ids.slice(0, limit), total: hit.total };
    }
    const groups = searchGroups(this.analyzer.analyze(q.slice(0, MAX_QUERY_CHARS)).tokens);
    if (!groups.length) return { ids: [], total: 0 };
    const top = index.searchTop(groups, { kind, limit, countCap: MAX_TEXT_CANDIDATES });
    const ids = top.hits.map((h) => index.externalId(h.doc));
    this.searchCache.delete(key);
    this.searchCache.set(key, { index, generation: index.generation, ids, total: top.total });
    if (this.searchCache.size > SEARCH_CACHE_SIZE) this.searchCache.delete(this.searchCache.keys().next().value!);
    return { ids, total: top.total };
  }

  /**
   * Ranks one query. Results are kept (LRU, MATCH_CACHE_SIZE) under a digest of everything that decides them — the
   * target, every query field, the filter's key — for as long as the target index stays at the same generation
   * (any add, update or removal moves it) and at most MATCH_CACHE_TTL_MS (freshness moves with the clock). A query
   * with a filter and no `filterKey` is not cached. The cached value holds ids, scores and reasons only; each caller
   * still reads its own view of every result (detail gating is per actor, after this).
   */
  private run(targetKind: ListingKind, query: MatchQuery, filterKey?: string): MatchResponse {
    const t0 = performance.now();
    const index = this.indexes[targetKind];
    const now = this.ctx.clock.now().getTime();
    const { filter, ...rest } = query;
    const key = filter && filterKey === undefined ? null : createHash('sha256').update(JSON.stringify([targetKind, filterKey ?? '', rest])).digest('base64');
    try {
      const hit = key ? this.matchCache.get(key) : undefined;
      if (hit && hit.index === index && hit.generation === index.generation && now - hit.at < MATCH_CACHE_TTL_MS && now >= hit.at) {
        this.matchCache.delete(key!);
        this.matchCache.set(key!, hit);
        return hit.res;
      }
      const res = rankMatches(index, { ...query, kind: targetKind }, { now, documentText: (id) => this.texts.get(id) });
      if (key) {
        this.matchCache.delete(key);
        this.matchCache.set(key, { index, generation: index.generation, at: now, res });
        if (this.matchCache.size > MATCH_CACHE_SIZE) this.matchCache.delete(this.matchCache.keys().next().value!);
      }
      return res;
    } catch (e) {
      if (e instanceof MatchError && e.code === 'QUERY_EMPTY') throw new AppError('MATCH_QUERY_EMPTY');
      throw e;
    } finally {
      this.observeLatency(targetKind, (performance.now() - t0) / 1000);
    }
  }

  private regionFilter(f: MatchFilters): ((id: string) => boolean) | undefined {
    if (!f.regionCode) return undefined;
    const prefix = regionPrefix(f.regionCode);
    const index = [this.indexes.achievement, this.indexes.demand];
    return (id) => {
      for (const ix of index) {
        const d = ix.internalId(id);
        if (d !== undefined) return (ix.meta(d).regionCode ?? '').startsWith(prefix);
      }
      return false;
    };
  }

  /** Attaches the actor's view of every result (results the actor may not see are dropped). */
  private async withViews<K extends ListingKind>(actor: Actor, kind: K, res: MatchResponse): Promise<MatchOutcome<K>> {
    const svc = this.listings[kind] as unknown as ListingsService<K>;
    const out: MatchOutcome<K> = { code: res.code, truncated: res.truncated, queryTerms: res.queryTerms, results: [] };
    // one query per kind of fact for all results, not one round per result
    const views = await svc.getMany(actor, res.results.map((r) => r.id));
    for (const r of res.results) {
      const view = views.get(r.id);
      if (view) out.results.push({ ...r, view });
    }
    return out;
  }

  /** Free-text matching (撮合检索). */
  async matchText<K extends ListingKind>(actor: Actor, text: string, targetKind: K, f: MatchFilters = {}): Promise<MatchOutcome<K>> {
    if (!text || !text.trim()) throw new AppError('MATCH_QUERY_EMPTY');
    await this.ensureBuilt();
    const res = this.run(targetKind, { text: text.slice(0, MAX_QUERY_CHARS), top: f.top, minTrl: f.minTrl ?? null, hardTrl: f.hardTrl, regionCode: f.regionCode ?? null, filter: this.regionFilter(f) }, f.regionCode ?? '');
    return this.withViews(actor, targetKind, { ...res, truncated: res.truncated || text.length > MAX_QUERY_CHARS });
  }

  /** The query a listing asks with; its confidential detail joins only for its owner. */
  private listingQuery(kind: ListingKind, view: ListingView<ListingKind>): MatchQuery {
    const r = view.row;
    const keywords = parseJsonArray(r.keywords).join(' ');
    const useDetail = view.owner && r.detail.trim().length > 0;
    const text = [r.title, r.summary, keywords, r.field, useDetail ? r.detail : ''].filter(Boolean).join('\n');
    if (kind === 'demand') {
      const d = r as DemandRow;
      return { text, minTrl: d.min_trl, budgetMaxFen: d.budget_max_fen, regionCode: r.region_code, industryCodes: view.industries };
    }
    const a = r as AchievementRow;
    return { text, trl: a.trl, priceMinFen: a.price_min_fen, regionCode: r.region_code, industryCodes: view.industries };
  }

  /** Demand → achievements, or achievement → demands. */
  async matchListing(actor: Actor, kind: ListingKind, id: string, f: MatchFilters = {}): Promise<MatchOutcome> {
    const view = await this.listings[kind].get(actor, id);
    await this.ensureBuilt();
    const target = OTHER[kind];
    const q = this.listingQuery(kind, view as ListingView<ListingKind>);
    const res = this.run(target, { ...q, top: f.top, hardTrl: f.hardTrl, ...(f.minTrl != null ? { minTrl: f.minTrl } : {}), filter: this.regionFilter(f) }, f.regionCode ?? '');
    return this.withViews(actor, target, res);
  }

  /** Similar listings of the same kind. */
  async similar(actor: Actor, kind: ListingKind, id: string, f: MatchFilters = {}): Promise<MatchOutcome> {
    const view = await this.listings[kind].get(actor, id);
    await this.ensureBuilt();
    const q = this.listingQuery(kind, view as ListingView<ListingKind>);
    const res = this.run(kind, { text: q.text, regionCode: q.regionCode, industryCodes: q.industryCodes, top: f.top, excludeIds: [id], filter: this.regionFilter(f) }, f.regionCode ?? '');
    return this.withViews(actor, kind, res);
  }

  /**
   * Demand → experts and teams: organisations and team members behind the best-matching achievements, ranked by the
   * sum of their achievements' scores.
   */
  async experts(actor: Actor, demandId: string, top = 10) {
    const matches = await this.matchListing(actor, 'demand', demandId, { top: 50 });
    const byOrg = new Map<string, { orgId: string; score: number; achievements: { id: string; title: string; score: number }[]; team: { name: string; title?: string; role?: string; achievementId: string }[] }>();
    for (const r of matches.results) {
      const row = r.view.row as AchievementRow;
      const e = byOrg.get(row.organisation_id) ?? { orgId: row.organisation_id, score: 0, achievements: [], team: [] };
      e.score += r.score;
      e.achievements.push({ id: row.id, title: row.title, score: r.score });
      for (const m of parseJsonArray<{ name: string; title?: string; role?: string }>(row.team)) {
        if (!e.team.some((t) => t.name === m.name)) e.team.push({ ...m, achievementId: row.id });
      }
      byOrg.set(row.organisation_id, e);
    }
    return [...byOrg.values()].sort((a, b) => b.score - a.score).slice(0, top);
  }

  // ── subscriptions (订阅) ──────────────────────────────────────────────────────────────────────

  async subscribe(actor: Actor, input: { name: string; targetKind: ListingKind; queryText?: string | null; sourceKind?: ListingKind | null; sourceId?: string | null; regionCode?: string | null; minTrl?: number | null; threshold?: number; webhookUrl?: string | null }): Promise<MatchSubscriptionRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!input.queryText?.trim() && !input.sourceId) throw invalidField('queryText', '须提供查询文本或关注的条目', 'give a query text or a listing to watch');
    if (input.sourceId) {
      if (!input.sourceKind) throw invalidField('sourceKind', '须指明条目类型', 'is required with sourceId');
      await this.listings[input.sourceKind].get(actor, input.sourceId);
    }
    if (input.queryText && !this.analyzer.query(input.queryText).terms.length) throw new AppError('MATCH_QUERY_EMPTY');
    const row: MatchSubscriptionRow = {
      id: uuidv7(), user_id: actor.userId, name: input.name.trim(), target_kind: input.targetKind, query_text: input.queryText?.trim() || null,
      source_kind: input.sourceId ? input.sourceKind ?? null : null, source_id: input.sourceId ?? null, region_code: input.regionCode ?? null,
      min_trl: input.minTrl ?? null, threshold: input.threshold ?? 50, webhook_url: input.webhookUrl ?? null, active: 1,
      created_at: nowIso(this.ctx.clock), last_notified_at: null,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('match_subscriptions').values(row).execute();
      await recordAudit(trx, actor, { action: 'match_subscription.create', subjectType: 'match_subscription', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async subscriptions(actor: Actor): Promise<MatchSubscriptionRow[]> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    return this.ctx.db.selectFrom('match_subscriptions').selectAll().where('user_id', '=', actor.userId).orderBy('created_at', 'desc').execute();
  }

  async unsubscribe(actor: Actor, id: string): Promise<void> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    const row = await this.ctx.db.selectFrom('match_subscriptions').selectAll().where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
    if (!row) throw new AppError('SUBSCRIPTION_NOT_FOUND');
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.deleteFrom('match_subscriptions').where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'match_subscription.delete', subjectType: 'match_subscription', subjectId: id, before: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  /**
   * A listing became public or changed: every active subscription watching its kind runs its query; when the listing
   * ranks in the subscription's top 20 with a score ≥ threshold % of the best hit, the subscriber is notified.
   */
  private async notifySubscribers(kind: ListingKind, row: ListingRow): Promise<void> {
    const subs = await this.ctx.db.selectFrom('match_subscriptions').selectAll().where('target_kind', '=', kind).where('active', '=', 1).execute();
    for (const s of subs) {
      if (s.source_id === row.id) continue;
      let query: MatchQuery;
      if (s.query_text) query = { text: s.query_text, regionCode: s.region_code, minTrl: s.min_trl };
      else {
        const src = await this.listings[s.source_kind as ListingKind].getRow(s.source_id!).catch(() => null);
        if (!src || !PUBLIC_STATUSES.includes(src.status as ListingStatus)) continue;
        const industries = (await this.listings[s.source_kind as ListingKind].industriesOf([src.id])).get(src.id) ?? [];
        query = this.listingQuery(s.source_kind as ListingKind, { row: src, industries, ip: [], brokers: [], organisation: null, detailVisible: false, owner: false, actions: [], quality: null });
      }
      let res: MatchResponse;
      try {
        res = this.run(kind, { ...query, top: 20 });
      } catch {
        continue;
      }
      const best = res.results[0]?.score ?? 0;
      const hit = res.results.find((r) => r.id === row.id);
      if (!hit || best <= 0 || (hit.score / best) * 100 < s.threshold) continue;
      const title = kind === 'achievement' ? `新成果匹配您的订阅“${s.name}”` : `新需求匹配您的订阅“${s.name}”`;
      await inTransaction(this.ctx.db, async (trx) => {
        await this.notifications.notify({ userId: s.user_id, kind: 'match', title, body: `${row.title} — ${hit.summary.zh}`, link: `/${kind}s/${row.id}`, data: { subscriptionId: s.id, listingId: row.id, kind, score: hit.score } }, trx);
        await trx.updateTable('match_subscriptions').set({ last_notified_at: nowIso(this.ctx.clock) }).where('id', '=', s.id).execute();
        await recordAudit(trx, { kind: 'system', process: 'matching' }, { action: 'match_subscription.notify', subjectType: 'match_subscription', subjectId: s.id, after: { listingId: row.id }, requestId: null }, this.ctx.clock.now());
      });
    }
  }
}
