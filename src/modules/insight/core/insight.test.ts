import { describe, expect, it } from 'vitest';
import { createAnalyzer, type MatchDocument } from '../../matching/core/index.js';
import { loadMatchingResources } from '../../matching/matching.resources.js';
import { INSIGHT_PARAMS } from '../insight.params.js';
import { agglomerate, chainsOf, cityOfCode, clusterDemands, cosine, monthsOf, NO_CHAIN, OTHER_CITY, SupplyIndex, tfidf, trendOf, type TopicDemand } from './index.js';

const analyzer = createAnalyzer(loadMatchingResources());
const P = INSIGHT_PARAMS.cluster;

const hydrogen: TopicDemand[] = [
  { id: 'd1', title: '氢燃料电池电堆双极板耐腐蚀', summary: '我公司生产氢燃料电池电堆，金属双极板在酸性环境下腐蚀，需要涂层技术提升寿命。', keywords: ['氢燃料电池', '双极板', '涂层'] },
  { id: 'd2', title: '氢燃料电池空压机国产化', summary: '车用氢燃料电池系统需要高速离心空压机，寻求国产化方案。', keywords: ['氢燃料电池', '空压机'] },
  { id: 'd3', title: '燃料电池膜电极催化剂降本', summary: '氢燃料电池膜电极铂载量高，希望降低催化剂成本。', keywords: ['燃料电池', '膜电极', '催化剂'] },
];
const vision: TopicDemand[] = [
  { id: 'd4', title: '工业机器人视觉引导上下料', summary: '产线工业机器人需要3D视觉引导抓取工件，实现无序上下料。', keywords: ['工业机器人', '机器视觉', '抓取'] },
  { id: 'd5', title: '工业机器人视觉焊缝跟踪', summary: '焊接工业机器人需要视觉系统识别焊缝并实时纠偏。', keywords: ['工业机器人', '视觉', '焊缝跟踪'] },
];

function achievement(id: string, title: string, summary: string, keywords: string[]): MatchDocument {
  return { id, kind: 'achievement', title, summary, keywords, field: '', industryCodes: [], regionCode: '210200', trl: 6, minTrl: null, priceMinFen: null, priceMaxFen: null, budgetMaxFen: null, ownerOrgId: null, credit: null, updatedAt: Date.parse('2026-06-01T00:00:00Z') };
}

