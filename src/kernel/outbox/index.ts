export { appendOutbox, lockOutbox, outboxAfter, outboxMaxId, pruneOutbox, OutboxTail, PRUNED_EVENT, type OutboxEvent, type OutboxTailOptions } from './outbox.js';
export type { OutboxTables, OutboxEventTable } from './outbox.table.js';
