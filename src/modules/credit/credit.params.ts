/** The shipped credit-supervision defaults (data/reference/credit.json), read once on first use. */
import { referenceJson } from '../../kernel/reference-json.js';
import { parseCreditParams, type CreditParams } from './core/index.js';

export const creditParams = (): CreditParams => referenceJson('credit.json', parseCreditParams);
