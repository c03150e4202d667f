/** Loads the unit table (data/reference/units.json) and the supplier-matching defaults (services.json), once. */
import { readFileSync } from 'node:fs';
import { buildUnitIndex, type ChainMatchParams, type UnitIndex, type UnitTable } from './core/index.js';

const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../data/reference/${name}`, import.meta.url), 'utf8'));

let units: UnitIndex | undefined;
let params: ChainMatchParams | undefined;

export function unitIndex(): UnitIndex {
  return (units ??= buildUnitIndex(readJson('units.json') as UnitTable));
}

export function chainParams(): ChainMatchParams {
  if (params) return params;
  const p = (readJson('services.json') as { chains: ChainMatchParams }).chains;
  if (!p?.weights || !(p.partialFactor >= 0 && p.partialFactor <= 1)) throw new Error('data/reference/services.json: chains.partialFactor must be within 0–1');
  return (params = p);
}
