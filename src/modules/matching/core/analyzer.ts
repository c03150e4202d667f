/**
 * Analyzer: normalise → join known multi-word phrases → pull out number+unit tokens →
 * jieba segmentation (with the domain dictionary) → drop punctuation/stop words →
 * thesaurus (member → canonical concept, plus broader concepts) → weights
 * (generic words, sub-words of long tokens, single characters) → optional CJK bigrams.
 *
 * Pure: resources come in as text/bytes; jieba is an in-process native library.
 */
import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDict } from '@node-rs/jieba/dict.js';
import { type AnalyzerConfig, DEFAULT_CONFIG } from './config.js';
import { cjkRuns, extractUnitTokens, normalizeText } from './normalize.js';
import {
  memberKey,
  normaliseDictionary,
  parseThesaurus,
  parseWordList,
  resourceText,
  type Thesaurus,
} from './thesaurus.js';
import type { AnalyzerResources } from './types.js';

export type TokenKind = 'word' | 'sub' | 'broader' | 'unit' | 'bigram';

export interface AnalyzedToken {
  /** Indexed term: canonical concept id, word, unit token, or `\u0001`-prefixed bigram. */
  term: string;
  /** Weight factor in (0, 1]. */
  weight: number;
  /** Surface form as it appeared (after normalisation). */
  surface: string;
  /** True when the surface was mapped to a different canonical concept by the thesaurus. */
  synonym: boolean;
  kind: TokenKind;
  generic: boolean;
}

export interface Analysis {
  tokens: AnalyzedToken[];
  truncated: boolean;
}

export interface QueryTerm {
  term: string;
  weight: number;
  surface: string;
  synonym: boolean;
  generic: boolean;
  kind: TokenKind;
}

export interface QueryAnalysis {
  terms: QueryTerm[];
  truncated: boolean;
  /** No tokens at all (only punctuation, stop words, or empty). */
  empty: boolean;
  /** Every main token is a generic word. */
  onlyGeneric: boolean;
}

export interface DocumentTerms {
  /** term → tf in half-units: a full token counts 2, a sub-word / broader concept 1. */
  tf: Map<string, number>;
  /** Number of full tokens (field length for BM25F). */
  length: number;
}

export interface Analyzer {
  readonly config: AnalyzerConfig;
  readonly thesaurus: Thesaurus;
  analyze(text: string): Analysis;
  query(text: string): QueryAnalysis;
  document(text: string): DocumentTerms;
  /** Canonical term for one word (thesaurus-mapped), or null if it is dropped. */
  canonical(word: string): string | null;
  isGeneric(term: string): boolean;
  /** Dictionary terms (normalised) — used by the benchmark to synthesise corpora. */
  dictionaryTerms(): string[];
}

export const BIGRAM_PREFIX = '\u0001';
export const TF_FULL = 2;
export const TF_PARTIAL = 1;

/** Built-in stop words; resources may add more. */
const BUILTIN_STOP = [
  '的', '了', '和', '与', '及', '或', '等', '在', '对', '为', '是', '将', '把', '被', '从', '向', '以', '于', '由', '其', '之', '而',
  '并', '且', '但', '也', '都', '又', '就', '该', '此', '这', '那', '各', '每', '个', '种', '类', '项', '套', '台', '件', '用', '中',
  '上', '下', '内', '外', '可', '能', '要', '已', '有', '无', '不', '我', '我们', '公司', '我公司', '某', '一', '二', '三', '年', '月',
  '日', '如', '若', '则', '通过', '进行', '实现', '具有', '具备', '以及', '及其', '其中', '对于', '关于', '目前', '现有', '希望',
  '需', '需求', '需要', '拟', '可以', '能够', '以上', '以下', '以内', '左右', '约', '达到', '达', '满足', '采用', '利用', '基于', '用于',
  'the', 'and', 'of', 'for', 'to', 'in', 'on', 'with', 'a', 'an', 'by', 'or', 'is', 'are',
];

const KEEP_CHAR_RE = /[\p{L}\p{N}℃%]/u;
const PURE_NUMBER_RE = /^[\d.,\-+/]+$/;
const CJK_CHAR_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const MIXED_PART_RE = /[a-z][a-z0-9+\-.]*|[0-9]+[a-z]+[a-z0-9]*|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

