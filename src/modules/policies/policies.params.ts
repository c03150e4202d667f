/** Tunable rules of policy push (惠企政策直达). */
import type { SizeThresholds } from './core/index.js';

const WAN = 1_000_000; // fen in 1 万元

export const policiesParams = {
  /** 工信部联企业〔2011〕300号, industrial enterprises: employees and annual revenue (营业收入) */
  size: {
    large: { employees: 1000, revenueFen: 40_000 * WAN },
    medium: { employees: 300, revenueFen: 2_000 * WAN },
    small: { employees: 20, revenueFen: 300 * WAN },
  } satisfies SizeThresholds,
  /** near misses: policies an organisation misses by at most this many conditions */
  nearMissMax: 1,
  /** organisations notified per transaction when a policy is published */
  notifyBatch: 200,
};
