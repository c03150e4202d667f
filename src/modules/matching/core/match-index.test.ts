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

/** Both traversals must return the exact top-k: MaxScore over the compressed lists, and term at a time over decoded impacts. */
const TRAVERSALS = [
  { name: 'MaxScore', index: { ...DEFAULT_CONFIG.index, impactCacheMB: 0 }, decoded: false },
  { name: 'term at a time', index: DEFAULT_CONFIG.index, decoded: true },
];

describe.each(TRAVERSALS)('MatchIndex BM25F top-k ($name)', ({ index: cfg, decoded }) => {
  /** The traversal under test was the one taken (decoded lists are cached only by term-at-a-time retrieval). */
  const tookPath = (ix: MatchIndex) => expect(ix.stats().decodedBytes > 0).toBe(decoded);
  /** In a property, sparse cases may take MaxScore whatever the config: the traversal under test must be taken in some runs (and never where it is off). */
  let decodedRuns = 0;
  const notePath = (ix: MatchIndex) => {
    if (ix.stats().decodedBytes > 0) decodedRuns++;
  };
  const tookPathInSomeRuns = () => {
    expect(decodedRuns > 0).toBe(decoded);
    decodedRuns = 0;
  };

  it('top-k equals a brute-force BM25F reference on random corpora (property)', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.record({ term: fc.constantFrom(...VOCAB), weight: fc.double({ min: 0.05, max: 2, noNaN: true }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 12 }),
        (raw, query, k) => {
          const docs = raw.map((r, i) => doc(`d${i}`, r));
          const ix = new MatchIndex(analyzer, cfg);
          ix.addAll(docs);
          const q = [...new Map(query.map((x) => [x.term, x])).values()];
          expectSameTopK(ix.search(q, { k }), referenceTopK(docs, q, k));
          expectSameTopK(ix.search(q, { k }), ix.exhaustiveSearch(q, { k }));
          notePath(ix);
        },
      ),
      { numRuns: 150 },
    );
    tookPathInSomeRuns();
  });

  it('MaxScore agrees with exhaustive search on a larger corpus with block skipping', () => {
    const ix = new MatchIndex(analyzer, cfg);
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
    tookPath(ix);
  });

  it('block-max skipping returns the exhaustive top-k on corpora with many blocks, skewed lengths, updates and removals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 25 }), fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 6 }), (s0, k, q) => {
        let seed = s0;
        const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const pick = () => VOCAB[Math.floor(Math.pow(rnd(), 1.5) * VOCAB.length)];
        const ix = new MatchIndex(analyzer, cfg);
        // 1,500 docs: several 128-posting blocks per common term; lengths from 1 to 40 words so block bounds differ
        for (let i = 0; i < 1500; i++) ix.add(doc(`d${i}`, { title: pick(), summary: Array.from({ length: 1 + Math.floor(rnd() * 40) }, pick).join(' '), keywords: rnd() < 0.3 ? [pick()] : [] }));
        for (let i = 0; i < 100; i++) ix.update(doc(`d${Math.floor(rnd() * 1500)}`, { title: `${pick()} ${pick()}`, summary: pick() }));
        for (let i = 0; i < 50; i++) ix.remove(`d${Math.floor(rnd() * 1500)}`, false);
        const terms = q.map((term, i) => ({ term, weight: 1 / (i + 1) }));
        expectSameTopK(ix.search(terms, { k }), ix.exhaustiveSearch(terms, { k }));
        notePath(ix);
      }),
      { numRuns: 40 },
    );
    tookPathInSomeRuns();
  });

  it('a long query retrieves with its most informative terms and scores the pool with all of them (two stages, property)', () => {
    const twoStage = { ...cfg, retrievalTerms: 3, rescorePool: 2 };
    const oneStage = { ...cfg, retrievalTerms: 1000 };
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
        notePath(ix);
      }),
      { numRuns: 40 },
    );
    tookPathInSomeRuns();
  });

  it('applies the kind and the accept predicates exactly as exhaustive search does', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = () => VOCAB[Math.floor(Math.pow(rnd(), 1.5) * VOCAB.length)];
    const ix = new MatchIndex(analyzer, cfg);
    for (let i = 0; i < 800; i++) ix.add(doc(`d${i}`, { kind: i % 4 === 0 ? 'demand' : 'achievement', title: pick(), summary: Array.from({ length: 1 + Math.floor(rnd() * 15) }, pick).join(' ') }));
    const terms = [VOCAB[0], VOCAB[1], VOCAB[2]].map((term, i) => ({ term, weight: 1 / (i + 1) }));
    const late: number[] = [];
    const opts = { k: 12, kind: 'demand' as const, accept: (d: number) => d % 3 !== 0, acceptLate: (d: number) => (late.push(d), d % 5 !== 0) };
    const hits = ix.search(terms, opts);
    expect(hits.length).toBe(12);
    for (const h of hits) expect(ix.meta(h.doc).kind === 'demand' && h.doc % 3 !== 0 && h.doc % 5 !== 0).toBe(true);
    expectSameTopK(hits, ix.exhaustiveSearch(terms, opts));
    // the late predicate is asked only about docs that would enter the top-k, not about every match
    const matches = ix.exhaustiveSearch(terms, { k: 10_000 }).length;
    expect(late.length).toBeLessThan(matches / 2);
    tookPath(ix);
  });

  it('stays exact across adds, updates and removals between queries (decoded lists follow the index)', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = () => VOCAB[Math.floor(Math.pow(rnd(), 1.5) * VOCAB.length)];
    const ix = new MatchIndex(analyzer, cfg);
    for (let i = 0; i < 400; i++) ix.add(doc(`d${i}`, { title: pick(), summary: Array.from({ length: 1 + Math.floor(rnd() * 20) }, pick).join(' ') }));
    const terms = ['刻蚀', '静电卡盘', '回差'].map((term, i) => ({ term, weight: 1 / (i + 1) }));
    for (let round = 0; round < 30; round++) {
      expectSameTopK(ix.search(terms, { k: 10 }), ix.exhaustiveSearch(terms, { k: 10 }));
      const change = round % 3;
      if (change === 0) ix.add(doc(`new${round}`, { title: '刻蚀 静电卡盘 回差', summary: '刻蚀' }));
      else if (change === 1) ix.update(doc(`d${Math.floor(rnd() * 400)}`, { title: '静电卡盘 静电卡盘' }));
      else ix.remove(ix.externalId(ix.search(terms, { k: 1 })[0].doc), false);
    }
    // the documents added last rank where exhaustive search puts them
    expectSameTopK(ix.search(terms, { k: 30 }), ix.exhaustiveSearch(terms, { k: 30 }));
    tookPath(ix);
  });
});


