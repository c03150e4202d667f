import { Type, type TSchema } from '@sinclair/typebox';
import { invalidField } from '../errors.js';
import { wanToFen } from '../money.js';
import { percentToBp } from '../percent.js';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.Optional(Type.String()) }))),
    }),
    requestId: Type.String(),
  },
  { $id: 'ErrorResponse' },
);

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Standard error responses for OpenAPI. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

export const OkResponse = Type.Object({ ok: Type.Boolean() });

/** `T | null` for TypeBox. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** 万元 as an exact decimal string, e.g. "120" or "35.5" — never a float. */
export const Wan = Type.String({ pattern: '^\\d{1,9}(\\.\\d{1,6})?$', description: '金额（万元），精确小数字符串 / amount in 10k CNY as a decimal string' });

/** A percentage as a decimal string, e.g. "2.5" (stored as basis points). */
export const Percent = Type.String({ pattern: '^\\d{1,3}(\\.\\d{1,2})?$', description: 'percent as a decimal string, e.g. "2.5"' });

/** A 万元 body field → fen, or VALIDATION_FAILED naming the field. */
export function fenFromWan(field: string, v: string): number {
  const f = wanToFen(v);
  if (f === null) throw invalidField(field, '金额格式不正确', 'is not a valid amount');
  return f;
}

/** A percent body field → basis points (null stays null), or VALIDATION_FAILED naming the field. */
export function bpFromPercent(field: string, v: string): number;
export function bpFromPercent(field: string, v: string | null | undefined): number | null;
export function bpFromPercent(field: string, v: string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const b = percentToBp(v);
  if (b === null) throw invalidField(field, '比例应在 0–100 之间', 'must be between 0 and 100');
  return b;
}
