/**
 * Pure credit-supervision rules (信用监管, docs/domain.md §7): credit records and their publication, the abnormal
 * and serious lists, monthly risk classes, "双随机、一公开" draws, simplified deregistration and credit commitments.
 * No I/O and no clock: every date comes in as an argument (Asia/Shanghai calendar dates 'YYYY-MM-DD'), and every
 * rule that is not [confirmed] comes from data/reference/credit.json through parseCreditParams.
 */
export * from './errors.js';
export * from './dates.js';
export * from './params.js';
export * from './records.js';
export * from './abnormal-list.js';
export * from './serious-list.js';
export * from './risk-class.js';
export * from './prng.js';
export * from './inspection-draw.js';
export * from './deregistration.js';
export * from './commitments.js';
