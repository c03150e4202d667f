/** Pure rules for pilot capacity and shared instruments: booking periods and states, the calendar, TRL-gap routing. */
export * from './booking.js';
export * from './pilot-routing.js';
export * from './text-overlap.js';
