/** Pure rules for technology contracts (技术合同) and the working-day calendar; no I/O. */
export * from './errors.js';
export * from './working-days.js';
export * from './contract.js';
