import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  PROGRAMME_NOT_FOUND: { status: 404, zh: '专项不存在', en: 'Programme not found' },
  CHALLENGE_NOT_FOUND: { status: 404, zh: '榜单不存在', en: 'Challenge not found' },
  CHALLENGE_STATE_INVALID: { status: 409, zh: '榜单当前状态（{status}）不能执行此操作', en: 'Not possible while the challenge is {status}' },
  CHALLENGE_DEMAND_INVALID: { status: 400, zh: '第 {index} 项需求不是已发布的技术需求', en: 'Demand {index} is not a published demand' },
  PROGRAMME_BUDGET_EXCEEDED: { status: 409, zh: '榜单经费超过专项剩余经费（剩余 {left} 万元）', en: 'The challenge budget exceeds what is left of the programme (10k CNY left: {left})' },
  PROGRAMME_NOT_ELIGIBLE: { status: 409, zh: '不符合揭榜条件：{reasons}', en: 'Not eligible: {reasonsEn}' },
  PROGRAMME_APPLICATION_NOT_FOUND: { status: 404, zh: '揭榜申请不存在', en: 'Application not found' },
  PROGRAMME_APPLICATION_STATE_INVALID: { status: 409, zh: '申请当前状态（{status}）不能执行此操作', en: 'Not possible while the application is {status}' },
  REVIEWER_ALREADY_ASSIGNED: { status: 409, zh: '该专家已被指派评审此榜单', en: 'This reviewer is already assigned to the challenge' },
  REVIEWER_NOT_ASSIGNED: { status: 403, zh: '您未被指派评审此申请', en: 'You are not assigned to review this application' },
  REVIEWER_EXCLUDED: { status: 403, zh: '您须回避此申请：{reasons}', en: 'You are excluded from this application: {reasonsEn}' },
  AWARD_AMOUNT_INVALID: { status: 400, zh: '立项经费须大于 0、不超过 {max} 万元，且不少于里程碑拨付合计 {plan} 万元', en: 'The award must be above 0, at most {max} and at least the milestones’ {plan} (10k CNY)' },
  PROJECT_NOT_FOUND: { status: 404, zh: '揭榜项目不存在', en: 'Project not found' },
  MILESTONE_NOT_FOUND: { status: 404, zh: '里程碑不存在', en: 'Milestone not found' },
  MILESTONE_STATE_INVALID: { status: 409, zh: '里程碑当前状态（{status}）不能执行此操作', en: 'Not possible while the milestone is {status}' },
  MILESTONE_NOT_YOURS: { status: 403, zh: '此操作应由项目的另一方执行', en: 'This is for the other side of the project' },
  MILESTONE_REASON_REQUIRED: { status: 400, zh: '退回须说明理由', en: 'Give a reason for returning' },
  MILESTONE_REPORT_REQUIRED: { status: 400, zh: '请填写里程碑报告', en: 'Write the milestone report' },
  MILESTONE_INDICATORS_NOT_MET: { status: 409, zh: '验收指标未达到：{reasons}', en: 'Acceptance indicators not met: {reasonsEn}' },
  DISBURSEMENT_OVER_BUDGET: { status: 409, zh: '累计拨付将超过立项经费', en: 'Disbursements would exceed the awarded budget' },
  PROJECT_DEAL_UNRELATED: { status: 400, zh: '对接项目不存在或与揭榜团队无关', en: 'The deal does not exist or does not involve the team' },
  PROJECT_CONTRACT_UNRELATED: { status: 400, zh: '技术合同不存在或不属于该对接项目', en: 'The contract does not exist or belongs to another deal' },
  PROJECT_CONTRACT_NOT_REGISTERED: { status: 409, zh: '技术合同尚未登记（{status}）', en: 'The contract is not registered yet ({status})' },
});

export { ProgrammesService, type ProgrammesCreditPort, type ProgrammeInput, type ChallengeInput, type ApplicationInput } from './programmes.service.js';
export { programmesRoutes } from './programmes.routes.js';
export * from './core/index.js';
export type { ProgrammesTables } from './programmes.table.js';
