/** The shipped deal defaults (data/reference/deals.json: auctions, tenders), read once on first use. */
import { referenceJson } from '../../kernel/reference-json.js';
import { parseDealsParams, type DealsParams } from './core/auction.js';

export const dealsParams = (): DealsParams => referenceJson('deals.json', parseDealsParams);
