/** Tunable rules of first-of-kind promotion (首台套/首批次/首版次). */
import type { CompensationParams, DocumentLimits, PotentialUserParams } from './core/index.js';

const WAN = 1_000_000; // fen in 1 万元

export const firstkindParams = {
  /** 保险补偿: up to 80 % of the premium paid, at most 500 万元 per application */
  compensation: { rateBp: 8_000, capFen: 500 * WAN, minPremiumFen: 1 * WAN } satisfies CompensationParams,
  documents: {
    required: ['certificate', 'insurance_contract', 'premium_invoice', 'sales_contract'],
    maxBytes: 20 * 1024 * 1024,
    mimes: ['application/pdf', 'image/jpeg', 'image/png'],
    maxDocuments: 12,
  } satisfies DocumentLimits,
  potentialUsers: { weights: { demand: 0.6, profile: 0.25, industry: 0.15 }, minScore: 0.05, limit: 20 } satisfies PotentialUserParams,
};

/** The parameters as the application form shows them. */
export function firstkindParamsView() {
  const c = firstkindParams.compensation;
  const d = firstkindParams.documents;
  return { rateBp: c.rateBp, capWan: `${c.capFen / WAN}`, minPremiumWan: `${c.minPremiumFen / WAN}`, requiredDocuments: [...d.required], maxMegabytes: Math.floor(d.maxBytes / 1048576), mimes: [...d.mimes] };
}
