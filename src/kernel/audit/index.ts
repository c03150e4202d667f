export { recordAudit, canonicalJson, changedFields, type AuditTable, type AuditChainHeadTable, type AuditEntryInput } from './audit.js';
export { verifyAuditChain, chainHash, backfillAuditChain, GENESIS_HASH, type AuditVerification } from './chain.js';
