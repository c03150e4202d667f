import { registerErrors } from '../../kernel/errors.js';
import { CREDIT_ERROR_MESSAGES } from './core/index.js';

// the pure core's rule errors, under a CREDIT_ prefix
registerErrors(Object.fromEntries(Object.entries(CREDIT_ERROR_MESSAGES).map(([code, spec]) => [`CREDIT_${code}`, spec])));
registerErrors({
  CREDIT_RECORD_NOT_FOUND: { status: 404, zh: '信用记录不存在', en: 'Credit record not found' },
  CREDIT_RECORD_STATE_INVALID: { status: 409, zh: '该记录当前状态不能执行此操作', en: 'Not possible in the record’s current state' },
  CREDIT_REPORT_ALREADY_FILED: { status: 409, zh: '{year} 年度报告已报送', en: 'The {year} annual report has already been filed' },
  CREDIT_REPAIR_NOT_ELIGIBLE: { status: 409, zh: '暂不符合信用修复条件：{reasons}', en: 'Credit repair is not available yet: {reasonsEn}' },
  CREDIT_REPAIR_NOT_FOUND: { status: 404, zh: '信用修复申请不存在', en: 'Repair application not found' },
  CREDIT_COMMITMENT_NOT_FOUND: { status: 404, zh: '信用承诺不存在', en: 'Commitment not found' },
  CREDIT_PLAN_NOT_FOUND: { status: 404, zh: '抽查计划不存在', en: 'Inspection plan not found' },
  CREDIT_NOT_A_TARGET: { status: 409, zh: '该单位不是本次抽查对象', en: 'This organisation was not drawn in this plan' },
  CREDIT_DEREGISTRATION_NOT_ELIGIBLE: { status: 409, zh: '不符合简易注销条件：{reasons}', en: 'Simplified deregistration is not available: {reasonsEn}' },
  CREDIT_DEREGISTRATION_OPEN: { status: 409, zh: '已有进行中的简易注销公告', en: 'A deregistration notice is already running' },
  CREDIT_DEREGISTRATION_NOT_FOUND: { status: 404, zh: '简易注销申请不存在', en: 'Deregistration not found' },
  CREDIT_SERIOUS_LIST_BLOCKED: { status: 403, zh: '贵单位被列入严重违法失信名单，暂不能进行此操作（{action}）；可依法申请信用修复', en: 'Your organisation is on the serious list and cannot do this ({action}); you may apply for credit repair' },
  ORGANISATION_DEREGISTERED: { status: 403, zh: '该单位已注销，信息只读', en: 'This organisation has been deregistered and is read-only' },
});

export { CreditService, RECORD_KINDS, toCoreRecord, type RecordInput } from './credit.service.js';
export { creditRoutes, presentRecord } from './credit.routes.js';
export type { CreditTables, CreditRecordRow } from './credit.table.js';
