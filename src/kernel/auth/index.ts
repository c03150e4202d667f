export * from './actor.js';
export * from './authorize.js';
