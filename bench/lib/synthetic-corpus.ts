/**
 * Synthetic achievement corpora for the matching benchmark: a Zipf-like draw over real domain terms
 * (the matching dictionary), joined by ordinary connective phrases, at realistic lengths.
 * Deterministic for a given seed.
 */
import type { MatchDocument } from '../../src/modules/matching/core/index.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONNECTIVES = [
  '采用', '基于', '通过', '实现', '提高', '降低', '开展', '形成', '具有', '用于', '研制', '突破', '解决', '优化', '集成', '建立',
];
const FILLERS = [
  '关键技术', '工艺路线', '产业化应用', '性能指标', '稳定运行', '示范应用', '工程验证', '小批量生产', '国内领先水平',
  '自主知识产权', '成本显著降低', '效率明显提升', '可靠性高', '已申请发明专利', '可按企业工况适配',
];
const TITLE_SUFFIX = ['技术', '关键技术', '制备方法', '装置', '系统', '工艺', '研究', '及应用', '成套装备', ''];
const FIELDS = [
  '高端装备/机器人', '高端装备/数控机床', '集成电路/装备', '石化/催化剂', '冶金/特钢', '新材料/复合材料', '新能源/氢能',
  '新能源/储能', '新能源/风电', '航空/发动机', '船舶海工', '生物医药', '医疗器械', '工业软件', '人工智能', '环保/水处理',
  '农业/食品', '海洋/渔业',
];

export class SyntheticCorpus {
  private readonly cdf: Float64Array;
  constructor(
    private readonly terms: string[],
    private readonly rand: () => number,
    zipfS = 1.0,
  ) {
    this.cdf = new Float64Array(terms.length);
    let acc = 0;
    for (let i = 0; i < terms.length; i++) this.cdf[i] = acc += 1 / Math.pow(i + 1, zipfS);
    for (let i = 0; i < terms.length; i++) this.cdf[i] /= acc;
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  /** A term by Zipf rank (rank 0 = most common). */
  term(): string {
    const u = this.rand();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return this.terms[lo];
  }

  rareTerm(): string {
    return this.terms[Math.floor(this.terms.length / 2 + this.rand() * (this.terms.length / 2))];
  }

  commonTerm(): string {
    return this.terms[Math.floor(this.rand() * 30)];
  }

  text(minChars: number, maxChars: number): string {
    const target = minChars + Math.floor(this.rand() * (maxChars - minChars + 1));
    let s = '';
    while (s.length < target) {
      const r = this.rand();
      if (r < 0.55) s += this.term();
      else if (r < 0.75) s += this.pick(CONNECTIVES) + this.term();
      else if (r < 0.88) s += this.pick(FILLERS);
      else s += this.term() + '与' + this.term();
      s += this.rand() < 0.3 ? '，' : this.rand() < 0.15 ? '。' : '';
    }
    return s.slice(0, maxChars);
  }

  document(i: number): MatchDocument {
    let title = this.term() + (this.rand() < 0.6 ? this.term() : '') + this.pick(TITLE_SUFFIX);
    while (title.length < 10) title = this.term() + title;
    title = title.slice(0, 30);
    const nk = 3 + Math.floor(this.rand() * 4);
    const keywords: string[] = [];
    for (let k = 0; k < nk; k++) keywords.push(this.term());
    return {
      id: `A${i}`,
      kind: 'achievement',
      title,
      summary: this.text(80, 300),
      keywords,
      field: this.pick(FIELDS),
      industryCodes: [],
      regionCode: this.rand() < 0.7 ? `21${String(1 + Math.floor(this.rand() * 14)).padStart(2, '0')}00` : '320100',
      trl: 1 + Math.floor(this.rand() * 9),
      minTrl: null,
      priceMinFen: this.rand() < 0.5 ? Math.floor(this.rand() * 1e9) : null,
      priceMaxFen: null,
      budgetMaxFen: null,
      ownerOrgId: `O${Math.floor(this.rand() * 5000)}`,
      credit: this.pick(['A', 'B', 'C', null]),
      updatedAt: 1_700_000_000_000 + Math.floor(this.rand() * 3e10),
    };
  }

  /** Varied queries: short/long, rare/common. */
  query(i: number): string {
    switch (i % 5) {
      case 0:
        return this.term(); // short, Zipf
      case 1:
        return this.rareTerm() + this.term(); // rare
      case 2:
        return this.commonTerm() + this.commonTerm() + '技术'; // common
      case 3:
        return this.text(30, 80); // medium description
      default:
        return this.term() + this.term() + '，' + this.text(150, 400); // long demand
    }
  }
}
