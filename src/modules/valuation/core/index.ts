/** Pure valuation rules: value ranges by the income, cost and market approaches, and the pre-filing patent assessment; no I/O. */
export * from './decimal.js';
export * from './valuation.js';
export * from './patent-assessment.js';
