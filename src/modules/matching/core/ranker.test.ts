import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.js';
import { DEFAULT_CONFIG } from './config.js';
import { industryFit, priceFit, regionFit, trlFit } from './features.js';
import { MatchIndex } from './match-index.js';
import { MAX_TERMS_LISTED } from './explainer.js';
import { documentSurfaces, rankMatches } from './ranker.js';
import { TEST_RESOURCES } from './test-resources.js';
import type { MatchDocument } from './types.js';

const analyzer = createAnalyzer(TEST_RESOURCES);
const NOW = Date.UTC(2025, 0, 1);
const cfg = DEFAULT_CONFIG.ranker;

function doc(id: string, over: Partial<MatchDocument> = {}): MatchDocument {
  return {
    id,
    kind: 'achievement',
    title: '谐波减速器回差控制',
    summary: '精密谐波减速器，回差小于1arcmin',
    keywords: ['谐波减速器'],
    field: '机器人',
    industryCodes: [],
    regionCode: null,
    trl: null,
    minTrl: null,
    priceMinFen: null,
    priceMaxFen: null,
    budgetMaxFen: null,
    ownerOrgId: null,
    credit: null,
    updatedAt: NOW,
    ...over,
  };
}

function build(docs: MatchDocument[]): MatchIndex {
  const ix = new MatchIndex(analyzer);
  ix.addAll(docs);
  return ix;
}

describe('structured features', () => {
  it('grades industry overlap by node, segment and chain', () => {
    expect(industryFit(['EQ.ROB.RED'], ['EQ.ROB.RED'], cfg).level).toBe('node');
    expect(industryFit(['EQ.ROB.RED'], ['EQ.ROB.JNT'], cfg).level).toBe('segment');
    expect(industryFit(['EQ.ROB.RED'], ['EQ.CNC.SPD'], cfg).level).toBe('chain');
    expect(industryFit(['EQ.ROB.RED'], ['EN.H2.ELY'], cfg).level).toBe('none');
    expect(industryFit([], ['EQ.ROB.RED'], cfg).level).toBe('unknown');
  });

  it('grades TRL fit', () => {
    expect(trlFit(6, 7, cfg)).toMatchObject({ status: 'ok', value: 1 });
    expect(trlFit(6, 5, cfg).value).toBeLessThan(0);
    expect(trlFit(6, 3, cfg).value).toBe(-1);
    expect(trlFit(null, 3, cfg).status).toBe('unknown');
  });

  it('prefers same city, then Liaoning, then elsewhere', () => {
    const city = regionFit('210100', '210102', cfg).value;
    const prov = regionFit('210100', '210200', cfg).value;
    const out = regionFit('210100', '320100', cfg).value;
    expect(city).toBeGreaterThan(prov);
    expect(prov).toBeGreaterThan(out);
    expect(regionFit(null, '210100', cfg).level).toBe('unknown');
  });

  it('compares asking price with budget', () => {
    expect(priceFit(1_000_000, 500_000, null, cfg).status).toBe('within');
    expect(priceFit(1_000_000, 1_500_000, null, cfg).value).toBeCloseTo(-0.5);
    expect(priceFit(null, 1, null, cfg).status).toBe('unknown');
  });
});

