/**
 * Value of a technology achievement (科技成果价值评估) as a LOW–HIGH range in fen, by up to three approaches
 * (docs/domain.md §5), with every assumption listed and marked as given ('input') or taken from the defaults
 * ('default', data/reference/valuation.json). Deterministic: same input and parameters, same output.
 *
 * - Income approach: V = Σₜ₌₁ⁿ Rₜ·k / (1 + r)ᵗ × (1 − d), n ≤ remaining patent term and ≤ maxYears;
 *   k = sales royalty rate (or profit share × operating margin); r = risk-free rate + risk premium;
 *   d = risk discount for the technology's maturity (TRL). LOW takes k low, r high, d high; HIGH the opposite.
 * - Cost approach: V = replacement cost × (1 − obsolescence). LOW with the high obsolescence.
 * - Market approach: each comparable price × Π adjustment factors; LOW–HIGH = the lowest and highest adjusted
 *   price (one comparable gives LOW = HIGH).
 * - Combined: weighted mean of the approaches' lows and of their highs (weights renormalised over the approaches
 *   present), or the envelope (lowest low – highest high).
 *
 * Numerics: rates are exact millionths (decimal.ts). Cost, market and combined are computed exactly in BigInt and
 * rounded half up to the fen once. The income approach discounts in floating point — each year's term
 * Rₜ·k·(1 − d)/(1 + r)ᵗ is a double (relative error ~1e-16, i.e. far below a fen for any realistic amount), the
 * terms are added with Neumaier compensated summation, and the sum is rounded half up to the fen only at the end.
 */
import { RuleError } from '../../../kernel/rule-error.js';
import { divRoundHalfUp, formatPpm, parsePpm, PPM } from './decimal.js';

export class ValuationError extends RuleError<string> {}

// ---------------------------------------------------------------------------------------------------------------
// Parameters

/** A range of rates in ppm (millionths). */
export interface PpmRange {
  readonly low: number;
  readonly high: number;
}

export interface RoyaltyRow {
  readonly industry: string;
  readonly zh: string;
  readonly en: string;
  readonly rate: PpmRange;
  readonly marker: 'confirmed' | 'recalled' | 'default';
  /** Taxonomy chain codes (data/reference/taxonomy.json) mapped to this row. */
  readonly taxonomy: readonly string[];
}

export interface ValuationParams {
  readonly maxYears: number;
  readonly riskFreeRate: number;
  readonly riskPremium: PpmRange;
  readonly royaltyRates: readonly RoyaltyRow[];
  readonly profitShare: PpmRange;
  readonly trlRiskDiscount: readonly { readonly minTrl: number; readonly maxTrl: number; readonly discount: PpmRange }[];
  readonly unknownTrlRiskDiscount: PpmRange;
  readonly obsolescence: PpmRange;
  readonly combine: {
    readonly method: 'weighted' | 'envelope';
    readonly weightsBp: Readonly<Record<Approach, number>>;
  };
}

export type Approach = 'income' | 'cost' | 'market';
const APPROACHES: readonly Approach[] = ['income', 'market', 'cost'];

