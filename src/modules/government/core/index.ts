/** Pure rules of the government module: coordination routing/SLA/escalation, indicators, regional counting, 四上, GEP. */
export * from './decimal.js';
export * from './coordination.js';
export * from './indicators.js';
export * from './regional.js';
export * from './above-threshold.js';
export * from './gep.js';
