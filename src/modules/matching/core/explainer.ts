/**
 * Explanations: structured reasons with signed contributions that add up to the final score,
 * plus a one-sentence summary in zh-CN and en.
 */
import type { QueryTerm } from './analyzer.js';
import { BIGRAM_PREFIX } from './analyzer.js';
import type { RankerConfig } from './config.js';
import type { IndustryFit, PriceFit, RegionFit, TrlFit } from './features.js';
import type { Thesaurus } from './thesaurus.js';
import type { MatchReason } from './types.js';

export interface FeatureValues {
  text: number;
  industry: IndustryFit;
  trl: TrlFit;
  region: RegionFit;
  price: PriceFit;
  credit: { value: number; credit: string | null };
  freshness: { value: number; ageDays: number };
}

export interface ExplainInput {
  features: FeatureValues;
  weights: RankerConfig['weights'];
  /** Multiplier of structural contributions (the normalised text score when combining multiplicatively). */
  scale: number;
  /** term → BM25F contribution in this doc */
  perTerm: Map<string, number>;
  terms: QueryTerm[];
  thesaurus: Thesaurus;
  /** concept term → the word the document uses for it (see ranker.documentSurfaces), when the caller gave its text */
  docSurfaces?: Map<string, string>;
}

interface MatchedTerm {
  term: string;
  surface: string;
  share: number;
  via?: string[];
  docSurface?: string;
}

const MAX_TERMS_IN_SUMMARY = 5;
/**
 * The terms reason lists its strongest matched terms (share desc) and sums up the rest in `more`: a pasted demand text
 * matches 20–30 terms, of which the last dozen are common words each carrying ~1 % (they still count in the
 * contribution, which stays the exact sum over every term). Listing all of them made a match response ~1.6× larger.
 */
export const MAX_TERMS_LISTED = 12;

/** A share as shown: 4 decimals (a tenth of a percentage point of the score) — display only, contributions stay exact. */
const shown = (x: number) => Math.round(x * 1e4) / 1e4;

export function explain(input: ExplainInput): { reasons: MatchReason[]; summary: { zh: string; en: string } } {
  const { features: f, weights: W } = input;
  const reasons: MatchReason[] = [];
  const textContribution = W.text * f.text;
  const total = [...input.perTerm.values()].reduce((a, b) => a + b, 0) || 1;

  const docSurfaces = input.docSurfaces ?? new Map<string, string>();

  const plain: MatchedTerm[] = [];
  const viaSynonym: MatchedTerm[] = [];
  const byTerm = new Map(input.terms.map((t) => [t.term, t]));
  for (const [term, s] of [...input.perTerm.entries()].sort((a, b) => b[1] - a[1])) {
    const q = byTerm.get(term);
    if (!q) continue;
    const display = term.startsWith(BIGRAM_PREFIX) ? term.slice(1) : term;
    const group = input.thesaurus.groups.get(term);
    const m: MatchedTerm = { term: display, surface: q.surface, share: (s / total) * textContribution };
    const docSurface = docSurfaces.get(term);
    if (docSurface) m.docSurface = docSurface;
    // a synonym was used when the doc's wording differs from the query's (known only with doc text),
    // or, without doc text, when the query word was mapped onto another canonical term
    const usedSynonym =
      group !== undefined && group.length > 1 && (docSurface !== undefined ? docSurface !== q.surface : q.synonym);
    if (usedSynonym) {
      m.via = group;
      viaSynonym.push(m);
    } else plain.push(m);
  }
  const sumShare = (xs: MatchedTerm[]) => xs.reduce((a, b) => a + b.share, 0);
  const listed = plain.slice(0, MAX_TERMS_LISTED);
  const rest = plain.slice(MAX_TERMS_LISTED);
  reasons.push({
    kind: 'terms',
    contribution: input.perTerm.size ? sumShare(plain) : textContribution,
    detail: {
      matched: listed.map((m) => ({ ...m, share: shown(m.share) })),
      ...(rest.length ? { more: { count: rest.length, share: shown(sumShare(rest)) } } : {}),
      normalisedText: f.text,
    },
  });
  if (viaSynonym.length) {
    reasons.push({
      kind: 'synonym',
      contribution: sumShare(viaSynonym),
      detail: {
        matched: viaSynonym.map((m) => ({ concept: m.term, query: m.surface, document: m.docSurface ?? null, group: m.via })),
      },
    });
  }
  if (f.industry.level !== 'unknown')
    reasons.push({ kind: 'industry', contribution: input.scale * W.industry * f.industry.value, detail: { ...f.industry } });
  if (f.trl.status !== 'unknown') reasons.push({ kind: 'trl', contribution: input.scale * W.trl * f.trl.value, detail: { ...f.trl } });
  if (f.region.level !== 'unknown')
    reasons.push({ kind: 'region', contribution: input.scale * W.region * f.region.value, detail: { ...f.region } });
  if (f.price.status !== 'unknown')
    reasons.push({ kind: 'price', contribution: input.scale * W.price * f.price.value, detail: { ...f.price } });
  if (f.credit.credit) reasons.push({ kind: 'credit', contribution: input.scale * W.credit * f.credit.value, detail: { ...f.credit } });
  if (f.freshness.value > 0)
    reasons.push({
      kind: 'freshness',
      contribution: input.scale * W.freshness * f.freshness.value,
      detail: { ageDays: Math.round(f.freshness.ageDays) },
    });
  return { reasons, summary: summarise(plain, viaSynonym, f) };
}

