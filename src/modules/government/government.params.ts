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
