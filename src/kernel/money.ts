/**
 * Money is exact: stored as integer fen (分), exchanged as decimal strings. 1 万元 = 10,000 元 = 1,000,000 分.
 * No floating point is ever used on amounts.
 */
const FEN_PER_WAN_DIGITS = 6;

/** Parses a decimal string (or integer / integral number) of 万元 into fen. Returns null when not a valid amount. */
export function wanToFen(input: string | number): number | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return null;
    // numbers from JSON imports: accept only what prints exactly with at most 6 decimals
    text = String(input);
    if (/e/i.test(text)) return null;
  } else {
    text = input.trim().replace(/,/g, '');
  }
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return null;
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(FEN_PER_WAN_DIGITS, '0'));
  const fen = whole * 1_000_000 + frac;
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Formats fen as a 万元 decimal string without trailing zeros: 1205000000 → "1205", 1250000 → "1.25". */
export function fenToWan(fen: number | null | undefined): string | null {
  if (fen === null || fen === undefined) return null;
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 1_000_000);
  const frac = String(abs % 1_000_000).padStart(FEN_PER_WAN_DIGITS, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** Formats fen as a yuan decimal string with two places: 123456 → "1234.56". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