/** Validates valuation.json; throws one Error listing every problem. */
export function parseValuationParams(json: unknown): ValuationParams {
  const problems: string[] = [];
  const root = (json ?? {}) as Record<string, unknown>;
  const rate = (v: unknown, name: string, max = PPM): number => {
    const p = parsePpm(v);
    if (p === null || p > max) problems.push(`${name} must be a decimal string 0–${max / PPM} with ≤ 6 decimals`);
    return p ?? 0;
  };
  const range = (v: unknown, name: string, max = PPM): PpmRange => {
    const r = (v ?? {}) as Record<string, unknown>;
    const low = rate(r.low, `${name}.low`, max);
    const high = rate(r.high, `${name}.high`, max);
    if (low > high) problems.push(`${name}: low is above high`);
    return { low, high };
  };
  const maxYears = root.maxYears;
  if (!Number.isSafeInteger(maxYears) || (maxYears as number) <= 0) problems.push('maxYears must be a positive integer');
  const dr = (root.discountRate ?? {}) as Record<string, unknown>;
  const riskFreeRate = rate(dr.riskFreeRate, 'discountRate.riskFreeRate');
  const riskPremium = range(dr.riskPremium, 'discountRate.riskPremium');
  const royaltyRates: RoyaltyRow[] = [];
  if (!Array.isArray(root.royaltyRates)) problems.push('royaltyRates must be an array');
  else {
    for (const [i, r] of (root.royaltyRates as Record<string, unknown>[]).entries()) {
      if (typeof r?.industry !== 'string') problems.push(`royaltyRates[${i}].industry is required`);
      const marker = r?.marker;
      if (marker !== 'confirmed' && marker !== 'recalled' && marker !== 'default') problems.push(`royaltyRates[${i}].marker must be confirmed|recalled|default`);
      royaltyRates.push({
        industry: String(r?.industry),
        zh: String(r?.zh ?? r?.industry),
        en: String(r?.en ?? r?.industry),
        rate: range(r, `royaltyRates[${i}]`),
        marker: marker as RoyaltyRow['marker'],
        taxonomy: Array.isArray(r?.taxonomy) ? (r.taxonomy as unknown[]).map(String) : [],
      });
    }
    if (!royaltyRates.some((r) => r.industry === 'other')) problems.push('royaltyRates needs an "other" row');
  }
  const profitShare = range(root.profitShare, 'profitShare');
  const trlRiskDiscount: ValuationParams['trlRiskDiscount'][number][] = [];
  if (!Array.isArray(root.trlRiskDiscount)) problems.push('trlRiskDiscount must be an array');
  else {
    for (const [i, r] of (root.trlRiskDiscount as Record<string, unknown>[]).entries()) {
      trlRiskDiscount.push({ minTrl: r?.minTrl as number, maxTrl: r?.maxTrl as number, discount: range(r, `trlRiskDiscount[${i}]`) });
    }
    for (let trl = 1; trl <= 9; trl++) {
      const n = trlRiskDiscount.filter((r) => trl >= r.minTrl && trl <= r.maxTrl).length;
      if (n !== 1) problems.push(`trlRiskDiscount must cover TRL ${trl} exactly once`);
    }
  }
  const unknownTrlRiskDiscount = range(root.unknownTrlRiskDiscount, 'unknownTrlRiskDiscount');
  const obsolescence = range(root.obsolescence, 'obsolescence');
  const c = (root.combine ?? {}) as Record<string, unknown>;
  if (c.method !== 'weighted' && c.method !== 'envelope') problems.push('combine.method must be weighted or envelope');
  const w = (c.weightsBp ?? {}) as Record<string, unknown>;
  for (const a of APPROACHES) {
    if (!Number.isSafeInteger(w[a]) || (w[a] as number) < 0) problems.push(`combine.weightsBp.${a} must be a non-negative integer`);
  }
  if (problems.length) throw new Error(`valuation params invalid:\n- ${problems.join('\n- ')}`);
  return {
    maxYears: maxYears as number,
    riskFreeRate,
    riskPremium,
    royaltyRates,
    profitShare,
    trlRiskDiscount,
    unknownTrlRiskDiscount,
    obsolescence,
    combine: {
      method: c.method as 'weighted' | 'envelope',
      weightsBp: { income: w.income as number, cost: w.cost as number, market: w.market as number },
    },
  };
}

/**
 * The royalty row for an industry: an industry key ('machinery') or a taxonomy code whose chain is mapped
 * ('EQ.ROB.RED' → machinery); 'other' otherwise.
 */