describe('topic clustering', () => {
  it('groups 3 hydrogen fuel-cell demands and 2 robot-vision demands into two topics labelled by their terms', () => {
    const topics = clusterDemands(analyzer, [...hydrogen, ...vision], P);
    expect(topics.map((t) => t.demandIds)).toEqual([['d1', 'd2', 'd3'], ['d4', 'd5']]);
    expect(topics.map((t) => t.id)).toEqual(['T01', 'T02']);
    expect(topics[0].terms.map((t) => t.term)).toContain('燃料电池');
    expect(topics[1].terms.map((t) => t.term)).toContain('工业机器人');
    expect(topics[0].label).toContain('燃料电池');
    expect(topics[1].label).not.toContain('燃料电池');
  });

  it('is deterministic: any input order gives the same topics', () => {
    const all = [...hydrogen, ...vision];
    const base = JSON.stringify(clusterDemands(analyzer, all, P));
    for (const order of [[4, 3, 2, 1, 0], [2, 4, 0, 3, 1], [1, 0, 4, 2, 3]]) {
      expect(JSON.stringify(clusterDemands(analyzer, order.map((i) => all[i]), P))).toBe(base);
    }
  });

  it('keeps everything apart at threshold 1 and merges everything at threshold 0', () => {
    expect(clusterDemands(analyzer, [...hydrogen, ...vision], { ...P, threshold: 1 })).toHaveLength(5);
    expect(clusterDemands(analyzer, [...hydrogen, ...vision], { ...P, threshold: 0 })).toHaveLength(1);
    expect(clusterDemands(analyzer, [], P)).toEqual([]);
  });

  it('average linkage merges the closest pair first and stops below the threshold', () => {
    const v = (o: Record<string, number>) => {
      const m = new Map(Object.entries(o));
      const n = Math.sqrt([...m.values()].reduce((a, b) => a + b * b, 0));
      for (const [k, x] of m) m.set(k, x / n);
      return m;
    };
    const vs = [v({ a: 1 }), v({ a: 1, b: 0.2 }), v({ c: 1 }), v({ c: 1, d: 0.1 }), v({ e: 1 })];
    expect(cosine(vs[0], vs[2])).toBe(0);
    expect(agglomerate(vs, 0.5)).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('idf lowers terms shared by every document', () => {
    const { idf } = tfidf([new Map([['x', 1], ['y', 1]]), new Map([['x', 1]])]);
    expect(idf.get('x')!).toBeLessThan(idf.get('y')!);
  });
});

describe('gap detection', () => {
  const supplyDocs = [
    achievement('a1', '工业机器人3D视觉引导与焊缝跟踪系统', '基于机器视觉的工业机器人引导抓取、焊缝识别与实时纠偏，已在焊接产线应用。', ['工业机器人', '机器视觉', '焊缝跟踪']),
    achievement('a2', '高精度RV减速器摆线轮成形磨削技术', '摆线轮齿廓误差≤3μm，整机回差≤1arcmin。', ['RV减速器', '摆线轮']),
  ];
  const topics = clusterDemands(analyzer, [...hydrogen, ...vision], P);
  const supply = new SupplyIndex(analyzer, supplyDocs, Date.parse('2026-11-27T00:00:00Z'));

  it('finds supply for the robot-vision topic and reports the best achievement with its coverage', () => {
    const s = supply.supplyFor(topics[1].terms, INSIGHT_PARAMS.gap);
    expect(s.gap).toBe(false);
    expect(s.supplyCount).toBe(1);
    expect(s.best?.achievementId).toBe('a1');
    expect(s.best!.score).toBeGreaterThanOrEqual(INSIGHT_PARAMS.gap.minCoverage);
    expect(s.best!.score).toBeLessThanOrEqual(1);
  });

  it('marks the fuel-cell topic a gap when no achievement covers it', () => {
    const s = supply.supplyFor(topics[0].terms, INSIGHT_PARAMS.gap);
    expect(s).toMatchObject({ gap: true, supplyCount: 0 });
    expect(s.best === null || s.best.score < INSIGHT_PARAMS.gap.minCoverage).toBe(true);
  });

  it('the threshold decides: an impossible coverage makes every topic a gap; an empty supply is a gap', () => {
    expect(supply.supplyFor(topics[1].terms, { ...INSIGHT_PARAMS.gap, minCoverage: 1.01 }).gap).toBe(true);
    expect(new SupplyIndex(analyzer, [], 0).supplyFor(topics[1].terms, INSIGHT_PARAMS.gap)).toEqual({ supplyCount: 0, best: null, gap: true });
  });

  it('a matching achievement added later closes the gap', () => {
    const more = new SupplyIndex(analyzer, [...supplyDocs, achievement('a3', '氢燃料电池电堆与膜电极', '燃料电池电堆、双极板涂层、空压机与膜电极催化剂的国产化技术。', ['燃料电池', '膜电极', '双极板', '空压机'])], 0);
    const s = more.supplyFor(topics[0].terms, INSIGHT_PARAMS.gap);
    expect(s.gap).toBe(false);
    expect(s.best?.achievementId).toBe('a3');
  });
});

describe('counting by chain, city and month', () => {
  it('maps industry codes to chains and region codes to cities', () => {
    expect(chainsOf(['NE.H2.FC', 'NE.PV', 'EQ.ROB'])).toEqual(['EQ', 'NE']);
    expect(chainsOf([])).toEqual([NO_CHAIN]);
    expect(cityOfCode('210213')).toBe('210200');
    expect(cityOfCode('211403')).toBe('211400');
    expect(cityOfCode('210000')).toBe(OTHER_CITY);
    expect(cityOfCode('110105')).toBe(OTHER_CITY);
    expect(cityOfCode(null)).toBe(OTHER_CITY);
  });

  it('lists every month of the period across a year end', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('counts per month overall and per chain, city and topic (zeros kept)', () => {
    const t = trendOf(
      [
        { id: 'd1', industries: ['NE.H2'], regionCode: '210213', publishedOn: '2026-01-05' },
        { id: 'd2', industries: ['NE.H2', 'EQ'], regionCode: '210100', publishedOn: '2026-03-31' },
        { id: 'd3', industries: [], regionCode: null, publishedOn: '2026-03-01' },
      ],
      { from: '2026-01-01', to: '2026-03-31' },
      new Map([['d1', 'T01'], ['d2', 'T01']]),
    );
    expect(t.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(t.total).toEqual([1, 0, 2]);
    expect(t.byChain).toEqual({ EQ: [0, 0, 1], NE: [1, 0, 1], [NO_CHAIN]: [0, 0, 1] });
    expect(t.byCity).toEqual({ '210100': [0, 0, 1], '210200': [1, 0, 0], [OTHER_CITY]: [0, 0, 1] });
    expect(t.byTopic).toEqual({ T01: [1, 0, 1] });
  });
});
