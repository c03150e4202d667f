/**
 * Shipped reference data (data/reference/*.json): GB/T 2260 regions, Liaoning's regional groupings
 * (一圈一带两区), the industry taxonomy (产业链 → 环节 → 节点) and the GB/T 22900-2022 TRL levels (技术成熟度).
 *
 * Every accessor loads its file once, on first use, and returns frozen data; callers must not mutate it.
 */
import { readFileSync } from 'node:fs';

// ---------------------------------------------------------------------------------------------------------------
// Types

export type RegionLevel = 'province' | 'city' | 'county';

/** One GB/T 2260 administrative division. */
export interface Region {
  /** 6-digit GB/T 2260 code, e.g. "210300". */
  readonly code: string;
  /** Full name, e.g. "鞍山市", "内蒙古自治区". */
  readonly name: string;
  /** Customary short name, e.g. "鞍山", "内蒙古"; equals `name` where no safe short form exists. */
  readonly short: string;
  readonly level: RegionLevel;
  /** Code of the enclosing division; null for provinces. */
  readonly parent: string | null;
}

/** A Liaoning regional grouping (一圈一带两区). */
export interface RegionGroup {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  /** Region codes (cities, or counties for 辽东绿色经济区). */
  readonly members: readonly string[];
  readonly note?: string;
}

/** A node of the industry taxonomy as stored: chain (产业链) → segment (环节) → node (节点). */
export interface TaxonomyNode {
  /** Stable dotted ASCII code, e.g. "EQ", "EQ.ROB", "EQ.ROB.RED". */
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  /** Other labels for the same thing, used by {@link classifyField}. */
  readonly aliases: readonly string[];
  readonly children?: readonly TaxonomyNode[];
}

export type TaxonomyLevel = 'chain' | 'segment' | 'node';

/** A taxonomy node with its position in the tree (see {@link flattenTaxonomy}). */
export interface FlatTaxonomyNode {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly aliases: readonly string[];
  readonly level: TaxonomyLevel;
  /** 1 for a chain, 2 for a segment, 3 for a node. */
  readonly depth: 1 | 2 | 3;
  readonly parent: string | null;
  /** Codes from the chain down to this node, inclusive. */
  readonly path: readonly string[];
  /** Names along `path`. */
  readonly pathNames: readonly string[];
}

export type TrlGroup = 'low' | 'medium' | 'high';

export interface TrlQuestion {
  readonly zh: string;
  readonly en: string;
}

/** One GB/T 22900-2022 technology readiness level with its self-assessment questions (all must be "yes"). */
export interface TrlLevel {
  readonly level: number;
  readonly zh: string;
  readonly en: string;
  readonly group: TrlGroup;
  readonly questions: readonly TrlQuestion[];
}

// ---------------------------------------------------------------------------------------------------------------
// Loading

const DATA_DIR = new URL('../../../data/reference/', import.meta.url);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

function loadJson<T>(file: string): T {
  return deepFreeze(JSON.parse(readFileSync(new URL(file, DATA_DIR), 'utf8')) as T);
}

function once<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Regions

const LEVEL_RANK: Record<RegionLevel, number> = { province: 0, city: 1, county: 2 };

