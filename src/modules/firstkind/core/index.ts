/** Pure rules of first-of-kind promotion: catalogue indicators, potential users, documents, compensation, workflow. */
export * from './catalogue.js';
export * from './compensation.js';
export * from './documents.js';
export * from './workflow.js';
export * from './potential-users.js';
