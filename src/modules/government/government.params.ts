/** Loads the shipped government defaults (data/reference/*.json), once, on first use. */
import { readFileSync } from 'node:fs';
import { parseHolidayCalendar, type WorkingDayCalendar } from '../contracts/index.js';
import { parseAboveThresholdParams, parseCoordinationParams, parseGepParams, type AboveThresholdParams, type CoordinationParams, type GepParams } from './core/index.js';

const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../data/reference/${name}`, import.meta.url), 'utf8'));

let coordination: CoordinationParams | undefined;
let aboveThreshold: AboveThresholdParams | undefined;
let gep: GepParams | undefined;
let calendar: WorkingDayCalendar | undefined;

export const coordinationParams = (): CoordinationParams => (coordination ??= parseCoordinationParams(readJson('coordination.json')));
export const aboveThresholdParams = (): AboveThresholdParams => (aboveThreshold ??= parseAboveThresholdParams(readJson('above-threshold.json')));
export const gepParams = (): GepParams => (gep ??= parseGepParams(readJson('gep.json')));
export const workingCalendar = (): WorkingDayCalendar => (calendar ??= parseHolidayCalendar(readJson('holidays-cn.json')));

export interface PlanSeed {
  plan: { name: string; nameEn: string; periodStart: string; periodEnd: string };
  areas: { code: string; name: string; nameEn: string }[];
  tasks: { code: string; area: string; title: string; titleEn: string; ownerDepartment: string }[];
  indicators: {
    code: string; area: string; name: string; nameEn: string; unit: string; baseline: string; target: string; direction: 'up' | 'down'; trajectory: 'linear' | 'level';
    ownerDepartment: string; source: 'computed' | 'manual'; computation: string | null; definition: string; definitionEn: string;
  }[];
}

export const planSeed = (): PlanSeed => readJson('plan.json') as PlanSeed;

/**
 * Recognitions tracked in enterprise cultivation. [recalled] 专精特新中小企业 (provincial, 3 years), 专精特新“小巨人”
 * (national, 3 years), 高新技术企业 (3 years), 科技型中小企业 (evaluated every year); validity in years is the default
 * for `expiresOn` when only the recognition date is given.
 */
export const DESIGNATION_KINDS = {
  zjtx: { zh: '专精特新中小企业', en: 'Specialised, refined, distinctive and innovative SME', validityYears: 3 },
  little_giant: { zh: '专精特新“小巨人”企业', en: '“Little giant” enterprise', validityYears: 3 },
  high_tech: { zh: '高新技术企业', en: 'High-tech enterprise', validityYears: 3 },
  tech_sme: { zh: '科技型中小企业', en: 'Technology-based SME', validityYears: 1 },
} as const;
export type DesignationKind = keyof typeof DESIGNATION_KINDS;
export const DESIGNATION_STATUSES = ['cultivating', 'applying', 'recognised', 'expired'] as const;
export type DesignationStatus = (typeof DESIGNATION_STATUSES)[number];

/** Kinds of cultivation measures a department records for an enterprise. */
export const MEASURE_KINDS = {
  visit: { zh: '走访服务', en: 'Visit' },
  policy: { zh: '政策兑现', en: 'Policy support' },
  finance: { zh: '融资对接', en: 'Financing' },
  talent: { zh: '人才引育', en: 'Talent' },
  space: { zh: '用地与空间', en: 'Land and space' },
  market: { zh: '市场开拓', en: 'Market access' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type MeasureKind = keyof typeof MEASURE_KINDS;
