/**
 * Demand insight (需求洞察): published demands aggregated by industry chain, technology topic and city over a period,
 * with the topics the province has no supply for (gaps) and the trend per month. Read-only; government and admins.
 *
 * Only public fields are read (title, summary, keywords, industries, region, publication time); the confidential
 * detail (保密详情) never enters a topic, a label or an export. Results are computed on demand and kept for
 * `cacheSeconds` per filter set; any listing change drops the cache.
 */
import ExcelJS from 'exceljs';
import type { Actor } from '../../kernel/auth/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { ListingsService } from '../listings/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import { regionByCode, regions, taxonomy, taxonomyNode } from '../reference/index.js';
import { toMatchDocument } from '../matching/index.js';
import type { Analyzer, MatchDocument } from '../matching/core/index.js';
import {
  chainsOf,
  cityOfCode,
  clusterDemands,
  countBy,
  inChain,
  monthsOf,
  NO_CHAIN,
  OTHER_CITY,
  SupplyIndex,
  trendOf,
  type CountedDemand,
  type InsightPeriod,
  type SupplyMatch,
  type Trend,
} from './core/index.js';
import { INSIGHT_PARAMS, type InsightParams } from './insight.params.js';

export interface InsightDeps {
  demands: ListingsService<'demand'>;
  achievements: ListingsService<'achievement'>;
  organisations: OrganisationsService;
  analyzer: Analyzer;
}

export interface InsightFilters {
  from?: string;
  to?: string;
  /** an industry chain (or segment) code: NE, EQ.ROB */
  chain?: string;
  /** a Liaoning city code 210100 … 211400 */
  city?: string;
}

export interface Named {
  code: string;
  name: string;
  count: number;
}

export interface InsightTopic {
  id: string;
  label: string;
  terms: string[];
  demandCount: number;
  demands: { id: string; title: string }[];
  chains: string[];
  cities: Named[];
  supplyCount: number;
  best: SupplyMatch | null;
  gap: boolean;
}

export interface InsightReport {
  period: InsightPeriod;
  chain: string | null;
  city: string | null;
  generatedAt: string;
  totals: { demands: number; topics: number; gaps: number; supply: number };
  byChain: Named[];
  byCity: Named[];
  topics: InsightTopic[];
  trend: Trend;
  rules: { zh: string; en: string };
}

export const INSIGHT_RULES = {
  zh: '只统计期间内发布（北京时间）的公开需求，只使用公开字段（标题、摘要、关键词、行业、地区），不使用保密详情。主题由匹配引擎的分词与同义词表计算 TF-IDF 向量、按余弦相似度平均链接聚类得到，以中心词命名。省内供给为注册地在辽宁的单位已发布的科技成果；匹配引擎检索候选成果，成果覆盖主题加权关键词的比例达到阈值即计为供给，没有任何供给的主题为缺口（建议立项）。一个需求涉及多条产业链时在每条链各计一次。',
  en: 'Counts the public demands published in the period (Asia/Shanghai), from public fields only (title, summary, keywords, industries, region) — never the confidential detail. Topics: TF-IDF vectors over the matching analyzer’s terms (synonyms mapped), average-linkage clustering on cosine similarity, labelled by centroid terms. Provincial supply: published achievements of organisations registered in Liaoning; the matching engine retrieves candidates and an achievement counts as supply when it covers at least the threshold share of the topic’s weighted terms; a topic with no supply is a gap (commission research). A demand in several chains counts once in each.',
};

const LIAONING_CITIES = Array.from({ length: 14 }, (_, i) => `21${String(i + 1).padStart(2, '0')}00`);

function chainName(code: string): string {
  if (code === NO_CHAIN) return '未分类';
  return taxonomyNode(code)?.name ?? code;
}

function cityName(code: string): string {
  if (code === OTHER_CITY) return '省外或未注明';
  return regionByCode(code)?.name ?? code;
}

