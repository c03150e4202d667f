/**
 * The matching shell: keeps one in-process index per listing kind current with the database (built at start,
 * updated through the listings services' change events before the write call returns), runs queries for users with
 * their access rights, and notifies subscribers when a new or updated listing matches.
 * Only public fields are indexed; a listing's confidential detail enters a query only when its owner asks.
 */
import { uuidv7 } from 'uuidv7';
import { regionPrefix } from '../reference/index.js';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import { PUBLIC_STATUSES, type AchievementRow, type DemandRow, type ListingChange, type ListingKind, type ListingRow, type ListingsService, type ListingView, type ListingStatus } from '../listings/index.js';
import type { NotificationsService } from '../notifications/index.js';
import { createAnalyzer, MatchError, MatchIndex, rankMatches, type Analyzer, type MatchDocument, type MatchQuery, type MatchResponse, type MatchResult } from './core/index.js';
import { loadMatchingResources } from './matching.resources.js';
import type { MatchSubscriptionRow } from './matching.table.js';

export const MAX_QUERY_CHARS = 10_000;

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
  private creditOf: (orgId: string) => string | null = () => null;
  private built = false;
  private building: Promise<unknown> | null = null;

  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly listings: { demand: ListingsService<'demand'>; achievement: ListingsService<'achievement'> },
    private readonly notifications: NotificationsService,
    analyzer?: Analyzer,
  ) {
    this.analyzer = analyzer ?? defaultAnalyzer();
    this.indexes = { demand: new MatchIndex(this.analyzer), achievement: new MatchIndex(this.analyzer) };
    for (const kind of ['demand', 'achievement'] as const) this.listings[kind].onChange((c) => this.onListingChange(c));
  }

  /** The owner's credit class (A–D) joins the ranking (config weights.credit); set by the credit module. */
  useCredit(creditOf: (orgId: string) => string | null): void {
    this.creditOf = creditOf;
  }

  private doc(kind: ListingKind, row: ListingRow, industries: string[]): MatchDocument {
    return { ...toMatchDocument(kind, row, industries), credit: this.creditOf(row.organisation_id) };
  }

  /** Builds both indexes from the published listings in the database. */
  async build(onProgress?: (kind: ListingKind, n: number) => void): Promise<{ demands: number; achievements: number; ms: number }> {
    const t0 = performance.now();
    const counts = { demand: 0, achievement: 0 };
    for (const kind of ['demand', 'achievement'] as const) {
      const index = new MatchIndex(this.analyzer);
      for await (const batch of this.listings[kind].scanPublished(2000)) {
        for (const { row, industries } of batch) {
          index.add(this.doc(kind, row, industries));
          this.texts.set(row.id, `${row.title} ${row.summary} ${parseJsonArray(row.keywords).join(' ')}`);
        }
        counts[kind] += batch.length;
        onProgress?.(kind, counts[kind]);
      }
      this.indexes[kind] = index;
    }
    this.built = true;
    return { demands: counts.demand, achievements: counts.achievement, ms: Math.round(performance.now() - t0) };
  }

  async ensureBuilt(): Promise<void> {
    if (this.built) return;
    this.building ??= this.build().finally(() => (this.building = null));
    await this.building;
  }

  stats() {
    return { demands: this.indexes.demand.stats(), achievements: this.indexes.achievement.stats() };
  }

  /** Keeps the index current: called after a listing write commits, before the write call returns. */
  private async onListingChange(c: ListingChange): Promise<void> {
    if (!this.built) return;
    const index = this.indexes[c.kind];
    const row = await this.listings[c.kind].getRow(c.id).catch(() => null);
    if (!row || c.op === 'delete' || !PUBLIC_STATUSES.includes(row.status as ListingStatus)) {
      index.remove(c.id);
      this.texts.delete(c.id);
      return;
    }
    const industries = (await this.listings[c.kind].industriesOf([c.id])).get(c.id) ?? [];
    index.update(this.doc(c.kind, row, industries));
    this.texts.set(row.id, `${row.title} ${row.summary} ${parseJsonArray(row.keywords).join(' ')}`);
    await this.notifySubscribers(c.kind, row);
  }

  private run(targetKind: ListingKind, query: MatchQuery): MatchResponse {
    try {
      return rankMatches(this.indexes[targetKind], { ...query, kind: targetKind }, { now: this.ctx.clock.now().getTime(), documentText: (id) => this.texts.get(id) });
    } catch (e) {
      if (e instanceof MatchError && e.code === 'QUERY_EMPTY') throw new AppError('MATCH_QUERY_EMPTY');
      throw e;
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
    for (const r of res.results) {
      const view = await svc.get(actor, r.id).catch(() => null);
      if (view) out.results.push({ ...r, view });
    }
    return out;
  }

  /** Free-text matching (撮合检索). */
  async matchText<K extends ListingKind>(actor: Actor, text: string, targetKind: K, f: MatchFilters = {}): Promise<MatchOutcome<K>> {
    if (!text || !text.trim()) throw new AppError('MATCH_QUERY_EMPTY');
    await this.ensureBuilt();
    const res = this.run(targetKind, { text: text.slice(0, MAX_QUERY_CHARS), top: f.top, minTrl: f.minTrl ?? null, hardTrl: f.hardTrl, regionCode: f.regionCode ?? null, filter: this.regionFilter(f) });
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
    const res = this.run(target, { ...q, top: f.top, hardTrl: f.hardTrl, ...(f.minTrl != null ? { minTrl: f.minTrl } : {}), filter: this.regionFilter(f) });
    return this.withViews(actor, target, res);
  }

  /** Similar listings of the same kind. */
  async similar(actor: Actor, kind: ListingKind, id: string, f: MatchFilters = {}): Promise<MatchOutcome> {
    const view = await this.listings[kind].get(actor, id);
    await this.ensureBuilt();
    const q = this.listingQuery(kind, view as ListingView<ListingKind>);
    const res = this.run(kind, { text: q.text, regionCode: q.regionCode, industryCodes: q.industryCodes, top: f.top, excludeIds: [id], filter: this.regionFilter(f) });
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
        query = this.listingQuery(s.source_kind as ListingKind, { row: src, industries, ip: [], brokers: [], detailVisible: false, owner: false, actions: [], quality: null });
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
