/**
 * The database as Kysely sees it: every module's tables, composed here (the composition root).
 * Each module declares its own tables in `<module>.table.ts`; only repositories use these types.
 */
import type { AuditTable, AuditChainHeadTable } from './kernel/audit/index.js';
import type { OrganisationsTables } from './modules/organisations/organisations.table.js';
import type { AccountsTables } from './modules/accounts/accounts.table.js';
import type { ListingsTables } from './modules/listings/listings.table.js';
import type { NdasTables } from './modules/ndas/ndas.table.js';
import type { NotificationsTables } from './modules/notifications/notifications.table.js';
import type { MatchingTables } from './modules/matching/matching.table.js';
import type { DealsTables } from './modules/deals/deals.table.js';
import type { BrokersTables } from './modules/brokers/brokers.table.js';
import type { ContractsTables } from './modules/contracts/contracts.table.js';
import type { IncomeTables } from './modules/income/income.table.js';
import type { CreditTables } from './modules/credit/credit.table.js';
import type { GovernmentTables } from './modules/government/government.table.js';
import type { PilotTables } from './modules/pilot/pilot.table.js';
import type { FinanceTables } from './modules/finance/finance.table.js';
import type { ChainsTables } from './modules/chains/chains.table.js';
import type { BasesTables } from './modules/bases/bases.table.js';
import type { OutboxTables } from './kernel/outbox/outbox.table.js';
import type { ProgrammesTables } from './modules/programmes/programmes.table.js';
import type { PoliciesTables } from './modules/policies/policies.table.js';
import type { FirstkindTables } from './modules/firstkind/firstkind.table.js';

export interface DB extends OrganisationsTables, AccountsTables, ListingsTables, NdasTables, NotificationsTables, MatchingTables, DealsTables, BrokersTables, ContractsTables, IncomeTables, CreditTables, GovernmentTables, PilotTables, FinanceTables, ChainsTables, BasesTables, OutboxTables, ProgrammesTables, PoliciesTables, FirstkindTables {
  audit_log: AuditTable;
  audit_chain_head: AuditChainHeadTable;
}
