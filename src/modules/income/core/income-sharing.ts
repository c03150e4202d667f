/**
 * Income sharing for service inventions (职务科技成果转化收益分配) and rights grants (赋权).
 *
 * Shares are integer basis points (1% = 100 bp, whole = 10 000 bp). Amounts are integer fen — or, for the equity
 * mode, integer numbers of shares: {@link distribute} splits any non-negative integer quantity. Every split uses
 * the largest-remainder method, so the parts always add up exactly to the whole.
 * Floors and terms come from data/reference/income-sharing.json ({@link parseIncomeSharingParams}).
 */
import { RuleError } from '../../../kernel/rule-error.js';

export type IncomeMode = 'transfer' | 'license' | 'equity' | 'own_implementation';
export const INCOME_MODES: readonly IncomeMode[] = ['transfer', 'license', 'equity', 'own_implementation'];

export const WHOLE_BP = 10_000;

/** Domain error with a stable code, mapped to HTTP/i18n by the edge. */
export class IncomeRuleError extends RuleError<string> {}

// ---------------------------------------------------------------------------------------------------------------
// Parameters

export interface IncomeRuleset {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  /** true: the ruleset's floor applies even where the unit has its own (lower) rule; a higher unit rule still wins. */
  readonly bindingOverUnitRules: boolean;
  readonly teamShareMinBp: Readonly<Record<IncomeMode, number>>;
  readonly ownImplementationYears: { readonly min: number; readonly max: number | null };
}

export interface RightsGrantParams {
  readonly coOwnership: { readonly teamShareMinBp: number; readonly teamShareMaxBp: number };
  readonly longTermUse: { readonly minYears: number };
  readonly exclusiveLicence: { readonly minYears: number };
}

export interface IncomeSharingParams {
  readonly rulesets: Readonly<Record<string, IncomeRuleset>>;
  readonly defaultRuleset: string;
  readonly rightsGrant: RightsGrantParams;
}

