/** Client-side mirrors of the server's identifier checks, for immediate feedback. The server stays the authority. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 统一社会信用代码 */
export function isValidUscc(input: string): boolean {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(code[i]);
    if (v < 0) return false;
    sum += v * USCC_WEIGHTS[i];
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return false;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] === code[17];
}

const PATENT_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
/** Chinese patent application number (2003 onward), optionally ZL-prefixed. */
export function isValidPatentNumber(input: string): boolean {
  const text = input.trim().toUpperCase().replace(/\s+/g, '').replace(/^CN/, '');
  const m = /^(ZL)?(\d{12})\.?([0-9X])$/.exec(text);
  if (!m) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(m[2][i]) * PATENT_WEIGHTS[i];
  const r = sum % 11;
  return (r === 10 ? 'X' : String(r)) === m[3];
}

export function isPatentType(t: string | undefined): boolean {
  return t === 'invention_patent' || t === 'utility_patent' || t === 'design_patent';
}
