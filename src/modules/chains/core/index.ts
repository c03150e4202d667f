/** Pure rules for supply-chain localisation: units, spec coverage, supplier ranking, chain coverage. */
export * from './units.js';
export * from './spec-coverage.js';
