import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.js';
import { DEFAULT_CONFIG, FIELDS } from './config.js';
import { MatchIndex, type TextHit } from './match-index.js';
import { TEST_RESOURCES } from './test-resources.js';
import type { MatchDocument } from './types.js';

const analyzer = createAnalyzer(TEST_RESOURCES);
const VOCAB = ['静电卡盘', '刻蚀', '减速器', '回差', '电主轴', '隔膜', '锂离子电池', 'igbt', 'agv', 'cnc', '晶圆', '涂层', '焊接', '轴承', '催化剂', '分子筛'];

function doc(id: string, over: Partial<MatchDocument> = {}): MatchDocument {
  return {
    id,
    kind: 'achievement',
    title: '',
    summary: '',
    keywords: [],
    field: '',
    industryCodes: [],
    regionCode: null,
    trl: null,
    minTrl: null,
    priceMinFen: null,
    priceMaxFen: null,
    budgetMaxFen: null,
    ownerOrgId: null,
    credit: null,
    updatedAt: 0,
    ...over,
  };
}

const words = (n: number) => fc.array(fc.constantFrom(...VOCAB), { minLength: 0, maxLength: n }).map((w) => w.join(' '));
const docArb = fc.record({ title: words(4), summary: words(12), keywords: fc.array(fc.constantFrom(...VOCAB), { maxLength: 3 }), field: words(2) });

/** Independent BM25F: recomputes everything from the analyzer, no postings involved. */
function referenceTopK(docs: MatchDocument[], query: { term: string; weight: number }[], k: number): TextHit[] {
  const cfg = DEFAULT_CONFIG.index;
  const analysed = docs.map((d) => [d.title, d.summary, d.keywords.join(' ; '), d.field].map((t) => analyzer.document(t)));
  const n = docs.length;
  const avg = FIELDS.map((_, f) => Math.max(analysed.reduce((s, a) => s + a[f].length, 0) / n, 1e-6));
  const scores: TextHit[] = [];
  analysed.forEach((a, d) => {
    let score = 0;
    for (const q of query) {
      const df = analysed.filter((x) => x.some((fld) => fld.tf.has(q.term))).length;
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      let x = 0;
      FIELDS.forEach((name, f) => {
        const tf = a[f].tf.get(q.term) ?? 0;
        if (!tf) return;
        const { weight, b } = cfg.fields[name];
        x += (weight * (tf / 2)) / (1 - b + (b * a[f].length) / avg[f]);
      });
      if (x > 0) score += (q.weight * idf * x * (cfg.k1 + 1)) / (cfg.k1 + x);
    }
    if (score > 0) scores.push({ doc: d, score });
  });
  scores.sort((p, q) => q.score - p.score || p.doc - q.doc);
  return scores.slice(0, k);
}