describe('rankMatches', () => {
  it('lists the strongest matched terms (at most MAX_TERMS_LISTED, shares to 4 decimals) and sums up the rest, contributions exact', () => {
    const words = '焊接 轴承 涂层 晶圆 刻蚀 隔膜 电主轴 静电卡盘 催化剂 分子筛 钛合金 传感器 电机 齿轮 液压 阀门 锅炉 风机';
    const ix = build([doc('a', { title: '综合装备', summary: words, keywords: [] }), doc('b', { title: '锂离子电池隔膜', summary: '湿法隔膜', keywords: [] })]);
    const res = rankMatches(ix, { text: words }, { now: NOW });
    const r = res.results.find((x) => x.id === 'a')!;
    const terms = r.reasons.find((x) => x.kind === 'terms')!;
    const matched = terms.detail.matched as { term: string; share: number }[];
    const more = terms.detail.more as { count: number; share: number };
    expect(matched).toHaveLength(MAX_TERMS_LISTED);
    expect(more.count).toBeGreaterThan(0);
    // strongest first, shares as shown (4 decimals), and listed + more ≈ the exact contribution
    for (let i = 1; i < matched.length; i++) expect(matched[i - 1].share >= matched[i].share).toBe(true);
    for (const m of [...matched, more]) expect(Math.round(m.share * 1e4) / 1e4).toBe(m.share);
    expect(matched.reduce((a, m) => a + m.share, more.share)).toBeCloseTo(terms.contribution, 3);
    expect(r.reasons.reduce((a, x) => a + x.contribution, 0)).toBeCloseTo(r.score, 9);
    // a short query lists every term and has no summary line for the rest
    const short = rankMatches(ix, { text: '焊接 轴承' }, { now: NOW }).results.find((x) => x.id === 'a')!;
    const st = short.reasons.find((x) => x.kind === 'terms')!;
    expect((st.detail.matched as unknown[]).length).toBe(2);
    expect(st.detail.more).toBeUndefined();
  });

  it('returns results with reasons that add up to the score and bilingual summaries', () => {
    const ix = build([doc('a', { trl: 7, regionCode: '210102', industryCodes: ['EQ.ROB.RED'], priceMinFen: 100, credit: 'A' }), doc('b', { title: '锂离子电池隔膜', summary: '湿法隔膜', keywords: [] })]);
    const res = rankMatches(ix, { text: '谐波减速机背隙', minTrl: 6, regionCode: '210100', industryCodes: ['EQ.ROB.RED'], budgetMaxFen: '100000' }, { now: NOW });
    expect(res.code).toBe('OK');
    expect(res.results.map((r) => r.id)).toEqual(['a']);
    const r = res.results[0];
    const kinds = r.reasons.map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(['synonym', 'industry', 'trl', 'region', 'price', 'credit', 'freshness']));
    const sum = r.reasons.reduce((s, x) => s + x.contribution, 0);
    expect(sum).toBeCloseTo(r.score, 9);
    const syn = r.reasons.find((x) => x.kind === 'synonym')!;
    expect(JSON.stringify(syn.detail)).toContain('背隙');
    expect(r.summary.zh).toMatch(/同义词/);
    expect(r.summary.en).toMatch(/synonym/i);
  });

  it('names the word the document uses for a matched synonym concept (query 背隙, document 回差)', () => {
    const d = doc('a', { title: '谐波减速器回差控制', summary: '精密谐波减速器，回差小于1arcmin' });
    const ix = build([d]);
    const text = (id: string) => (id === 'a' ? `${d.title} ${d.summary} ${d.keywords.join(' ')}` : undefined);
    const r = rankMatches(ix, { text: '谐波减速机背隙' }, { now: NOW, documentText: text }).results[0];
    const syn = r.reasons.find((x) => x.kind === 'synonym')!;
    const pairs = (syn.detail as { matched: { query: string; document: string | null }[] }).matched.map((m) => `${m.query}≈${m.document}`);
    expect(pairs).toEqual(expect.arrayContaining(['背隙≈回差', '谐波减速机≈谐波减速器']));
    expect(r.summary.zh).toContain('背隙≈回差');
    // the document's own words are not synonym uses when the query used them too
    const same = rankMatches(ix, { text: '谐波减速器回差' }, { now: NOW, documentText: text }).results[0];
    expect(same.reasons.some((x) => x.kind === 'synonym')).toBe(false);
  });

  it('finds a document surface by substring of the normalised text: the query word first, else the earliest member', () => {
    const groups = analyzer.thesaurus.groups;
    const terms = analyzer.query('背隙 锂电').terms;
    const concept = (w: string) => terms.find((t) => t.surface === w)!.term;
    // the query's own word wins even when another member comes first
    expect(documentSurfaces('回差与背隙', [concept('背隙')], terms, groups).get(concept('背隙'))).toBe('背隙');
    // otherwise the member found first; full-width Latin and upper case are normalised (Ｌｉ-ＩＯＮ → li-ion)
    expect(documentSurfaces('空程补偿，回差测量', [concept('背隙')], terms, groups).get(concept('背隙'))).toBe('空程');
    expect(documentSurfaces('高镍Ｌｉ-ＩＯＮ电芯', [concept('锂电')], terms, groups).get(concept('锂电'))).toBe('li-ion');
    // a concept the text does not hold, or a term without synonyms, names nothing
    expect(documentSurfaces('电主轴', [concept('背隙'), '电主轴'], terms, groups).size).toBe(0);
  });

  it('ranks a mature local achievement above an equal lab-stage one from elsewhere', () => {
    const ix = build([doc('lab', { trl: 3, regionCode: '320100' }), doc('mature', { trl: 8, regionCode: '210100' })]);
    const res = rankMatches(ix, { text: '谐波减速器', minTrl: 6, regionCode: '210100' }, { now: NOW });
    expect(res.results.map((r) => r.id)).toEqual(['mature', 'lab']);
    expect(res.results[1].reasons.find((x) => x.kind === 'trl')!.contribution).toBeLessThan(0);
  });

  it('filters by hard TRL, kind, excluded ids and a caller predicate', () => {
    const ix = build([doc('a', { trl: 3 }), doc('b', { trl: 8 }), doc('c', { kind: 'demand' }), doc('d', { trl: 9 })]);
    const ids = (q: Parameters<typeof rankMatches>[1]) => rankMatches(ix, q, { now: NOW }).results.map((r) => r.id).sort();
    expect(ids({ text: '谐波减速器', minTrl: 6, hardTrl: true, kind: 'achievement' })).toEqual(['b', 'd']);
    expect(ids({ text: '谐波减速器', kind: 'demand' })).toEqual(['c']);
    expect(ids({ text: '谐波减速器', kind: 'achievement', excludeIds: ['a'], filter: (id) => id !== 'd' })).toEqual(['b']);
  });

  it('accepts budgets as number, bigint or string', () => {
    const ix = build([doc('a', { priceMinFen: 5_000_000 })]);
    for (const budgetMaxFen of [1_000_000, 1_000_000n, '1000000']) {
      const r = rankMatches(ix, { text: '谐波减速器', budgetMaxFen }, { now: NOW }).results[0];
      expect(r.reasons.find((x) => x.kind === 'price')!.detail).toMatchObject({ status: 'over' });
    }
  });

  it('answers QUERY_ONLY_GENERIC for generic-only queries and throws QUERY_EMPTY for empty ones', () => {
    const ix = build([doc('a', { title: '智能技术系统' })]);
    const res = rankMatches(ix, { text: '智能 技术 系统 开发' }, { now: NOW });
    expect(res).toMatchObject({ code: 'QUERY_ONLY_GENERIC', results: [] });
    expect(() => rankMatches(ix, { text: '   ' }, { now: NOW })).toThrow(/QUERY_EMPTY/);
    expect(() => rankMatches(ix, { text: '，。！' }, { now: NOW })).toThrow(/QUERY_EMPTY/);
  });

  it('truncates text over 10,000 characters and says so', () => {
    const ix = build([doc('a')]);
    const res = rankMatches(ix, { text: '谐波减速器'.repeat(3000) }, { now: NOW });
    expect(res.truncated).toBe(true);
    expect(res.results).toHaveLength(1);
  });
});
