import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  FINANCE_INSTITUTION_EXISTS: { status: 409, zh: '本单位已登记为金融机构', en: 'This organisation is already registered as an institution' },
  FINANCE_INSTITUTION_REQUIRED: { status: 403, zh: '请先将本单位登记为金融机构', en: 'Register your organisation as a finance institution first' },
  FINANCE_PRODUCT_NOT_FOUND: { status: 404, zh: '金融产品不存在', en: 'Finance product not found' },
  FINANCING_REQUEST_NOT_FOUND: { status: 404, zh: '融资需求不存在', en: 'Financing request not found' },
  FINANCE_APPLICATION_NOT_FOUND: { status: 404, zh: '融资申请不存在', en: 'Financing application not found' },
  FINANCE_APPLICATION_EXISTS: { status: 409, zh: '该需求已向此产品提交申请', en: 'This request has already been submitted to this product' },
  FINANCE_PRODUCT_NOT_ELIGIBLE: { status: 409, zh: '不符合产品准入条件：{reasons}', en: 'The product’s conditions are not met: {reasonsEn}' },
  APPLICATION_STATE_INVALID: { status: 409, zh: '申请当前状态（{status}）不能执行此操作', en: 'Not possible while the application is {status}' },
  APPLICATION_NOT_YOURS: { status: 403, zh: '此操作应由申请的另一方执行', en: 'This is for the other side of the application' },
  APPLICATION_REASON_REQUIRED: { status: 400, zh: '拒绝申请须说明理由', en: 'Give a reason for declining' },
  APPLICATION_AMOUNT_INVALID: { status: 400, zh: '金额不合法（批准金额不超过申请金额且在产品额度内；放款不超过批准金额）', en: 'Invalid amount (approval within the request and the product range; disbursement within the approval)' },
});

export { FinanceService, type RequestInput, type PatentRef, type FinanceCreditPort } from './finance.service.js';
export { financeRoutes } from './finance.routes.js';
export * from './core/index.js';
export type { FinanceTables, FinanceInstitutionRow, FinanceProductRow, FinancingRequestRow, FinancingApplicationRow } from './finance.table.js';