function summarise(plain: MatchedTerm[], syn: MatchedTerm[], f: FeatureValues): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  const words = plain.filter((m) => !m.term.startsWith('\u0001')).slice(0, MAX_TERMS_IN_SUMMARY).map((m) => m.surface);
  if (words.length) {
    zh.push(`关键词匹配：${words.join('、')}`);
    en.push(`matches ${words.join(', ')}`);
  }
  if (syn.length) {
    const pairs = syn.slice(0, 3).map((m) => (m.docSurface && m.docSurface !== m.surface ? `${m.surface}≈${m.docSurface}` : `${m.surface}≈${m.term}`));
    zh.push(`同义词：${pairs.join('、')}`);
    en.push(`synonyms ${pairs.join(', ')}`);
  }
  if (!words.length && !syn.length) {
    zh.push('文本部分相关');
    en.push('partial text overlap');
  }
  const ind = { node: ['产业节点相同', 'same industry node'], segment: ['同一产业环节', 'same industry segment'], chain: ['同一产业链', 'same industry chain'] } as const;
  if (f.industry.level in ind) {
    const [z, e] = ind[f.industry.level as keyof typeof ind];
    zh.push(z);
    en.push(e);
  }
  if (f.trl.status === 'ok') {
    zh.push(`技术成熟度TRL ${f.trl.trl}满足≥${f.trl.minTrl}`);
    en.push(`TRL ${f.trl.trl} meets ≥${f.trl.minTrl}`);
  } else if (f.trl.status === 'below') {
    zh.push(`技术成熟度TRL ${f.trl.trl}低于要求${f.trl.minTrl}`);
    en.push(`TRL ${f.trl.trl} below required ${f.trl.minTrl}`);
  }
  const reg = {
    sameCity: ['同城', 'same city'],
    sameProvince: ['同省', 'same province'],
    homeProvince: ['辽宁省内', 'in Liaoning'],
    elsewhere: ['省外', 'outside the province'],
  } as const;
  if (f.region.level in reg) {
    const [z, e] = reg[f.region.level as keyof typeof reg];
    zh.push(z);
    en.push(e);
  }
  if (f.price.status === 'within') {
    zh.push('价格在预算内');
    en.push('price within budget');
  } else if (f.price.status === 'over') {
    zh.push('价格超出预算');
    en.push('price over budget');
  }
  if (f.credit.credit) {
    zh.push(`信用等级${f.credit.credit}`);
    en.push(`credit class ${f.credit.credit}`);
  }
  const enText = en.join('; ');
  return { zh: zh.join('；') + '。', en: enText.charAt(0).toUpperCase() + enText.slice(1) + '.' };
}
