/**
 * Exact fractions for rates: a decimal string with at most 6 decimals is held as an integer number of millionths
 * (ppm), so "0.015" = 15 000 ppm and 1.5% never passes through a float. Amounts stay integer fen; BigInt carries
 * products that would exceed 2⁵³.
 */

export const PPM = 1_000_000;

/** "0.015" → 15000. null when not a non-negative decimal with ≤ 6 decimals (no exponent, no sign, no percent). */
export function parsePpm(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * PPM + Number((m[2] ?? '').padEnd(6, '0'));
}

/** 15000 → "0.015"; 1000000 → "1". Non-integer ppm (derived rates) is rounded half up to the ppm first. */
export function formatPpm(ppm: number): string {
  const v = Math.round(ppm);
  const whole = Math.floor(v / PPM);
  const frac = String(v % PPM).padStart(6, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** Basis points → ppm (1 bp = 100 ppm). */
export function bpToPpm(bp: number): number {
  return bp * 100;
}

/** round(n / d) half up, for n ≥ 0, d > 0. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}
