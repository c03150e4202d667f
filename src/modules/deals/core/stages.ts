/**
 * Deal (对接项目) stages, a pure state machine.
 *
 *   matched → contacted → nda_signed → due_diligence → negotiating → agreed → contract_signed → registered
 *           → implementing → industrialised            (any open stage) → closed_lost (with a structured reason)
 *
 * A deal may skip forward over stages it does not need (a public listing needs no NDA: contacted → due_diligence),
 * but only along the path, never backwards — except negotiating ↔ due_diligence, which real negotiations revisit.
 */
export const DEAL_STAGES = [
  'matched', 'contacted', 'nda_signed', 'due_diligence', 'negotiating', 'agreed', 'contract_signed', 'registered', 'implementing', 'industrialised',
] as const;
export type DealStage = (typeof DEAL_STAGES)[number] | 'closed_lost';

export const LOST_REASONS = ['too_early', 'benefit_unclear', 'price_gap', 'ip_problem', 'no_pilot_capacity', 'no_finance', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

export const LOST_REASON_LABELS: Record<LostReason, { zh: string; en: string }> = {
  too_early: { zh: '技术成熟度不足', en: 'Too early stage' },
  benefit_unclear: { zh: '效益不明确', en: 'Benefit unclear' },
  price_gap: { zh: '价格差距过大', en: 'Price gap' },
  ip_problem: { zh: '知识产权问题', en: 'IP problem' },
  no_pilot_capacity: { zh: '缺少中试条件', en: 'No pilot capacity' },
  no_finance: { zh: '缺少资金', en: 'No finance' },
  other: { zh: '其他', en: 'Other' },
};

/** Stages reached only through another module's workflow (a signed NDA, a registered contract). */
export const GUARDED_STAGES: Partial<Record<DealStage, string>> = {
  nda_signed: 'an accepted NDA between the parties',
  registered: 'a registered technology contract',
};

export interface IndustrialisedWhere {
  /** inside Liaoning? */
  inLiaoning: boolean;
  /** GB/T 2260 city code when inside Liaoning, province code otherwise */
  regionCode: string;
}

export type StageChange =
  | { to: Exclude<DealStage, 'closed_lost' | 'industrialised'> }
  | { to: 'industrialised'; where: IndustrialisedWhere }
  | { to: 'closed_lost'; reason: LostReason; note?: string };

export type StageResult = { ok: true; to: DealStage } | { ok: false; code: 'DEAL_STAGE_INVALID' | 'DEAL_LOST_REASON_REQUIRED' | 'DEAL_WHERE_REQUIRED' | 'DEAL_CLOSED' };

const ORDER = new Map<DealStage, number>(DEAL_STAGES.map((s, i) => [s, i]));

export function isTerminal(stage: DealStage): boolean {
  return stage === 'closed_lost' || stage === 'industrialised';
}

export function changeStage(from: DealStage, change: StageChange): StageResult {
  if (isTerminal(from)) return { ok: false, code: 'DEAL_CLOSED' };
  if (change.to === 'closed_lost') {
    if (!(LOST_REASONS as readonly string[]).includes(change.reason)) return { ok: false, code: 'DEAL_LOST_REASON_REQUIRED' };
    if (change.reason === 'other' && !change.note?.trim()) return { ok: false, code: 'DEAL_LOST_REASON_REQUIRED' };
    return { ok: true, to: 'closed_lost' };
  }
  if (change.to === 'industrialised' && !(change.where && /^\d{6}$/.test(change.where.regionCode))) return { ok: false, code: 'DEAL_WHERE_REQUIRED' };
  const a = ORDER.get(from)!;
  const b = ORDER.get(change.to);
  if (b === undefined) return { ok: false, code: 'DEAL_STAGE_INVALID' };
  const revisit = from === 'negotiating' && change.to === 'due_diligence';
  if (b <= a && !revisit) return { ok: false, code: 'DEAL_STAGE_INVALID' };
  // after agreement the contract path is strict: agreed → contract_signed → registered → implementing → industrialised
  if (a >= ORDER.get('agreed')! && b !== a + 1) return { ok: false, code: 'DEAL_STAGE_INVALID' };
  return { ok: true, to: change.to };
}

/** The stages a deal may move to next (for the UI). */
export function nextStages(from: DealStage): DealStage[] {
  if (isTerminal(from)) return [];
  const candidates: DealStage[] = [...DEAL_STAGES.filter((s) => changeStage(from, s === 'industrialised' ? { to: s, where: { inLiaoning: true, regionCode: '210100' } } : { to: s as never }).ok), 'closed_lost'];
  return candidates;
}

/** Every stage a forward jump passes, so the funnel counts a skipped stage as reached at the same moment. */
export function stagesPassed(from: DealStage, to: DealStage): DealStage[] {
  if (to === 'closed_lost') return [];
  const a = ORDER.get(from)!;
  const b = ORDER.get(to)!;
  return b > a ? DEAL_STAGES.slice(a + 1, b + 1) : [to];
}
