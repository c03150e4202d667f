/**
 * Deals (对接项目): one record from a match to a registered contract and an industrialised result.
 * Parties are the buyer organisation (the enterprise with the need) and the seller organisation (the owner of the
 * achievement); assigned brokers (科技经纪人) run the deal. Stage changes go through the pure machine in core/stages.ts.
 */
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, parseJsonArray, type Executor, type KernelContext } from '../../kernel/context.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { DB } from '../../schema.js';
import type { ListingsService, ListingKind } from '../listings/index.js';
import type { NdasService } from '../ndas/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { AccountsService } from '../accounts/index.js';
import { changeStage, isTerminal, nextStages, stagesPassed, LOST_REASON_LABELS, type DealStage, type IndustrialisedWhere, type LostReason, type StageChange } from './core/stages.js';
import { DealsRepository, type DealFilter } from './deals.repository.js';
import { dealFunnel, funnelBy, type FunnelDeal, type FunnelOptions, type FunnelPeriod } from './core/funnel.js';
import type { DealOfferRow, DealRow } from './deals.table.js';

export const DEAL_MODES = ['listing', 'agreement', 'tender', 'auction', 'equity', 'investment'] as const;
export type DealMode = (typeof DEAL_MODES)[number];
export const PAYMENT_TERMS = ['lump_sum', 'instalments', 'royalty', 'equity'] as const;
export const EXCLUSIVITY = ['exclusive', 'sole', 'non_exclusive'] as const;

export interface OpenDealInput {
  demandId?: string | null;
  achievementId?: string | null;
  mode?: DealMode;
  title?: string;
  matchScore?: number | null;
  /** for brokers opening a deal between two listings' owners */
  openedVia?: 'match' | 'party' | 'broker';
}

export interface OfferInput {
  priceFen: number;
  payment: (typeof PAYMENT_TERMS)[number];
  royaltyBp?: number | null;
  equityBp?: number | null;
  instalments?: { dueDate: string; amountFen: number }[];
  exclusivity: (typeof EXCLUSIVITY)[number];
  termMonths?: number | null;
  territory?: string;
  milestones?: { title: string; dueDate?: string }[];
  note?: string;
  valuation?: Record<string, unknown> | null;
}

export type DealRole = 'buyer' | 'seller' | 'broker' | 'admin';

export interface DealView {
  row: DealRow;
  stageTimes: Record<string, string>;
  brokers: { userId: string; commissionType: string; commissionBp: number | null; commissionFen: number | null }[];
  roles: DealRole[];
  nextStages: DealStage[];
}

