/**
 * Technology contracts (技术合同) and their registration (技术合同认定登记): the Civil Code contract types, the
 * 技术交易额 computation, the registration deadline, who registers, party checks and the 输出/吸纳 statistics.
 * Rules not [confirmed] come from data/reference/contracts.json through {@link parseContractsParams}.
 */
import { ContractRuleError } from './errors.js';
import {
  addWorkingDays,
  calendarCoverage,
  fallbackYearsBetween,
  type CalendarCoverage,
  type WorkingDayCalendar,
} from './working-days.js';

// ---------------------------------------------------------------------------------------------------------------
// Contract types (民法典 第二十章 技术合同)

export type ContractType = 'development' | 'transfer' | 'license' | 'consulting' | 'service';

export interface ContractSubtypeSpec {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export interface ContractTypeSpec {
  readonly type: ContractType;
  readonly zh: string;
  readonly en: string;
  readonly subtypes: readonly ContractSubtypeSpec[];
}

export const CONTRACT_TYPES: readonly ContractTypeSpec[] = [
  {
    type: 'development',
    zh: '技术开发',
    en: 'Technology development',
    subtypes: [
      { code: 'commissioned', zh: '委托开发', en: 'Commissioned development' },
      { code: 'cooperative', zh: '合作开发', en: 'Cooperative development' },
    ],
  },
  {
    type: 'transfer',
    zh: '技术转让',
    en: 'Technology transfer',
    subtypes: [
      { code: 'patent', zh: '专利权转让', en: 'Patent assignment' },
      { code: 'patent_application', zh: '专利申请权转让', en: 'Assignment of the right to apply for a patent' },
      { code: 'technical_secret', zh: '技术秘密转让', en: 'Transfer of technical secrets (know-how)' },
      { code: 'ic_layout', zh: '集成电路布图设计专有权转让', en: 'Assignment of an integrated-circuit layout-design right' },
      { code: 'plant_variety', zh: '植物新品种权转让', en: 'Assignment of a plant-variety right' },
      { code: 'software_copyright', zh: '计算机软件著作权转让', en: 'Assignment of a software copyright' },
      { code: 'other', zh: '其他技术转让', en: 'Other technology transfer' },
    ],
  },
  {
    type: 'license',
    zh: '技术许可',
    en: 'Technology licence',
    subtypes: [
      { code: 'exclusive', zh: '独占许可', en: 'Exclusive licence' },
      { code: 'sole', zh: '排他许可', en: 'Sole licence' },
      { code: 'ordinary', zh: '普通许可', en: 'Non-exclusive licence' },
    ],
  },
  {
    type: 'consulting',
    zh: '技术咨询',
    en: 'Technical consulting',
    subtypes: [
      { code: 'feasibility', zh: '可行性论证', en: 'Feasibility study' },
      { code: 'forecast', zh: '技术预测', en: 'Technology forecast' },
      { code: 'investigation', zh: '专题技术调查', en: 'Special technical investigation' },
      { code: 'evaluation', zh: '分析评价报告', en: 'Analysis and evaluation report' },
      { code: 'other', zh: '其他技术咨询', en: 'Other consulting' },
    ],
  },
  {
    type: 'service',
    zh: '技术服务',
    en: 'Technical service',
    subtypes: [
      { code: 'general', zh: '技术服务（解决特定技术问题）', en: 'Technical service (solving a specific technical problem)' },
      { code: 'training', zh: '技术培训', en: 'Technical training' },
      { code: 'intermediary', zh: '技术中介', en: 'Technology intermediary' },
    ],
  },
];

/** What a licence covers (许可标的), recorded beside the licence scope sub-type. */
export const LICENSE_OBJECTS: readonly ContractSubtypeSpec[] = [
  { code: 'patent', zh: '专利实施许可', en: 'Patent licence' },
  { code: 'technical_secret', zh: '技术秘密使用许可', en: 'Know-how licence' },
  { code: 'ic_layout', zh: '集成电路布图设计许可', en: 'IC layout-design licence' },
  { code: 'plant_variety', zh: '植物新品种权许可', en: 'Plant-variety licence' },
  { code: 'software_copyright', zh: '计算机软件著作权许可', en: 'Software licence' },
  { code: 'other', zh: '其他许可', en: 'Other licence' },
];

/** The labels of a (type, subtype) pair, or null when the pair is not in {@link CONTRACT_TYPES}. */
export function contractTypeLabel(
  type: string,
  subtype: string,
): { zh: string; en: string; typeZh: string; typeEn: string } | null {
  const t = CONTRACT_TYPES.find((c) => c.type === type);
  const s = t?.subtypes.find((x) => x.code === subtype);
  if (!t || !s) return null;
  return { zh: s.zh, en: s.en, typeZh: t.zh, typeEn: t.en };
}

export function isValidContractType(type: string, subtype: string, licenseObject?: string | null): boolean {
  if (!contractTypeLabel(type, subtype)) return false;
  if (licenseObject === undefined || licenseObject === null) return true;
  return type === 'license' && LICENSE_OBJECTS.some((o) => o.code === licenseObject);
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters (data/reference/contracts.json)

export type TradeDirection = 'domestic' | 'import' | 'export';
export type ContractSide = 'seller' | 'buyer';

export interface ContractsParams {
  readonly registrationDeadline: {
    readonly standardWorkingDays: number;
    readonly largeWorkingDays: number;
    /** 技术交易额 at or above this (fen) gets the longer deadline. */
    readonly largeThresholdFen: number;
  };
  readonly registeringParty: Readonly<Record<TradeDirection, ContractSide>>;
  readonly statistics: { readonly countedStatuses: readonly string[] };
}

/** Validates contracts.json; throws one Error listing every problem. */
export function parseContractsParams(json: unknown): ContractsParams {
  const problems: string[] = [];
  const root = (json ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const rd = root.registrationDeadline ?? {};
  const posInt = (v: unknown, name: string): number => {
    if (!Number.isSafeInteger(v) || (v as number) <= 0) problems.push(`${name} must be a positive integer`);
    return v as number;
  };
  const standardWorkingDays = posInt(rd.standardWorkingDays, 'registrationDeadline.standardWorkingDays');
  const largeWorkingDays = posInt(rd.largeWorkingDays, 'registrationDeadline.largeWorkingDays');
  const largeThresholdFen = posInt(rd.largeThresholdFen, 'registrationDeadline.largeThresholdFen');
  const rp = root.registeringParty ?? {};
  const side = (v: unknown, name: string): ContractSide => {
    if (v !== 'seller' && v !== 'buyer') problems.push(`registeringParty.${name} must be "seller" or "buyer"`);
    return v as ContractSide;
  };
  const registeringParty = { domestic: side(rp.domestic, 'domestic'), import: side(rp.import, 'import'), export: side(rp.export, 'export') };
  const st = root.statistics ?? {};
  const countedStatuses = st.countedStatuses;
  if (!Array.isArray(countedStatuses) || countedStatuses.length === 0 || !countedStatuses.every((s) => typeof s === 'string')) {
    problems.push('statistics.countedStatuses must be a non-empty array of strings');
  }
  if (problems.length) throw new Error(`contracts params invalid:\n- ${problems.join('\n- ')}`);
  return {
    registrationDeadline: { standardWorkingDays, largeWorkingDays, largeThresholdFen },
    registeringParty,
    statistics: { countedStatuses: countedStatuses as string[] },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts

export interface NonTechnicalItem {
  /** e.g. 设备费, 材料费, 基建费 — payments that are not for the technology itself. */
  readonly label: string;
  readonly amountFen: number;
}

function assertFen(v: number, field: string): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new ContractRuleError('AMOUNT_INVALID', { field, value: v });
}

function addFen(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new ContractRuleError('AMOUNT_OVERFLOW', { a, b });
  return s;
}

/**
 * 技术交易额 = 成交额 − non-technical payments (equipment, materials, construction, …). Exact integer fen;
 * throws TECH_TRADE_AMOUNT_NEGATIVE when the non-technical items exceed the contract amount.
 */
export function techTradeAmountFen(contractAmountFen: number, nonTechnicalItems: readonly NonTechnicalItem[]): number {
  assertFen(contractAmountFen, 'contractAmountFen');
  let nonTech = 0;
  for (const [i, item] of nonTechnicalItems.entries()) {
    assertFen(item.amountFen, `nonTechnicalItems[${i}].amountFen`);
    nonTech = addFen(nonTech, item.amountFen);
  }
  const result = contractAmountFen - nonTech;
  if (result < 0) {
    throw new ContractRuleError('TECH_TRADE_AMOUNT_NEGATIVE', { contractAmountFen, nonTechnicalFen: nonTech });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Registration

export interface RegistrationDeadline {
  readonly workingDays: number;
  /** Last day (inclusive) for the registration office's decision. */
  readonly dueDate: string;
  /** 'weekends_only' when some year in between is not in the holiday data: the date may move. */
  readonly coverage: CalendarCoverage;
  readonly fallbackYears: readonly number[];
}

/**
 * The decision deadline for a registration accepted on `acceptedOn` ('YYYY-MM-DD'): standardWorkingDays, or
 * largeWorkingDays when 技术交易额 ≥ largeThresholdFen. Day 1 is the first working day after acceptance.
 */
export function registrationDeadline(
  acceptedOn: string,
  techTradeFen: number,
  calendar: WorkingDayCalendar,
  params: ContractsParams,
): RegistrationDeadline {
  assertFen(techTradeFen, 'techTradeAmountFen');
  const rd = params.registrationDeadline;
  const workingDays = techTradeFen >= rd.largeThresholdFen ? rd.largeWorkingDays : rd.standardWorkingDays;
  const dueDate = addWorkingDays(acceptedOn, workingDays, calendar);
  const fallbackYears = fallbackYearsBetween(acceptedOn, dueDate, calendar);
  const coverages = [calendarCoverage(acceptedOn, calendar), calendarCoverage(dueDate, calendar)];
  const coverage: CalendarCoverage = fallbackYears.length
    ? 'weekends_only'
    : coverages.includes('unconfirmed')
      ? 'unconfirmed'
      : 'confirmed';
  return { workingDays, dueDate, coverage, fallbackYears };
}

/**
 * Which side applies for registration: the seller (技术开发/转让/许可/咨询/服务 provider) for domestic and export
 * contracts, the domestic buyer for imports (defaults in contracts.json).
 */
export function registeringParty(direction: TradeDirection, params: ContractsParams): ContractSide {
  return params.registeringParty[direction];
}

// ---------------------------------------------------------------------------------------------------------------
// Parties

export type PartyRole = 'seller' | 'buyer' | 'intermediary';

export interface ContractParty {
  readonly role: PartyRole;
  readonly name: string;
  /** 统一社会信用代码; required for domestic parties. */
  readonly uscc?: string | null;
  /** GB/T 2260 code of the party's location (for statistics). */
  readonly regionCode?: string | null;
  /** A party outside mainland China (import seller, export buyer): no USCC. */
  readonly foreign?: boolean;
}

export type PartyProblemCode =
  | 'PARTY_MISSING'
  | 'PARTY_NAME_REQUIRED'
  | 'PARTY_USCC_REQUIRED'
  | 'PARTY_USCC_INVALID'
  | 'PARTY_REGION_INVALID'
  | 'PARTY_DUPLICATE'
  | 'SELLER_IS_BUYER'
  | 'DIRECTION_MISMATCH';

export interface PartyProblem {
  readonly code: PartyProblemCode;
  /** Index into `parties`, when the problem is about one party. */
  readonly index?: number;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A USCC check: null when valid, otherwise a problem code (the signature of organisations' `validateUscc`). */
export type UsccValidator = (code: string) => string | null;

/**
 * Checks the parties of a contract for registration: at least one seller and one buyer, names, USCCs of domestic
 * parties (through the given validator), region codes, no party on both sides, and that foreign parties sit where
 * the trade direction puts them (import: foreign seller, domestic buyer; export: the reverse; domestic: none).
 */
export function validateContractParties(
  direction: TradeDirection,
  parties: readonly ContractParty[],
  validateUscc: UsccValidator,
): { ok: boolean; problems: PartyProblem[] } {
  const problems: PartyProblem[] = [];
  for (const role of ['seller', 'buyer'] as const) {
    if (!parties.some((p) => p.role === role)) problems.push({ code: 'PARTY_MISSING', details: { role } });
  }
  const seen = new Map<string, { role: PartyRole; index: number }[]>();
  parties.forEach((p, index) => {
    if (!p.name || !p.name.trim()) problems.push({ code: 'PARTY_NAME_REQUIRED', index });
    if (p.regionCode !== undefined && p.regionCode !== null && !/^\d{6}$/.test(p.regionCode)) {
      problems.push({ code: 'PARTY_REGION_INVALID', index, details: { regionCode: p.regionCode } });
    }
    if (p.foreign) {
      const expectedForeign =
        (direction === 'import' && p.role === 'seller') || (direction === 'export' && p.role === 'buyer') || p.role === 'intermediary';
      if (!expectedForeign) problems.push({ code: 'DIRECTION_MISMATCH', index, details: { direction, role: p.role, foreign: true } });
      return;
    }
    if ((direction === 'import' && p.role === 'seller') || (direction === 'export' && p.role === 'buyer')) {
      problems.push({ code: 'DIRECTION_MISMATCH', index, details: { direction, role: p.role, foreign: false } });
    }
    const code = p.uscc?.trim().toUpperCase();
    if (!code) {
      problems.push({ code: 'PARTY_USCC_REQUIRED', index });
      return;
    }
    const problem = validateUscc(code);
    if (problem !== null) {
      problems.push({ code: 'PARTY_USCC_INVALID', index, details: { problem } });
      return;
    }
    const list = seen.get(code) ?? [];
    list.push({ role: p.role, index });
    seen.set(code, list);
  });
  for (const [uscc, list] of seen) {
    const roles = new Set(list.map((x) => x.role));
    if (roles.has('seller') && roles.has('buyer')) {
      problems.push({ code: 'SELLER_IS_BUYER', index: list[list.length - 1].index, details: { uscc } });
    }
    for (const role of roles) {
      const same = list.filter((x) => x.role === role);
      if (same.length > 1) problems.push({ code: 'PARTY_DUPLICATE', index: same[1].index, details: { uscc, role } });
    }
  }
  return { ok: problems.length === 0, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics: 输出 (technology out, by seller region) and 吸纳 (technology in, by buyer region)

export interface ContractFacts {
  readonly status: string;
  readonly sellerRegionCode: string | null;
  readonly buyerRegionCode: string | null;
  readonly contractAmountFen: number;
  readonly techTradeAmountFen: number;
}

export interface FlowBucket {
  /** Region code at the requested level, or 'unknown' (foreign or missing region). */
  readonly regionCode: string;
  readonly count: number;
  readonly contractAmountFen: number;
  readonly techTradeAmountFen: number;
}

export type RegionLevel = 'province' | 'city' | 'county';

export interface ContractFlowStats {
  /** 技术输出 by seller region, largest 成交额 first. */
  readonly output: FlowBucket[];
  /** 技术吸纳 by buyer region, largest 成交额 first. */
  readonly absorption: FlowBucket[];
  readonly counted: number;
  /** Contracts left out because their status does not count (not registered, cancelled, …). */
  readonly skipped: number;
}

/** The GB/T 2260 code of the enclosing division at `level` ('210203' → city '210200', province '210000'). */
export function regionAtLevel(code: string | null | undefined, level: RegionLevel): string {
  if (!code || !/^\d{6}$/.test(code)) return 'unknown';
  if (level === 'province') return `${code.slice(0, 2)}0000`;
  if (level === 'city') return `${code.slice(0, 4)}00`;
  return code;
}

/** Sums registered contracts into 输出 (by seller region) and 吸纳 (by buyer region). Exact fen. */
export function contractFlowStats(
  contracts: readonly ContractFacts[],
  params: ContractsParams,
  level: RegionLevel = 'city',
): ContractFlowStats {
  const counted = new Set(params.statistics.countedStatuses);
  const out = new Map<string, { count: number; contractAmountFen: number; techTradeAmountFen: number }>();
  const abs = new Map<string, { count: number; contractAmountFen: number; techTradeAmountFen: number }>();
  const add = (m: typeof out, key: string, c: ContractFacts) => {
    const b = m.get(key) ?? { count: 0, contractAmountFen: 0, techTradeAmountFen: 0 };
    b.count++;
    b.contractAmountFen = addFen(b.contractAmountFen, c.contractAmountFen);
    b.techTradeAmountFen = addFen(b.techTradeAmountFen, c.techTradeAmountFen);
    m.set(key, b);
  };
  let n = 0;
  let skipped = 0;
  for (const [i, c] of contracts.entries()) {
    if (!counted.has(c.status)) {
      skipped++;
      continue;
    }
    assertFen(c.contractAmountFen, `contracts[${i}].contractAmountFen`);
    assertFen(c.techTradeAmountFen, `contracts[${i}].techTradeAmountFen`);
    n++;
    add(out, regionAtLevel(c.sellerRegionCode, level), c);
    add(abs, regionAtLevel(c.buyerRegionCode, level), c);
  }
  const sorted = (m: typeof out): FlowBucket[] =>
    [...m.entries()]
      .map(([regionCode, b]) => ({ regionCode, ...b }))
      .sort((a, b) => b.contractAmountFen - a.contractAmountFen || a.regionCode.localeCompare(b.regionCode));
  return { output: sorted(out), absorption: sorted(abs), counted: n, skipped };
}