const isBp = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= WHOLE_BP;
const isPosInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/** Validates income-sharing.json; throws one Error listing every problem. */
export function parseIncomeSharingParams(json: unknown): IncomeSharingParams {
  const problems: string[] = [];
  const root = (json ?? {}) as Record<string, unknown>;
  const rulesets: Record<string, IncomeRuleset> = {};
  const rawSets = (root.rulesets ?? {}) as Record<string, Record<string, unknown>>;
  if (typeof rawSets !== 'object' || Object.keys(rawSets).length === 0) problems.push('rulesets must be a non-empty object');
  for (const [key, r] of Object.entries(rawSets)) {
    const floors = (r?.teamShareMinBp ?? {}) as Record<string, unknown>;
    for (const m of INCOME_MODES) if (!isBp(floors[m])) problems.push(`rulesets.${key}.teamShareMinBp.${m} must be 0–10000 bp`);
    const years = (r?.ownImplementationYears ?? {}) as Record<string, unknown>;
    if (!isPosInt(years.min)) problems.push(`rulesets.${key}.ownImplementationYears.min must be a positive integer`);
    if (years.max !== null && years.max !== undefined && (!isPosInt(years.max) || (years.max as number) < (years.min as number))) {
      problems.push(`rulesets.${key}.ownImplementationYears.max must be null or an integer ≥ min`);
    }
    if (typeof r?.bindingOverUnitRules !== 'boolean') problems.push(`rulesets.${key}.bindingOverUnitRules must be true or false`);
    rulesets[key] = {
      key,
      zh: String(r?.zh ?? key),
      en: String(r?.en ?? key),
      bindingOverUnitRules: r?.bindingOverUnitRules === true,
      teamShareMinBp: Object.fromEntries(INCOME_MODES.map((m) => [m, floors[m] as number])) as Record<IncomeMode, number>,
      ownImplementationYears: { min: years.min as number, max: (years.max as number | null | undefined) ?? null },
    };
  }
  const defaultRuleset = root.defaultRuleset;
  if (typeof defaultRuleset !== 'string' || !rulesets[defaultRuleset]) problems.push('defaultRuleset must name one of the rulesets');
  const rg = (root.rightsGrant ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const co = rg.coOwnership ?? {};
  if (!isBp(co.teamShareMinBp) || !isBp(co.teamShareMaxBp) || (co.teamShareMinBp as number) > (co.teamShareMaxBp as number)) {
    problems.push('rightsGrant.coOwnership.teamShareMinBp/MaxBp must be bp with min ≤ max');
  }
  if (!isPosInt(rg.longTermUse?.minYears)) problems.push('rightsGrant.longTermUse.minYears must be a positive integer');
  if (!isPosInt(rg.exclusiveLicence?.minYears)) problems.push('rightsGrant.exclusiveLicence.minYears must be a positive integer');
  if (problems.length) throw new Error(`income-sharing params invalid:\n- ${problems.join('\n- ')}`);
  return {
    rulesets,
    defaultRuleset: defaultRuleset as string,
    rightsGrant: {
      coOwnership: { teamShareMinBp: co.teamShareMinBp as number, teamShareMaxBp: co.teamShareMaxBp as number },
      longTermUse: { minYears: rg.longTermUse!.minYears as number },
      exclusiveLicence: { minYears: rg.exclusiveLicence!.minYears as number },
    },
  };
}

/** The floors in force for one unit. */
export interface IncomeRules {
  readonly ruleset: string;
  readonly teamShareMinBp: Readonly<Record<IncomeMode, number>>;
  readonly ownImplementationYears: { readonly min: number; readonly max: number | null };
  /** Modes whose floor comes from the unit's own rule. */
  readonly unitRuleModes: readonly IncomeMode[];
}

/** A unit's own income-sharing rule (单位自定的收益分配办法), where it has one. */
export interface UnitIncomeRule {
  readonly teamShareMinBp?: Partial<Record<IncomeMode, number>>;
}

/**
 * Resolves the floors for a unit: a binding ruleset (Liaoning) keeps its floor and lets a higher unit rule raise it;
 * a non-binding one (the national floor, which applies only where the unit has no rule) yields to the unit's rule.
 */
export function resolveIncomeRules(
  params: IncomeSharingParams,
  rulesetKey: string = params.defaultRuleset,
  unitRule?: UnitIncomeRule,
): IncomeRules {
  const set = params.rulesets[rulesetKey];
  if (!set) throw new IncomeRuleError('RULESET_UNKNOWN', { ruleset: rulesetKey });
  const floors = {} as Record<IncomeMode, number>;
  const unitRuleModes: IncomeMode[] = [];
  for (const m of INCOME_MODES) {
    const unit = unitRule?.teamShareMinBp?.[m];
    if (unit === undefined) {
      floors[m] = set.teamShareMinBp[m];
      continue;
    }
    if (!isBp(unit)) throw new IncomeRuleError('SHARE_INVALID', { field: `unitRule.teamShareMinBp.${m}`, value: unit });
    const useUnit = !set.bindingOverUnitRules || unit > set.teamShareMinBp[m];
    floors[m] = useUnit ? unit : set.teamShareMinBp[m];
    if (useUnit) unitRuleModes.push(m);
  }
  return { ruleset: set.key, teamShareMinBp: floors, ownImplementationYears: set.ownImplementationYears, unitRuleModes };
}

// ---------------------------------------------------------------------------------------------------------------
// Largest-remainder allocation

/**
 * Splits a non-negative integer `total` in proportion to non-negative integer `weights` so that the parts sum to
 * `total` exactly: each part gets floor(total·w/Σw); the units left over go one each to the largest remainders,
 * ties to the earlier position (so the result is deterministic and the caller's order is the tie-break).
 * Exact in BigInt, so total·w may exceed 2⁵³.
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new IncomeRuleError('AMOUNT_INVALID', { total });
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new IncomeRuleError('SHARE_INVALID', { weights });
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (sum === 0n) throw new IncomeRuleError('SHARE_INVALID', { weights, reason: 'all weights are zero' });
  const t = BigInt(total);
  const parts = weights.map((w) => (t * BigInt(w)) / sum);
  const rema = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % sum }));
  let left = Number(t - parts.reduce((a, p) => a + p, 0n));
  rema.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0; k++, left--) parts[rema[k].i] += 1n;
  return parts.map(Number);
}

// ---------------------------------------------------------------------------------------------------------------
// Distribution plans

export interface PlanParty {
  /** 'unit' (单位), 'department' (院系), 'tto' (转化机构), … — anything but 'team'. */
  readonly party: string;
  readonly shareBp: number;
}

