/** Deal (对接项目) vocabulary shared by the kanban, the deal page and the dashboard funnel. */
import type { DealStage } from './api';

export const OPEN_STAGES = ['matched', 'contacted', 'nda_signed', 'due_diligence', 'negotiating', 'agreed', 'contract_signed', 'registered', 'implementing', 'industrialised'] as const;
export const KANBAN_COLUMNS: DealStage[] = [...OPEN_STAGES, 'closed_lost'];
/** Reached only through another workflow: an accepted NDA, a registered contract. */
export const AUTOMATIC_STAGES: DealStage[] = ['nda_signed', 'registered'];
export const LOST_REASONS = ['too_early', 'benefit_unclear', 'price_gap', 'ip_problem', 'no_pilot_capacity', 'no_finance', 'other'] as const;
export const PAYMENTS = ['lump_sum', 'instalments', 'royalty', 'equity'] as const;
export const EXCLUSIVITIES = ['exclusive', 'sole', 'non_exclusive'] as const;

export const STAGE_COLOR: Record<string, string> = {
  matched: '#8c8c8c',
  contacted: '#597ef7',
  nda_signed: '#2f54eb',
  due_diligence: '#13c2c2',
  negotiating: '#fa8c16',
  agreed: '#a0d911',
  contract_signed: '#52c41a',
  registered: '#389e0d',
  implementing: '#0b4ea2',
  industrialised: '#722ed1',
  closed_lost: '#ff4d4f',
};

/** Sums decimal 万元 strings exactly (6 decimals, as the API allows). */
export function sumWan(values: (string | null | undefined)[]): string {
  let micro = 0n;
  for (const v of values) {
    if (!v || !/^\d+(\.\d+)?$/.test(v)) continue;
    const [i, f = ''] = v.split('.');
    micro += BigInt(i) * 1_000_000n + BigInt((f + '000000').slice(0, 6));
  }
  return microToWan(micro);
}

export function subWan(a: string, b: string): string {
  return microToWan(toMicro(a) - toMicro(b));
}

function toMicro(v: string): bigint {
  if (!/^\d+(\.\d+)?$/.test(v)) return 0n;
  const [i, f = ''] = v.split('.');
  return BigInt(i) * 1_000_000n + BigInt((f + '000000').slice(0, 6));
}

function microToWan(m: bigint): string {
  const neg = m < 0n;
  const a = neg ? -m : m;
  const i = a / 1_000_000n;
  const f = (a % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${i}${f ? '.' + f : ''}`;
}

export function isWan(v: unknown): v is string {
  return typeof v === 'string' && /^\d{1,9}(\.\d{1,6})?$/.test(v);
}

/** A 万元 decimal string rounded half-up to `places` decimals for display (exact, no floats). */
export function roundWan(v: string | null | undefined, places = 2): string {
  if (!v || !/^-?\d+(\.\d+)?$/.test(v)) return v ?? '';
  const neg = v.startsWith('-');
  const [i, f = ''] = v.replace('-', '').split('.');
  const scaled = BigInt(i + (f + '0'.repeat(places + 1)).slice(0, places + 1));
  const rounded = (scaled + 5n) / 10n;
  const s = rounded.toString().padStart(places + 1, '0');
  const ip = s.slice(0, s.length - places) || '0';
  const fp = s.slice(s.length - places).replace(/0+$/, '');
  return `${neg ? '-' : ''}${ip}${fp ? '.' + fp : ''}`;
}
