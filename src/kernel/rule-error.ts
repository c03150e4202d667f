/**
 * The error a pure core throws when a rule refuses its input: a stable code and details, no HTTP, no i18n.
 * Each core names its own subclass (ContractRuleError, MatchError …); the service maps it to an AppError.
 */
export class RuleError<C extends string = string> extends Error {
  readonly code: C;
  readonly details: Record<string, unknown>;

  constructor(code: C, details: Record<string, unknown> = {}) {
    super(code);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}