export interface PlanContributor {
  readonly id: string;
  readonly name?: string;
  /** Share of the team's part, bp; all contributors sum to 10 000. */
  readonly shareBp: number;
}

export interface DistributionPlan {
  readonly mode: IncomeMode;
  /** Share of the distributable base to the R&D team and contributors (研发团队及贡献人员), bp. */
  readonly teamShareBp: number;
  /** Everyone else; teamShareBp + Σ otherParties = 10 000. */
  readonly otherParties: readonly PlanParty[];
  readonly contributors: readonly PlanContributor[];
  /** own_implementation only: for how many years the share of operating profit is paid. */
  readonly years?: number | null;
}

export type PlanProblemCode =
  | 'MODE_INVALID'
  | 'SHARE_INVALID'
  | 'PARTY_SHARES_NOT_100'
  | 'PARTY_DUPLICATE'
  | 'TEAM_SHARE_BELOW_FLOOR'
  | 'NO_CONTRIBUTORS'
  | 'CONTRIBUTOR_DUPLICATE'
  | 'CONTRIBUTOR_SHARES_NOT_100'
  | 'YEARS_REQUIRED'
  | 'YEARS_OUT_OF_RANGE';

export interface PlanProblem {
  readonly code: PlanProblemCode;
  readonly details?: Readonly<Record<string, unknown>>;
}

function shapeProblems(plan: DistributionPlan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!INCOME_MODES.includes(plan.mode)) problems.push({ code: 'MODE_INVALID', details: { mode: plan.mode } });
  const shares: [string, number][] = [
    ['teamShareBp', plan.teamShareBp],
    ...plan.otherParties.map((p, i): [string, number] => [`otherParties[${i}].shareBp`, p.shareBp]),
    ...plan.contributors.map((c, i): [string, number] => [`contributors[${i}].shareBp`, c.shareBp]),
  ];
  const bad = shares.filter(([, v]) => !isBp(v));
  for (const [field, value] of bad) problems.push({ code: 'SHARE_INVALID', details: { field, value } });
  if (bad.length) return problems;
  const partySum = plan.teamShareBp + plan.otherParties.reduce((a, p) => a + p.shareBp, 0);
  if (partySum !== WHOLE_BP) problems.push({ code: 'PARTY_SHARES_NOT_100', details: { sumBp: partySum } });
  const names = plan.otherParties.map((p) => p.party);
  const dupParty = names.find((n, i) => n === 'team' || names.indexOf(n) !== i);
  if (dupParty !== undefined) problems.push({ code: 'PARTY_DUPLICATE', details: { party: dupParty } });
  if (plan.contributors.length === 0) {
    problems.push({ code: 'NO_CONTRIBUTORS' });
  } else {
    const ids = plan.contributors.map((c) => c.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup !== undefined) problems.push({ code: 'CONTRIBUTOR_DUPLICATE', details: { id: dup } });
    const sum = plan.contributors.reduce((a, c) => a + c.shareBp, 0);
    if (sum !== WHOLE_BP) problems.push({ code: 'CONTRIBUTOR_SHARES_NOT_100', details: { sumBp: sum } });
  }
  return problems;
}

/**
 * Checks a plan against the floors in force: shares are 0–10 000 bp, team + other parties = 100%, contributors =
 * 100% of the team's part, no duplicates, the team share meets the floor for the mode, and for own implementation
 * the number of years lies in the configured range.
 */
export function validateDistributionPlan(plan: DistributionPlan, rules: IncomeRules): { ok: boolean; problems: PlanProblem[] } {
  const problems = shapeProblems(plan);
  if (INCOME_MODES.includes(plan.mode) && isBp(plan.teamShareBp)) {
    const minBp = rules.teamShareMinBp[plan.mode];
    if (plan.teamShareBp < minBp) {
      problems.push({ code: 'TEAM_SHARE_BELOW_FLOOR', details: { mode: plan.mode, minBp, teamShareBp: plan.teamShareBp } });
    }
  }
  if (plan.mode === 'own_implementation') {
    const { min, max } = rules.ownImplementationYears;
    if (plan.years === undefined || plan.years === null) problems.push({ code: 'YEARS_REQUIRED', details: { min, max } });
    else if (!Number.isSafeInteger(plan.years) || plan.years < min || (max !== null && plan.years > max)) {
      problems.push({ code: 'YEARS_OUT_OF_RANGE', details: { years: plan.years, min, max } });
    }
  }
  return { ok: problems.length === 0, problems };
}

