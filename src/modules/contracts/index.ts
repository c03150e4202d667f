import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  CONTRACT_NOT_FOUND: { status: 404, zh: '合同不存在', en: 'Contract not found' },
  CONTRACT_STATUS_INVALID: { status: 409, zh: '合同当前状态（{status}）不能执行此操作', en: 'Not possible while the contract is {status}' },
  CONTRACT_APPLICANT_MISMATCH: { status: 403, zh: '应由{side}方申请登记（技术进口由境内买方申请）', en: 'The {side} side applies for registration (the domestic buyer for imports)' },
  CONTRACT_DEAL_NOT_SIGNED: { status: 409, zh: '对接项目尚未签订合同（当前阶段：{stage}）', en: 'The deal has no signed contract yet (stage {stage})' },
});

export { ContractsService, type ContractInput } from './contracts.service.js';
export { contractsRoutes, presentContract } from './contracts.routes.js';
export type { ContractRow, ContractsTables } from './contracts.table.js';
export * from './core/index.js';
