/** Domain error with a stable code, mapped to HTTP/i18n by the edge. */
import { RuleError } from '../../../kernel/rule-error.js';
export type ContractRuleCode =
  | 'DATE_INVALID'
  | 'WORKING_DAYS_INVALID'
  | 'CALENDAR_HAS_NO_WORKING_DAYS'
  | 'AMOUNT_INVALID'
  | 'TECH_TRADE_AMOUNT_NEGATIVE'
  | 'CONTRACT_TYPE_INVALID'
  | 'AMOUNT_OVERFLOW';

export class ContractRuleError extends RuleError<ContractRuleCode> {}
