/** Demand insight (需求洞察) — public door. */
export { InsightService, INSIGHT_RULES, insightCities, type InsightDeps, type InsightFilters, type InsightReport, type InsightTopic } from './insight.service.js';
export { insightRoutes } from './insight.routes.js';
export { INSIGHT_PARAMS, type InsightParams } from './insight.params.js';
export * from './core/index.js';
