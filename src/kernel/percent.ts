/** Percentages are exchanged as decimal strings ("2.5") and stored as integer basis points (250), never floats. */
export function percentToBp(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

export function bpToPercent(bp: number | null | undefined): string | null {
  if (bp === null || bp === undefined) return null;
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${Math.floor(bp / 100)}${frac ? `.${frac}` : ''}`;
}
