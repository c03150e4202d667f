/**
 * Plain BM25 baseline: the same jieba segmentation (default dict + our domain dictionary), but no
 * thesaurus, no sub-words, no generic-word weights, no structure; one field (title + summary).
 */
import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDict } from '@node-rs/jieba/dict.js';
import { normalizeText } from '../../src/modules/matching/core/index.js';

const DROP = /^[\s\p{P}\p{S}]*$/u;

export function createBaselineTokenizer(dictionary: string | Uint8Array): (text: string) => string[] {
  const jieba = Jieba.withDict(jiebaDict);
  const text = typeof dictionary === 'string' ? dictionary : new TextDecoder().decode(dictionary);
  const lines = text
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [t, f, g] = l.trim().split(/\s+/);
      return `${normalizeText(t)} ${f ?? 3000} ${g ?? 'n'}`;
    });
  jieba.loadDict(Buffer.from(lines.join('\n') + '\n'));
  return (s: string) => jieba.cut(normalizeText(s), false).map((t) => t.trim()).filter((t) => t && !DROP.test(t));
}

export class Bm25Baseline {
  private docs: { id: string; tf: Map<string, number>; len: number }[] = [];
  private df = new Map<string, number>();
  private avg = 0;
  constructor(
    private readonly tokenize: (s: string) => string[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  add(id: string, text: string): void {
    const toks = this.tokenize(text);
    const tf = new Map<string, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.docs.push({ id, tf, len: toks.length });
    this.avg = this.docs.reduce((s, d) => s + d.len, 0) / this.docs.length;
  }

  search(text: string, k: number): string[] {
    const q = new Set(this.tokenize(text));
    const n = this.docs.length;
    const scored = this.docs.map((d) => {
      let s = 0;
      for (const t of q) {
        const f = d.tf.get(t);
        if (!f) continue;
        const df = this.df.get(t)!;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        s += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * d.len) / this.avg));
      }
      return { id: d.id, s };
    });
    return scored
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1))
      .slice(0, k)
      .map((x) => x.id);
  }
}