export interface Distribution {
  readonly totalFen: number;
  /** 'team' first, then the other parties in plan order; sums to totalFen. */
  readonly parties: readonly { readonly party: string; readonly shareBp: number; readonly amountFen: number }[];
  /** The team's amount split among contributors in plan order; sums to the team's amount. */
  readonly contributors: readonly { readonly id: string; readonly name?: string; readonly shareBp: number; readonly amountFen: number }[];
}

/**
 * Splits an income (net income in fen, or a number of shares for equity) by a plan: first among the team and the
 * other parties, then the team's part among its contributors, each by largest remainder — so the parties sum to the
 * income and the contributors sum to the team's part, to the fen. Checks the plan's shape (throws PLAN_INVALID),
 * not the floors: call {@link validateDistributionPlan} for those.
 */
export function distribute(incomeFen: number, plan: DistributionPlan): Distribution {
  if (!Number.isSafeInteger(incomeFen) || incomeFen < 0) throw new IncomeRuleError('AMOUNT_INVALID', { incomeFen });
  const problems = shapeProblems(plan);
  if (problems.length) throw new IncomeRuleError('PLAN_INVALID', { problems });
  const partyShares = [plan.teamShareBp, ...plan.otherParties.map((p) => p.shareBp)];
  const partyAmounts = allocateLargestRemainder(incomeFen, partyShares);
  const teamFen = partyAmounts[0];
  const contribAmounts = allocateLargestRemainder(teamFen, plan.contributors.map((c) => c.shareBp));
  return {
    totalFen: incomeFen,
    parties: [
      { party: 'team', shareBp: plan.teamShareBp, amountFen: teamFen },
      ...plan.otherParties.map((p, i) => ({ party: p.party, shareBp: p.shareBp, amountFen: partyAmounts[i + 1] })),
    ],
    contributors: plan.contributors.map((c, i) => ({
      id: c.id,
      ...(c.name !== undefined ? { name: c.name } : {}),
      shareBp: c.shareBp,
      amountFen: contribAmounts[i],
    })),
  };
}

/** Net income (净收入) = gross income − deductible costs (evaluation, brokerage, taxes, …); throws when negative. */
export function netIncomeFen(grossFen: number, costs: readonly { label: string; amountFen: number }[]): number {
  if (!Number.isSafeInteger(grossFen) || grossFen < 0) throw new IncomeRuleError('AMOUNT_INVALID', { grossFen });
  let c = 0;
  for (const cost of costs) {
    if (!Number.isSafeInteger(cost.amountFen) || cost.amountFen < 0) throw new IncomeRuleError('AMOUNT_INVALID', { cost });
    c += cost.amountFen;
  }
  if (!Number.isSafeInteger(c)) throw new IncomeRuleError('AMOUNT_INVALID', { costsFen: c });
  if (c > grossFen) throw new IncomeRuleError('NET_INCOME_NEGATIVE', { grossFen, costsFen: c });
  return grossFen - c;
}

// ---------------------------------------------------------------------------------------------------------------
// Statements per contributor across income receipts

export interface IncomeReceipt {
  readonly receiptId: string;
  /** 'YYYY-MM-DD' */
  readonly date: string;
  /** The distributable amount of this receipt (net income in fen). */
  readonly amountFen: number;
  readonly plan: DistributionPlan;
}

export interface StatementLine {
  readonly receiptId: string;
  readonly date: string;
  readonly mode: IncomeMode;
  readonly receiptAmountFen: number;
  readonly teamAmountFen: number;
  readonly shareBp: number;
  readonly amountFen: number;
}

export interface ContributorStatement {
  readonly contributorId: string;
  readonly name?: string;
  /** In date order, then receipt id. */
  readonly lines: readonly StatementLine[];
  readonly totalFen: number;
}

