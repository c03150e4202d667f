/** Loads the shipped income-sharing defaults (data/reference/income-sharing.json), once, on first use. */
import { readFileSync } from 'node:fs';
import { parseIncomeSharingParams, type IncomeSharingParams } from './core/index.js';

let params: IncomeSharingParams | undefined;

export function incomeSharingParams(): IncomeSharingParams {
  return (params ??= parseIncomeSharingParams(
    JSON.parse(readFileSync(new URL('../../../data/reference/income-sharing.json', import.meta.url), 'utf8')),
  ));
}
