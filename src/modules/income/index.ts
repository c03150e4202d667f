import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  INCOME_PLAN_NOT_FOUND: { status: 404, zh: '分配方案不存在', en: 'Distribution plan not found' },
  INCOME_PLAN_INVALID: { status: 400, zh: '分配方案不符合规定（团队下限 {floor}%）', en: 'The distribution plan breaks the rules (team floor {floor}%)' },
  RIGHTS_GRANT_INVALID: { status: 400, zh: '赋权方案不合法：{problems}', en: 'Invalid rights grant: {problems}' },
});

export { IncomeService, type PlanInput } from './income.service.js';
export { incomeRoutes } from './income.routes.js';
export type { IncomeTables, IncomePlanRow, IncomeReceiptRow, RightsGrantRow } from './income.table.js';
