import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  INCUBATION_CARRIER_NOT_FOUND: { status: 404, zh: '孵化载体不存在', en: 'Incubation carrier not found' },
  INCUBATION_APPLICATION_NOT_FOUND: { status: 404, zh: '入驻申请不存在', en: 'Application not found' },
  INCUBATION_RESIDENT_NOT_FOUND: { status: 404, zh: '在孵企业不存在', en: 'Resident not found' },
  INCUBATION_STAGE_NOT_SERVED: { status: 409, zh: '该载体服务的阶段为：{stages}', en: 'This carrier serves the stages: {stages}' },
  INCUBATION_STATE_INVALID: { status: 409, zh: '当前状态（{status}）不能执行此操作', en: 'Not possible in the current state ({status})' },
  INCUBATION_REASON_REQUIRED: { status: 400, zh: '拒绝须说明理由', en: 'Give a reason for declining' },
  INCUBATION_FULL: { status: 409, zh: '载体已满员', en: 'No free seats' },
});

export { IncubationService, incubationParams } from './bases.service.js';
export { basesRoutes } from './bases.routes.js';
export * from './core/index.js';
export type { BasesTables, IncubationCarrierRow, IncubationApplicationRow, IncubationResidentRow } from './bases.table.js';
