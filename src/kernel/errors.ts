import { format, type Locale } from './i18n/index.js';

interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

/**
 * The catalog of stable error codes. Modules add their own through `registerErrors` (in their index.ts),
 * so every code the API can answer with is listed, with its status and both messages, in one place at run time.
 */
const catalog = new Map<string, ErrorSpec>();

export function registerErrors(specs: Record<string, ErrorSpec>): void {
  for (const [code, spec] of Object.entries(specs)) {
    if (catalog.has(code)) throw new Error(`error code ${code} registered twice`);
    catalog.set(code, spec);
  }
}

export function errorCatalog(): ReadonlyMap<string, ErrorSpec> {
  return catalog;
}

registerErrors({
  VALIDATION_FAILED: { status: 400, zh: '请求参数不合法：{summary}', en: 'Invalid request: {summary}' },
  FIELD_REQUIRED: { status: 400, zh: '字段 {field} 为必填项', en: 'Field {field} is required' },
  FIELD_INVALID: { status: 400, zh: '字段 {field} 不合法：{reason}', en: 'Field {field} is invalid: {reason}' },
  BODY_TOO_LARGE: { status: 413, zh: '请求体过大（上限 {limit} 字节）', en: 'Request body too large (limit {limit} bytes)' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型，请使用 application/json', en: 'Unsupported content type; use application/json' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是合法的 JSON', en: 'Request body is not valid JSON' },
  NOT_FOUND: { status: 404, zh: '资源不存在', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  CSRF_REJECTED: { status: 403, zh: '跨站请求被拒绝', en: 'Cross-site request refused' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  CONFLICT: { status: 409, zh: '数据已被修改，请刷新后重试', en: 'The record changed; reload and try again' },
  DATABASE_UNAVAILABLE: { status: 503, zh: '数据库暂不可用，请稍后再试', en: 'The database is unavailable; try again later' },
  INTERNAL: { status: 500, zh: '服务器内部错误（请求编号 {requestId}）', en: 'Internal server error (request id {requestId})' },
});

/** A domain error with a stable code; the HTTP edge maps it to a status and a localized message. */
export class AppError extends Error {
  readonly code: string;
  readonly params: Record<string, unknown>;
  /** for validation errors: the fields at fault */
  readonly fields?: FieldError[];

  constructor(code: string, params: Record<string, unknown> = {}, fields?: FieldError[]) {
    super(code);
    this.code = code;
    this.params = params;
    this.fields = fields;
  }

  get status(): number {
    return catalog.get(this.code)?.status ?? 500;
  }
}

export interface FieldError {
  field: string;
  code: string;
  message?: string;
  params?: Record<string, unknown>;
}

export function messageFor(code: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const spec = catalog.get(code);
  if (!spec) return code;
  return format(locale === 'en' ? spec.en : spec.zh, params);
}

/** Shorthand for a single-field validation failure. */
export function invalidField(field: string, reasonZh: string, reasonEn: string): AppError {
  return new AppError('VALIDATION_FAILED', { summary: field }, [
    { field, code: 'FIELD_INVALID', params: { field, reasonZh, reasonEn } },
  ]);
}