function expectSameTopK(actual: TextHit[], expected: TextHit[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((h, i) => {
    expect(h.score).toBeCloseTo(expected[i].score, 9);
  });
  // ids must agree wherever the score is not tied with a neighbour
  actual.forEach((h, i) => {
    const tied = expected.some((e, j) => j !== i && Math.abs(e.score - expected[i].score) < 1e-9);
    if (!tied) expect(h.doc).toBe(expected[i].doc);
  });
}

describe('MatchIndex BM25F + MaxScore', () => {
  it('top-k equals a brute-force BM25F reference on random corpora (property)', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.record({ term: fc.constantFrom(...VOCAB), weight: fc.double({ min: 0.05, max: 2, noNaN: true }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 12 }),
        (raw, query, k) => {
          const docs = raw.map((r, i) => doc(`d${i}`, r));
          const ix = new MatchIndex(analyzer);
          ix.addAll(docs);
          const q = [...new Map(query.map((x) => [x.term, x])).values()];
          expectSameTopK(ix.search(q, { k }), referenceTopK(docs, q, k));
          expectSameTopK(ix.search(q, { k }), ix.exhaustiveSearch(q, { k }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('MaxScore agrees with exhaustive search on a larger corpus with block skipping', () => {
    const ix = new MatchIndex(analyzer);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      const pick = () => VOCAB[Math.floor(Math.pow(rnd(), 2) * VOCAB.length)];
      ix.add(doc(`d${i}`, { title: `${pick()} ${pick()}`, summary: Array.from({ length: 10 }, pick).join(' ') }));
    }
    for (const q of [['静电卡盘'], ['刻蚀', '分子筛'], VOCAB.slice(0, 8), ['催化剂', '分子筛', 'igbt']]) {
      const terms = q.map((term, i) => ({ term, weight: 1 / (i + 1) }));
      expectSameTopK(ix.search(terms, { k: 10 }), ix.exhaustiveSearch(terms, { k: 10 }));
    }
  });

  it('block-max skipping returns the exhaustive top-k on corpora with many blocks, skewed lengths, updates and removals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 25 }), fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 6 }), (s0, k, q) => {
        let seed = s0;
        const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const pick = () => VOCAB[Math.floor(Math.pow(rnd(), 1.5) * VOCAB.length)];
        const ix = new MatchIndex(analyzer);
        // 1,500 docs: several 128-posting blocks per common term; lengths from 1 to 40 words so block bounds differ
        for (let i = 0; i < 1500; i++) ix.add(doc(`d${i}`, { title: pick(), summary: Array.from({ length: 1 + Math.floor(rnd() * 40) }, pick).join(' '), keywords: rnd() < 0.3 ? [pick()] : [] }));
        for (let i = 0; i < 100; i++) ix.update(doc(`d${Math.floor(rnd() * 1500)}`, { title: `${pick()} ${pick()}`, summary: pick() }));
        for (let i = 0; i < 50; i++) ix.remove(`d${Math.floor(rnd() * 1500)}`, false);
        const terms = q.map((term, i) => ({ term, weight: 1 / (i + 1) }));
        expectSameTopK(ix.search(terms, { k }), ix.exhaustiveSearch(terms, { k }));
      }),
      { numRuns: 40 },
    );
  });

  it('a long query retrieves with its most informative terms and scores the pool with all of them (two stages, property)', () => {
    const twoStage = { ...DEFAULT_CONFIG.index, retrievalTerms: 3, rescorePool: 2 };
    const oneStage = { ...DEFAULT_CONFIG.index, retrievalTerms: 1000 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 20 }), fc.uniqueArray(fc.constantFrom(...VOCAB), { minLength: 4, maxLength: 12 }), (s0, k, q) => {
        let seed = s0;
        const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const pick = () => VOCAB[Math.floor(Math.pow(rnd(), 1.5) * VOCAB.length)];
        const docs = Array.from({ length: 600 }, (_, i) => doc(`d${i}`, { title: pick(), summary: Array.from({ length: 1 + Math.floor(rnd() * 30) }, pick).join(' '), keywords: rnd() < 0.3 ? [pick()] : [] }));
        const ix = new MatchIndex(analyzer, twoStage);
        ix.addAll(docs);
        const exact = new MatchIndex(analyzer, oneStage);
        exact.addAll(docs);
        const terms = q.map((term, i) => ({ term, weight: 0.2 + ((i * 7) % 5) / 4 }));
        const hits = ix.search(terms, { k });
        expectSameTopK(hits, ix.exhaustiveSearch(terms, { k }));
        // every score is the exact BM25F sum over all the query's terms, not only the retrieval terms'
        const full = new Map(exact.exhaustiveSearch(terms, { k: 10_000 }).map((h) => [h.doc, h.score]));
        for (const h of hits) expect(h.score).toBeCloseTo(full.get(h.doc)!, 9);
      }),
      { numRuns: 40 },
    );
  });

  it('explains several docs at once exactly as one by one (explainMany = explain per doc)', () => {
    fc.assert(
      fc.property(fc.array(docArb, { minLength: 1, maxLength: 300 }), fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 12 }), (docs, qwords, n) => {
        const ix = new MatchIndex(analyzer);
        ix.addAll(docs.map((d, i) => doc(`d${i}`, d)));
        const terms = qwords.map((term, i) => ({ term, weight: 1 / (i + 1) }));
        // an arbitrary order with repeats, as a ranking's page may hold docs in any id order
        const picked = Array.from({ length: n }, (_, i) => (i * 7919) % docs.length);
        const many = ix.explainMany(picked, terms);
        picked.forEach((d, i) => expect([...many[i]]).toEqual([...ix.explain(d, terms)]));
      }),
      { numRuns: 60 },
    );
  });

  it('finds documents through synonyms (减速机 query, 减速器 document)', () => {
    const ix = new MatchIndex(analyzer);
    ix.add(doc('a', { title: '谐波减速器回差控制' }));
    ix.add(doc('b', { title: '锂离子电池隔膜' }));
    const hits = ix.search(analyzer.query('谐波减速机背隙').terms, { k: 5 });
    expect(hits.map((h) => ix.externalId(h.doc))).toEqual(['a']);
  });

  it('supports incremental add, update and remove', () => {
    const ix = new MatchIndex(analyzer);
    ix.add(doc('a', { title: '静电卡盘' }));
    ix.add(doc('b', { title: '刻蚀 静电卡盘' }));
    const q = analyzer.query('静电卡盘').terms;
    expect(ix.search(q, { k: 5 })).toHaveLength(2);
    ix.update(doc('a', { title: '锂离子电池隔膜' }));
    expect(ix.search(q, { k: 5 }).map((h) => ix.externalId(h.doc))).toEqual(['b']);
    expect(ix.search(analyzer.query('隔膜').terms, { k: 5 }).map((h) => ix.externalId(h.doc))).toEqual(['a']);
    expect(ix.remove('b')).toBe(true);
    expect(ix.remove('b')).toBe(false);
    expect(ix.search(q, { k: 5 })).toHaveLength(0);
    expect(ix.size).toBe(1);
  });

  it('compaction gives the same scores as a fresh index of the live documents', () => {
    const docs = Array.from({ length: 200 }, (_, i) => doc(`d${i}`, { title: VOCAB[i % VOCAB.length], summary: `${VOCAB[(i * 7) % VOCAB.length]} ${VOCAB[(i * 3) % VOCAB.length]}` }));
    const ix = new MatchIndex(analyzer, { ...DEFAULT_CONFIG.index, compactRatio: 1 });
    ix.addAll(docs);
    for (let i = 0; i < 200; i += 3) ix.remove(`d${i}`);
    expect(ix.stats().tombstones).toBeGreaterThan(0);
    ix.compact();
    expect(ix.stats().tombstones).toBe(0);
    const fresh = new MatchIndex(analyzer);
    fresh.addAll(docs.filter((_, i) => i % 3 !== 0));
    const q = analyzer.query('刻蚀 回差 电主轴').terms;
    const a = ix.search(q, { k: 20 }).map((h) => [ix.externalId(h.doc), h.score.toFixed(9)]);
    const b = fresh.search(q, { k: 20 }).map((h) => [fresh.externalId(h.doc), h.score.toFixed(9)]);
    expect(a).toEqual(b);
  });

  it('round-trips through a snapshot', () => {
    const ix = new MatchIndex(analyzer);
    for (let i = 0; i < 300; i++) {
      ix.add(
        doc(`d${i}`, {
          title: `${VOCAB[i % VOCAB.length]} ${VOCAB[(i * 5) % VOCAB.length]}`,
          summary: VOCAB.slice(0, i % VOCAB.length).join(' '),
          industryCodes: i % 2 ? ['EQ.ROB.RED'] : [],
          regionCode: i % 3 ? '210100' : null,
          trl: i % 10 || null,
          priceMinFen: i * 100,
          credit: i % 4 ? 'A' : null,
          updatedAt: 1_700_000_000_000 + i,
        }),
      );
    }
    ix.remove('d5');
    const buf = ix.toSnapshot();
    const back = MatchIndex.fromSnapshot(buf, analyzer);
    const q = analyzer.query('静电卡盘 回差 igbt 隔膜').terms;
    const ids = (x: MatchIndex) => x.search(q, { k: 30 }).map((h) => [x.externalId(h.doc), h.score]);
    expect(ids(back)).toEqual(ids(ix));
    expect(back.stats()).toMatchObject({ docs: 299, terms: ix.stats().terms, postings: ix.stats().postings });
    const d = back.internalId('d7')!;
    expect(back.meta(d)).toEqual(ix.meta(ix.internalId('d7')!));
    back.add(doc('new', { title: 'SiC 静电卡盘' }));
    expect(back.search(analyzer.query('碳化硅').terms, { k: 1 }).map((h) => back.externalId(h.doc))).toEqual(['new']);
    expect(() => MatchIndex.fromSnapshot(Buffer.from('nope'), analyzer)).toThrow(/SNAPSHOT_INVALID/);
  });

  it('reports stats', () => {
    const ix = new MatchIndex(analyzer);
    ix.add(doc('a', { title: '静电卡盘 刻蚀' }));
    const s = ix.stats();
    expect(s.docs).toBe(1);
    expect(s.terms).toBeGreaterThanOrEqual(2);
    expect(s.postings).toBeGreaterThanOrEqual(2);
    expect(s.bytes).toBeGreaterThan(0);
  });
});
