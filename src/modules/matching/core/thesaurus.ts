/**
 * Thesaurus and word-list parsing. Pure: takes resource text, returns lookup tables.
 *
 * thesaurus.txt: one synonym group per line, members separated by `,`; the first member is the
 * canonical concept id. An optional ` > A,B` suffix names broader concepts (a narrower term such as
 * 定向能量沉积 also emits 增材制造 at a lower weight). `#` starts a comment.
 */
import { normalizeText } from './normalize.js';

export interface ThesaurusEntry {
  /** Canonical concept id (normalised first member of the group). */
  concept: string;
  /** Broader concepts (canonical ids). */
  broader: string[];
}

export interface Thesaurus {
  /** normalised member → entry */
  members: Map<string, ThesaurusEntry>;
  /** concept id → normalised members (for explanations) */
  groups: Map<string, string[]>;
  /** Multi-word Latin members (`opc ua`) → their joined form (`opcua`). */
  phrases: Map<string, string>;
}

export function resourceText(r: string | Uint8Array | undefined): string {
  if (r === undefined) return '';
  return typeof r === 'string' ? r : new TextDecoder('utf-8').decode(r);
}

/** A member as the analyzer sees it: normalised, inner spaces removed. */
export function memberKey(raw: string): string {
  return normalizeText(raw.trim()).replace(/\s+/g, '');
}

export function parseThesaurus(text: string): Thesaurus {
  const members = new Map<string, ThesaurusEntry>();
  const groups = new Map<string, string[]>();
  const phrases = new Map<string, string>();
  const pendingBroader: { entry: ThesaurusEntry; raw: string[] }[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const [left, right] = line.split('>');
    const raw = left.split(',').map((m) => m.trim()).filter(Boolean);
    if (raw.length === 0) continue;
    const concept = memberKey(raw[0]);
    let entry = members.get(concept);
    // a member already seen merges into its existing concept (groups may be extended later in the file)
    const canonical = entry ? entry.concept : concept;
    const group = groups.get(canonical) ?? [];
    if (!entry) {
      entry = { concept: canonical, broader: [] };
    }
    for (const m of raw) {
      const key = memberKey(m);
      if (!key) continue;
      const normalSpaced = normalizeText(m.trim()).replace(/\s+/g, ' ');
      if (normalSpaced.includes(' ')) phrases.set(normalSpaced, key);
      if (!members.has(key)) members.set(key, entry);
      if (!group.includes(key)) group.push(key);
    }
    groups.set(canonical, group);
    if (right) pendingBroader.push({ entry, raw: right.split(',').map((m) => m.trim()).filter(Boolean) });
  }
  for (const { entry, raw } of pendingBroader) {
    for (const b of raw) {
      const key = memberKey(b);
      const target = members.get(key)?.concept ?? key;
      if (target !== entry.concept && !entry.broader.includes(target)) entry.broader.push(target);
    }
  }
  return { members, groups, phrases };
}

/** One word per line (first whitespace-separated column), `#` comments; normalised. */
export function parseWordList(text: string): Set<string> {
  const out = new Set<string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    out.add(memberKey(line.split(/\s+/)[0]));
  }
  return out;
}

/** jieba user dictionary (`term freq tag`) → normalised lines jieba can load, plus the term set. */
export function normaliseDictionary(text: string): { lines: string[]; terms: Set<string> } {
  const lines: string[] = [];
  const terms = new Set<string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const parts = line.split(/\s+/);
    const term = memberKey(parts[0]);
    if (!term || terms.has(term)) continue;
    terms.add(term);
    const freq = /^\d+$/.test(parts[1] ?? '') ? parts[1] : '3000';
    const tag = parts[2] ?? 'n';
    lines.push(`${term} ${freq} ${tag}`);
  }
  return { lines, terms };
}
