/** Loads the shipped valuation and patent-assessment defaults (data/reference), once, on first use. */
import { readFileSync } from 'node:fs';
import {
  parsePatentAssessmentParams,
  parseValuationParams,
  type PatentAssessmentParams,
  type ValuationParams,
} from './core/index.js';

const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../data/reference/${name}`, import.meta.url), 'utf8'));

let valuation: ValuationParams | undefined;
let patent: PatentAssessmentParams | undefined;

export function valuationParams(): ValuationParams {
  return (valuation ??= parseValuationParams(readJson('valuation.json')));
}

export function patentAssessmentParams(): PatentAssessmentParams {
  return (patent ??= parsePatentAssessmentParams(readJson('patent-assessment.json')));
}
