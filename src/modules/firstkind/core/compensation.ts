/**
 * 首台套保险补偿: the compensation an application may request — a share of the premium actually paid (rounded down to
 * the fen), capped per application. Money in fen, rates in basis points, integer arithmetic only. Pure.
 */
export interface CompensationParams {
  /** share of the premium compensated, basis points (8000 = 80 %) */
  rateBp: number;
  /** ceiling per application, fen */
  capFen: number;
  /** the smallest premium accepted, fen */
  minPremiumFen: number;
}

export function compensationFen(premiumFen: number, p: CompensationParams): number {
  if (!Number.isSafeInteger(premiumFen) || premiumFen <= 0) return 0;
  const share = Math.floor((premiumFen * p.rateBp) / 10_000);
  return Math.min(share, p.capFen);
}
