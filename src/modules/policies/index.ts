import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  POLICY_NOT_FOUND: { status: 404, zh: '政策不存在', en: 'Policy not found' },
  POLICY_STATE_INVALID: { status: 409, zh: '政策当前状态（{status}）不能执行此操作', en: 'Not possible while the policy is {status}' },
  POLICY_ORG_REQUIRED: { status: 403, zh: '请先加入或登记单位，才能匹配政策', en: 'Join or register an organisation to match policies' },
});

export { PoliciesService, type PolicyInput, type OrgFactsInput, type PolicyEvaluation } from './policies.service.js';
export { policiesRoutes, presentPolicy } from './policies.routes.js';
export { policiesParams } from './policies.params.js';
export * from './core/index.js';
export type { PoliciesTables, PolicyRow, PolicyMatchRow, PolicyOrgProfileRow } from './policies.table.js';