describe('MatchIndex', () => {
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

  it('keeps decoded lists within their memory budget (evicting as queries move on) and still answers exactly', () => {
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = () => VOCAB[Math.floor(rnd() * VOCAB.length)];
    const docs = Array.from({ length: 3000 }, (_, i) => doc(`d${i}`, { title: pick(), summary: Array.from({ length: 8 }, pick).join(' ') }));
    const probe = new MatchIndex(analyzer);
    probe.addAll(docs);
    const df = (w: string) => probe.df(analyzer.query(w).terms[0].term);
    // a budget that holds the lists of the first query, not of every query: what stays decoded must be evicted
    const budgetBytes = 12 * (df('刻蚀') + df('焊接') + 50);
    const touchedBytes = 12 * ['刻蚀', '焊接', '轴承', '涂层', '晶圆', 'igbt', 'agv'].reduce((n, w) => n + df(w), 0);
    expect(touchedBytes).toBeGreaterThan(2 * budgetBytes);
    const ix = new MatchIndex(analyzer, { ...DEFAULT_CONFIG.index, impactCacheMB: budgetBytes / 1048576 });
    ix.addAll(docs);
    for (const q of [['刻蚀', '焊接'], ['轴承', '涂层'], ['刻蚀', '晶圆'], ['igbt', 'agv'], ['刻蚀', '焊接']]) {
      const terms = q.map((term, i) => ({ term, weight: 1 / (i + 1) }));
      expectSameTopK(ix.search(terms, { k: 10 }), ix.exhaustiveSearch(terms, { k: 10 }));
      const s = ix.stats();
      expect(s.decodedBytes).toBeGreaterThan(0);
      expect(s.decodedBytes).toBeLessThanOrEqual(budgetBytes);
    }
    // a query whose lists exceed the budget is answered by MaxScore, exactly
    const wide = VOCAB.slice(0, 10).map((term) => ({ term, weight: 1 }));
    expectSameTopK(ix.search(wide, { k: 10 }), ix.exhaustiveSearch(wide, { k: 10 }));
  });

  it('answers sparse queries by MaxScore without decoding (term at a time only where postings are dense)', () => {
    const ix = new MatchIndex(analyzer);
    for (let i = 0; i < 2000; i++) ix.add(doc(`d${i}`, { title: i % 500 === 0 ? '静电卡盘' : '焊接', summary: '涂层' }));
    const rare = analyzer.query('静电卡盘').terms;
    expect(ix.search(rare, { k: 5 })).toHaveLength(4);
    expect(ix.stats().decodedBytes).toBe(0);
    const common = analyzer.query('焊接 涂层').terms;
    expectSameTopK(ix.search(common, { k: 5 }), ix.exhaustiveSearch(common, { k: 5 }));
    expect(ix.stats().decodedBytes).toBeGreaterThan(0);
    // any change to the index drops the decoded lists with the norms they were computed from
    ix.add(doc('late', { title: '焊接 焊接', summary: '涂层' }));
    expect(ix.stats().decodedBytes).toBe(0);
    expect(ix.externalId(ix.search(common, { k: 1 })[0].doc)).toBe('late');
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
