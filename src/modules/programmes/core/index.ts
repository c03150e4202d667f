/** Pure rules for challenge programmes (揭榜挂帅): eligibility, reviewer conflicts, score aggregation, milestones. */
export * from './eligibility.js';
export * from './conflicts.js';
export * from './aggregate.js';
export * from './milestones.js';
