import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  MATCH_QUERY_EMPTY: { status: 400, zh: '查询文本为空或没有可检索的词', en: 'The query is empty or has no searchable words' },
  MATCH_SOURCE_REQUIRED: { status: 400, zh: '请指定 demand 或 achievement 之一', en: 'Give exactly one of demand or achievement' },
  SUBSCRIPTION_NOT_FOUND: { status: 404, zh: '订阅不存在', en: 'Subscription not found' },
});

export { MatchingService, toMatchDocument, MAX_QUERY_CHARS, type MatchFilters, type MatchOutcome } from './matching.service.js';
export { matchingRoutes } from './matching.routes.js';
export { loadMatchingResources } from './matching.resources.js';
export type { MatchingTables, MatchSubscriptionRow } from './matching.table.js';
