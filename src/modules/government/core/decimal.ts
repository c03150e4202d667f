/**
 * Exact decimal arithmetic for indicator values, quantities and prices: decimal strings are parsed into BigInt
 * scaled by 10^scale, so no float ever touches a value that is shown, compared or multiplied into money.
 */
const DEC_RE = /^(-)?(\d{1,15})(?:\.(\d+))?$/;

/** '12.5' → 12500000n at scale 6; null when not a decimal or with more fractional digits than `scale`. */
export function parseDecimal(input: string, scale = 6): bigint | null {
  const m = DEC_RE.exec(input.trim().replace(/,/g, ''));
  if (!m) return null;
  const frac = m[3] ?? '';
  if (frac.length > scale) return null;
  const v = BigInt(m[2]) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0') || '0');
  return m[1] ? -v : v;
}

/** 12500000n at scale 6 → '12.5' (no trailing zeros). */
export function formatDecimal(v: bigint, scale = 6): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const base = 10n ** BigInt(scale);
  const whole = abs / base;
  const frac = (abs % base).toString().padStart(scale, '0').replace(/0+$/, '');
  return `${neg && abs !== 0n ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** n / d rounded half away from zero. */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return neg ? -q : q;
}

/** Calendar-date helpers on 'YYYY-MM-DD' strings (no time zone arithmetic). */
const DAY_MS = 86_400_000;
export function dayNo(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}
export function dateOfDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
export function addCalendarDays(date: string, n: number): string {
  return dateOfDay(dayNo(date) + n);
}
export function isCalendarDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dateOfDay(dayNo(s)) === s;
}
