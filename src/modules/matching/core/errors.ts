/** Domain error with a stable code, mapped to HTTP/i18n by the edge. */
import { RuleError } from '../../../kernel/rule-error.js';
export type MatchErrorCode = 'QUERY_EMPTY' | 'SNAPSHOT_INVALID' | 'DOCUMENT_INVALID';

export class MatchError extends RuleError<MatchErrorCode> {}