export function royaltyRowFor(industry: string | null | undefined, params: ValuationParams): RoyaltyRow {
  const other = params.royaltyRates.find((r) => r.industry === 'other')!;
  if (!industry) return other;
  const chain = industry.split('.')[0];
  return params.royaltyRates.find((r) => r.industry === industry) ?? params.royaltyRates.find((r) => r.taxonomy.includes(chain)) ?? other;
}

// ---------------------------------------------------------------------------------------------------------------
// Input and result

/** A rate as a decimal-fraction string ("0.03" = 3%), or a range of them. */
export type RateInput = string | { readonly low: string; readonly high: string };

export interface IncomeInput {
  /** Forecast sales revenue of products using the technology, fen, for years 1, 2, … */
  readonly revenueForecastFen: readonly number[];
  /** Remaining patent term in years (floored); caps the number of years. */
  readonly remainingPatentYears?: number | null;
  /** Sales royalty rate k; default: the industry's range (or profit share × operatingMargin when that is given). */
  readonly royaltyRate?: RateInput | null;
  /** Operating margin of the products; with the profit share it gives k when no royaltyRate is given. */
  readonly operatingMargin?: RateInput | null;
  readonly profitShare?: RateInput | null;
  readonly riskFreeRate?: string | null;
  readonly riskPremium?: RateInput | null;
  /** Maturity risk discount d; default by TRL. */
  readonly trlRiskDiscount?: RateInput | null;
}

export interface CostInput {
  /** Cost to re-create the technology today (重置成本), fen. */
  readonly replacementCostFen: number;
  readonly obsolescence?: RateInput | null;
}

export interface Comparable {
  readonly label?: string;
  readonly priceFen: number;
  /** Multiplicative factors, decimal strings > 0 ("1.10" = +10% for better technology, "0.95" = −5% for an older deal). */
  readonly adjustments: readonly { readonly label: string; readonly factor: string }[];
}

export interface ValuationInput {
  readonly trl?: number | null;
  /** Industry key or taxonomy code. */
  readonly industry?: string | null;
  readonly income?: IncomeInput | null;
  readonly cost?: CostInput | null;
  readonly market?: { readonly comparables: readonly Comparable[] } | null;
  /** Overrides the default weights of the combination (bp, per approach). */
  readonly combineWeightsBp?: Partial<Record<Approach, number>> | null;
}

export interface Assumption {
  readonly key: string;
  readonly value: string;
  readonly source: 'input' | 'default';
  readonly zh: string;
  readonly en: string;
}

export interface ValueRange {
  readonly lowFen: number;
  readonly highFen: number;
}

