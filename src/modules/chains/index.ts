import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  CHAIN_PART_NOT_FOUND: { status: 404, zh: '配套需求不存在', en: 'Supply-chain part not found' },
  CHAIN_PART_CLOSED: { status: 409, zh: '该配套需求已结束', en: 'This part is no longer open' },
  CHAIN_SUPPLIER_NOT_PROVINCIAL: { status: 403, zh: '省内配套仅限注册地在辽宁省的供应商', en: 'Only suppliers registered in Liaoning can declare provincial supply' },
  CHAIN_RESPONSE_NOT_FOUND: { status: 404, zh: '配套响应不存在', en: 'Response not found' },
  CHAIN_RESPONSE_STATE_INVALID: { status: 409, zh: '配套响应当前状态（{status}）不能执行此操作', en: 'Not possible while the response is {status}' },
  CHAIN_TRIAL_NOT_PASSED: { status: 409, zh: '样品试用尚未通过', en: 'No sample trial has passed yet' },
  CHAIN_DECLINE_REASON_REQUIRED: { status: 400, zh: '不予采用须说明理由（2–500 字）', en: 'Give a reason for declining (2–500 characters)' },
  CHAIN_TRIAL_NOTE_REQUIRED: { status: 400, zh: '样品试用不合格须说明原因（2–500 字）', en: 'Say why the sample failed (2–500 characters)' },
  ALLIANCE_NOT_FOUND: { status: 404, zh: '联盟不存在', en: 'Alliance not found' },
  ALLIANCE_TOPIC_NOT_FOUND: { status: 404, zh: '课题或任务不存在', en: 'Topic or task not found' },
  ALLIANCE_MEMBER_EXISTS: { status: 409, zh: '该单位已是联盟成员', en: 'Already a member' },
  ALLIANCE_LEAD_ENTERPRISE: { status: 403, zh: '联盟须由企业牵头', en: 'An alliance is led by an enterprise' },
});

export { ChainsService, PART_SOURCES, REASON_MIN, REASON_MAX, type ResponseAction } from './chains.service.js';
export { AlliancesService, type ContractsOf } from './alliances.service.js';
export { chainsRoutes } from './chains.routes.js';
export { unitIndex } from './chains.params.js';
export * from './core/index.js';
export type { ChainsTables, ChainPartRow, ChainCapabilityRow, ChainResponseRow, ChainTrialRow, AllianceRow, AllianceMemberRow, AllianceTopicRow, AllianceTaskRow } from './chains.table.js';
