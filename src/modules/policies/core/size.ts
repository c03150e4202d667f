/**
 * Enterprise size (企业划型) from employees and annual revenue, after the MIIT standard for industrial enterprises
 * (工信部联企业〔2011〕300号): a size applies when BOTH figures reach its thresholds; below the smallest is micro.
 * The thresholds are parameters (policies.params.ts). Pure.
 */
import type { OrgSize } from './rules.js';

export interface SizeThresholds {
  large: { employees: number; revenueFen: number };
  medium: { employees: number; revenueFen: number };
  small: { employees: number; revenueFen: number };
}

export function sizeOf(employees: number | null, revenueFen: number | null, t: SizeThresholds): OrgSize | null {
  if (employees === null || revenueFen === null || employees < 0 || revenueFen < 0) return null;
  const reaches = (k: keyof SizeThresholds) => employees >= t[k].employees && revenueFen >= t[k].revenueFen;
  if (reaches('large')) return 'large';
  if (reaches('medium')) return 'medium';
  if (reaches('small')) return 'small';
  return 'micro';
}
