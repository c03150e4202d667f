/**
 * Does a supplier's declared capability cover a head enterprise's part specification (省内配套参数覆盖)?
 * Specs are typed key–value pairs: numeric with a unit and a range, a nominal value and/or a tolerance, or text
 * (material grades, standards). A capability covers a numeric spec when its range contains the required range (after
 * unit conversion) and its achievable tolerance is no wider than the required one. Suppliers that cover every spec
 * rank first; then by coverage share and text overlap. Pure.
 */
import { textOverlap, type Reason, type WeightedTerm } from '../../pilot/index.js';
import { toBase, type UnitIndex } from './units.js';

export interface NumericSpec {
  key: string;
  type?: 'number';
  unit: string;
  min?: number | null;
  max?: number | null;
  nominal?: number | null;
  /** required tolerance (±) for a requirement; achievable tolerance (±) for a capability */
  tolerance?: number | null;
}

export interface TextSpec {
  key: string;
  type: 'text';
  values: string[];
}

export type Spec = NumericSpec | TextSpec;

export type CoverStatus = 'covered' | 'partial' | 'not_covered' | 'missing' | 'unit_mismatch';

export interface SpecCoverage {
  key: string;
  status: CoverStatus;
  fraction: number; // share of the required range the capability spans (1 when covered)
  reason: Reason;
}

export const normaliseKey = (k: string) => k.normalize('NFKC').toLowerCase().replace(/[\s:：_\-（）()]/g, '');

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
const le = (a: number, b: number) => a < b || near(a, b);

function fmt(s: NumericSpec): string {
  const range = s.min != null || s.max != null ? `${s.min ?? '−∞'}–${s.max ?? '+∞'}` : s.nominal != null ? `${s.nominal}` : '';
  return `${range}${s.unit ? ` ${s.unit}` : ''}${s.tolerance != null ? ` ±${s.tolerance}` : ''}`.trim();
}

/** Validates a spec (a range needs min ≤ max, a numeric spec a known unit); returns problems in words. */
export function specProblems(s: Spec, idx: UnitIndex): string[] {
  if (s.type === 'text') return s.values.length ? [] : [`${s.key}: no values`];
  const p: string[] = [];
  if (!idx.resolve(s.unit)) p.push(`${s.key}: unknown unit ${s.unit}`);
  if (s.min != null && s.max != null && s.min > s.max) p.push(`${s.key}: min > max`);
  if (s.min == null && s.max == null && s.nominal == null && s.tolerance == null) p.push(`${s.key}: give a range, a nominal value or a tolerance`);
  if (s.tolerance != null && s.tolerance < 0) p.push(`${s.key}: tolerance must not be negative`);
  return p;
}

export function coverSpec(req: Spec, caps: readonly Spec[], idx: UnitIndex): SpecCoverage {
  const key = req.key;
  const cap = caps.find((c) => normaliseKey(c.key) === normaliseKey(req.key));
  if (!cap) return { key, status: 'missing', fraction: 0, reason: { code: 'SPEC_MISSING', zh: `未声明“${key}”能力`, en: `no declared capability for ${key}` } };
  if (req.type === 'text' || cap.type === 'text') {
    if (req.type !== 'text' || cap.type !== 'text') return { key, status: 'unit_mismatch', fraction: 0, reason: { code: 'SPEC_TYPE_MISMATCH', zh: `“${key}”类型不一致`, en: `${key}: different kinds of value` } };
    const offered = new Set(cap.values.map((v) => normaliseKey(v)));
    const hit = req.values.find((v) => offered.has(normaliseKey(v)));
    return hit
      ? { key, status: 'covered', fraction: 1, reason: { code: 'SPEC_COVERED', zh: `${key}：可提供 ${hit}`, en: `${key}: offers ${hit}` } }
      : { key, status: 'not_covered', fraction: 0, reason: { code: 'SPEC_NOT_COVERED', zh: `${key}：要求 ${req.values.join('/')}，可提供 ${cap.values.join('/')}`, en: `${key}: needs ${req.values.join('/')}, offers ${cap.values.join('/')}` } };
  }
  const ru = idx.resolve(req.unit);
  const cu = idx.resolve(cap.unit);
  if (!ru || !cu || ru.dimension !== cu.dimension) return { key, status: 'unit_mismatch', fraction: 0, reason: { code: 'SPEC_UNIT_MISMATCH', zh: `${key}：单位 ${req.unit} 与 ${cap.unit} 不可换算`, en: `${key}: ${req.unit} and ${cap.unit} do not convert` } };
  // the required range (or point) in base units; the capability's range (open ends are unbounded)
  const rLo = req.min ?? req.nominal ?? null;
  const rHi = req.max ?? req.nominal ?? null;
  let rangeOk = true;
  let fraction = 1;
  if (rLo !== null && rHi !== null) {
    const lo = toBase(rLo, ru);
    const hi = toBase(rHi, ru);
    const cLo = cap.min != null ? toBase(cap.min, cu) : cap.nominal != null && cap.max == null ? toBase(cap.nominal, cu) : -Infinity;
    const cHi = cap.max != null ? toBase(cap.max, cu) : cap.nominal != null && cap.min == null ? toBase(cap.nominal, cu) : Infinity;
    rangeOk = le(cLo, lo) && le(hi, cHi);
    if (!rangeOk) fraction = hi > lo ? Math.max(0, Math.min(hi, cHi) - Math.max(lo, cLo)) / (hi - lo) : 0;
  }
  let tolOk: boolean | null = true;
  if (req.tolerance != null) {
    if (cap.tolerance == null) tolOk = null;
    else tolOk = le(cap.tolerance * cu.factor, req.tolerance * ru.factor);
  }
  const shown = `${key}：要求 ${fmt(req)}，能力 ${fmt(cap)}`;
  const shownEn = `${key}: needs ${fmt(req)}, declares ${fmt(cap)}`;
  if (rangeOk && tolOk === true) return { key, status: 'covered', fraction: 1, reason: { code: 'SPEC_COVERED', zh: `${shown}（覆盖）`, en: `${shownEn} (covered)` } };
  if (rangeOk && tolOk === null) return { key, status: 'partial', fraction: 1, reason: { code: 'SPEC_TOLERANCE_UNKNOWN', zh: `${shown}（未声明可达公差）`, en: `${shownEn} (tolerance not declared)` } };
  if (rangeOk && tolOk === false) return { key, status: 'partial', fraction: 1, reason: { code: 'SPEC_TOLERANCE_WIDER', zh: `${shown}（公差达不到）`, en: `${shownEn} (tolerance too wide)` } };
  if (fraction > 0) return { key, status: 'partial', fraction, reason: { code: 'SPEC_PARTIAL', zh: `${shown}（部分覆盖）`, en: `${shownEn} (partly covered)` } };
  return { key, status: 'not_covered', fraction: 0, reason: { code: 'SPEC_NOT_COVERED', zh: `${shown}（不覆盖）`, en: `${shownEn} (not covered)` } };
}