export function createAnalyzer(resources: AnalyzerResources, config: AnalyzerConfig = DEFAULT_CONFIG.analyzer): Analyzer {
  const thesaurus = parseThesaurus(resourceText(resources.thesaurus));
  const generic = parseWordList(resourceText(resources.genericWords));
  const stop = parseWordList(BUILTIN_STOP.join('\n') + '\n' + resourceText(resources.stopWords));
  const dictionary = normaliseDictionary(resourceText(resources.dictionary));

  const jieba = Jieba.withDict(jiebaDict);
  // Thesaurus members are domain terms too: make sure jieba keeps them whole.
  const extra: string[] = [];
  for (const m of thesaurus.members.keys()) {
    if (!dictionary.terms.has(m) && m.length > 1) extra.push(`${m} 20000 n`);
  }
  jieba.loadDict(Buffer.from(dictionary.lines.concat(extra).join('\n') + '\n', 'utf8'));

  // Phrase joins (`opc ua` → `opcua`), longest first.
  const phraseList = [...thesaurus.phrases.keys()].sort((a, b) => b.length - a.length);
  const phraseRe = phraseList.length
    ? new RegExp(`(?<![a-z0-9])(?:${phraseList.map(escapeRe).join('|')})(?![a-z0-9])`, 'g')
    : null;

  const domainTerms = new Set<string>([...dictionary.terms, ...thesaurus.members.keys()]);
  const subCache = new Map<string, string[]>();
  function subwords(token: string): string[] {
    let subs = subCache.get(token);
    if (subs) return subs;
    const set = new Set<string>();
    const parts = token.match(MIXED_PART_RE) ?? [];
    if (parts.length > 1) {
      for (const p of parts) {
        if (p.length >= 2) set.add(p);
        if (CJK_CHAR_RE.test(p) && p.length >= 3) for (const s of jieba.cutForSearch(p, false)) if (s.length >= 2) set.add(s);
      }
    } else if (CJK_CHAR_RE.test(token) && token.length >= 3) {
      for (const s of jieba.cutForSearch(token, false)) if (s.length >= 2) set.add(s);
    }
    set.delete(token);
    // only sub-words that are domain terms (or Latin parts): jieba's general 2-grams are mostly noise
    subs = [...set].filter(
      (s) => !stop.has(s) && !PURE_NUMBER_RE.test(s) && (domainTerms.has(s) || !CJK_CHAR_RE.test(s)),
    );
    if (subCache.size > 200_000) subCache.clear();
    subCache.set(token, subs);
    return subs;
  }

  function isGeneric(term: string): boolean {
    return generic.has(term);
  }

  function baseWeight(surface: string, concept: string): { w: number; g: boolean } {
    const g = generic.has(surface) || generic.has(concept);
    let w = g ? config.genericWeight : 1;
    if (!g && surface.length === 1 && CJK_CHAR_RE.test(surface)) w = config.singleCharWeight;
    return { w, g };
  }

  function pushWord(out: AnalyzedToken[], surface: string, kind: 'word' | 'sub', factor: number): void {
    const entry = thesaurus.members.get(surface);
    const concept = entry ? entry.concept : surface;
    const { w, g } = baseWeight(surface, concept);
    out.push({ term: concept, weight: w * factor, surface, synonym: concept !== surface, kind, generic: g });
    if (entry) {
      for (const b of entry.broader) {
        out.push({
          term: b,
          weight: w * factor * config.broaderWeight,
          surface,
          synonym: true,
          kind: 'broader',
          generic: g,
        });
      }
    }
  }

  function analyze(text: string): Analysis {
    let truncated = false;
    if (text.length > config.maxChars) {
      text = text.slice(0, config.maxChars);
      truncated = true;
    }
    let n = normalizeText(text);
    if (phraseRe) n = n.replace(phraseRe, (m) => ' ' + (thesaurus.phrases.get(m) ?? m) + ' ');
    const { units, rest } = extractUnitTokens(n);
    const tokens: AnalyzedToken[] = [];
    for (const raw of jieba.cut(rest, config.hmm)) {
      const t = raw.trim();
      if (!t || !KEEP_CHAR_RE.test(t) || PURE_NUMBER_RE.test(t) || stop.has(t)) continue;
      pushWord(tokens, t, 'word', 1);
      if (t.length >= 3) for (const s of subwords(t)) pushWord(tokens, s, 'sub', config.subwordWeight);
    }
    for (const u of units) {
      const concept = thesaurus.members.get(u)?.concept ?? u;
      tokens.push({ term: concept, weight: config.unitWeight, surface: u, synonym: concept !== u, kind: 'unit', generic: false });
    }
    if (config.bigrams) {
      for (const run of cjkRuns(rest)) {
        for (let i = 0; i + 1 < run.length; i++) {
          const bg = run.slice(i, i + 2);
          tokens.push({
            term: BIGRAM_PREFIX + bg,
            weight: config.bigramWeight,
            surface: bg,
            synonym: false,
            kind: 'bigram',
            generic: false,
          });
        }
      }
    }
    return { tokens, truncated };
  }

  function query(text: string): QueryAnalysis {
    const { tokens, truncated } = analyze(text);
    const byTerm = new Map<string, QueryTerm>();
    const qtf = new Map<string, number>();
    let main = 0;
    let mainGeneric = 0;
    for (const t of tokens) {
      if (t.kind === 'word' || t.kind === 'unit') {
        main++;
        if (t.generic) mainGeneric++;
      }
      const prev = byTerm.get(t.term);
      qtf.set(t.term, (qtf.get(t.term) ?? 0) + 1);
      if (!prev || t.weight > prev.weight) {
        byTerm.set(t.term, {
          term: t.term,
          weight: t.weight,
          surface: t.surface,
          synonym: t.synonym,
          generic: t.generic,
          kind: t.kind,
        });
      }
    }
    // a term the query repeats (title and description) matters more, with diminishing returns
    if (config.queryTfBoost > 0) {
      for (const q of byTerm.values()) q.weight *= 1 + config.queryTfBoost * Math.log((qtf.get(q.term) ?? 1));
    }
    return {
      terms: [...byTerm.values()],
      truncated,
      empty: main === 0,
      onlyGeneric: main > 0 && main === mainGeneric,
    };
  }

  function document(text: string): DocumentTerms {
    const { tokens } = analyze(text);
    const tf = new Map<string, number>();
    let length = 0;
    for (const t of tokens) {
      const full = t.kind === 'word' || t.kind === 'unit' || t.kind === 'bigram';
      if (t.kind === 'word' || t.kind === 'unit') length++;
      tf.set(t.term, (tf.get(t.term) ?? 0) + (full ? TF_FULL : TF_PARTIAL));
    }
    return { tf, length };
  }

  function canonical(word: string): string | null {
    const k = memberKey(word);
    if (!k || stop.has(k)) return null;
    return thesaurus.members.get(k)?.concept ?? k;
  }

  return {
    config,
    thesaurus,
    analyze,
    query,
    document,
    canonical,
    isGeneric,
    dictionaryTerms: () => [...dictionary.terms],
  };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
