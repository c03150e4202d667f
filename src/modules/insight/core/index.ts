/** Pure demand-insight rules: topic clustering, gap detection, counting by chain, city and month. No I/O. */
export * from './topics.js';
export * from './gaps.js';
export * from './aggregate.js';
