/** Domain error with a stable code, mapped to HTTP/i18n by the edge. */
export type MatchErrorCode = 'QUERY_EMPTY' | 'SNAPSHOT_INVALID' | 'DOCUMENT_INVALID';

export class MatchError extends Error {
  readonly code: MatchErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: MatchErrorCode, details: Record<string, unknown> = {}) {
    super(code);
    this.name = 'MatchError';
    this.code = code;
    this.details = details;
  }
}