export class DealsService {
  readonly repo = new DealsRepository();
  private readonly stageListeners: ((deal: DealRow, from: string) => Promise<void>)[] = [];

  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: {
      demands: ListingsService<'demand'>;
      achievements: ListingsService<'achievement'>;
      ndas: NdasService;
      notifications: NotificationsService;
      accounts: AccountsService;
    },
  ) {
    // An accepted NDA between the parties moves their open deals to "NDA signed".
    deps.ndas.onAccepted(async (nda) => {
      const deals = await this.repo.openDealsOn(this.ctx.db, nda.listing_kind === 'achievement' ? { achievementId: nda.listing_id } : { demandId: nda.listing_id });
      for (const d of deals) {
        const counterparty = nda.listing_kind === 'achievement' ? d.buyer_org_id : d.seller_org_id;
        if (counterparty !== nda.requester_org_id) continue;
        if (changeStage(d.stage as DealStage, { to: 'nda_signed' }).ok) await this.applyStage({ kind: 'system', process: 'nda' }, d, { to: 'nda_signed' }, { ndaId: nda.id });
      }
    });
  }

  /** Called after every committed stage change (contracts, statistics and notifications hook in here). */
  onStageChange(listener: (deal: DealRow, from: string) => Promise<void>): void {
    this.stageListeners.push(listener);
  }

  // ── access ───────────────────────────────────────────────────────────────────────────────────

  private async rolesOf(actor: Actor, deal: DealRow, db: Executor<DB> = this.ctx.db): Promise<DealRole[]> {
    if (actor.kind === 'system') return ['admin'];
    if (actor.kind !== 'user') return [];
    const roles: DealRole[] = [];
    if (actor.role === 'admin') roles.push('admin');
    if (actor.orgId && actor.orgId === deal.buyer_org_id) roles.push('buyer');
    if (actor.orgId && actor.orgId === deal.seller_org_id) roles.push('seller');
    const brokers = await this.repo.brokers(db, [deal.id]);
    if (brokers.some((b) => b.broker_user_id === actor.userId)) roles.push('broker');
    return roles;
  }

  private async load(actor: Actor, id: string, db: Executor<DB> = this.ctx.db): Promise<{ deal: DealRow; roles: DealRole[] }> {
    const deal = await this.repo.findById(db, id);
    if (!deal) throw new AppError('DEAL_NOT_FOUND');
    const roles = await this.rolesOf(actor, deal, db);
    if (!roles.length) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'DEAL_NOT_FOUND');
    return { deal, roles };
  }

  async view(actor: Actor, id: string): Promise<DealView> {
    const { deal, roles } = await this.load(actor, id);
    return this.toView(deal, roles);
  }

  private async toView(deal: DealRow, roles: DealRole[]): Promise<DealView> {
    const stageTimes = (await this.repo.stageTimes(this.ctx.db, [deal.id])).get(deal.id) ?? {};
    const brokers = (await this.repo.brokers(this.ctx.db, [deal.id])).map((b) => ({ userId: b.broker_user_id, commissionType: b.commission_type, commissionBp: b.commission_bp, commissionFen: b.commission_fen }));
    return { row: deal, stageTimes, brokers, roles, nextStages: nextStages(deal.stage as DealStage) };
  }

  async list(actor: Actor, q: { scope?: 'mine' | 'brokered' | 'all'; stage?: string; listingId?: string; page?: number; pageSize?: number }) {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const f: DealFilter = { stage: q.stage, listingId: q.listingId };
    const scope = q.scope ?? (actor.kind === 'user' && actor.role === 'broker' ? 'brokered' : 'mine');
    if (scope === 'all') {
      if (!(actor.kind === 'system' || actor.role === 'admin')) throw new AppError('FORBIDDEN');
    } else if (scope === 'brokered') {
      if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
      f.brokerUserId = actor.userId;
    } else {
      if (actor.kind !== 'user' || !actor.orgId) throw new AppError('FORBIDDEN');
      f.orgId = actor.orgId;
    }
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const { rows, total } = await this.repo.list(this.ctx.db, f, page, pageSize);
    const items: DealView[] = [];
    for (const r of rows) items.push(await this.toView(r, await this.rolesOf(actor, r)));
    return { items, total, page, pageSize };
  }

  // ── opening ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Opens a deal from a match (a demand and an achievement), or on one listing by the other party.
   * Parties: the demand's owner buys, the achievement's owner sells. A broker may open a deal between two listings.
   */
  async open(actor: Actor, input: OpenDealInput): Promise<DealView> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (!input.demandId && !input.achievementId) throw invalidField('achievementId', '须指定需求或成果', 'give a demand, an achievement, or both');
    const demand = input.demandId ? await this.deps.demands.get(actor, input.demandId) : null;
    const achievement = input.achievementId ? await this.deps.achievements.get(actor, input.achievementId) : null;
    const actorOrg = actor.kind === 'user' ? actor.orgId : null;
    const isBroker = actor.kind === 'user' && actor.role === 'broker';
    const isAdmin = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
    let buyer = demand?.row.organisation_id ?? null;
    let seller = achievement?.row.organisation_id ?? null;
    if (!buyer) buyer = actorOrg;
    if (!seller) seller = actorOrg;
    if (!buyer || !seller) throw new AppError('DEAL_PARTIES_REQUIRED');
    if (buyer === seller) throw new AppError('DEAL_SAME_PARTY');
    const isParty = actorOrg === buyer || actorOrg === seller;
    if (!isParty && !isBroker && !isAdmin) throw new AppError('FORBIDDEN');
    if (isBroker && (!demand || !achievement) && !isParty) throw new AppError('DEAL_PARTIES_REQUIRED');
    for (const l of [demand, achievement]) if (l && !['published', 'in_negotiation'].includes(l.row.status)) throw new AppError('DEAL_LISTING_NOT_PUBLIC');
    const existing = await this.repo.openDealsOn(this.ctx.db, { demandId: demand?.row.id ?? null, achievementId: achievement?.row.id ?? null });
    if (existing.some((d) => d.buyer_org_id === buyer && d.seller_org_id === seller)) throw new AppError('DEAL_EXISTS', { id: existing[0].id });
    const now = nowIso(this.ctx.clock);
    const seed = achievement ?? demand!;
    const row: DealRow = {
      id: uuidv7(),
      title: input.title?.trim() || [demand?.row.title, achievement?.row.title].filter(Boolean).join(' × '),
      demand_id: demand?.row.id ?? null,
      achievement_id: achievement?.row.id ?? null,
      buyer_org_id: buyer,
      seller_org_id: seller,
      mode: input.mode ?? 'agreement',
      stage: 'matched',
      opened_via: input.openedVia ?? (isBroker && !isParty ? 'broker' : demand && achievement ? 'match' : 'party'),
      match_score: input.matchScore ?? null,
      amount_fen: null,
      lost_reason: null,
      lost_note: null,
      industrialised_in_liaoning: null,
      industrialised_region: null,
      city_code: achievement?.row.region_code ? `${achievement.row.region_code.slice(0, 4)}00` : null,
      industry: seed.industries[0] ?? null,
      created_by: actor.kind === 'user' ? actor.userId : null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await this.repo.insert(trx, row);
      await this.repo.recordStage(trx, row.id, 'matched', now);
      if (isBroker && actor.kind === 'user') {
        await this.repo.addBroker(trx, { deal_id: row.id, broker_user_id: actor.userId, commission_type: 'percent', commission_bp: null, commission_fen: null, assigned_at: now });
      }
      await this.repo.addEvent(trx, { id: uuidv7(), deal_id: row.id, at: now, actor_user_id: actor.kind === 'user' ? actor.userId : null, kind: 'stage', data: JSON.stringify({ to: 'matched', via: row.opened_via }) });
      await recordAudit(trx, actor, { action: 'deal.open', subjectType: 'deal', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    await this.notifyParties(row, actor, '新的对接项目', `“${row.title}”已建立对接项目`);
    return this.view(actor.kind === 'system' ? actor : actor, row.id);
  }

  /**
   * A deal concluded by an auction or a tender: opened between the given parties and moved straight to "agreed" at
   * the winning amount (the stages it passes are recorded at the same moment).
   */
  async openConcluded(input: { demandId?: string | null; achievementId?: string | null; buyerOrgId: string; sellerOrgId: string; mode: 'auction' | 'tender'; amountFen: number; title: string; industry: string | null; cityCode: string | null }): Promise<DealRow> {
    const system: Actor = { kind: 'system', process: input.mode };
    const now = nowIso(this.ctx.clock);
    const row: DealRow = {
      id: uuidv7(), title: input.title, demand_id: input.demandId ?? null, achievement_id: input.achievementId ?? null, buyer_org_id: input.buyerOrgId,
      seller_org_id: input.sellerOrgId, mode: input.mode, stage: 'matched', opened_via: 'party', match_score: null, amount_fen: input.amountFen, lost_reason: null,
      lost_note: null, industrialised_in_liaoning: null, industrialised_region: null, city_code: input.cityCode, industry: input.industry, created_by: null,
      created_at: now, updated_at: now, version: 1,
    };
    const after = await inTransaction(this.ctx.db, async (trx) => {
      await this.repo.insert(trx, row);
      await this.repo.recordStage(trx, row.id, 'matched', now);
      await recordAudit(trx, system, { action: 'deal.open', subjectType: 'deal', subjectId: row.id, after: row, requestId: null }, this.ctx.clock.now());
      return this.writeStage(trx, system, row, { to: 'agreed' }, { via: input.mode, amountFen: input.amountFen });
    });
    await this.afterStage(system, row, after);
    await this.notifyParties(after, system, input.mode === 'auction' ? '拍卖成交' : '招标结果', `“${input.title}”已成交，进入合同签订阶段`);
    return after;
  }

  // ── stages ───────────────────────────────────────────────────────────────────────────────────

  async moveStage(actor: Actor, id: string, change: StageChange): Promise<DealView> {
    const { deal, roles } = await this.load(actor, id);
    if (roles.length === 1 && roles[0] === 'admin' && actor.kind === 'user') {
      // admins may close or correct, but the business stages belong to the parties and brokers
      if (change.to !== 'closed_lost') throw new AppError('FORBIDDEN');
    }
    if (change.to === 'registered') throw new AppError('DEAL_STAGE_GUARDED', { stage: 'registered' });
    if (change.to === 'nda_signed' && !(await this.ndaAccepted(deal))) throw new AppError('DEAL_STAGE_GUARDED', { stage: 'nda_signed' });
    await this.applyStage(actor, deal, change, {});
    return this.view(actor, id);
  }

  /** Whether the counterparty has an accepted NDA on the deal's confidential listing(s). */
  async ndaAccepted(deal: DealRow): Promise<boolean> {
    if (deal.achievement_id && (await this.deps.ndas.grantedListingIds('achievement', deal.buyer_org_id, [deal.achievement_id])).size) return true;
    if (deal.demand_id && (await this.deps.ndas.grantedListingIds('demand', deal.seller_org_id, [deal.demand_id])).size) return true;
    return false;
  }

  /** Applies a checked stage change in one transaction, then its effects; used by the API and by workflows. */
  async applyStage(actor: Actor, deal: DealRow, change: StageChange, eventData: Record<string, unknown>): Promise<DealRow> {
    const after = await inTransaction(this.ctx.db, (trx) => this.writeStage(trx, actor, deal, change, eventData));
    await this.afterStage(actor, deal, after);
    return after;
  }

  /** The database half of a stage change, inside the caller's transaction. Call afterStage once it commits. */
  async writeStage(trx: Executor<DB>, actor: Actor, deal: DealRow, change: StageChange, eventData: Record<string, unknown>): Promise<DealRow> {
    const r = changeStage(deal.stage as DealStage, change);
    if (!r.ok) throw new AppError(r.code, { from: deal.stage, to: change.to });
    const now = nowIso(this.ctx.clock);
    const patch: Partial<DealRow> = { stage: r.to, updated_at: now, version: deal.version + 1 };
    if (change.to === 'closed_lost') {
      patch.lost_reason = change.reason;
      patch.lost_note = change.note?.trim() || null;
    }
    if (change.to === 'industrialised') {
      const where = (change as { where: IndustrialisedWhere }).where;
      patch.industrialised_in_liaoning = where.inLiaoning ? 1 : 0;
      patch.industrialised_region = where.regionCode;
    }
    const current = await this.repo.findById(trx, deal.id);
    if (!current || current.version !== deal.version) throw new AppError('CONFLICT');
    await this.repo.update(trx, deal.id, patch);
    for (const s of stagesPassed(deal.stage as DealStage, r.to)) await this.repo.recordStage(trx, deal.id, s, now);
    if (r.to === 'closed_lost') await this.repo.recordStage(trx, deal.id, 'closed_lost', now);
    await this.repo.addEvent(trx, { id: uuidv7(), deal_id: deal.id, at: now, actor_user_id: actor.kind === 'user' ? actor.userId : null, kind: 'stage', data: JSON.stringify({ from: deal.stage, to: r.to, ...eventData, ...(change.to === 'closed_lost' ? { reason: change.reason, note: change.note } : {}) }) });
    await recordAudit(trx, actor, { action: `deal.stage.${r.to}`, subjectType: 'deal', subjectId: deal.id, before: { stage: deal.stage }, after: patch, requestId: actor.requestId }, this.ctx.clock.now());
    return { ...current, ...patch } as DealRow;
  }

  /** Effects of a committed stage change: listings' lifecycle, listeners, notifications. */
  async afterStage(actor: Actor, before: DealRow, after: DealRow): Promise<void> {
    await this.syncListings(after);
    for (const l of this.stageListeners) await l(after, before.stage);
    if (after.stage === 'closed_lost') {
      const label = LOST_REASON_LABELS[(after.lost_reason as LostReason) ?? 'other'];
      await this.notifyParties(after, actor, '对接项目未成交', `“${after.title}”已关闭：${label.zh}${after.lost_note ? `（${after.lost_note}）` : ''}`);
    }
  }

  /** Keeps listings' lifecycle in step: negotiating → in negotiation; lost → back to published; contract → demand solved. */
  private async syncListings(deal: DealRow): Promise<void> {
    const system: Actor = { kind: 'system', process: 'deals' };
    const tryAct = async (kind: ListingKind, id: string | null, action: 'negotiate' | 'resume' | 'solve') => {
      if (!id) return;
      const svc = kind === 'demand' ? this.deps.demands : this.deps.achievements;
      try {
        await svc.act(system, id, action);
      } catch (e) {
        if (!(e instanceof AppError) || !e.code.startsWith('LISTING_')) throw e;
      }
    };
    if (deal.stage === 'negotiating') {
      await tryAct('demand', deal.demand_id, 'negotiate');
    } else if (deal.stage === 'closed_lost') {
      const stillOpen = await this.repo.openDealsOn(this.ctx.db, { demandId: deal.demand_id });
      if (deal.demand_id && !stillOpen.length) await tryAct('demand', deal.demand_id, 'resume');
    } else if (deal.stage === 'contract_signed') {
      await tryAct('demand', deal.demand_id, 'solve');
    }
  }

  private async notifyParties(deal: DealRow, actor: Actor, title: string, body: string): Promise<void> {
    const orgs = [deal.buyer_org_id, deal.seller_org_id];
    for (const orgId of orgs) {
      for (const u of await this.deps.accounts.members({ kind: 'system', process: 'deals' }, orgId)) {
        if (actor.kind === 'user' && u.id === actor.userId) continue;
        await this.deps.notifications.notify({ userId: u.id, kind: 'deal', title, body, link: `/deals/${deal.id}`, data: { dealId: deal.id } });
      }
    }
  }

  // ── brokers, notes, tasks ────────────────────────────────────────────────────────────────────

  async assignBroker(actor: Actor, id: string, brokerUserId: string, commission: { type: 'percent' | 'fixed'; bp?: number | null; fen?: number | null }): Promise<DealView> {
    const { deal, roles } = await this.load(actor, id);
    if (!roles.some((r) => r === 'buyer' || r === 'seller' || r === 'admin')) throw new AppError('FORBIDDEN');
    const broker = await this.deps.accounts.getUser(brokerUserId).catch(() => null);
    if (!broker || broker.role !== 'broker') throw invalidField('brokerUserId', '该用户不是技术经纪人', 'is not a technology broker');
    if (commission.type === 'percent' && (commission.bp == null || commission.bp < 0 || commission.bp > 10000)) throw invalidField('commissionPercent', '佣金比例应在 0–100% 之间', 'must be between 0 and 100%');
    if (commission.type === 'fixed' && (commission.fen == null || commission.fen < 0)) throw invalidField('commissionWan', '须填写固定佣金金额', 'a fixed commission needs an amount');
    const now = nowIso(this.ctx.clock);
    await inTransaction(this.ctx.db, async (trx) => {
      await this.repo.addBroker(trx, { deal_id: id, broker_user_id: brokerUserId, commission_type: commission.type, commission_bp: commission.type === 'percent' ? commission.bp! : null, commission_fen: commission.type === 'fixed' ? commission.fen! : null, assigned_at: now });
      await this.repo.addEvent(trx, { id: uuidv7(), deal_id: id, at: now, actor_user_id: actor.kind === 'user' ? actor.userId : null, kind: 'broker', data: JSON.stringify({ brokerUserId, name: broker.name }) });
      await recordAudit(trx, actor, { action: 'deal.assign_broker', subjectType: 'deal', subjectId: id, after: { brokerUserId, commission }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    await this.deps.notifications.notify({ userId: brokerUserId, kind: 'deal', title: '您被指派为对接项目经纪人', body: deal.title, link: `/deals/${id}` });
    return this.view(actor, id);
  }

  /** Notes are part of the deal's timeline, visible to its parties and brokers. */
  async addNote(actor: Actor, id: string, text: string): Promise<void> {
    const { roles } = await this.load(actor, id);
    if (!roles.length || actor.kind !== 'user') throw new AppError('FORBIDDEN');
    const now = nowIso(this.ctx.clock);
    await inTransaction(this.ctx.db, async (trx) => {
      const eventId = uuidv7();
      await this.repo.addEvent(trx, { id: eventId, deal_id: id, at: now, actor_user_id: actor.userId, kind: 'note', data: JSON.stringify({ text: text.trim() }) });
      await recordAudit(trx, actor, { action: 'deal.note', subjectType: 'deal', subjectId: id, after: { eventId }, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  async timeline(actor: Actor, id: string) {
    await this.load(actor, id);
    return (await this.repo.events(this.ctx.db, id)).map((e) => ({ id: e.id, at: e.at, actorUserId: e.actor_user_id, kind: e.kind, data: JSON.parse(e.data) as Record<string, unknown> }));
  }

  async addTask(actor: Actor, id: string, title: string, dueDate: string) {
    const { roles } = await this.load(actor, id);
    if (!roles.includes('broker') || actor.kind !== 'user') throw new AppError('FORBIDDEN');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate) || Number.isNaN(Date.parse(`${dueDate}T00:00:00Z`))) throw invalidField('dueDate', '日期格式应为 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
    const row = { id: uuidv7(), deal_id: id, broker_user_id: actor.userId, title: title.trim(), due_date: dueDate, done_at: null, reminded_at: null, created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await this.repo.insertTask(trx, row);
      await recordAudit(trx, actor, { action: 'deal.task.create', subjectType: 'broker_task', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async tasks(actor: Actor, id: string) {
    const { roles } = await this.load(actor, id);
    if (!roles.includes('broker') && !roles.includes('admin')) throw new AppError('FORBIDDEN');
    return this.repo.tasks(this.ctx.db, id);
  }

  async completeTask(actor: Actor, taskId: string) {
    const task = await this.repo.taskById(this.ctx.db, taskId);
    if (!task || actor.kind !== 'user' || task.broker_user_id !== actor.userId) throw new AppError('TASK_NOT_FOUND');
    await inTransaction(this.ctx.db, async (trx) => {
      await this.repo.updateTask(trx, taskId, { done_at: nowIso(this.ctx.clock) });
      await recordAudit(trx, actor, { action: 'deal.task.done', subjectType: 'broker_task', subjectId: taskId, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  /** Scheduled: reminds brokers of tasks due today or overdue (once per task). Returns how many were sent. */
  async remindDueTasks(): Promise<number> {
    const today = shanghaiDate(this.ctx.clock.now());
    const due = await this.repo.dueTasks(this.ctx.db, today);
    for (const t of due) {
      await inTransaction(this.ctx.db, async (trx) => {
        await this.deps.notifications.notify({ userId: t.broker_user_id, kind: 'task', title: t.due_date < today ? '任务已逾期' : '任务今日到期', body: t.title, link: `/deals/${t.deal_id}`, data: { taskId: t.id } }, trx);
        await this.repo.updateTask(trx, t.id, { reminded_at: nowIso(this.ctx.clock) });
        await recordAudit(trx, { kind: 'system', process: 'scheduler' }, { action: 'deal.task.remind', subjectType: 'broker_task', subjectId: t.id, requestId: null }, this.ctx.clock.now());
      });
    }
    return due.length;
  }

  // ── negotiation (磋商) ────────────────────────────────────────────────────────────────────────

  async offers(actor: Actor, id: string): Promise<{ offers: DealOfferRow[]; latest: { buyer: DealOfferRow | null; seller: DealOfferRow | null } }> {
    await this.load(actor, id);
    const offers = await this.repo.offers(this.ctx.db, id);
    const last = (side: string) => [...offers].reverse().find((o) => o.side === side && o.status !== 'withdrawn') ?? null;
    return { offers, latest: { buyer: last('buyer'), seller: last('seller') } };
  }

  /** A party makes an offer or counter-offer; its round is the side's count of offers + 1. */
  async makeOffer(actor: Actor, id: string, input: OfferInput): Promise<DealOfferRow> {
    const { deal, roles } = await this.load(actor, id);
    const side = roles.includes('buyer') ? 'buyer' : roles.includes('seller') ? 'seller' : null;
    if (!side || actor.kind !== 'user') throw new AppError('DEAL_OFFER_PARTIES_ONLY');
    if (isTerminal(deal.stage as DealStage) || ['agreed', 'contract_signed', 'registered', 'implementing'].includes(deal.stage)) throw new AppError('DEAL_STAGE_INVALID', { from: deal.stage, to: 'negotiating' });
    if (!Number.isSafeInteger(input.priceFen) || input.priceFen < 0) throw invalidField('priceWan', '价格应为非负金额', 'must be a non-negative amount');
    if (input.payment === 'royalty' && (input.royaltyBp == null || input.royaltyBp <= 0 || input.royaltyBp > 10000)) throw invalidField('royaltyPercent', '提成方式须给出 0–100% 的提成比例', 'royalty payment needs a royalty rate of 0–100%');
    if (input.payment === 'equity' && (input.equityBp == null || input.equityBp <= 0 || input.equityBp > 10000)) throw invalidField('equityPercent', '入股方式须给出 0–100% 的股权比例', 'equity payment needs an equity share of 0–100%');
    if (input.payment === 'instalments') {
      const sum = (input.instalments ?? []).reduce((n, i) => n + i.amountFen, 0);
      if (!input.instalments?.length || sum !== input.priceFen) throw invalidField('instalments', '分期金额之和须等于总价', 'instalments must add up to the price');
    }
    const existing = await this.repo.offers(this.ctx.db, id);
    const round = existing.filter((o) => o.side === side).length + 1;
    const now = nowIso(this.ctx.clock);
    const row: DealOfferRow = {
      id: uuidv7(), deal_id: id, round, side, by_user_id: actor.userId, price_fen: input.priceFen, payment: input.payment, royalty_bp: input.royaltyBp ?? null,
      equity_bp: input.equityBp ?? null, instalments: JSON.stringify(input.instalments ?? []), exclusivity: input.exclusivity, term_months: input.termMonths ?? null,
      territory: input.territory ?? '', milestones: JSON.stringify(input.milestones ?? []), note: input.note ?? '', valuation: input.valuation ? JSON.stringify(input.valuation) : null,
      status: 'open', created_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      // the side's earlier open offer is superseded by this one
      await trx.updateTable('deal_offers').set({ status: 'superseded' }).where('deal_id', '=', id).where('side', '=', side).where('status', '=', 'open').execute();
      await this.repo.insertOffer(trx, row);
      await this.repo.addEvent(trx, { id: uuidv7(), deal_id: id, at: now, actor_user_id: actor.userId, kind: 'offer', data: JSON.stringify({ offerId: row.id, side, round, priceFen: row.price_fen, payment: row.payment }) });
      await recordAudit(trx, actor, { action: 'deal.offer', subjectType: 'deal', subjectId: id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    if (changeStage(deal.stage as DealStage, { to: 'negotiating' }).ok) {
      const fresh = (await this.repo.findById(this.ctx.db, id))!;
      await this.applyStage(actor, fresh, { to: 'negotiating' }, { offerId: row.id });
    }
    await this.notifyParties(deal, actor, side === 'buyer' ? '收到新的报价' : '收到新的还价', `“${deal.title}”第 ${round} 轮`);
    return row;
  }

  /** The other side accepts the latest open offer: the deal is agreed at that price. */
  async acceptOffer(actor: Actor, id: string, offerId: string): Promise<DealView> {
    const { deal, roles } = await this.load(actor, id);
    const offer = await this.repo.offerById(this.ctx.db, offerId);
    if (!offer || offer.deal_id !== id) throw new AppError('OFFER_NOT_FOUND');
    const mySide = roles.includes('buyer') ? 'buyer' : roles.includes('seller') ? 'seller' : null;
    if (!mySide) throw new AppError('DEAL_OFFER_PARTIES_ONLY');
    if (offer.side === mySide) throw new AppError('OFFER_OWN');
    if (offer.status !== 'open') throw new AppError('OFFER_NOT_OPEN', { status: offer.status });
    const after = await inTransaction(this.ctx.db, async (trx) => {
      await this.repo.updateOffer(trx, offerId, { status: 'accepted' });
      await this.repo.setOfferStatus(trx, id, 'open', 'superseded', offerId);
      await this.repo.update(trx, id, { amount_fen: offer.price_fen });
      const fresh = (await this.repo.findById(trx, id))!;
      return this.writeStage(trx, actor, fresh, { to: 'agreed' }, { offerId, priceFen: offer.price_fen });
    });
    await this.afterStage(actor, deal, after);
    return this.view(actor, id);
  }

  /** Funnel analytics (government and admins): counts per stage, conversion, median days in stage, reasons lost. */
  async funnel(actor: Actor, period: FunnelPeriod, opts: FunnelOptions & { by?: 'city' | 'industry' }) {
    if (!(actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'government' || actor.role === 'admin')))) {
      throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    }
    const deals = await this.repo.all(this.ctx.db);
    const times = await this.repo.stageTimes(this.ctx.db, deals.map((d) => d.id));
    const input: FunnelDeal[] = deals.map((d) => ({ stage: d.stage as DealStage, stageTimes: times.get(d.id) ?? {}, lostReason: d.lost_reason, cityCode: d.city_code, industry: d.industry }));
    const overall = dealFunnel(input, period, opts);
    const groups = opts.by ? funnelBy(input, period, opts.by === 'city' ? 'cityCode' : 'industry', opts) : [];
    return { overall, groups };
  }

  async get(id: string): Promise<DealRow | undefined> {
    return this.repo.findById(this.ctx.db, id);
  }

  async allDeals(): Promise<DealRow[]> {
    return this.repo.all(this.ctx.db);
  }

  async stageTimesOf(ids: string[]) {
    return this.repo.stageTimes(this.ctx.db, ids);
  }

  async brokersOf(ids: string[]) {
    return this.repo.brokers(this.ctx.db, ids);
  }
}

export function parseOfferJson(o: DealOfferRow) {
  return {
    instalments: parseJsonArray<{ dueDate: string; amountFen: number }>(o.instalments),
    milestones: parseJsonArray<{ title: string; dueDate?: string }>(o.milestones),
    valuation: o.valuation ? (JSON.parse(o.valuation) as Record<string, unknown>) : null,
  };
}

export type { DealStage, LostReason };
