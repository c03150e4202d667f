/** Domain error with a stable code, mapped to HTTP status and a zh-CN/en message by the edge. */
import { RuleError } from '../../../kernel/rule-error.js';
export type CreditRuleCode =
  | 'DATE_INVALID'
  | 'INSTANT_INVALID'
  | 'YEAR_INVALID'
  | 'MONTH_INVALID'
  | 'DATE_ORDER_INVALID'
  | 'PARAMS_INVALID'
  | 'RECORD_INVALID'
  | 'LEGAL_BASIS_REQUIRED'
  | 'INDICATORS_INVALID'
  | 'SEED_REQUIRED'
  | 'RATIO_INVALID'
  | 'DUPLICATE_TARGET'
  | 'DUPLICATE_INSPECTOR'
  | 'NOT_ENOUGH_INSPECTORS'
  | 'DRAW_RECORD_INVALID'
  | 'COMMITMENT_INVALID'
  | 'COMMITMENT_ALREADY_RESOLVED';

export class CreditRuleError extends RuleError<CreditRuleCode> {}

/**
 * Status and messages per code, in the shape the kernel's `registerErrors` takes. The core does not import the
 * kernel (it must stay pure); the credit module's index.ts registers these, prefixed `CREDIT_`.
 */
export const CREDIT_ERROR_MESSAGES: Readonly<Record<CreditRuleCode, { status: number; zh: string; en: string }>> = {
  DATE_INVALID: { status: 400, zh: '日期不合法（应为 YYYY-MM-DD）：{value}', en: 'Invalid date (expected YYYY-MM-DD): {value}' },
  INSTANT_INVALID: { status: 400, zh: '时间不合法（应为带时区的 ISO 时间）：{value}', en: 'Invalid instant (expected ISO 8601 with offset): {value}' },
  YEAR_INVALID: { status: 400, zh: '年份不合法：{value}', en: 'Invalid year: {value}' },
  MONTH_INVALID: { status: 400, zh: '月份不合法（应为 YYYY-MM）：{value}', en: 'Invalid month (expected YYYY-MM): {value}' },
  DATE_ORDER_INVALID: { status: 400, zh: '日期先后顺序不正确：{field}', en: 'Dates are out of order: {field}' },
  PARAMS_INVALID: { status: 500, zh: '信用监管参数配置有误', en: 'Credit supervision settings are invalid' },
  RECORD_INVALID: { status: 400, zh: '信用记录不合法：{reason}', en: 'Invalid credit record: {reason}' },
  LEGAL_BASIS_REQUIRED: { status: 400, zh: '列入严重违法失信名单须注明法律依据', en: 'A serious-list entry needs its legal basis' },
  INDICATORS_INVALID: { status: 400, zh: '风险分类指标不合法：{reason}', en: 'Invalid risk indicators: {reason}' },
  SEED_REQUIRED: { status: 400, zh: '抽查须提供公开的随机种子', en: 'A published random seed is required for the draw' },
  RATIO_INVALID: { status: 400, zh: '抽查比例不合法（0–10000 基点）：{class}', en: 'Invalid inspection ratio (0–10000 bp): {class}' },
  DUPLICATE_TARGET: { status: 400, zh: '抽查对象重复：{orgId}', en: 'Duplicate inspection target: {orgId}' },
  DUPLICATE_INSPECTOR: { status: 400, zh: '检查人员重复：{id}', en: 'Duplicate inspector: {id}' },
  NOT_ENOUGH_INSPECTORS: {
    status: 409,
    zh: '可回避后的检查人员不足：对象 {orgId} 需要 {needed} 名，仅有 {eligible} 名',
    en: 'Not enough inspectors after conflict exclusions: target {orgId} needs {needed}, {eligible} eligible',
  },
  DRAW_RECORD_INVALID: { status: 400, zh: '抽查记录不完整，无法复核', en: 'The recorded draw is incomplete and cannot be verified' },
  COMMITMENT_INVALID: { status: 400, zh: '信用承诺不合法：{reason}', en: 'Invalid credit commitment: {reason}' },
  COMMITMENT_ALREADY_RESOLVED: { status: 409, zh: '该信用承诺已认定履行情况', en: 'This commitment has already been resolved' },
};
