export * from './http-app.js';
export * from './schemas.js';
export { sendError, isDatabaseUnavailable } from './errors-handler.js';
export { Metrics, metricsAllowed, type MetricsProviders, type OutboxLag } from './metrics.js';
export { type RouteAccess, rolesOf } from './access.js';
