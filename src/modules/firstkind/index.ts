import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  FIRSTKIND_PRODUCT_NOT_FOUND: { status: 404, zh: '目录产品不存在', en: 'First-of-kind product not found' },
  FIRSTKIND_APPLICATION_NOT_FOUND: { status: 404, zh: '保险补偿申请不存在', en: 'Compensation application not found' },
  FIRSTKIND_APPLICATION_EXISTS: { status: 409, zh: '本单位已有该产品在办的补偿申请', en: 'Your organisation already has an open application for this product' },
  FIRSTKIND_STATE_INVALID: { status: 409, zh: '当前状态（{status}）不能执行此操作', en: 'Not possible while the status is {status}' },
  FIRSTKIND_NOT_YOURS: { status: 403, zh: '此操作应由另一方执行', en: 'This is for the other side' },
  FIRSTKIND_REASON_REQUIRED: { status: 400, zh: '退回或不予支持须说明理由', en: 'Give a reason' },
  FIRSTKIND_AMOUNT_INVALID: { status: 400, zh: '金额不合法（批准金额为正且不超过申请补偿额；拨付不超过批准金额）', en: 'Invalid amount (approval positive and within the request; payment within the approval)' },
  FIRSTKIND_DOCUMENTS_MISSING: { status: 400, zh: '缺少必备材料：{missing}', en: 'Required documents missing: {missingEn}' },
});

export { FirstkindService, type ProductInput, type ApplicationInput } from './firstkind.service.js';
export { firstkindRoutes } from './firstkind.routes.js';
export { firstkindParams } from './firstkind.params.js';
export * from './core/index.js';
export type { FirstkindTables, FirstkindProductRow, FirstkindApplicationRow } from './firstkind.table.js';
