/** The shipped valuation and patent-assessment defaults (data/reference), read once on first use. */
import { referenceJson } from '../../kernel/reference-json.js';
import { parsePatentAssessmentParams, parseValuationParams, type PatentAssessmentParams, type ValuationParams } from './core/index.js';

export const valuationParams = (): ValuationParams => referenceJson('valuation.json', parseValuationParams);
export const patentAssessmentParams = (): PatentAssessmentParams => referenceJson('patent-assessment.json', parsePatentAssessmentParams);
