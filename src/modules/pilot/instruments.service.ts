/**
 * Shared instruments (科技资源共享): a catalogue of instruments open to outside users, bookings through the same
 * no-double-booking ledger as pilot lines, and usage records with the fee charged.
 */
import { uuidv7 } from 'uuidv7';
import { regionPrefix } from '../reference/index.js';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import { capacityCalendar, type BookingAction, type Period } from './core/index.js';
import { CapacityLedger, type PilotDB } from './capacity.ledger.js';
import { assertPeriod, isAdminActor } from './pilot.service.js';
import type { CapacityBookingRow, InstrumentRow, InstrumentUsageRow } from './pilot.table.js';

export const FEE_UNITS = ['hour', 'day', 'sample'] as const;

export interface InstrumentInput {
  organisationId?: string;
  name: string;
  model?: string;
  category?: string;
  capabilities: string[];
  feeFen: number;
  feeUnit: (typeof FEE_UNITS)[number];
  regionCode?: string | null;
  address?: string;
}

export class InstrumentsService {
  readonly ledger: CapacityLedger;

  constructor(private readonly ctx: KernelContext<PilotDB>) {
    this.ledger = new CapacityLedger(ctx);
  }

  async create(actor: Actor, input: InstrumentInput): Promise<InstrumentRow> {
    if (actor.kind !== 'user' && actor.kind !== 'system') throw new AppError('UNAUTHENTICATED');
    const orgId = isAdminActor(actor) && input.organisationId ? input.organisationId : actor.kind === 'user' ? actor.orgId : null;
    if (!orgId) throw new AppError('FORBIDDEN');
    if (!Number.isSafeInteger(input.feeFen) || input.feeFen < 0) throw invalidField('feeYuan', '收费标准不合法', 'invalid fee');
    const now = nowIso(this.ctx.clock);
    const row: InstrumentRow = {
      id: uuidv7(), organisation_id: orgId, name: input.name.trim(), model: input.model ?? '', category: input.category ?? '', capabilities: JSON.stringify(input.capabilities),
      fee_fen: input.feeFen, fee_unit: input.feeUnit, region_code: input.regionCode ?? null, address: input.address ?? '', status: 'active', version: 1, created_at: now, updated_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('instruments').values(row).execute();
      await recordAudit(trx, actor, { action: 'instrument.create', subjectType: 'instrument', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async get(id: string): Promise<InstrumentRow> {
    const row = await this.ctx.db.selectFrom('instruments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('INSTRUMENT_NOT_FOUND');
    return row;
  }

  async list(filter: { q?: string; region?: string } = {}): Promise<InstrumentRow[]> {
    let rows = await this.ctx.db.selectFrom('instruments').selectAll().where('status', '=', 'active').orderBy('name').limit(500).execute();
    if (filter.region) rows = rows.filter((r) => (r.region_code ?? '').startsWith(regionPrefix(filter.region!)));
    if (filter.q) rows = rows.filter((r) => `${r.name} ${r.model} ${r.category} ${parseJsonArray(r.capabilities).join(' ')}`.includes(filter.q!.trim()));
    return rows;
  }

  async calendar(id: string, range: Period) {
    await this.get(id);
    const held = await this.ledger.holding('instrument', [id], range);
    return capacityCalendar([id], held.map((b) => ({ id: b.id, unitId: id, start: b.start_date, end: b.end_date, status: b.status })), range)[0].days.map((d) => ({ date: d.date, state: d.state }));
  }

  async book(actor: Actor, id: string, input: { subject: string; start: string; end: string; samples?: string }): Promise<CapacityBookingRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('FORBIDDEN');
    const inst = await this.get(id);
    const period = { start: input.start, end: input.end };
    assertPeriod(period, shanghaiDate(this.ctx.clock.now()));
    return this.ledger.reserve(actor, {
      kind: 'instrument', resourceId: id, ownerOrgId: inst.organisation_id, requesterOrgId: actor.orgId, requesterUserId: actor.userId, subject: input.subject.trim(),
      quantities: input.samples ? [{ item: 'samples', amount: input.samples, unit: inst.fee_unit }] : [], period,
    });
  }

  async decide(actor: Actor, bookingId: string, action: BookingAction, reason?: string | null): Promise<CapacityBookingRow> {
    const b = await this.ledger.get(bookingId);
    if (b.resource_kind !== 'instrument') throw new AppError('BOOKING_NOT_FOUND');
    return this.ledger.transition(actor, bookingId, action, reason);
  }

  async bookings(actor: Actor, scope: 'requested' | 'received'): Promise<CapacityBookingRow[]> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    return this.ledger.list(scope === 'requested' ? { kind: 'instrument', requesterOrgId: actor.orgId } : { kind: 'instrument', ownerOrgId: actor.orgId });
  }

  /** The owner records a use within an accepted booking; the fee is quantity × the instrument's unit fee. */
  async recordUsage(actor: Actor, bookingId: string, input: { date: string; quantity: number; note?: string }): Promise<InstrumentUsageRow> {
    const b = await this.ledger.get(bookingId);
    if (b.resource_kind !== 'instrument') throw new AppError('BOOKING_NOT_FOUND');
    if (this.ledger.side(actor, b) !== 'owner') throw new AppError('FORBIDDEN');
    if (b.status !== 'accepted' && b.status !== 'completed') throw new AppError('BOOKING_STATE_INVALID', { status: b.status });
    if (input.date < b.start_date || input.date > b.end_date) throw invalidField('date', '使用日期不在预约时段内', 'the date is outside the booking');
    if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0) throw invalidField('quantity', '数量须为正整数', 'must be a positive integer');
    const inst = await this.get(b.resource_id);
    const row: InstrumentUsageRow = { id: uuidv7(), booking_id: bookingId, instrument_id: inst.id, date: input.date, quantity: input.quantity, fee_fen: inst.fee_fen * input.quantity, note: input.note ?? '', created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('instrument_usages').values(row).execute();
      await recordAudit(trx, actor, { action: 'instrument.usage', subjectType: 'instrument', subjectId: inst.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async usages(actor: Actor, bookingId: string): Promise<InstrumentUsageRow[]> {
    const b = await this.ledger.get(bookingId);
    if (b.resource_kind !== 'instrument') throw new AppError('BOOKING_NOT_FOUND');
    this.ledger.side(actor, b);
    return this.ctx.db.selectFrom('instrument_usages').selectAll().where('booking_id', '=', bookingId).orderBy('date').execute();
  }

  /** The owner's usage history of one instrument across its bookings, newest first, with who used it and what for. */
  async usageHistory(actor: Actor, instrumentId: string): Promise<(InstrumentUsageRow & { requester_org_id: string; subject: string })[]> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const inst = await this.get(instrumentId);
    if (!isAdminActor(actor) && !(actor.kind === 'user' && actor.orgId === inst.organisation_id)) throw new AppError('FORBIDDEN');
    return this.ctx.db.selectFrom('instrument_usages as u').innerJoin('capacity_bookings as b', 'b.id', 'u.booking_id')
      .selectAll('u').select(['b.requester_org_id', 'b.subject'])
      .where('u.instrument_id', '=', instrumentId).orderBy('u.date', 'desc').orderBy('u.created_at', 'desc').limit(1000).execute();
  }

  async stats() {
    const u = await this.ctx.db.selectFrom('instrument_usages').select(['fee_fen']).execute();
    const n = await this.ctx.db.selectFrom('instruments').select('id').where('status', '=', 'active').execute();
    return { instruments: n.length, usages: u.length, usageFeeFen: u.reduce((s, r) => s + Number(r.fee_fen), 0) };
  }
}
