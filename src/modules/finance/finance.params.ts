/** Loads the shipped finance-matching defaults (data/reference/services.json), once, on first use. */
import { readFileSync } from 'node:fs';
import type { FinanceMatchParams } from './core/index.js';

let params: FinanceMatchParams | undefined;

export function financeParams(): FinanceMatchParams {
  if (params) return params;
  const p = (JSON.parse(readFileSync(new URL('../../../data/reference/services.json', import.meta.url), 'utf8')) as { finance: FinanceMatchParams }).finance;
  const problems: string[] = [];
  if (!Array.isArray(p?.creditClassOrder) || !p.creditClassOrder.includes(p.unratedCountsAs)) problems.push('finance.unratedCountsAs must be one of creditClassOrder');
  if (!p?.weights || Object.values(p.weights).some((w) => typeof w !== 'number' || w < 0)) problems.push('finance.weights must be non-negative numbers');
  if (problems.length) throw new Error(`data/reference/services.json: ${problems.join('; ')}`);
  return (params = p);
}
