/** Counts of the services around a deal for the government dashboard: bookings, finance disbursed, chain coverage. */
import type { PilotService, InstrumentsService } from '../modules/pilot/index.js';
import type { FinanceService } from '../modules/finance/index.js';
import type { ChainsService } from '../modules/chains/index.js';
import type { IncubationService } from '../modules/bases/index.js';
import { fenToWan } from '../kernel/money.js';
import { bpToPercent } from '../kernel/percent.js';

export async function servicesStats(s: { pilot: PilotService; instruments: InstrumentsService; finance: FinanceService; chains: ChainsService; incubation: IncubationService }) {
  const [pilot, instruments, finance, chains, incubation] = await Promise.all([s.pilot.stats(), s.instruments.stats(), s.finance.stats(), s.chains.stats(), s.incubation.stats()]);
  return {
    pilot,
    instruments: { instruments: instruments.instruments, usages: instruments.usages, usageFeeWan: fenToWan(instruments.usageFeeFen) },
    finance: { products: finance.financeProducts, requests: finance.financingRequests, applications: finance.applications, disbursedWan: fenToWan(finance.disbursedFen) },
    chains: { parts: chains.chainParts, localised: chains.chainPartsLocalised, covered: chains.chainPartsCovered, localCoveragePercent: bpToPercent(chains.localCoverageBp) },
    incubation,
  };
}