/** Statements for every contributor named in any receipt's plan, in order of first appearance. */
export function contributorStatements(receipts: readonly IncomeReceipt[]): ContributorStatement[] {
  const ordered = [...receipts].sort((a, b) => (a.date === b.date ? a.receiptId.localeCompare(b.receiptId) : a.date < b.date ? -1 : 1));
  const byId = new Map<string, { name?: string; lines: StatementLine[] }>();
  for (const r of ordered) {
    const d = distribute(r.amountFen, r.plan);
    const teamAmountFen = d.parties[0].amountFen;
    for (const c of d.contributors) {
      const s = byId.get(c.id) ?? { lines: [] };
      if (c.name !== undefined) s.name = c.name;
      s.lines.push({
        receiptId: r.receiptId,
        date: r.date,
        mode: r.plan.mode,
        receiptAmountFen: r.amountFen,
        teamAmountFen,
        shareBp: c.shareBp,
        amountFen: c.amountFen,
      });
      byId.set(c.id, s);
    }
  }
  return [...byId.entries()].map(([contributorId, s]) => ({
    contributorId,
    ...(s.name !== undefined ? { name: s.name } : {}),
    lines: s.lines,
    totalFen: s.lines.reduce((a, l) => a + l.amountFen, 0),
  }));
}

/** One contributor's statement (no lines and total 0 when the contributor appears in no receipt). */
export function contributorStatement(contributorId: string, receipts: readonly IncomeReceipt[]): ContributorStatement {
  return contributorStatements(receipts).find((s) => s.contributorId === contributorId) ?? { contributorId, lines: [], totalFen: 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Rights grants (职务科技成果赋权)

export type RightsGrant =
  /** 赋予科研人员所有权: the team co-owns the achievement with the unit at an agreed share. */
  | { readonly kind: 'co_ownership'; readonly teamShareBp: number }
  /** 赋予长期使用权. */
  | { readonly kind: 'long_term_use'; readonly years: number; readonly remainingProtectionYears?: number | null }
  /** 独占许可给成果完成团队. */
  | { readonly kind: 'exclusive_licence'; readonly years: number; readonly remainingProtectionYears?: number | null };

export const RIGHTS_GRANT_KINDS = ['co_ownership', 'long_term_use', 'exclusive_licence'] as const;

export type GrantProblemCode =
  | 'GRANT_KIND_INVALID'
  | 'CO_OWNERSHIP_SHARE_OUT_OF_RANGE'
  | 'TERM_INVALID'
  | 'TERM_TOO_SHORT'
  | 'TERM_EXCEEDS_PROTECTION';

/**
 * Checks a rights grant: co-ownership needs a team share within the configured range (strictly between 0 and 100%
 * by default — otherwise it is not co-ownership); a long-term use right needs at least minYears (10 by default)
 * and an exclusive licence at least its minYears — unless the grant covers the whole remaining protection term,
 * which may be shorter. A term longer than the remaining protection is refused.
 */
export function validateRightsGrant(grant: RightsGrant, params: RightsGrantParams): { ok: boolean; problems: { code: GrantProblemCode; details?: Record<string, unknown> }[] } {
  const problems: { code: GrantProblemCode; details?: Record<string, unknown> }[] = [];
  if (!RIGHTS_GRANT_KINDS.includes(grant?.kind)) {
    problems.push({ code: 'GRANT_KIND_INVALID', details: { kind: (grant as { kind?: unknown })?.kind } });
    return { ok: false, problems };
  }
  if (grant.kind === 'co_ownership') {
    const { teamShareMinBp: min, teamShareMaxBp: max } = params.coOwnership;
    if (!Number.isSafeInteger(grant.teamShareBp) || grant.teamShareBp < min || grant.teamShareBp > max) {
      problems.push({ code: 'CO_OWNERSHIP_SHARE_OUT_OF_RANGE', details: { teamShareBp: grant.teamShareBp, minBp: min, maxBp: max } });
    }
    return { ok: problems.length === 0, problems };
  }
  const minYears = grant.kind === 'long_term_use' ? params.longTermUse.minYears : params.exclusiveLicence.minYears;
  const remaining = grant.remainingProtectionYears ?? null;
  if (!Number.isSafeInteger(grant.years) || grant.years <= 0) {
    problems.push({ code: 'TERM_INVALID', details: { years: grant.years } });
  } else {
    if (remaining !== null && grant.years > remaining) {
      problems.push({ code: 'TERM_EXCEEDS_PROTECTION', details: { years: grant.years, remainingProtectionYears: remaining } });
    }
    const coversRemaining = remaining !== null && grant.years >= remaining;
    if (grant.years < minYears && !coversRemaining) {
      problems.push({ code: 'TERM_TOO_SHORT', details: { years: grant.years, minYears } });
    }
  }
  return { ok: problems.length === 0, problems };
}
