/**
 * The booking ledger shared by pilot lines and shared instruments. A reservation checks the unit's holding bookings
 * and inserts the new one in one transaction, guarded by an optimistic version on the unit row (as auction bids):
 * two concurrent requests for the same unit both read version v, only one can move it to v+1, the other re-reads and
 * re-checks. So no two holding bookings of a unit ever share a day, on SQLite and on PostgreSQL alike.
 */
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError } from '../../kernel/errors.js';
import { inTransaction, nowIso, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import { bookingTransition, findConflict, HOLDING_STATUSES, type BookingAction, type Period } from './core/index.js';
import type { CapacityBookingRow, PilotTables } from './pilot.table.js';

export type PilotDB = DB & PilotTables;
export type ResourceKind = 'pilot_unit' | 'instrument';

const MAX_RETRIES = 25;

export interface ReserveInput {
  kind: ResourceKind;
  resourceId: string;
  ownerOrgId: string;
  requesterOrgId: string;
  requesterUserId: string;
  dealId?: string | null;
  achievementId?: string | null;
  subject: string;
  quantities: { item: string; amount: string; unit: string }[];
  period: Period;
}

export class CapacityLedger {
  constructor(private readonly ctx: KernelContext<PilotDB>) {}

  private table(kind: ResourceKind): 'pilot_units' | 'instruments' {
    return kind === 'pilot_unit' ? 'pilot_units' : 'instruments';
  }

  async holding(kind: ResourceKind, resourceIds: string[], range: Period): Promise<CapacityBookingRow[]> {
    if (!resourceIds.length) return [];
    return this.ctx.db.selectFrom('capacity_bookings').selectAll().where('resource_kind', '=', kind).where('resource_id', 'in', resourceIds)
      .where('status', 'in', [...HOLDING_STATUSES]).where('start_date', '<=', range.end).where('end_date', '>=', range.start).orderBy('start_date').execute();
  }

  /** Reserves the period or throws BOOKING_CONFLICT naming the days already held. */
  async reserve(actor: Actor, input: ReserveInput): Promise<CapacityBookingRow> {
    const table = this.table(input.kind);
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const result = await inTransaction(this.ctx.db, async (trx) => {
        const unit = await trx.selectFrom(table).select(['id', 'version', 'status']).where('id', '=', input.resourceId).executeTakeFirst();
        if (!unit) throw new AppError(input.kind === 'pilot_unit' ? 'PILOT_UNIT_NOT_FOUND' : 'INSTRUMENT_NOT_FOUND');
        if (unit.status !== 'active') throw new AppError('CAPACITY_UNAVAILABLE');
        const held = await trx.selectFrom('capacity_bookings').select(['id', 'start_date', 'end_date', 'status']).where('resource_kind', '=', input.kind).where('resource_id', '=', input.resourceId)
          .where('status', 'in', [...HOLDING_STATUSES]).where('start_date', '<=', input.period.end).where('end_date', '>=', input.period.start).execute();
        const conflict = findConflict(held.map((h) => ({ id: h.id, start: h.start_date, end: h.end_date, status: h.status })), input.period);
        if (conflict) throw new AppError('BOOKING_CONFLICT', { start: conflict.start, end: conflict.end });
        const bumped = await trx.updateTable(table).set({ version: unit.version + 1 }).where('id', '=', input.resourceId).where('version', '=', unit.version).executeTakeFirst();
        if (Number(bumped.numUpdatedRows) === 0) return null; // another reservation committed first: re-check on the new state
        const now = nowIso(this.ctx.clock);
        const row: CapacityBookingRow = {
          id: uuidv7(), resource_kind: input.kind, resource_id: input.resourceId, owner_org_id: input.ownerOrgId, requester_org_id: input.requesterOrgId, requester_user_id: input.requesterUserId,
          deal_id: input.dealId ?? null, achievement_id: input.achievementId ?? null, subject: input.subject, quantities: JSON.stringify(input.quantities),
          start_date: input.period.start, end_date: input.period.end, status: 'requested', decision_reason: null, decided_by: null, decided_at: null, created_at: now, updated_at: now,
        };
        await trx.insertInto('capacity_bookings').values(row).execute();
        await recordAudit(trx, actor, { action: 'booking.request', subjectType: input.kind, subjectId: input.resourceId, after: row, requestId: actor.requestId }, this.ctx.clock.now());
        return row;
      }).catch((e) => {
        if (e instanceof AppError) throw e;
        // PostgreSQL may report a serialization failure or deadlock between racing reservations: a lost race
        if (/could not serialize|deadlock|40001|40P01/i.test(String((e as Error).message))) return null;
        throw e;
      });
      if (result) return result;
    }
    throw new AppError('CONFLICT');
  }

  async get(id: string): Promise<CapacityBookingRow> {
    const row = await this.ctx.db.selectFrom('capacity_bookings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('BOOKING_NOT_FOUND');
    return row;
  }

  /** Who the actor is to this booking (admins act for the owner), or a 404 for strangers. */
  side(actor: Actor, b: CapacityBookingRow): 'owner' | 'requester' {
    if (actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin')) return 'owner';
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (actor.orgId === b.owner_org_id) return 'owner';
    if (actor.orgId === b.requester_org_id) return 'requester';
    throw new AppError('BOOKING_NOT_FOUND');
  }

  /** accept / decline (with reason) / complete by the owner, cancel by the requester; guarded on the current status. */
  async transition(actor: Actor, id: string, action: BookingAction, reason?: string | null, extra?: (trx: Transaction<PilotDB>, row: CapacityBookingRow) => Promise<void>): Promise<CapacityBookingRow> {
    const b = await this.get(id);
    let side = this.side(actor, b);
    // the requester's own organisation may also be the owner (booking one's own line): cancel is still the requester's
    if (action === 'cancel' && actor.kind === 'user' && actor.orgId === b.requester_org_id) side = 'requester';
    const t = bookingTransition(b.status, action, side, reason);
    if (!t.ok) throw new AppError(t.code, { status: b.status });
    const now = nowIso(this.ctx.clock);
    const patch = { status: t.to, updated_at: now, ...(action === 'accept' || action === 'decline' ? { decision_reason: reason?.trim() || null, decided_by: actor.kind === 'user' ? actor.userId : null, decided_at: now } : {}) };
    const after = { ...b, ...patch };
    await inTransaction(this.ctx.db, async (trx) => {
      const r = await trx.updateTable('capacity_bookings').set(patch).where('id', '=', id).where('status', '=', b.status).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('CONFLICT');
      if (extra) await extra(trx, after);
      await recordAudit(trx, actor, { action: `booking.${action}`, subjectType: 'capacity_booking', subjectId: id, before: { status: b.status }, after: { status: t.to, reason: reason ?? null }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return after;
  }

  async list(filter: { kind: ResourceKind; ownerOrgId?: string; requesterOrgId?: string; resourceIds?: string[] }): Promise<CapacityBookingRow[]> {
    let q = this.ctx.db.selectFrom('capacity_bookings').selectAll().where('resource_kind', '=', filter.kind);
    if (filter.ownerOrgId) q = q.where('owner_org_id', '=', filter.ownerOrgId);
    if (filter.requesterOrgId) q = q.where('requester_org_id', '=', filter.requesterOrgId);
    if (filter.resourceIds) q = filter.resourceIds.length ? q.where('resource_id', 'in', filter.resourceIds) : q.where('id', '=', '');
    return q.orderBy('start_date').limit(500).execute();
  }
}
