/** Pure rules of policy push: eligibility with reasons, enterprise size, the notification plan. */
export * from './rules.js';
export * from './size.js';
export * from './notify-plan.js';
