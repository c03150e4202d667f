/**
 * Incubation stages (企业培育): idea → nursery (创业苗圃) → incubator (孵化器) → accelerator (加速器). Each carrier kind
 * serves some stages (data/reference/services.json); graduating moves a resident to the next stage. Pure.
 */
export const INCUBATION_STAGES = ['idea', 'nursery', 'incubator', 'accelerator'] as const;
export type IncubationStage = (typeof INCUBATION_STAGES)[number];
export const CARRIER_KINDS = ['nursery', 'incubator', 'accelerator', 'demonstration_base'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];
export const APPLICANT_KINDS = ['team', 'spin_off', 'company'] as const;

export interface IncubationParams {
  stages: IncubationStage[];
  carrierStages: Record<CarrierKind, IncubationStage[]>;
}

/** The stage after this one; null after the accelerator (the company leaves the incubation chain). */
export function nextStage(stage: IncubationStage, params: IncubationParams): IncubationStage | null {
  const i = params.stages.indexOf(stage);
  return i >= 0 && i < params.stages.length - 1 ? params.stages[i + 1] : null;
}

/** The carrier kinds an applicant at this stage should look at, in order of fit. */
export function carriersForStage(stage: IncubationStage, params: IncubationParams): CarrierKind[] {
  return (Object.keys(params.carrierStages) as CarrierKind[]).filter((k) => params.carrierStages[k].includes(stage)).sort((a, b) => params.carrierStages[a].length - params.carrierStages[b].length);
}

export type IntakeDecision = { ok: true; to: 'accepted' | 'declined' } | { ok: false; code: 'INCUBATION_STATE_INVALID' | 'INCUBATION_REASON_REQUIRED' | 'INCUBATION_FULL' };

export function decideIntake(status: string, accept: boolean, reason: string | null | undefined, seats: number | null, residents: number): IntakeDecision {
  if (status !== 'submitted') return { ok: false, code: 'INCUBATION_STATE_INVALID' };
  if (!accept && !reason?.trim()) return { ok: false, code: 'INCUBATION_REASON_REQUIRED' };
  if (accept && seats !== null && residents >= seats) return { ok: false, code: 'INCUBATION_FULL' };
  return { ok: true, to: accept ? 'accepted' : 'declined' };
}
