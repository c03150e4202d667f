/** Loads the shipped defaults for bookings and TRL-gap routing (data/reference/services.json), once, on first use. */
import { readFileSync } from 'node:fs';
import type { BookingRules, PilotRoutingParams } from './core/index.js';

interface PilotParams {
  booking: BookingRules;
  pilotRouting: PilotRoutingParams;
}

let params: PilotParams | undefined;

export function pilotParams(): PilotParams {
  if (params) return params;
  const json = JSON.parse(readFileSync(new URL('../../../data/reference/services.json', import.meta.url), 'utf8')) as PilotParams;
  const problems: string[] = [];
  if (!(json.booking?.maxDays > 0) || !(json.booking?.maxLeadDays > 0)) problems.push('booking.maxDays and booking.maxLeadDays must be positive');
  const r = json.pilotRouting;
  if (!r || !(r.trlGap?.min >= 1 && r.trlGap.max <= 9 && r.trlGap.min <= r.trlGap.max)) problems.push('pilotRouting.trlGap must be within 1–9');
  if (!r?.weights || Object.values(r.weights).some((w) => typeof w !== 'number' || w < 0)) problems.push('pilotRouting.weights must be non-negative numbers');
  if (problems.length) throw new Error(`data/reference/services.json: ${problems.join('; ')}`);
  return (params = { booking: json.booking, pilotRouting: r });
}
