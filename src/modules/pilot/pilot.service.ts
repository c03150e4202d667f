/**
 * Pilot bases (中试基地): profiles, bookable lines and their calendar, booking requests from a deal or an
 * achievement, decisions, pilot project records (TRL before → after), and TRL-gap routing that recommends bases
 * to achievements at TRL 4–6 and to deals lost for lack of pilot capacity.
 */
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { ListingsService } from '../listings/index.js';
import type { DealsService } from '../deals/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { NotificationsService } from '../notifications/index.js';
import { taxonomyNode, regionPrefix } from '../reference/index.js';
import { addDays, capacityCalendar, inTrlGap, periodProblems, recommendPilotBases, type BookingAction, type Period, type PilotNeed, type Reason } from './core/index.js';
import { CapacityLedger, type PilotDB } from './capacity.ledger.js';
import { pilotParams } from './pilot.params.js';
import { termSet, type TextAnalyzer } from './text-analyzer.js';
import type { CapacityBookingRow, PilotBaseRow, PilotProjectRow, PilotUnitRow } from './pilot.table.js';

export interface SpecParam {
  key: string;
  value: string;
  unit?: string;
}

export interface PilotBaseInput {
  organisationId?: string; // admins only; otherwise the actor's organisation
  name: string;
  intro?: string;
  industries: string[];
  capabilities: string[];
  equipment?: { name: string; model?: string; params?: SpecParam[] }[];
  certifications?: string[];
  scale?: string;
  regionCode?: string | null;
  address?: string;
  trlMin?: number;
  trlMax?: number;
}

export interface BookingInput {
  unitId: string;
  dealId?: string | null;
  achievementId?: string | null;
  subject: string;
  quantities?: { item: string; amount: string; unit: string }[];
  start: string;
  end: string;
}

export const PILOT_OUTCOMES = ['succeeded', 'partial', 'failed'] as const;
export type PilotOutcome = (typeof PILOT_OUTCOMES)[number];

const PERIOD_REASONS: Record<string, [string, string]> = {
  DATE_INVALID: ['日期格式应为 YYYY-MM-DD', 'dates must be YYYY-MM-DD'],
  END_BEFORE_START: ['结束日期早于开始日期', 'the end is before the start'],
  IN_PAST: ['开始日期已过', 'the start is in the past'],
  TOO_LONG: ['预约时段过长', 'the period is too long'],
  TOO_FAR_AHEAD: ['开始日期超出可预约范围', 'the start is too far ahead'],
};

export function assertPeriod(p: Period, today: string): void {
  const problems = periodProblems(p, today, pilotParams().booking);
  if (problems.length) {
    const [zh, en] = PERIOD_REASONS[problems[0]];
    throw invalidField(problems[0] === 'END_BEFORE_START' || problems[0] === 'TOO_LONG' ? 'end' : 'start', zh, en);
  }
}

export function isAdminActor(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
}

export class PilotService {
  readonly ledger: CapacityLedger;

  constructor(
    private readonly ctx: KernelContext<PilotDB>,
    private readonly deps: { achievements: ListingsService<'achievement'>; deals: DealsService; organisations: OrganisationsService; analyzer: TextAnalyzer; notifications?: NotificationsService; members?: (orgId: string) => Promise<{ id: string }[]> },
  ) {
    this.ledger = new CapacityLedger(ctx);
  }

  private today(): string {
    return shanghaiDate(this.ctx.clock.now());
  }

  // ── profiles and lines ────────────────────────────────────────────────────────────────────────

