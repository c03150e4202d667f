/** Loads the shipped deal defaults (data/reference/deals.json: auctions, tenders), once, on first use. */
import { readFileSync } from 'node:fs';
import { parseDealsParams, type DealsParams } from './core/auction.js';

let params: DealsParams | undefined;

export function dealsParams(): DealsParams {
  return (params ??= parseDealsParams(JSON.parse(readFileSync(new URL('../../../data/reference/deals.json', import.meta.url), 'utf8'))));
}
