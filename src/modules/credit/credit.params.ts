/** Loads the shipped credit-supervision defaults (data/reference/credit.json), once, on first use. */
import { readFileSync } from 'node:fs';
import { parseCreditParams, type CreditParams } from './core/index.js';

let params: CreditParams | undefined;

export function creditParams(): CreditParams {
  return (params ??= parseCreditParams(
    JSON.parse(readFileSync(new URL('../../../data/reference/credit.json', import.meta.url), 'utf8')),
  ));
}
