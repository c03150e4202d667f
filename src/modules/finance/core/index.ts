/** Pure rules for technology finance: product matching (hard filter, soft rank, reasons) and the application workflow. */
export * from './finance-matching.js';
export * from './application.js';
