/** Pure deal rules: stages, transformation modes, auctions and tenders, broker track records, funnels; no I/O. */
export * from './stages.js';
export * from './deal-times.js';
export * from './modes.js';
export * from './auction.js';
export * from './track-record.js';
export * from './funnel.js';
