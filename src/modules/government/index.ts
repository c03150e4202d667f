import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  CASE_NOT_FOUND: { status: 404, zh: '协调事项不存在', en: 'Coordination case not found' },
  CASE_SUBJECT_NOT_FOUND: { status: 404, zh: '协调事项所涉对象（{subjectType}）不存在', en: 'The case subject ({subjectType}) does not exist' },
  CASE_STATUS_INVALID: { status: 409, zh: '协调事项当前状态（{status}）不能执行此操作', en: 'Not possible while the case is {status}' },
  CASE_NOT_HANDLER: { status: 403, zh: '只有承办部门可以办结协调事项', en: 'Only the responsible department resolves a case' },
  CASE_NOT_RAISER: { status: 403, zh: '只有提出人可以评价或退回协调事项', en: 'Only the person who raised the case can rate or reopen it' },
  DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门 {code} 不存在', en: 'Department {code} not found' },
  INDICATOR_NOT_FOUND: { status: 404, zh: '指标 {code} 不存在', en: 'Indicator {code} not found' },
  INDICATOR_COMPUTED: { status: 409, zh: '指标 {code} 由平台数据自动计算，不接受填报', en: 'Indicator {code} is computed from platform data; it takes no reports' },
  INDICATOR_NOT_OWNER: { status: 403, zh: '只有责任部门（{department}）可以填报该指标', en: 'Only the owner department ({department}) reports this indicator' },
  GEP_REGION_INVALID: { status: 400, zh: '行政区划 {code} 不是辽宁省内的有效代码', en: 'Region {code} is not a valid Liaoning region code' },
  GEP_IMPORT_INVALID: { status: 400, zh: '导入文件有 {count} 处错误，未写入任何数据', en: 'The workbook has {count} problems; nothing was written' },
  GEP_INPUT_INVALID: { status: 400, zh: 'GEP 核算项目 {item} 不合法（未知项目、重复或数量/价格格式错误）', en: 'GEP item {item} is invalid (unknown, duplicated, or a malformed quantity or price)' },
});

export { createGovernmentServices, type GovernmentServices, type GovernmentDeps } from './government.services.js';
export { CoordinationService, type RaiseCaseInput } from './coordination.service.js';
export { PlanService, COMPUTATIONS, type Computation } from './plan.service.js';
export { RegionalService } from './regional.service.js';
export { CultivationService } from './cultivation.service.js';
export { GepService } from './gep.service.js';
export { governmentRoutes } from './government.routes.js';
export type { GovernmentTables } from './government.table.js';
export * from './core/index.js';
