import type { Migration } from 'kysely';
import * as m0001 from './20261127_0001_foundation.js';
import * as m0002 from './20261127_0002_matching.js';
import * as m0003 from './20261127_0003_deals.js';
import * as m0004 from './20261127_0004_jobs.js';
import * as m0005 from './20261127_0005_auctions.js';
import * as m0006 from './20261127_0006_contracts.js';
import * as m0007 from './20261127_0007_income.js';
import * as m0008 from './20261127_0008_credit.js';
import * as m0009 from './20261127_0009_government.js';
import * as m0010 from './20261127_0010_services.js';
import * as m0011 from './20261127_0011_credit_reminders.js';
import * as m0012 from './20261127_0012_programmes.js';
import * as m0013 from './20261127_0013_policies.js';
import * as m0014 from './20261127_0014_outbox.js';
import * as m0015 from './20261127_0015_audit_chain.js';
import * as m0016 from './20261127_0016_cultivation.js';
import * as m0017 from './20261127_0017_chain_decline_reason.js';

/** Every migration, by timestamped name. Typed Kysely<any> so old migrations keep compiling as tables change. */
export const migrations: Record<string, Migration> = {
  '20261127_0001_foundation': m0001,
  '20261127_0002_matching': m0002,
  '20261127_0003_deals': m0003,
  '20261127_0004_jobs': m0004,
  '20261127_0005_auctions': m0005,
  '20261127_0006_contracts': m0006,
  '20261127_0007_income': m0007,
  '20261127_0008_credit': m0008,
  '20261127_0009_government': m0009,
  '20261127_0010_services': m0010,
  '20261127_0011_credit_reminders': m0011,
  '20261127_0012_programmes': m0012,
  '20261127_0013_policies': m0013,
  '20261127_0014_outbox': m0014,
  '20261127_0015_audit_chain': m0015,
  '20261127_0016_cultivation': m0016,
  '20261127_0017_chain_decline_reason': m0017,
};
