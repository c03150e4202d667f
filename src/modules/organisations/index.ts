import { registerErrors } from '../../kernel/errors.js';
import './organisations.policy.js';

registerErrors({
  ORGANISATION_NOT_FOUND: { status: 404, zh: '单位不存在', en: 'Organisation not found' },
  ORGANISATION_EXISTS: { status: 409, zh: '统一社会信用代码 {uscc} 已被注册，请联系该单位管理员添加您为成员', en: 'Unified social credit code {uscc} is already registered; ask that organisation’s administrator to add you' },
  ORGANISATION_USCC_LOCKED: { status: 403, zh: '已认证单位的统一社会信用代码只能由平台管理员修改', en: 'Only platform administrators can change the credit code of a verified organisation' },
});

export { OrganisationsService, ORGANISATION_TYPES, ORGANISATION_FLAGS, organisationFlags, type OrganisationInput, type OrganisationType } from './organisations.service.js';
export { presentOrganisation, type OrganisationView } from './organisations.presenter.js';
export { organisationsRoutes } from './organisations.routes.js';
export { OrganisationView as OrganisationViewSchema, OrganisationCreateBody } from './organisations.schemas.js';
export { validateUscc, usccCheckChar, normaliseUscc } from './uscc.js';
export type { OrganisationRow } from './organisations.table.js';