export interface ValuationResult {
  readonly income: (ValueRange & { readonly years: number }) | null;
  readonly cost: ValueRange | null;
  readonly market: (ValueRange & { readonly adjustedPricesFen: readonly number[] }) | null;
  readonly combined: (ValueRange & { readonly method: 'weighted' | 'envelope'; readonly weightsBp: Partial<Record<Approach, number>> }) | null;
  readonly assumptions: readonly Assumption[];
  readonly warnings: readonly { readonly code: string; readonly details?: Record<string, unknown> }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Computation

/** Neumaier compensated sum. */
function compensatedSum(values: readonly number[]): number {
  let sum = 0;
  let c = 0;
  for (const v of values) {
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}

/**
 * Σₜ Rₜ·k·(1 − d)/(1 + r)ᵗ for t = 1…n, rounded half up to the fen at the end only. k, d and r are fractions
 * (0.03 = 3%); the discounting is done in doubles with compensated summation (see the file comment).
 */
export function discountedRoyaltyFen(revenueFen: readonly number[], k: number, d: number, r: number): number {
  const terms = revenueFen.map((rev, i) => (rev * k * (1 - d)) / Math.pow(1 + r, i + 1));
  const v = compensatedSum(terms);
  return Math.floor(v + 0.5);
}

interface Ctx {
  assumptions: Assumption[];
  warnings: { code: string; details?: Record<string, unknown> }[];
  problems: string[];
}

function note(ctx: Ctx, key: string, value: string, source: 'input' | 'default', zh: string, en: string): void {
  ctx.assumptions.push({ key, value, source, zh, en });
}

/** Resolves a rate range from input or a default, records the assumption, checks bounds. */
function rateRange(
  ctx: Ctx,
  key: string,
  input: RateInput | null | undefined,
  fallback: PpmRange | null,
  zh: string,
  en: string,
  max = PPM,
): PpmRange | null {
  if (input === undefined || input === null) {
    if (!fallback) return null;
    note(ctx, key, fallback.low === fallback.high ? formatPpm(fallback.low) : `${formatPpm(fallback.low)}–${formatPpm(fallback.high)}`, 'default', zh, en);
    return fallback;
  }
  const [lowText, highText] = typeof input === 'string' ? [input, input] : [input.low, input.high];
  const low = parsePpm(lowText);
  const high = parsePpm(highText);
  if (low === null || high === null || low > high || high > max) {
    ctx.problems.push(`${key} must be a decimal string (or low ≤ high) between 0 and ${max / PPM}`);
    return null;
  }
  note(ctx, key, low === high ? formatPpm(low) : `${formatPpm(low)}–${formatPpm(high)}`, 'input', zh, en);
  return { low, high };
}

const isFen = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function incomeApproach(input: ValuationInput, inc: IncomeInput, params: ValuationParams, ctx: Ctx): (ValueRange & { years: number }) | null {
  const revenue = inc.revenueForecastFen;
  if (!Array.isArray(revenue) || revenue.length === 0 || !revenue.every(isFen)) {
    ctx.problems.push('income.revenueForecastFen must be a non-empty list of integer fen ≥ 0');
    return null;
  }
  let years = Math.min(revenue.length, params.maxYears);
  const remaining = inc.remainingPatentYears;
  if (remaining !== undefined && remaining !== null) {
    if (!Number.isFinite(remaining) || remaining < 0) ctx.problems.push('income.remainingPatentYears must be ≥ 0');
    else years = Math.min(years, Math.floor(remaining));
  }
  if (years < revenue.length) ctx.warnings.push({ code: 'INCOME_YEARS_TRUNCATED', details: { forecastYears: revenue.length, years } });
  const cappedByDefault = years === params.maxYears && revenue.length > params.maxYears;
  note(ctx, 'income.years', String(years), cappedByDefault ? 'default' : 'input', '收益年限（年，不超过剩余保护期）', 'Economic life in years (≤ remaining patent term)');

  // royalty rate k: given; or profit share × operating margin; or the industry's range
  let k: PpmRange | null = null;
  let kScale = PPM; // k = value / kScale
  if (inc.royaltyRate !== undefined && inc.royaltyRate !== null) {
    k = rateRange(ctx, 'income.royaltyRate', inc.royaltyRate, null, '销售提成率', 'Sales royalty rate');
  } else if (inc.operatingMargin !== undefined && inc.operatingMargin !== null) {
    const margin = rateRange(ctx, 'income.operatingMargin', inc.operatingMargin, null, '营业利润率', 'Operating margin');
    const share = rateRange(ctx, 'income.profitShare', inc.profitShare, params.profitShare, '利润分成率', 'Profit share');
    if (margin && share) {
      k = { low: margin.low * share.low, high: margin.high * share.high };
      kScale = PPM * PPM;
      const src = inc.profitShare !== undefined && inc.profitShare !== null ? 'input' : 'default';
      note(ctx, 'income.royaltyRate', `${formatPpm(k.low / PPM)}–${formatPpm(k.high / PPM)}`, src, '销售提成率 = 利润分成率 × 营业利润率', 'Sales royalty = profit share × operating margin');
    }
  } else {
    const row = royaltyRowFor(input.industry, params);
    note(ctx, 'industry', row.industry, input.industry ? 'input' : 'default', `行业（提成率参照：${row.zh}）`, `Industry (royalty reference: ${row.en})`);
    k = rateRange(ctx, 'income.royaltyRate', null, row.rate, `销售提成率（${row.zh}行业参考区间）`, `Sales royalty rate (${row.en} reference range)`);
  }

  const rf = rateRange(ctx, 'income.riskFreeRate', inc.riskFreeRate, { low: params.riskFreeRate, high: params.riskFreeRate }, '无风险利率', 'Risk-free rate');
  const premium = rateRange(ctx, 'income.riskPremium', inc.riskPremium, params.riskPremium, '风险报酬率', 'Risk premium', 10 * PPM);

  let discountDefault = params.unknownTrlRiskDiscount;
  const trl = input.trl;
  if (trl !== undefined && trl !== null) {
    const row = params.trlRiskDiscount.find((r) => trl >= r.minTrl && trl <= r.maxTrl);
    if (!Number.isInteger(trl) || !row) ctx.problems.push('trl must be an integer 1–9');
    else discountDefault = row.discount;
  } else if (inc.trlRiskDiscount === undefined || inc.trlRiskDiscount === null) {
    ctx.warnings.push({ code: 'TRL_UNKNOWN' });
  }
  if (trl !== undefined && trl !== null) note(ctx, 'trl', String(trl), 'input', '技术成熟度（TRL）', 'Technology readiness level');
  const d = rateRange(ctx, 'income.trlRiskDiscount', inc.trlRiskDiscount, discountDefault, '成熟度风险折扣', 'Maturity risk discount');
  if (!k || !rf || !premium || !d) return null;
  if (d.high >= PPM) ctx.problems.push('income.trlRiskDiscount must be below 1');

  const rLow = rf.low + premium.low;
  const rHigh = rf.high + premium.high;
  const rSource = inc.riskFreeRate || inc.riskPremium ? 'input' : 'default';
  note(ctx, 'income.discountRate', rLow === rHigh ? formatPpm(rLow) : `${formatPpm(rLow)}–${formatPpm(rHigh)}`, rSource, '折现率 = 无风险利率 + 风险报酬率', 'Discount rate = risk-free rate + risk premium');
  const rev = revenue.slice(0, years);
  return {
    lowFen: discountedRoyaltyFen(rev, k.low / kScale, d.high / PPM, rHigh / PPM),
    highFen: discountedRoyaltyFen(rev, k.high / kScale, d.low / PPM, rLow / PPM),
    years,
  };
}

function costApproach(cost: CostInput, params: ValuationParams, ctx: Ctx): ValueRange | null {
  if (!isFen(cost.replacementCostFen)) {
    ctx.problems.push('cost.replacementCostFen must be integer fen ≥ 0');
    return null;
  }
  note(ctx, 'cost.replacementCostFen', String(cost.replacementCostFen), 'input', '重置成本（分）', 'Replacement cost (fen)');
  const o = rateRange(ctx, 'cost.obsolescence', cost.obsolescence, params.obsolescence, '贬值率', 'Obsolescence');
  if (!o) return null;
  const c = BigInt(cost.replacementCostFen);
  const at = (ob: number) => Number(divRoundHalfUp(c * BigInt(PPM - ob), BigInt(PPM)));
  return { lowFen: at(o.high), highFen: at(o.low) };
}

function marketApproach(comparables: readonly Comparable[], ctx: Ctx): (ValueRange & { adjustedPricesFen: number[] }) | null {
  if (!Array.isArray(comparables) || comparables.length === 0) {
    ctx.problems.push('market.comparables must list at least one comparable');
    return null;
  }
  const adjusted: number[] = [];
  for (const [i, cmp] of comparables.entries()) {
    if (!isFen(cmp.priceFen)) {
      ctx.problems.push(`market.comparables[${i}].priceFen must be integer fen ≥ 0`);
      continue;
    }
    let num = BigInt(cmp.priceFen);
    let den = 1n;
    const factors: string[] = [];
    for (const [j, a] of (cmp.adjustments ?? []).entries()) {
      const f = parsePpm(a.factor);
      if (f === null || f === 0 || f > 100 * PPM) {
        ctx.problems.push(`market.comparables[${i}].adjustments[${j}].factor must be a decimal string > 0 and ≤ 100`);
        continue;
      }
      num *= BigInt(f);
      den *= BigInt(PPM);
      factors.push(`${a.label} ×${formatPpm(f)}`);
    }
    const label = cmp.label ?? `#${i + 1}`;
    note(ctx, `market.comparables[${i}]`, `${cmp.priceFen}${factors.length ? ` · ${factors.join(' · ')}` : ''}`, 'input', `可比交易 ${label}（分 × 调整系数）`, `Comparable ${label} (fen × adjustment factors)`);
    adjusted.push(Number(divRoundHalfUp(num, den)));
  }
  if (adjusted.length !== comparables.length) return null;
  return { lowFen: Math.min(...adjusted), highFen: Math.max(...adjusted), adjustedPricesFen: adjusted };
}

/**
 * Values an achievement by every approach the input supports and combines them. Throws
 * ValuationError('VALUATION_INPUT_INVALID', { problems }) listing every problem with the input.
 */
export function valuate(input: ValuationInput, params: ValuationParams): ValuationResult {
  const ctx: Ctx = { assumptions: [], warnings: [], problems: [] };
  const income = input.income ? incomeApproach(input, input.income, params, ctx) : null;
  const cost = input.cost ? costApproach(input.cost, params, ctx) : null;
  const market = input.market ? marketApproach(input.market.comparables, ctx) : null;
  if (ctx.problems.length) throw new ValuationError('VALUATION_INPUT_INVALID', { problems: ctx.problems });

  const ranges: Partial<Record<Approach, ValueRange>> = {};
  if (income) ranges.income = income;
  if (market) ranges.market = market;
  if (cost) ranges.cost = cost;
  const present = APPROACHES.filter((a) => ranges[a]);

  let combined: ValuationResult['combined'] = null;
  if (present.length === 0) {
    ctx.warnings.push({ code: 'NO_APPROACH' });
  } else {
    const method = params.combine.method;
    note(ctx, 'combine.method', method, 'default', '综合方法（weighted 加权 / envelope 区间包络）', 'Combination (weighted mean or envelope)');
    if (method === 'envelope') {
      combined = {
        method,
        weightsBp: {},
        lowFen: Math.min(...present.map((a) => ranges[a]!.lowFen)),
        highFen: Math.max(...present.map((a) => ranges[a]!.highFen)),
      };
    } else {
      const weightsBp: Partial<Record<Approach, number>> = {};
      for (const a of present) {
        const given = input.combineWeightsBp?.[a];
        if (given !== undefined && (!Number.isSafeInteger(given) || given < 0)) {
          throw new ValuationError('VALUATION_INPUT_INVALID', { problems: [`combineWeightsBp.${a} must be a non-negative integer`] });
        }
        weightsBp[a] = given ?? params.combine.weightsBp[a];
        note(ctx, `combine.weightBp.${a}`, String(weightsBp[a]), given !== undefined ? 'input' : 'default', `综合权重（基点）：${a}`, `Combination weight (bp): ${a}`);
      }
      const total = present.reduce((s, a) => s + BigInt(weightsBp[a]!), 0n);
      if (total === 0n) throw new ValuationError('VALUATION_INPUT_INVALID', { problems: ['combination weights are all zero'] });
      const mean = (pick: (r: ValueRange) => number) =>
        Number(divRoundHalfUp(present.reduce((s, a) => s + BigInt(weightsBp[a]!) * BigInt(pick(ranges[a]!)), 0n), total));
      combined = { method, weightsBp, lowFen: mean((r) => r.lowFen), highFen: mean((r) => r.highFen) };
    }
  }
  return { income, cost, market, combined, assumptions: ctx.assumptions, warnings: ctx.warnings };
}