interface RegionIndex {
  list: readonly Region[];
  byCode: Map<string, Region>;
  byName: Map<string, Region[]>;
  byShort: Map<string, Region[]>;
  children: Map<string, Region[]>;
  /** Provinces and cities: where a compound name such as 辽宁省沈阳市 or 沈阳浑南区 may start. */
  top: Region[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const regionIndex = once((): RegionIndex => {
  const list = loadJson<Region[]>('regions.json');
  const index: RegionIndex = {
    list,
    byCode: new Map(),
    byName: new Map(),
    byShort: new Map(),
    children: new Map(),
    top: [],
  };
  for (const r of list) {
    index.byCode.set(r.code, r);
    push(index.byName, r.name, r);
    if (r.short !== r.name) push(index.byShort, r.short, r);
    if (r.parent) push(index.children, r.parent, r);
    if (r.level !== 'county') index.top.push(r);
  }
  return index;
});

/** All regions, sorted by code. */
export function regions(): readonly Region[] {
  return regionIndex().list;
}

/** The region with exactly this 6-digit code, or null. */
export function regionByCode(code: string): Region | null {
  return regionIndex().byCode.get(code.trim()) ?? null;
}

function ancestry(r: Region): Region[] {
  const chain: Region[] = [r];
  for (let p = r.parent; p; ) {
    const parent = regionIndex().byCode.get(p);
    if (!parent) break;
    chain.unshift(parent);
    p = parent.parent;
  }
  return chain;
}

/**
 * Choose among regions sharing a name: the highest level wins (吉林 → 吉林省, not 吉林市); several at that level
 * (铁西区 in 沈阳 and in 鞍山) give their lowest common ancestor, the most specific region certain to contain it.
 */
function pick(candidates: readonly Region[] | undefined): Region | null {
  if (!candidates || candidates.length === 0) return null;
  const top = Math.min(...candidates.map((r) => LEVEL_RANK[r.level]));
  const best = candidates.filter((r) => LEVEL_RANK[r.level] === top);
  if (best.length === 1) return best[0];
  const chains = best.map(ancestry);
  let common: Region | null = null;
  for (let i = 0; chains.every((c) => i < c.length && c[i].code === chains[0][i].code); i++) common = chains[0][i];
  return common;
}

/** Remainder of a compound name that looks like a county-level division we do not carry (e.g. 北京市海淀区). */
const UNKNOWN_SUBDIVISION = /^[\u4e00-\u9fff]{1,12}(区|县|市|旗)$/;

/** Parse 辽宁省沈阳市浑南区, 辽宁沈阳, 沈阳市铁西区 … from the top down; null unless the whole input is used. */
function parseCompound(input: string): Region | null {
  const idx = regionIndex();
  let current: Region | null = null;
  let rest = input;
  while (rest) {
    const pool: readonly Region[] = current ? (idx.children.get(current.code) ?? []) : idx.top;
    let best: Region | null = null;
    let bestLen = 0;
    for (const r of pool) {
      for (const t of [r.name, r.short]) {
        const better = t.length > bestLen || (t.length === bestLen && best && LEVEL_RANK[r.level] < LEVEL_RANK[best.level]);
        if (rest.startsWith(t) && better) {
          best = r;
          bestLen = t.length;
        }
      }
    }
    if (!best) return current && UNKNOWN_SUBDIVISION.test(rest) ? current : null;
    current = best;
    rest = rest.slice(bestLen);
  }
  return current;
}

/**
 * Resolve free-text region input to a region, the most specific one the input determines:
 * - a GB/T 2260 code ("210300"; 2- and 4-digit prefixes are padded; an unknown 6-digit code falls back to its
 *   city, then its province — 110108 → 北京市);
 * - a full name ("沈阳市", "北京市", "江苏省", "浑南区") or a short name ("沈阳", "内蒙古");
 * - a compound name ("辽宁省沈阳市", "沈阳市铁西区", "辽宁沈阳").
 * Returns null when nothing matches.
 */
export function resolveRegion(input: string): Region | null {
  const s = input.normalize('NFKC').replace(/\s+/g, '');
  if (!s) return null;
  const idx = regionIndex();
  if (/^\d+$/.test(s)) {
    if (s.length !== 2 && s.length !== 4 && s.length !== 6) return null;
    const code = s.padEnd(6, '0');
    return (
      idx.byCode.get(code) ??
      idx.byCode.get(`${code.slice(0, 4)}00`) ??
      idx.byCode.get(`${code.slice(0, 2)}0000`) ??
      null
    );
  }
  return pick(idx.byName.get(s)) ?? pick(idx.byShort.get(s)) ?? parseCompound(s);
}

/** True when the region is in Liaoning (code 21xxxx). Accepts a code or anything {@link resolveRegion} accepts. */
export function isLiaoning(code: string): boolean {
  const s = code.trim();
  if (/^\d{6}$/.test(s)) return s.startsWith('21');
  const r = resolveRegion(s);
  return r !== null && r.code.startsWith('21');
}

/**
 * The prefecture-level city of a region code: a county gives its city, a city itself; null for a province, a
 * municipality (北京市 has no prefecture level here) or an unknown code without a known city.
 */
export function cityOf(code: string): Region | null {
  const s = code.trim();
  if (!/^\d{6}$/.test(s)) return null;
  const r = regionIndex().byCode.get(s);
  if (r) {
    if (r.level === 'city') return r;
    if (r.level === 'county' && r.parent) return regionIndex().byCode.get(r.parent) ?? null;
    return null;
  }
  const city = regionIndex().byCode.get(`${s.slice(0, 4)}00`);
  return city && city.level === 'city' ? city : null;
}

/** The province-level division containing a region code (itself for a province), or null. */
export function provinceOf(code: string): Region | null {
  const s = code.trim();
  if (!/^\d{6}$/.test(s)) return null;
  return regionIndex().byCode.get(`${s.slice(0, 2)}0000`) ?? null;
}

const regionGroupList = once(() => loadJson<RegionGroup[]>('region-groups.json'));

/** Liaoning's regional groupings (一圈一带两区). */
export function regionGroups(): readonly RegionGroup[] {
  return regionGroupList();
}

// ---------------------------------------------------------------------------------------------------------------
// Taxonomy

interface TaxonomyIndex {
  tree: readonly TaxonomyNode[];
  flat: readonly FlatTaxonomyNode[];
  byCode: Map<string, { node: TaxonomyNode; flat: FlatTaxonomyNode }>;
  /** Codes of each node's subtree (itself first), in taxonomy order. */
  subtree: Map<string, readonly string[]>;
  /** Normalised match terms per code. */
  terms: Map<string, readonly MatchTerm[]>;
  allCodes: readonly string[];
}

interface MatchTerm {
  readonly text: string;
  /** Only an exact match counts (English names, one-character terms). */
  readonly exactOnly: boolean;
  readonly ascii: boolean;
}

const LEVELS: readonly TaxonomyLevel[] = ['chain', 'segment', 'node'];

function isAscii(s: string): boolean {
  return /^[\x20-\x7e]+$/.test(s);
}

function normaliseTerm(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const taxonomyIndex = once((): TaxonomyIndex => {
  const tree = loadJson<TaxonomyNode[]>('taxonomy.json');
  const flat: FlatTaxonomyNode[] = [];
  const byCode: TaxonomyIndex['byCode'] = new Map();
  const subtree = new Map<string, readonly string[]>();
  const terms = new Map<string, readonly MatchTerm[]>();

  const visit = (node: TaxonomyNode, parent: FlatTaxonomyNode | null): string[] => {
    const depth = (parent ? parent.depth + 1 : 1) as 1 | 2 | 3;
    const entry: FlatTaxonomyNode = Object.freeze({
      code: node.code,
      name: node.name,
      nameEn: node.nameEn,
      aliases: node.aliases,
      level: LEVELS[depth - 1],
      depth,
      parent: parent?.code ?? null,
      path: Object.freeze([...(parent?.path ?? []), node.code]),
      pathNames: Object.freeze([...(parent?.pathNames ?? []), node.name]),
    });
    if (byCode.has(node.code)) throw new Error(`taxonomy.json: duplicate code ${node.code}`);
    flat.push(entry);
    byCode.set(node.code, { node, flat: entry });

    const seen = new Set<string>();
    const list: MatchTerm[] = [];
    const add = (raw: string, exactOnly: boolean) => {
      const text = normaliseTerm(raw);
      if (!text || seen.has(text)) return;
      seen.add(text);
      list.push({ text, exactOnly: exactOnly || text.length < 2, ascii: isAscii(text) });
    };
    add(node.name, false);
    for (const a of node.aliases) add(a, false);
    add(node.nameEn, true);
    terms.set(node.code, list);

    const codes = [node.code];
    for (const child of node.children ?? []) codes.push(...visit(child, entry));
    subtree.set(node.code, codes);
    return codes;
  };
  for (const chain of tree) visit(chain, null);

  return { tree, flat, byCode, subtree, terms, allCodes: flat.map((f) => f.code) };
});

/** The taxonomy tree: chains with their segments and nodes. */
export function taxonomy(): readonly TaxonomyNode[] {
  return taxonomyIndex().tree;
}

/** The taxonomy node (with its children) for a code, or null. */
export function taxonomyNode(code: string): TaxonomyNode | null {
  return taxonomyIndex().byCode.get(code.trim())?.node ?? null;
}

/** Every chain, segment and node in tree order (pre-order), with level, parent and path. */
export function flattenTaxonomy(): readonly FlatTaxonomyNode[] {
  return taxonomyIndex().flat;
}

/** Separators between the parts of a field label such as "高端装备/机器人" or "新能源，氢能". */
const FIELD_SEPARATORS = /[/\\|,，、;；:：>()（）[\]【】\s]+/;

/** `needle` occurs in `hay`; an ASCII needle must not be glued to other ASCII letters or digits (PI ≠ PIPE). */
function containsTerm(hay: string, needle: string, ascii: boolean): boolean {
  if (!ascii) return hay.includes(needle);
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1];
    const after = hay[i + needle.length];
    if ((!before || !/[a-z0-9]/.test(before)) && (!after || !/[a-z0-9]/.test(after))) return true;
  }
  return false;
}

/**
 * Best-matching codes for one label part among `codes`. An exact name/alias match scores 2; otherwise a term that
 * contains the part (a more specific term, e.g. 光伏视觉检测 for 视觉检测) scores part/term length, and — only when
 * `allowBroader` — a term contained in the part (e.g. 轴承 in 轴承制造) scores term/part length. Ties are all kept.
 */
function bestMatches(part: string, codes: readonly string[], allowBroader: boolean): string[] {
  const { terms } = taxonomyIndex();
  const partAscii = isAscii(part);
  let best = 0;
  let hits: string[] = [];
  for (const code of codes) {
    let score = 0;
    for (const t of terms.get(code) ?? []) {
      let s = 0;
      if (t.text === part) s = 2;
      else if (t.exactOnly) continue;
      else if (part.length >= 2 && containsTerm(t.text, part, partAscii)) s = part.length / t.text.length;
      else if (allowBroader && containsTerm(part, t.text, t.ascii)) s = t.text.length / part.length;
      if (s > score) score = s;
    }
    if (score === 0) continue;
    if (score > best + 1e-9) {
      best = score;
      hits = [code];
    } else if (Math.abs(score - best) <= 1e-9) {
      hits.push(code);
    }
  }
  return hits;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Drop every code that is an ancestor of another code in the list; keeps order. */
function mostSpecific(codes: readonly string[]): string[] {
  const { byCode } = taxonomyIndex();
  const ancestors = new Set<string>();
  for (const c of codes) for (const p of byCode.get(c)?.flat.path.slice(0, -1) ?? []) ancestors.add(p);
  return unique(codes).filter((c) => !ancestors.has(c));
}

const MAX_FIELD_CODES = 5;

/**
 * Classify a free-text field label ("高端装备/机器人", "新能源/氢能", "生物医药/中药") into taxonomy codes.
 *
 * The label is split on / ， , 、 ; and spaces (also \ | : > and brackets). Parts are read left to right as
 * broad → narrow: each part is first matched inside the subtrees of the codes found for the parts before it,
 * then inside their chains, then across the whole taxonomy; exact name/alias matches beat substring containment.
 * A part with several equal matches keeps those in the chains of the other parts when there are any. The result is
 * the most specific codes (ancestors of other results removed), deduplicated, at most 5; [] when nothing matches.
 */
export function classifyField(text: string): string[] {
  const idx = taxonomyIndex();
  const parts = unique(text.normalize('NFKC').split(FIELD_SEPARATORS).map(normaliseTerm).filter(Boolean));
  if (!parts.length) return [];

  const chainOf = (code: string) => code.split('.')[0];
  const depthOf = (code: string) => idx.byCode.get(code)?.flat.depth ?? 3;
  // Without context, a word that is both a broad alias (环保 → 节能环保) and a narrow one (环保 → 钢铁节能环保)
  // means the broad thing.
  const shallowest = (codes: readonly string[]) => {
    const top = Math.min(...codes.map(depthOf));
    return codes.filter((c) => depthOf(c) === top);
  };

  const found: { hits: string[]; global: boolean }[] = [];
  const anchorsOf = (f: { hits: string[]; global: boolean }) => (f.global ? shallowest(f.hits) : f.hits);
  for (const part of parts) {
    const anchors = unique(found.flatMap(anchorsOf));
    let hits: string[] = [];
    if (anchors.length) {
      hits = bestMatches(part, unique(anchors.flatMap((a) => idx.subtree.get(a) ?? [])), false);
      if (!hits.length) {
        const chains = unique(anchors.map(chainOf));
        hits = bestMatches(part, unique(chains.flatMap((c) => idx.subtree.get(c) ?? [])), false);
      }
    }
    if (hits.length) found.push({ hits, global: false });
    else found.push({ hits: bestMatches(part, idx.allCodes, true), global: true });
  }

  // A part with matches in several places keeps those in the chains the other parts point to.
  const narrowed = found.map((f, i) => {
    if (f.hits.length < 2) return f.hits;
    const otherChains = new Set(found.flatMap((g, j) => (j === i ? [] : anchorsOf(g).map(chainOf))));
    const inContext = f.hits.filter((c) => otherChains.has(chainOf(c)));
    if (inContext.length) return inContext;
    return f.global ? shallowest(f.hits) : f.hits;
  });

  return mostSpecific(narrowed.flat()).slice(0, MAX_FIELD_CODES);
}

// ---------------------------------------------------------------------------------------------------------------
// TRL

const trlList = once(() => loadJson<TrlLevel[]>('trl.json'));

/** The nine GB/T 22900-2022 levels, in order, with self-assessment questions. */
export function trlLevels(): readonly TrlLevel[] {
  return trlList();
}

/** The code prefix that selects a region and everything inside it: 210000 → "21", 210100 → "2101", 210102 → "210102". */
export function regionPrefix(code: string): string {
  if (code.length < 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
