import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  VALUATION_INPUT_INVALID: { status: 400, zh: '评估参数不合法：{problems}', en: 'Invalid valuation input: {problems}' },
});

export { valuationRoutes } from './valuation.routes.js';
export * from './core/index.js';
export { valuationParams, patentAssessmentParams } from './valuation.params.js';
