import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.js';
import { DEFAULT_CONFIG } from './config.js';
import { TEST_RESOURCES } from './test-resources.js';

const analyzer = createAnalyzer(TEST_RESOURCES);
const terms = (text: string) => analyzer.analyze(text).tokens.filter((t) => t.kind === 'word' || t.kind === 'unit').map((t) => t.term);

describe('analyzer', () => {
  it('keeps domain dictionary terms whole', () => {
    expect(terms('半导体刻蚀设备静电卡盘国产化')).toContain('静电卡盘');
  });

  it('maps synonyms to one canonical concept and reports the surface', () => {
    const a = analyzer.analyze('谐波减速机背隙').tokens;
    const red = a.find((t) => t.surface === '谐波减速机' && t.kind === 'word');
    expect(red).toMatchObject({ term: '谐波减速器', synonym: true });
    const gap = a.find((t) => t.surface === '背隙');
    expect(gap).toMatchObject({ term: '回差', synonym: true });
    // broader concept emitted at a lower weight
    const broader = a.find((t) => t.kind === 'broader' && t.term === '减速器');
    expect(broader?.weight).toBeCloseTo(DEFAULT_CONFIG.analyzer.broaderWeight);
  });

  it('treats 减速机/减速器, 锂电/锂离子电池, 3D打印/增材制造, 回差/背隙/空程 as the same concept', () => {
    expect(analyzer.canonical('减速机')).toBe(analyzer.canonical('减速器'));
    expect(analyzer.canonical('锂电')).toBe(analyzer.canonical('锂离子电池'));
    expect(analyzer.canonical('3D打印')).toBe(analyzer.canonical('增材制造'));
    expect(analyzer.canonical('空程')).toBe(analyzer.canonical('背隙'));
  });

  it('keeps English abbreviations, lower-cased, and joins multi-word ones', () => {
    const t = terms('IGBT与SiC器件，OPC UA上云，AGV调度');
    expect(t).toEqual(expect.arrayContaining(['igbt', '碳化硅', 'opcua', 'agv']));
  });

  it('keeps numbers with units as one token', () => {
    expect(terms('工作温度600℃，精度0.01mm')).toEqual(expect.arrayContaining(['600℃', '0.01mm']));
  });

  it('drops punctuation, whitespace and stop words', () => {
    const t = terms('我们的  设备，和（系统）！');
    expect(t.every((x) => /[\p{L}\p{N}]/u.test(x))).toBe(true);
    expect(t).not.toContain('的');
    expect(t).not.toContain('和');
  });

  it('down-weights generic words instead of removing them', () => {
    const tok = analyzer.analyze('智能技术').tokens;
    expect(tok.length).toBeGreaterThan(0);
    for (const t of tok) expect(t.weight).toBeCloseTo(DEFAULT_CONFIG.analyzer.genericWeight);
    expect(analyzer.query('技术 系统 智能 开发').onlyGeneric).toBe(true);
    expect(analyzer.query('智能减速器').onlyGeneric).toBe(false);
  });

  it('splits mixed Latin/CJK domain terms into weighted sub-words', () => {
    const tok = analyzer.analyze('PEM电解槽').tokens;
    expect(tok.find((t) => t.kind === 'word')?.term).toBe('pem电解槽');
    const sub = tok.find((t) => t.kind === 'sub' && t.term === '质子交换膜');
    expect(sub?.weight).toBeCloseTo(DEFAULT_CONFIG.analyzer.subwordWeight);
  });

  it('truncates very long text and flags it', () => {
    const q = analyzer.query('减速器'.repeat(5000));
    expect(q.truncated).toBe(true);
  });

  it('emits CJK bigrams only when enabled', () => {
    expect(analyzer.analyze('静电卡盘').tokens.some((t) => t.kind === 'bigram')).toBe(false);
    const withBigrams = createAnalyzer(TEST_RESOURCES, { ...DEFAULT_CONFIG.analyzer, bigrams: true });
    expect(withBigrams.analyze('静电卡盘').tokens.filter((t) => t.kind === 'bigram').map((t) => t.surface)).toEqual(['静电', '电卡', '卡盘']);
  });
});
