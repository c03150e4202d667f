import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.js';
import { DEFAULT_CONFIG } from './config.js';
import { MatchIndex } from './match-index.js';
import { searchGroups } from './search-groups.js';
import { TEST_RESOURCES } from './test-resources.js';
import type { MatchDocument } from './types.js';

const analyzer = createAnalyzer(TEST_RESOURCES);
const VOCAB = ['静电卡盘', '刻蚀', '减速器', '减速机', '谐波减速器', '回差', '背隙', '电主轴', '隔膜', '锂离子电池', 'igbt', '晶圆', '涂层', '焊接', '技术'];

function doc(id: string, over: Partial<MatchDocument> = {}): MatchDocument {
  return { id, kind: 'achievement', title: '', summary: '', keywords: [], field: '', industryCodes: [], regionCode: null, trl: null, minTrl: null, priceMinFen: null, priceMaxFen: null, budgetMaxFen: null, ownerOrgId: null, credit: null, updatedAt: 0, ...over };
}

/** Dense lists are walked and probed decoded (impact cache), sparse ones — or all, with the cache off — through cursors. */
const TRAVERSALS = [
  { name: 'cursors', index: { ...DEFAULT_CONFIG.index, impactCacheMB: 0 } },
  { name: 'decoded lists where dense', index: DEFAULT_CONFIG.index },
];

describe.each(TRAVERSALS)('searchGroups + MatchIndex.searchAll (search box; $name)', ({ index: cfg }) => {
  it('one group per query word, with its synonyms, broader concepts and sub-words as alternatives', () => {
    const g = searchGroups(analyzer.analyze('谐波减速机 背隙').tokens);
    expect(g).toHaveLength(2);
    expect(g[0].map((t) => t.term)).toEqual(expect.arrayContaining(['谐波减速器', '减速器']));
    expect(g[1].map((t) => t.term)).toEqual(['回差']);
    expect(searchGroups(analyzer.analyze('，。！').tokens)).toEqual([]);
    expect(searchGroups(analyzer.analyze('刻蚀 刻蚀').tokens)).toHaveLength(1);
  });

  it('needs every word; a word inside a longer compound is found; synonyms match; kind and removals respected', () => {
    const ix = new MatchIndex(analyzer, cfg);
    ix.add(doc('a', { title: '静电卡盘刻蚀工艺' }));
    ix.add(doc('b', { title: '刻蚀设备', summary: '晶圆' }));
    ix.add(doc('c', { title: '谐波减速器', keywords: ['回差'] }));
    ix.add(doc('d', { title: '刻蚀', kind: 'demand' }));
    ix.add(doc('e', { title: '减速机 回差 刻蚀' }));
    const q = (text: string, kind: 'achievement' | 'demand' = 'achievement') => ix.searchAll(searchGroups(analyzer.analyze(text).tokens), { kind, limit: 100 }).map((h) => ix.externalId(h.doc));
    expect(q('刻蚀').sort()).toEqual(['a', 'b', 'e']);
    expect(q('刻蚀', 'demand')).toEqual(['d']);
    expect(q('刻蚀 晶圆')).toEqual(['b']);
    expect(q('减速器').sort()).toEqual(['c', 'e']); // c: inside the compound 谐波减速器 (a dictionary sub-word); e: 减速机 ≈ 减速器
    expect(q('减速器 背隙').sort()).toEqual(['c', 'e']); // 减速机 ≈ 减速器, 背隙 ≈ 回差, 谐波减速器 → broader 减速器
    expect(q('减速器 焊接')).toEqual([]);
    expect(q('不存在的词')).toEqual([]);
    ix.remove('b');
    expect(q('刻蚀').sort()).toEqual(['a', 'e']);
    expect(ix.searchAll(searchGroups(analyzer.analyze('刻蚀').tokens), { kind: 'achievement', limit: 1 })).toHaveLength(1);
  });

  it('returns exactly the docs holding every group, scored like the brute-force BM25F, best first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: fc.array(fc.constantFrom(...VOCAB), { maxLength: 4 }), summary: fc.array(fc.constantFrom(...VOCAB), { maxLength: 10 }) }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 3 }),
        (docs, words) => {
          const ix = new MatchIndex(analyzer, cfg);
          const all = docs.map((d, i) => doc(`d${i}`, { title: d.title.join(' '), summary: d.summary.join(' ') }));
          ix.addAll(all);
          const groups = searchGroups(analyzer.analyze(words.join(' ')).tokens);
          const got = ix.searchAll(groups, { limit: 1000 });
          const has = (d: MatchDocument, term: string) => [d.title, d.summary].some((t) => analyzer.document(t).tf.has(term));
          const expected = all.filter((d) => groups.every((g) => g.some((t) => has(d, t.term)))).map((d) => d.id).sort();
          expect(got.map((h) => ix.externalId(h.doc)).sort()).toEqual(expected);
          // scores: the disjunctive reference over the same distinct terms, restricted to these docs
          const terms = new Map<string, number>();
          for (const g of groups) for (const t of g) terms.set(t.term, Math.max(terms.get(t.term) ?? 0, t.weight));
          const ref = new Map(ix.exhaustiveSearch([...terms].map(([term, weight]) => ({ term, weight })), { k: 1000 }).map((h) => [h.doc, h.score]));
          for (const h of got) expect(h.score).toBeCloseTo(ref.get(h.doc) ?? 0, 9);
          for (let i = 1; i < got.length; i++) expect(got[i - 1].score >= got[i].score).toBe(true);
          // the bounded top-k: the head of the full ranking, with the count of every match; twice in a row
          // (the per-doc scratch is clean after each call)
          for (const k of [1, 3, 1000]) {
            const top = ix.searchTop(groups, { limit: k });
            expect(top.total).toBe(expected.length);
            expect(top.hits).toEqual(got.slice(0, k));
            // with a count cap (the one-word path may answer through MaxScore and stop counting at the cap)
            for (const cap of [1, 5, 1000]) {
              const capped = ix.searchTop(groups, { limit: k, countCap: cap });
              expect(capped.total).toBe(Math.min(cap, expected.length));
              expect(capped.hits.map((h) => h.doc)).toEqual(got.slice(0, k).map((h) => h.doc));
              capped.hits.forEach((h, i) => expect(h.score).toBeCloseTo(got[i].score, 9));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
