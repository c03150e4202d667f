/**
 * Chinese patent application numbers (2003 onward): YYYY + type digit + 7-digit serial + '.' + check.
 * Type: 1 invention, 2 utility model, 3 design, 8/9 PCT entering the national phase.
 * Check = Σ digitᵢ × wᵢ mod 11 over the 12 digits, weights 2,3,4,5,6,7,8,9,2,3,4,5; 10 is written X.
 * Granted patents are written with a ZL prefix.
 */
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

export type PatentKind = 'invention' | 'utility' | 'design' | 'pct_invention' | 'pct_utility';
export type PatentProblem = 'format' | 'year' | 'type' | 'check';

export interface ParsedPatentNumber {
  normalised: string; // e.g. 201811564288.X (without ZL)
  granted: boolean;
  year: number;
  kind: PatentKind;
}

export function patentCheckChar(twelveDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelveDigits[i]) * WEIGHTS[i];
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

const KINDS: Record<string, PatentKind> = { '1': 'invention', '2': 'utility', '3': 'design', '8': 'pct_invention', '9': 'pct_utility' };

export function parsePatentNumber(input: string, currentYear = new Date().getUTCFullYear()): ParsedPatentNumber | PatentProblem {
  const text = input.trim().toUpperCase().replace(/\s+/g, '').replace(/^CN/, '');
  const m = /^(ZL)?(\d{12})\.?([0-9X])$/.exec(text);
  if (!m) return 'format';
  const digits = m[2];
  const year = Number(digits.slice(0, 4));
  if (year < 2003 || year > currentYear) return 'year';
  const kind = KINDS[digits[4]];
  if (!kind) return 'type';
  if (patentCheckChar(digits) !== m[3]) return 'check';
  return { normalised: `${digits}.${m[3]}`, granted: Boolean(m[1]), year, kind };
}

export function isPatentProblem(x: ParsedPatentNumber | PatentProblem): x is PatentProblem {
  return typeof x === 'string';
}