/** YYYY-MM-DD of the first day of the month `back` months before the given date's month. */
function monthStart(date: string, back: number): string {
  let y = Number(date.slice(0, 4));
  let m = Number(date.slice(5, 7)) - back;
  while (m < 1) {
    m += 12;
    y--;
  }
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

interface DemandFacts extends CountedDemand {
  title: string;
  summary: string;
  keywords: string[];
}

export class InsightService {
  private readonly cache = new Map<string, { at: number; report: InsightReport }>();

  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: InsightDeps,
    private readonly params: InsightParams = INSIGHT_PARAMS,
  ) {
    // any listing change makes cached results stale
    deps.demands.onChange(() => this.cache.clear());
    deps.achievements.onChange(() => this.cache.clear());
  }

  private authorize(actor: Actor): void {
    if (actor.kind === 'system') return;
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (actor.role !== 'government' && actor.role !== 'admin') throw new AppError('FORBIDDEN', { action: 'insight.read' });
  }

  /** The period from the filters (default: the last `defaultMonths` calendar months up to today). */
  period(f: InsightFilters): InsightPeriod {
    const today = shanghaiDate(this.ctx.clock.now());
    for (const k of ['from', 'to'] as const) if (f[k] !== undefined && !isCalendarDate(f[k]!)) throw invalidField(k, '不是有效日期（YYYY-MM-DD）', 'is not a calendar date (YYYY-MM-DD)');
    const to = f.to ?? today;
    const from = f.from ?? monthStart(to, this.params.defaultMonths - 1);
    if (to < from) throw invalidField('to', '结束日期不能早于开始日期', 'must not be before from');
    if (monthsOf({ from, to }).length > this.params.maxMonths) throw invalidField('from', `期间不能超过 ${this.params.maxMonths} 个月`, `the period must not exceed ${this.params.maxMonths} months`);
    return { from, to };
  }

  private checkFilters(f: InsightFilters): void {
    if (f.chain && !taxonomyNode(f.chain)) throw invalidField('chain', `未知产业链代码 ${f.chain}`, `unknown chain code ${f.chain}`);
    if (f.city && !LIAONING_CITIES.includes(f.city)) throw invalidField('city', '须为辽宁省地级市代码（210100–211400）', 'must be a Liaoning city code (210100–211400)');
  }

  async demandInsight(actor: Actor, f: InsightFilters): Promise<InsightReport> {
    this.authorize(actor);
    this.checkFilters(f);
    const period = this.period(f);
    const key = JSON.stringify([period.from, period.to, f.chain ?? null, f.city ?? null]);
    const now = this.ctx.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && now - hit.at >= 0 && now - hit.at < this.params.cacheSeconds * 1000) return hit.report;
    const report = await this.compute(period, f.chain ?? null, f.city ?? null);
    this.cache.set(key, { at: now, report });
    return report;
  }

  async gaps(actor: Actor, f: InsightFilters) {
    const r = await this.demandInsight(actor, f);
    return { period: r.period, chain: r.chain, city: r.city, totals: r.totals, gaps: r.topics.filter((t) => t.gap) };
  }

  /** The demands in scope, public fields only. */
  private async demandsIn(period: InsightPeriod, chain: string | null, city: string | null): Promise<DemandFacts[]> {
    const out: DemandFacts[] = [];
    for await (const batch of this.deps.demands.scanPublished(1000)) {
      for (const { row, industries } of batch) {
        if (!row.published_at) continue;
        const on = shanghaiDate(new Date(row.published_at));
        if (on < period.from || on > period.to) continue;
        if (chain && !inChain(industries, chain)) continue;
        if (city && cityOfCode(row.region_code) !== city) continue;
        out.push({ id: row.id, title: row.title, summary: row.summary, keywords: parseJsonArray<string>(row.keywords), industries, regionCode: row.region_code, publishedOn: on });
      }
    }
    return out;
  }

  /** Published achievements of organisations registered in the province, as matching documents. */
  private async supply(): Promise<MatchDocument[]> {
    const rows: { doc: MatchDocument; org: string }[] = [];
    for await (const batch of this.deps.achievements.scanPublished(1000)) {
      for (const { row, industries } of batch) rows.push({ doc: toMatchDocument('achievement', row, industries), org: row.organisation_id });
    }
    const orgIds = [...new Set(rows.map((r) => r.org))];
    const region = new Map<string, string | null>();
    for (let i = 0; i < orgIds.length; i += 500) {
      const ids = orgIds.slice(i, i + 500);
      for (const o of (await this.deps.organisations.list({ ids }, 1, ids.length)).rows) region.set(o.id, o.region_code);
    }
    return rows.filter((r) => (region.get(r.org) ?? '').startsWith(this.params.supplyRegionPrefix)).map((r) => r.doc);
  }

  private async compute(period: InsightPeriod, chain: string | null, city: string | null): Promise<InsightReport> {
    const demands = await this.demandsIn(period, chain, city);
    const supplyDocs = await this.supply();
    const supply = new SupplyIndex(this.deps.analyzer, supplyDocs, this.ctx.clock.now().getTime());
    const topics = clusterDemands(this.deps.analyzer, demands, this.params.cluster);
    const byId = new Map(demands.map((d) => [d.id, d]));
    const topicOf = new Map<string, string>();
    const outTopics: InsightTopic[] = topics.map((t) => {
      const members = t.demandIds.map((id) => byId.get(id)!);
      for (const id of t.demandIds) topicOf.set(id, t.id);
      const s = supply.supplyFor(t.terms, this.params.gap);
      const cities = [...countBy(members, (d) => [cityOfCode(d.regionCode)])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      return {
        id: t.id, label: t.label, terms: t.terms.map((x) => x.term), demandCount: members.length,
        demands: members.map((d) => ({ id: d.id, title: d.title })),
        chains: [...new Set(members.flatMap((d) => chainsOf(d.industries)))].sort(),
        cities: cities.map(([code, count]) => ({ code, name: cityName(code), count })),
        supplyCount: s.supplyCount, best: s.best, gap: s.gap,
      };
    });
    const chainCounts = countBy(demands, (d) => chainsOf(d.industries));
    const chainOrder = [...taxonomy().map((n) => n.code), NO_CHAIN];
    const byChain = chainOrder.filter((c) => chainCounts.has(c) || c !== NO_CHAIN).map((code) => ({ code, name: chainName(code), count: chainCounts.get(code) ?? 0 }));
    const cityCounts = countBy(demands, (d) => [cityOfCode(d.regionCode)]);
    const byCity = [...LIAONING_CITIES, ...(cityCounts.has(OTHER_CITY) ? [OTHER_CITY] : [])].map((code) => ({ code, name: cityName(code), count: cityCounts.get(code) ?? 0 }));
    return {
      period, chain, city, generatedAt: this.ctx.clock.now().toISOString(),
      totals: { demands: demands.length, topics: outTopics.length, gaps: outTopics.filter((t) => t.gap).length, supply: supplyDocs.length },
      byChain, byCity, topics: outTopics, trend: trendOf(demands, period, topicOf), rules: INSIGHT_RULES,
    };
  }

  /** The report as a workbook: topics, gaps, by chain, by city, trend. */
  async xlsx(actor: Actor, f: InsightFilters): Promise<Buffer> {
    const r = await this.demandInsight(actor, f);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'TechBridge';
    const title = `需求洞察 ${r.period.from} — ${r.period.to}${r.chain ? `，产业链 ${r.chain}` : ''}${r.city ? `，${cityName(r.city)}` : ''}`;
    const topicRow = (t: InsightTopic) => [t.id, t.label, t.terms.join('、'), t.demandCount, t.cities.map((c) => `${c.name}${c.count}`).join('、'), t.chains.map(chainName).join('、'), t.supplyCount, t.best?.title ?? '', t.best ? t.best.score : '', t.gap ? '缺口 — 建议立项' : ''];
    const topicHeader = ['主题 id', '主题 label', '关键词 terms', '需求数 demands', '城市 cities', '产业链 chains', '省内供给数 supply', '最佳匹配成果 best match', '覆盖度 coverage', '缺口 gap'];
    const topics = wb.addWorksheet('主题 topics');
    topics.addRow([title]);
    topics.addRow(topicHeader);
    for (const t of r.topics) topics.addRow(topicRow(t));
    const gaps = wb.addWorksheet('缺口 gaps');
    gaps.addRow([title]);
    gaps.addRow(topicHeader);
    for (const t of r.topics.filter((x) => x.gap)) gaps.addRow(topicRow(t));
    const chains = wb.addWorksheet('按产业链 by chain');
    chains.addRow(['代码 code', '产业链 chain', '需求数 demands']);
    for (const c of r.byChain) chains.addRow([c.code, c.name, c.count]);
    const cities = wb.addWorksheet('按市 by city');
    cities.addRow(['代码 code', '市 city', '需求数 demands']);
    for (const c of r.byCity) cities.addRow([c.code, c.name, c.count]);
    const trend = wb.addWorksheet('趋势 trend');
    trend.addRow(['序列 series', ...r.trend.months]);
    trend.addRow(['合计 total', ...r.trend.total]);
    for (const [code, v] of Object.entries(r.trend.byChain)) trend.addRow([`产业链 ${chainName(code)}`, ...v]);
    for (const [code, v] of Object.entries(r.trend.byCity)) trend.addRow([`市 ${cityName(code)}`, ...v]);
    for (const [id, v] of Object.entries(r.trend.byTopic)) trend.addRow([`主题 ${id} ${r.topics.find((t) => t.id === id)?.label ?? ''}`, ...v]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

/** Liaoning's 14 prefecture-level cities, for filters. */
export function insightCities(): { code: string; name: string }[] {
  const known = new Set(regions().map((r) => r.code));
  return LIAONING_CITIES.filter((c) => known.has(c)).map((code) => ({ code, name: cityName(code) }));
}
