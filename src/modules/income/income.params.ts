/** The shipped income-sharing defaults (data/reference/income-sharing.json), read once on first use. */
import { referenceJson } from '../../kernel/reference-json.js';
import { parseIncomeSharingParams, type IncomeSharingParams } from './core/index.js';

export const incomeSharingParams = (): IncomeSharingParams => referenceJson('income-sharing.json', parseIncomeSharingParams);