export interface SupplierCandidate {
  id: string;
  specs: readonly Spec[];
  terms: ReadonlySet<string>;
}

export interface SupplierMatch {
  id: string;
  fullyCovered: boolean;
  coverage: number; // 0..1
  score: number;
  items: SpecCoverage[];
  reasons: Reason[];
}

export interface ChainMatchParams {
  weights: { coverage: number; text: number };
  partialFactor: number;
  limit: number;
}

/** Suppliers whose ranges cover every spec first, then by coverage share and text overlap. */
export function rankSuppliers(part: { specs: readonly Spec[]; terms: readonly WeightedTerm[] }, suppliers: readonly SupplierCandidate[], idx: UnitIndex, params: ChainMatchParams): SupplierMatch[] {
  const out: SupplierMatch[] = [];
  for (const s of suppliers) {
    const items = part.specs.map((r) => coverSpec(r, s.specs, idx));
    const coverage = items.length ? items.reduce((sum, i) => sum + (i.status === 'covered' ? 1 : i.status === 'partial' ? params.partialFactor * i.fraction : 0), 0) / items.length : 0;
    const fullyCovered = items.length > 0 && items.every((i) => i.status === 'covered');
    const text = textOverlap(part.terms, s.terms);
    if (coverage === 0 && text.score === 0) continue;
    const reasons: Reason[] = [];
    if (fullyCovered) reasons.push({ code: 'ALL_SPECS_COVERED', zh: `全部 ${items.length} 项技术参数均覆盖`, en: `covers all ${items.length} specifications` });
    else if (items.length) reasons.push({ code: 'SPECS_COVERED', zh: `覆盖 ${items.filter((i) => i.status === 'covered').length}/${items.length} 项技术参数`, en: `covers ${items.filter((i) => i.status === 'covered').length} of ${items.length} specifications` });
    if (text.matched.length) reasons.push({ code: 'TEXT', zh: `产品描述相符：${text.matched.slice(0, 5).join('、')}`, en: `description matches: ${text.matched.slice(0, 5).join(', ')}` });
    reasons.push(...items.map((i) => i.reason));
    out.push({ id: s.id, fullyCovered, coverage: Math.round(coverage * 1000) / 1000, score: Math.round((params.weights.coverage * coverage + params.weights.text * text.score) * 1000) / 1000, items, reasons });
  }
  return out.sort((a, b) => Number(b.fullyCovered) - Number(a.fullyCovered) || b.score - a.score || a.id.localeCompare(b.id)).slice(0, params.limit);
}

export interface ChainPartState {
  id: string;
  name: string;
  chainCode: string;
  currentSource: string;
  status: 'localised' | 'covered' | 'partial' | 'gap';
}

/** A chain's local coverage: parts localised or with a covering provincial supplier, over all parts; the rest are gaps (断点堵点). */
export function chainCoverage(parts: readonly ChainPartState[]) {
  const covered = parts.filter((p) => p.status === 'covered' || p.status === 'localised').length;
  return {
    parts: parts.length,
    covered,
    partial: parts.filter((p) => p.status === 'partial').length,
    gaps: parts.filter((p) => p.status === 'gap' || p.status === 'partial'),
    localCoverageBp: parts.length ? Math.round((covered * 10_000) / parts.length) : 0,
  };
}
