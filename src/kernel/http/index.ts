export * from './http-app.js';
export * from './schemas.js';
export { sendError, isDatabaseUnavailable } from './errors-handler.js';
