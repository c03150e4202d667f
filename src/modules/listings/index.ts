import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  DEMAND_NOT_FOUND: { status: 404, zh: '技术需求不存在', en: 'Demand not found' },
  ACHIEVEMENT_NOT_FOUND: { status: 404, zh: '科技成果不存在', en: 'Achievement not found' },
  LISTING_STATUS_INVALID: { status: 409, zh: '当前状态（{status}）不能执行“{action}”', en: 'Action "{action}" is not possible in status {status}' },
  LISTING_ACTION_FORBIDDEN: { status: 403, zh: '您无权执行“{action}”', en: 'You may not perform "{action}"' },
  LISTING_REASON_REQUIRED: { status: 400, zh: '请填写原因（reason）', en: 'A reason is required (field reason)' },
  LISTING_NOT_EDITABLE: { status: 409, zh: '当前状态（{status}）不可修改', en: 'Cannot edit in status {status}' },
  LISTING_QUALITY_BLOCKED: { status: 400, zh: '发布质量检查未通过：{itemsZh}', en: 'The listing-quality checklist blocks submission: {itemsEn}' },
  IMPORT_FORMAT_UNKNOWN: { status: 400, zh: '无法根据扩展名识别文件格式：{file}（支持 .jsonl .csv .xlsx）', en: 'Cannot tell the format of {file} (use .jsonl, .csv or .xlsx)' },
  LISTING_ROLE_NOT_ALLOWED: { status: 403, zh: '角色 {role} 不能发布此类条目', en: 'Role {role} cannot publish this kind of listing' },
});

export * from './lifecycle.js';
export { qualityChecklist, blocksSubmission, type QualityItem } from './quality.js';
export { canReadDetail, canSeeListing, type ListingAccessFacts } from './access.js';
export { ListingsService, LISTING_MODES, IP_TYPES, type ListingInput, type ListingChange, type DetailGrants, type CreditGate, type ListingView, type ListQuery, type TextSearch, MAX_TEXT_CANDIDATES } from './listings.service.js';
export type { ListingKind, ListingRow, ListingFilter } from './listings.repository.js';
export { presentListing } from './listings.presenter.js';
export { listingsRoutes, bodyToInput, listingQueryToFilter } from './listings.routes.js';
export * from './listings.io.js';
export type { DemandRow, AchievementRow, IpItemRow } from './listings.table.js';
