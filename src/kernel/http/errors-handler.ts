import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, messageFor, type FieldError } from '../errors.js';
import { format, type Locale } from '../i18n/index.js';

interface AjvErrorLike {
  instancePath?: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
}

/** Field-level messages for schema validation failures, naming the field in zh-CN or en. */
function describeAjvError(e: AjvErrorLike, context: string | undefined, locale: Locale): FieldError {
  let field = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required') field = field ? `${field}.${e.params.missingProperty}` : String(e.params.missingProperty);
  if (!field) field = context ?? 'body';
  const zh: Record<string, string> = {
    required: '字段 {field} 为必填项',
    type: '字段 {field} 类型应为 {type}',
    minLength: '字段 {field} 至少 {limit} 个字符',
    maxLength: '字段 {field} 最多 {limit} 个字符',
    minimum: '字段 {field} 不能小于 {limit}',
    maximum: '字段 {field} 不能大于 {limit}',
    minItems: '字段 {field} 至少 {limit} 项',
    maxItems: '字段 {field} 最多 {limit} 项',
    pattern: '字段 {field} 格式不正确',
    format: '字段 {field} 格式不正确（应为 {format}）',
    enum: '字段 {field} 取值不在允许范围内：{allowed}',
    const: '字段 {field} 取值不在允许范围内',
    anyOf: '字段 {field} 取值不合法',
    additionalProperties: '字段 {field} 不允许出现属性 {extra}',
  };
  const en: Record<string, string> = {
    required: 'Field {field} is required',
    type: 'Field {field} must be of type {type}',
    minLength: 'Field {field} must have at least {limit} characters',
    maxLength: 'Field {field} must have at most {limit} characters',
    minimum: 'Field {field} must be ≥ {limit}',
    maximum: 'Field {field} must be ≤ {limit}',
    minItems: 'Field {field} needs at least {limit} items',
    maxItems: 'Field {field} allows at most {limit} items',
    pattern: 'Field {field} has the wrong format',
    format: 'Field {field} must be a valid {format}',
    enum: 'Field {field} must be one of: {allowed}',
    const: 'Field {field} has a value that is not allowed',
    anyOf: 'Field {field} has an invalid value',
    additionalProperties: 'Field {field} must not have property {extra}',
  };
  const params = {
    field,
    type: e.params.type,
    limit: e.params.limit,
    format: e.params.format,
    allowed: Array.isArray(e.params.allowedValues) ? e.params.allowedValues.join(', ') : '',
    extra: e.params.additionalProperty,
  };
  const table = locale === 'en' ? en : zh;
  const template = table[e.keyword] ?? (locale === 'en' ? 'Field {field} is invalid' : '字段 {field} 不合法');
  return { field, code: `FIELD_${e.keyword.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, message: format(template, params) };
}

function localizeFields(fields: FieldError[] | undefined, locale: Locale): FieldError[] | undefined {
  return fields?.map((f) => {
    if (f.message) return f;
    const p = f.params ?? {};
    const reason = locale === 'en' ? p.reasonEn : p.reasonZh;
    const template = p.reasonZh !== undefined ? 'FIELD_INVALID' : f.code;
    return { field: f.field, code: f.code, message: messageFor(template, locale, { ...p, field: f.field, reason }) };
  });
}

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003', 'SQLITE_BUSY', 'SQLITE_CANTOPEN']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (e?.code !== undefined && DB_DOWN_CODES.has(e.code)) || /Connection terminated|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}

export function sendError(reply: FastifyReply, req: FastifyRequest, err: AppError): FastifyReply {
  const locale = req.locale;
  const fields = localizeFields(err.fields, locale);
  const params: Record<string, unknown> = { ...err.params, requestId: req.id };
  if (err.code === 'VALIDATION_FAILED' && fields?.length) params.summary = fields.map((f) => f.message).join('; ');
  return reply.status(err.status).send({
    error: { code: err.code, message: messageFor(err.code, locale, params), ...(fields ? { fields } : {}) },
    requestId: req.id,
  });
}

export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvErrorLike[]; validationContext?: string }, req, reply) => {
    if (error instanceof AppError) return sendError(reply, req, error);
    if (error.validation) {
      // one message per field: a nullable field fails its type, its pattern and the union at once; keep the most specific
      const byField = new Map<string, FieldError>();
      for (const v of [...error.validation].sort((a, b) => Number(a.keyword === 'anyOf') - Number(b.keyword === 'anyOf') || Number(a.keyword === 'type') - Number(b.keyword === 'type'))) {
        const f = describeAjvError(v, error.validationContext, req.locale);
        if (!byField.has(f.field)) byField.set(f.field, f);
      }
      const fields = [...byField.values()];
      return sendError(reply, req, new AppError('VALIDATION_FAILED', {}, fields));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, req, new AppError('BODY_TOO_LARGE', { limit: bodyLimit }));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, req, new AppError('UNSUPPORTED_MEDIA_TYPE'));
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(reply, req, new AppError('MALFORMED_JSON'));
      case 'FST_ERR_RATE_LIMIT':
        return sendError(reply, req, new AppError('RATE_LIMITED'));
    }
    if ((error as any).statusCode === 429) return sendError(reply, req, new AppError('RATE_LIMITED'));
    if (isDatabaseUnavailable(error)) {
      req.log.error({ err: error }, 'database unavailable');
      return sendError(reply, req, new AppError('DATABASE_UNAVAILABLE'));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, req, new AppError('VALIDATION_FAILED', { summary: error.message }));
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendError(reply, req, new AppError('INTERNAL'));
  });
}
