export { recordAudit, canonicalJson, changedFields, type AuditTable, type AuditEntryInput } from './audit.js';