  private async ownerOrg(actor: Actor, requested: string | undefined, types: string[]): Promise<string> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const orgId = isAdminActor(actor) && requested ? requested : actor.kind === 'user' ? actor.orgId : null;
    if (!orgId) throw new AppError('FORBIDDEN');
    const org = await this.deps.organisations.get(orgId);
    if (!isAdminActor(actor) && !types.includes(org.type)) throw new AppError('SERVICE_ORG_TYPE_REQUIRED', { types: types.join(', ') });
    return orgId;
  }

  async createBase(actor: Actor, input: PilotBaseInput): Promise<PilotBaseRow> {
    const orgId = await this.ownerOrg(actor, input.organisationId, ['pilot_base', 'demonstration_base', 'institute', 'university', 'enterprise']);
    for (const code of input.industries) if (!taxonomyNode(code)) throw invalidField('industries', `未知产业代码 ${code}`, `unknown industry code ${code}`);
    const trlMin = input.trlMin ?? 4;
    const trlMax = input.trlMax ?? 7;
    if (trlMin > trlMax) throw invalidField('trlMax', '承接 TRL 上限不能低于下限', 'trlMax must not be below trlMin');
    const now = nowIso(this.ctx.clock);
    const row: PilotBaseRow = {
      id: uuidv7(), organisation_id: orgId, name: input.name.trim(), intro: input.intro ?? '', industries: JSON.stringify(input.industries), capabilities: JSON.stringify(input.capabilities),
      equipment: JSON.stringify(input.equipment ?? []), certifications: JSON.stringify(input.certifications ?? []), scale: input.scale ?? '', region_code: input.regionCode ?? null,
      address: input.address ?? '', trl_min: trlMin, trl_max: trlMax, status: 'active', created_at: now, updated_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('pilot_bases').values(row).execute();
      await recordAudit(trx, actor, { action: 'pilot.base.create', subjectType: 'pilot_base', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async getBase(id: string): Promise<{ base: PilotBaseRow; units: PilotUnitRow[] }> {
    const base = await this.ctx.db.selectFrom('pilot_bases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!base) throw new AppError('PILOT_BASE_NOT_FOUND');
    const units = await this.ctx.db.selectFrom('pilot_units').selectAll().where('base_id', '=', id).orderBy('created_at').execute();
    return { base, units };
  }

  private assertOwns(actor: Actor, orgId: string): void {
    if (isAdminActor(actor)) return;
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (actor.orgId !== orgId) throw new AppError('FORBIDDEN');
  }

  async listBases(filter: { industry?: string; region?: string; q?: string } = {}): Promise<PilotBaseRow[]> {
    let rows = await this.ctx.db.selectFrom('pilot_bases').selectAll().where('status', '=', 'active').orderBy('name').limit(500).execute();
    if (filter.industry) rows = rows.filter((r) => parseJsonArray(r.industries).some((c) => c === filter.industry || c.startsWith(`${filter.industry}.`) || filter.industry!.startsWith(`${c}.`)));
    if (filter.region) rows = rows.filter((r) => (r.region_code ?? '').startsWith(regionPrefix(filter.region!)));
    if (filter.q) {
      const q = filter.q.trim();
      rows = rows.filter((r) => `${r.name} ${r.intro} ${r.capabilities} ${r.equipment}`.includes(q));
    }
    return rows;
  }

  async addUnit(actor: Actor, baseId: string, input: { name: string; kind?: string; description?: string; params?: SpecParam[] }): Promise<PilotUnitRow> {
    const { base } = await this.getBase(baseId);
    this.assertOwns(actor, base.organisation_id);
    const row: PilotUnitRow = { id: uuidv7(), base_id: baseId, name: input.name.trim(), kind: input.kind ?? 'line', description: input.description ?? '', params: JSON.stringify(input.params ?? []), status: 'active', version: 1, created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('pilot_units').values(row).execute();
      await recordAudit(trx, actor, { action: 'pilot.unit.create', subjectType: 'pilot_base', subjectId: baseId, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** Day-by-day state of every line; who booked is visible only to the base. */
  async calendar(actor: Actor, baseId: string, range: Period) {
    const { base, units } = await this.getBase(baseId);
    if (range.end < range.start || addDays(range.start, 366) < range.end) throw invalidField('to', '查询区间应在一年以内', 'the range must be within a year');
    const bookings = await this.ledger.holding('pilot_unit', units.map((u) => u.id), range);
    const own = isAdminActor(actor) || (actor.kind === 'user' && actor.orgId === base.organisation_id);
    const cal = capacityCalendar(units.map((u) => u.id), bookings.map((b) => ({ id: b.id, unitId: b.resource_id, start: b.start_date, end: b.end_date, status: b.status })), range);
    return cal.map((c) => ({ ...c, unitName: units.find((u) => u.id === c.unitId)!.name, days: c.days.map((d) => ({ ...d, bookingId: own ? d.bookingId : null })) }));
  }

  // ── bookings ─────────────────────────────────────────────────────────────────────────────────

  /** The requester must be a party to the deal, or own the achievement. Reads happen before the transaction. */
  async requestBooking(actor: Actor, input: BookingInput): Promise<CapacityBookingRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('FORBIDDEN');
    if (!input.dealId && !input.achievementId) throw invalidField('achievementId', '请关联对接项目或科技成果', 'link a deal or an achievement');
    let achievementId = input.achievementId ?? null;
    if (input.dealId) {
      const deal = await this.deps.deals.view(actor, input.dealId);
      achievementId ??= deal.row.achievement_id;
    } else if (achievementId) {
      const view = await this.deps.achievements.get(actor, achievementId);
      if (!view.owner) throw new AppError('FORBIDDEN');
    }
    const period = { start: input.start, end: input.end };
    assertPeriod(period, this.today());
    const unit = await this.ctx.db.selectFrom('pilot_units').selectAll().where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) throw new AppError('PILOT_UNIT_NOT_FOUND');
    const { base } = await this.getBase(unit.base_id);
    const row = await this.ledger.reserve(actor, {
      kind: 'pilot_unit', resourceId: unit.id, ownerOrgId: base.organisation_id, requesterOrgId: actor.orgId, requesterUserId: actor.userId,
      dealId: input.dealId ?? null, achievementId, subject: input.subject.trim(), quantities: input.quantities ?? [], period,
    });
    await this.notifyOrg(base.organisation_id, `中试预约申请：${unit.name}`, `${input.subject}（${input.start} 至 ${input.end}）`, `/pilot/bookings/${row.id}`);
    return row;
  }

  async decide(actor: Actor, bookingId: string, action: BookingAction, reason?: string | null): Promise<CapacityBookingRow> {
    const b = await this.ledger.get(bookingId);
    if (b.resource_kind !== 'pilot_unit') throw new AppError('BOOKING_NOT_FOUND');
    const row = await this.ledger.transition(actor, bookingId, action, reason);
    if (action === 'accept' || action === 'decline') {
      const title = action === 'accept' ? '中试预约已确认' : '中试预约未获接受';
      for (const u of await this.members(row.requester_org_id)) await this.deps.notifications?.notify({ userId: u.id, kind: 'pilot', title, body: reason ?? row.subject, link: `/pilot/bookings/${row.id}` });
    }
    return row;
  }

  async booking(actor: Actor, id: string): Promise<CapacityBookingRow> {
    const b = await this.ledger.get(id);
    if (b.resource_kind !== 'pilot_unit') throw new AppError('BOOKING_NOT_FOUND');
    this.ledger.side(actor, b);
    return b;
  }

  /** requested: bookings my organisation made; received: bookings of my organisation's lines. */
  async bookings(actor: Actor, scope: 'requested' | 'received'): Promise<CapacityBookingRow[]> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    return this.ledger.list(scope === 'requested' ? { kind: 'pilot_unit', requesterOrgId: actor.orgId } : { kind: 'pilot_unit', ownerOrgId: actor.orgId });
  }

  /** The base records the pilot's outcome; an accepted booking becomes completed in the same transaction. */
  async recordProject(actor: Actor, bookingId: string, input: { outcome: PilotOutcome; trlBefore?: number; trlAfter: number; report?: string }): Promise<PilotProjectRow> {
    const b = await this.ledger.get(bookingId);
    if (b.resource_kind !== 'pilot_unit') throw new AppError('BOOKING_NOT_FOUND');
    if (this.ledger.side(actor, b) !== 'owner') throw new AppError('FORBIDDEN');
    if (b.status !== 'accepted' && b.status !== 'completed') throw new AppError('BOOKING_STATE_INVALID', { status: b.status });
    const unit = await this.ctx.db.selectFrom('pilot_units').select('base_id').where('id', '=', b.resource_id).executeTakeFirstOrThrow();
    const trlBefore = input.trlBefore ?? (b.achievement_id ? (await this.deps.achievements.getRow(b.achievement_id)).trl : null);
    if (trlBefore === null || trlBefore === undefined) throw invalidField('trlBefore', '请填写中试前的技术成熟度', 'give the TRL before the pilot');
    if (input.trlAfter < 1 || input.trlAfter > 9 || trlBefore < 1 || trlBefore > 9) throw invalidField('trlAfter', 'TRL 应在 1–9 之间', 'TRL must be 1–9');
    const existing = await this.ctx.db.selectFrom('pilot_projects').select('id').where('booking_id', '=', bookingId).executeTakeFirst();
    if (existing) throw new AppError('PILOT_PROJECT_EXISTS');
    const row: PilotProjectRow = {
      id: uuidv7(), booking_id: bookingId, base_id: unit.base_id, achievement_id: b.achievement_id, deal_id: b.deal_id, outcome: input.outcome, trl_before: trlBefore, trl_after: input.trlAfter,
      report: input.report ?? '', recorded_by: actor.kind === 'user' ? actor.userId : null, created_at: nowIso(this.ctx.clock),
    };
    if (b.status === 'accepted') {
      await this.ledger.transition(actor, bookingId, 'complete', null, async (trx) => {
        await trx.insertInto('pilot_projects').values(row).execute();
        await recordAudit(trx, actor, { action: 'pilot.project.record', subjectType: 'pilot_project', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
      });
    } else {
      await inTransaction(this.ctx.db, async (trx) => {
        await trx.insertInto('pilot_projects').values(row).execute();
        await recordAudit(trx, actor, { action: 'pilot.project.record', subjectType: 'pilot_project', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
      });
    }
    return row;
  }

  /** A base's pilot record: outcomes and TRL progress (public track record). */
  async projects(baseId: string): Promise<PilotProjectRow[]> {
    await this.getBase(baseId);
    return this.ctx.db.selectFrom('pilot_projects').selectAll().where('base_id', '=', baseId).orderBy('created_at', 'desc').execute();
  }

  // ── TRL-gap routing ───────────────────────────────────────────────────────────────────────────

  private async rank(need: PilotNeed) {
    const params = pilotParams().pilotRouting;
    const bases = await this.ctx.db.selectFrom('pilot_bases').selectAll().where('status', '=', 'active').execute();
    if (!bases.length) return [];
    const units = await this.ctx.db.selectFrom('pilot_units').select(['id', 'base_id']).where('status', '=', 'active').execute();
    const range = { start: this.today(), end: addDays(this.today(), params.horizonDays - 1) };
    const held = await this.ledger.holding('pilot_unit', units.map((u) => u.id), range);
    const cal = capacityCalendar(units.map((u) => u.id), held.map((b) => ({ id: b.id, unitId: b.resource_id, start: b.start_date, end: b.end_date, status: b.status })), range);
    const free = new Map(cal.map((c) => [c.unitId, c.freeDays]));
    const candidates = bases.map((b) => {
      const mine = units.filter((u) => u.base_id === b.id);
      const equipment = parseJsonArray<{ name: string; model?: string }>(b.equipment).map((e) => `${e.name} ${e.model ?? ''}`).join(' ');
      return {
        id: b.id, industries: parseJsonArray(b.industries), terms: termSet(this.deps.analyzer, `${parseJsonArray(b.capabilities).join(' ')} ${equipment} ${b.intro} ${b.scale}`),
        trlMin: b.trl_min, trlMax: b.trl_max, regionCode: b.region_code, freeUnitDays: mine.reduce((s, u) => s + (free.get(u.id) ?? 0), 0), totalUnitDays: mine.length * params.horizonDays,
      };
    });
    const recs = recommendPilotBases(need, candidates, params, (c) => taxonomyNode(c)?.name ?? c);
    return recs.map((r) => ({ ...r, base: bases.find((b) => b.id === r.baseId)! }));
  }

  /** For an achievement the actor can see: bases by industry and capability, with reasons; empty outside the TRL gap. */
  async recommendForAchievement(actor: Actor, achievementId: string): Promise<{ inGap: boolean; trl: number | null; reason: Reason | null; recommendations: Awaited<ReturnType<PilotService['rank']>> }> {
    const view = await this.deps.achievements.get(actor, achievementId);
    const a = view.row;
    const params = pilotParams().pilotRouting;
    if (!inTrlGap(a.trl, params)) return { inGap: false, trl: a.trl, reason: null, recommendations: [] };
    const text = `${a.title} ${a.summary} ${a.pilot_needs ?? ''} ${parseJsonArray(a.keywords).join(' ')}`;
    const recommendations = await this.rank({ trl: a.trl, industries: view.industries, terms: this.deps.analyzer.query(text).terms, regionCode: a.region_code });
    return { inGap: true, trl: a.trl, reason: { code: 'TRL_GAP', zh: `成果处于 TRL ${a.trl}（${params.trlGap.min}–${params.trlGap.max} 原型/中试阶段），通常需要中试验证`, en: `TRL ${a.trl} is in the pilot gap (${params.trlGap.min}–${params.trlGap.max}); it usually needs a pilot run` }, recommendations };
  }

  /** For a deal lost for "no pilot capacity" (or whose achievement sits in the TRL gap), visible to its parties. */
  async recommendForDeal(actor: Actor, dealId: string) {
    const deal = (await this.deps.deals.view(actor, dealId)).row;
    const achievement = deal.achievement_id ? await this.deps.achievements.getRow(deal.achievement_id) : null;
    const industries = deal.achievement_id ? (await this.deps.achievements.industriesOf([deal.achievement_id])).get(deal.achievement_id) ?? [] : deal.industry ? [deal.industry] : [];
    const params = pilotParams().pilotRouting;
    const lostForPilot = deal.lost_reason === 'no_pilot_capacity';
    const trl = achievement?.trl ?? null;
    if (!lostForPilot && !inTrlGap(trl, params)) return { inGap: false, trl, reason: null, recommendations: [] };
    const text = `${deal.title} ${deal.lost_note ?? ''} ${achievement ? `${achievement.title} ${achievement.summary} ${achievement.pilot_needs ?? ''}` : ''}`;
    const recommendations = await this.rank({ trl, industries: industries.length ? industries : deal.industry ? [deal.industry] : [], terms: this.deps.analyzer.query(text).terms, regionCode: achievement?.region_code ?? deal.city_code });
    const reason: Reason = lostForPilot
      ? { code: 'LOST_NO_PILOT_CAPACITY', zh: '对接项目因缺少中试条件未成交', en: 'the deal was lost for lack of pilot capacity' }
      : { code: 'TRL_GAP', zh: `成果处于 TRL ${trl}，通常需要中试验证`, en: `TRL ${trl} usually needs a pilot run` };
    return { inGap: true, trl, reason, recommendations };
  }

  /** Government and pilot bases: deals lost for "no pilot capacity", each with its top recommendations. */
  async pilotGapQueue(actor: Actor) {
    if (actor.kind !== 'user' || !['government', 'service', 'admin'].includes(actor.role)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const lost = (await this.deps.deals.allDeals()).filter((d) => d.lost_reason === 'no_pilot_capacity');
    const out = [];
    for (const d of lost.slice(0, 100)) {
      const recs = await this.recommendForDeal({ kind: 'system', process: 'pilot-routing' }, d.id);
      out.push({ deal: { id: d.id, title: d.title, industry: d.industry, cityCode: d.city_code, lostNote: d.lost_note }, recommendations: recs.recommendations.slice(0, 3) });
    }
    return out;
  }

  /**
   * Government and pilot bases: published achievements in the TRL gap (4–6 by default), newest first (at most
   * `limit`), each with its top recommended bases and their reasons.
   */
  async achievementGapQueue(actor: Actor, limit = 50) {
    if (actor.kind !== 'user' || !['government', 'service', 'admin'].includes(actor.role)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const params = pilotParams().pilotRouting;
    const inGap: { row: { id: string; title: string; trl: number | null; region_code: string | null; organisation_id: string; summary: string; pilot_needs?: string | null; keywords: string; published_at: string | null }; industries: string[] }[] = [];
    for await (const batch of this.deps.achievements.scanPublished()) for (const x of batch) if (inTrlGap(x.row.trl, params)) inGap.push(x);
    inGap.sort((a, b) => (b.row.published_at ?? '').localeCompare(a.row.published_at ?? ''));
    const out = [];
    for (const { row: a, industries } of inGap.slice(0, limit)) {
      const text = `${a.title} ${a.summary} ${a.pilot_needs ?? ''} ${parseJsonArray(a.keywords).join(' ')}`;
      const recommendations = await this.rank({ trl: a.trl, industries, terms: this.deps.analyzer.query(text).terms, regionCode: a.region_code });
      out.push({
        achievement: { id: a.id, title: a.title, trl: a.trl, regionCode: a.region_code, organisationId: a.organisation_id },
        reason: { code: 'TRL_GAP', zh: `成果处于 TRL ${a.trl}（${params.trlGap.min}–${params.trlGap.max} 原型/中试阶段），通常需要中试验证`, en: `TRL ${a.trl} is in the pilot gap (${params.trlGap.min}–${params.trlGap.max}); it usually needs a pilot run` } as Reason,
        recommendations: recommendations.slice(0, 3),
      });
    }
    return { total: inGap.length, items: out };
  }

  /** Confirmed pilot bookings (accepted or completed) starting between two dates (inclusive) — for the plan indicator. */
  async confirmedBookings(from: string, to: string): Promise<number> {
    const rows = await this.ctx.db.selectFrom('capacity_bookings').select('id').where('resource_kind', '=', 'pilot_unit').where('status', 'in', ['accepted', 'completed'])
      .where('start_date', '>=', from).where('start_date', '<=', to).execute();
    return rows.length;
  }

  async stats() {
    const rows = await this.ctx.db.selectFrom('capacity_bookings').select(['resource_kind', 'status']).execute();
    const projects = await this.ctx.db.selectFrom('pilot_projects').select(['outcome', 'trl_before', 'trl_after']).execute();
    const bases = await this.ctx.db.selectFrom('pilot_bases').select('id').where('status', '=', 'active').execute();
    const count = (kind: string, statuses: string[]) => rows.filter((r) => r.resource_kind === kind && statuses.includes(r.status)).length;
    return {
      pilotBases: bases.length,
      pilotBookings: { requested: count('pilot_unit', ['requested']), accepted: count('pilot_unit', ['accepted']), completed: count('pilot_unit', ['completed']), declined: count('pilot_unit', ['declined']) },
      pilotProjects: projects.length,
      pilotProjectsRaisingTrl: projects.filter((p) => p.trl_after > p.trl_before).length,
      instrumentBookings: count('instrument', ['requested', 'accepted', 'completed']),
    };
  }

  private async members(orgId: string): Promise<{ id: string }[]> {
    return this.deps.members ? this.deps.members(orgId) : [];
  }

  private async notifyOrg(orgId: string, title: string, body: string, link: string): Promise<void> {
    if (!this.deps.notifications) return;
    for (const u of await this.members(orgId)) await this.deps.notifications.notify({ userId: u.id, kind: 'pilot', title, body, link });
  }
}
