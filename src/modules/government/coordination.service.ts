/**
 * Coordination cases (协调事项): a signed-in party raises a blocker on a deal, a listing or a service; it is routed by
 * type and city to a responsible department (data/reference/coordination.json), gets a due date from the type's SLA,
 * is reminded and escalated city → province when overdue (escalateOverdue, a scheduled job), resolved by the
 * department and closed by the raiser with a satisfaction rating. Per-department statistics are public.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { systemActor, type Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, type Executor, type KernelContext } from '../../kernel/context.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { DB } from '../../schema.js';
import type { DealsService } from '../deals/index.js';
import type { ListingsService } from '../listings/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { AccountsService } from '../accounts/index.js';
import { regions } from '../reference/index.js';
import { departmentLevel, departmentsFor, departmentStats, dueDateFor, parentDepartment, routeCase, sweepAction, type CaseType, type SubjectType } from './core/index.js';
import { coordinationParams, workingCalendar } from './government.params.js';
import { denied, govDb, requireAdmin, type GovDB } from './government.db.js';
import type { CoordinationCaseRow, CoordinationEventRow, GovDepartmentRow } from './government.table.js';

export interface RaiseCaseInput {
  subjectType: SubjectType;
  subjectId: string;
  type: CaseType;
  title: string;
  description?: string;
  /** where the blocker is; defaults to the subject's region */
  regionCode?: string | null;
}

export interface CoordinationDeps {
  deals: DealsService;
  demands: ListingsService<'demand'>;
  achievements: ListingsService<'achievement'>;
  organisations: OrganisationsService;
  notifications: NotificationsService;
  accounts: AccountsService;
}

const SYSTEM = systemActor('coordination');

export class CoordinationService {
  private departmentsReady = false;

  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: CoordinationDeps,
  ) {}

  private get db(): Kysely<GovDB> {
    return govDb(this.ctx);
  }

  /** Today's Asia/Shanghai calendar date on the injected clock. */
  today(): string {
    return shanghaiDate(this.ctx.clock.now());
  }

  /** Creates the department rows the routing can name (once per process; existing rows and their bindings are kept). */
  async ensureDepartments(): Promise<void> {
    if (this.departmentsReady) return;
    const cities = regions().filter((r) => r.level === 'city' && r.code.startsWith('21'));
    const wanted = departmentsFor(coordinationParams(), cities);
    const have = new Set((await this.db.selectFrom('gov_departments').select('code').execute()).map((r) => r.code));
    const missing = wanted.filter((d) => !have.has(d.code));
    if (missing.length) {
      const at = nowIso(this.ctx.clock);
      await this.db.insertInto('gov_departments')
        .values(missing.map((d) => ({ code: d.code, name: d.name, name_en: d.nameEn, level: d.level, region_code: d.regionCode, kind: d.kind, organisation_id: null, updated_at: at })))
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
    this.departmentsReady = true;
  }

  async departments(): Promise<GovDepartmentRow[]> {
    await this.ensureDepartments();
    return this.db.selectFrom('gov_departments').selectAll().orderBy('code').execute();
  }

  /** Admin: the government organisation whose users work a department's queue (null to unbind). */
  async bindDepartment(actor: Actor, code: string, organisationId: string | null): Promise<GovDepartmentRow> {
    requireAdmin(actor);
    await this.ensureDepartments();
    const before = await this.db.selectFrom('gov_departments').selectAll().where('code', '=', code).executeTakeFirst();
    if (!before) throw new AppError('DEPARTMENT_NOT_FOUND', { code });
    if (organisationId) {
      const org = await this.deps.organisations.get(organisationId).catch(() => null);
      if (!org || org.type !== 'government') throw invalidField('organisationId', '须为政府部门单位', 'must be a government organisation');
    }
    const after = { ...before, organisation_id: organisationId, updated_at: nowIso(this.ctx.clock) };
    await inTransaction(this.db, async (trx) => {
      await trx.updateTable('gov_departments').set({ organisation_id: organisationId, updated_at: after.updated_at }).where('code', '=', code).execute();
      await recordAudit(trx, actor, { action: 'government.department.bind', subjectType: 'gov_department', subjectId: code, before, after, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return after;
  }

  /** Department codes whose queue the actor works (through their organisation). */
  async departmentsOf(actor: Actor): Promise<string[]> {
    if (actor.kind !== 'user' || actor.role !== 'government' || !actor.orgId) return [];
    await this.ensureDepartments();
    return (await this.db.selectFrom('gov_departments').select('code').where('organisation_id', '=', actor.orgId).execute()).map((r) => r.code);
  }

  private async departmentUserIds(code: string): Promise<string[]> {
    const d = await this.db.selectFrom('gov_departments').select('organisation_id').where('code', '=', code).executeTakeFirst();
    if (!d?.organisation_id) return [];
    const users = await this.deps.accounts.members(SYSTEM, d.organisation_id);
    return users.filter((u) => u.status === 'active' && u.role === 'government').map((u) => u.id);
  }

  /** The subject must exist and be visible to the raiser; its region is the default place of the blocker. */
  private async subjectRegion(actor: Actor, type: SubjectType, id: string): Promise<string | null> {
    if (type === 'deal') {
      const v = await this.deps.deals.view(actor, id);
      return v.row.industrialised_region ?? v.row.city_code;
    }
    if (type === 'demand') return (await this.deps.demands.get(actor, id)).row.region_code;
    if (type === 'achievement') return (await this.deps.achievements.get(actor, id)).row.region_code;
    const org = await this.deps.organisations.get(id).catch(() => null);
    if (!org) throw new AppError('CASE_SUBJECT_NOT_FOUND', { subjectType: type, subjectId: id });
    return org.region_code;
  }

  async raise(actor: Actor, input: RaiseCaseInput): Promise<CoordinationCaseRow> {
    if (actor.kind !== 'user') throw denied(actor);
    if (input.regionCode && !/^\d{6}$/.test(input.regionCode)) throw invalidField('regionCode', '行政区划代码应为 6 位数字', 'must be a 6-digit region code');
    const subjectRegion = await this.subjectRegion(actor, input.subjectType, input.subjectId);
    await this.ensureDepartments();
    const params = coordinationParams();
    const regionCode = input.regionCode ?? subjectRegion ?? null;
    const department = routeCase(params, input.type, regionCode);
    const known = await this.db.selectFrom('gov_departments').select('code').where('code', '=', department).executeTakeFirst();
    if (!known) throw new AppError('DEPARTMENT_NOT_FOUND', { code: department });
    const today = this.today();
    const due = dueDateFor(today, params.types[input.type].sla, workingCalendar());
    const at = nowIso(this.ctx.clock);
    const row: CoordinationCaseRow = {
      id: uuidv7(), subject_type: input.subjectType, subject_id: input.subjectId, type: input.type, title: input.title.trim(), description: input.description ?? '',
      region_code: regionCode, raised_by: actor.userId, raised_org_id: actor.orgId, first_department: department, department, level: departmentLevel(department),
      status: 'open', raised_on: today, first_due_date: due, due_date: due, reminded_for: null, overdue_flagged: 0, escalated_at: null, resolution: null,
      resolved_on: null, resolved_by: null, rating: null, rating_comment: null, closed_at: null, created_at: at, updated_at: at, version: 1,
    };
    const recipients = await this.departmentUserIds(department);
    await inTransaction(this.db, async (trx) => {
      await trx.insertInto('coordination_cases').values(row).execute();
      await this.event(trx, row.id, actor, 'raised', row.description, { department, dueDate: due });
      await recordAudit(trx, actor, { action: 'coordination.raise', subjectType: 'coordination_case', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
      for (const userId of recipients) {
        await this.deps.notifications.notify({ userId, kind: 'coordination', title: `新的协调事项：${row.title}`, body: `办理期限 ${due}`, link: `/government/cases/${row.id}` }, trx as unknown as Executor<DB>);
      }
    });
    return row;
  }

  private async event(trx: Kysely<GovDB>, caseId: string, actor: Actor, kind: string, text: string, data: Record<string, unknown> = {}): Promise<void> {
    const ev: CoordinationEventRow = { id: uuidv7(), case_id: caseId, at: nowIso(this.ctx.clock), actor_user_id: actor.kind === 'user' ? actor.userId : null, kind, text, data: JSON.stringify(data) };
    await trx.insertInto('coordination_events').values(ev).execute();
  }

  /** Optimistic update: the row must still be at the version read. */
  private async update(trx: Kysely<GovDB>, before: CoordinationCaseRow, patch: Partial<CoordinationCaseRow>): Promise<CoordinationCaseRow> {
    const after = { ...before, ...patch, updated_at: nowIso(this.ctx.clock), version: before.version + 1 };
    const r = await trx.updateTable('coordination_cases').set({ ...patch, updated_at: after.updated_at, version: after.version }).where('id', '=', before.id).where('version', '=', before.version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    return after;
  }

  private async load(id: string): Promise<CoordinationCaseRow> {
    const row = await this.db.selectFrom('coordination_cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('CASE_NOT_FOUND');
    return row;
  }

  /** Who the actor is to a case; outsiders get CASE_NOT_FOUND (they must not learn it exists). */
  private async access(actor: Actor, row: CoordinationCaseRow): Promise<{ raiser: boolean; handler: boolean; admin: boolean }> {
    const admin = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
    const raiser = actor.kind === 'user' && actor.userId === row.raised_by;
    const depts = await this.departmentsOf(actor);
    const handler = depts.includes(row.department);
    const earlier = depts.includes(row.first_department);
    if (!admin && !raiser && !handler && !earlier) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'CASE_NOT_FOUND');
    return { raiser, handler, admin };
  }

  async get(actor: Actor, id: string): Promise<{ case: CoordinationCaseRow; events: CoordinationEventRow[] }> {
    const row = await this.load(id);
    await this.access(actor, row);
    const events = await this.db.selectFrom('coordination_events').selectAll().where('case_id', '=', id).orderBy('at').orderBy('id').execute();
    return { case: row, events };
  }

  /** mine: raised by me; queue: my departments' cases (government users); all: admins and government users. */
  async list(actor: Actor, scope: 'mine' | 'queue' | 'all', status?: string): Promise<CoordinationCaseRow[]> {
    if (actor.kind === 'anonymous') throw denied(actor);
    let q = this.db.selectFrom('coordination_cases').selectAll();
    if (scope === 'mine') {
      if (actor.kind !== 'user') throw denied(actor);
      q = q.where('raised_by', '=', actor.userId);
    } else if (scope === 'queue') {
      if (!(actor.kind === 'user' && actor.role === 'government')) throw denied(actor);
      const depts = await this.departmentsOf(actor);
      q = q.where('department', 'in', depts.length ? depts : ['']);
    } else if (!(actor.kind === 'system' || actor.role === 'admin' || actor.role === 'government')) {
      throw denied(actor);
    }
    if (status) q = q.where('status', '=', status);
    return q.orderBy('due_date').orderBy('created_at').limit(500).execute();
  }

  async comment(actor: Actor, id: string, text: string): Promise<void> {
    const row = await this.load(id);
    await this.access(actor, row);
    await inTransaction(this.db, async (trx) => {
      await this.event(trx, id, actor, 'comment', text);
      await recordAudit(trx, actor, { action: 'coordination.comment', subjectType: 'coordination_case', subjectId: id, after: { text }, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  /** The responsible department (or an admin) records how the blocker was cleared. */
  async resolve(actor: Actor, id: string, resolution: string): Promise<CoordinationCaseRow> {
    const row = await this.load(id);
    const a = await this.access(actor, row);
    if (!a.handler && !a.admin) throw new AppError('CASE_NOT_HANDLER');
    if (row.status !== 'open') throw new AppError('CASE_STATUS_INVALID', { status: row.status });
    const patch = { status: 'resolved', resolution, resolved_on: this.today(), resolved_by: actor.kind === 'user' ? actor.userId : null };
    return inTransaction(this.db, async (trx) => {
      const after = await this.update(trx, row, patch);
      await this.event(trx, id, actor, 'resolved', resolution);
      await recordAudit(trx, actor, { action: 'coordination.resolve', subjectType: 'coordination_case', subjectId: id, before: row, after, requestId: actor.requestId }, this.ctx.clock.now());
      await this.deps.notifications.notify({ userId: row.raised_by, kind: 'coordination', title: `协调事项已办结：${row.title}`, body: '请评价办理满意度', link: `/cases/${id}` }, trx as unknown as Executor<DB>);
      return after;
    });
  }

  /** The raiser closes a resolved case with a satisfaction rating (1–5), or sends it back (reopen) with a reason. */
  async close(actor: Actor, id: string, rating: number, comment = ''): Promise<CoordinationCaseRow> {
    const row = await this.load(id);
    const a = await this.access(actor, row);
    if (!a.raiser) throw new AppError('CASE_NOT_RAISER');
    if (row.status !== 'resolved') throw new AppError('CASE_STATUS_INVALID', { status: row.status });
    const { min, max } = coordinationParams().rating;
    if (!Number.isInteger(rating) || rating < min || rating > max) throw invalidField('rating', `满意度应为 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`);
    return inTransaction(this.db, async (trx) => {
      const after = await this.update(trx, row, { status: 'closed', rating, rating_comment: comment, closed_at: nowIso(this.ctx.clock) });
      await this.event(trx, id, actor, 'closed', comment, { rating });
      await recordAudit(trx, actor, { action: 'coordination.close', subjectType: 'coordination_case', subjectId: id, before: row, after, requestId: actor.requestId }, this.ctx.clock.now());
      return after;
    });
  }

  async reopen(actor: Actor, id: string, reason: string): Promise<CoordinationCaseRow> {
    const row = await this.load(id);
    const a = await this.access(actor, row);
    if (!a.raiser) throw new AppError('CASE_NOT_RAISER');
    if (row.status !== 'resolved') throw new AppError('CASE_STATUS_INVALID', { status: row.status });
    return inTransaction(this.db, async (trx) => {
      const after = await this.update(trx, row, { status: 'open', resolution: null, resolved_on: null, resolved_by: null });
      await this.event(trx, id, actor, 'reopened', reason);
      await recordAudit(trx, actor, { action: 'coordination.reopen', subjectType: 'coordination_case', subjectId: id, before: row, after, requestId: actor.requestId }, this.ctx.clock.now());
      return after;
    });
  }

  /**
   * The scheduled sweep: reminds departments of cases due within `reminderDaysBefore` days, escalates overdue city
   * cases to the provincial department of the same kind with a fresh SLA, and flags overdue provincial cases once.
   * Returns the number of cases acted on.
   */
  async escalateOverdue(): Promise<number> {
    await this.ensureDepartments();
    const params = coordinationParams();
    const today = this.today();
    const open = await this.db.selectFrom('coordination_cases').selectAll().where('status', '=', 'open').execute();
    let acted = 0;
    for (const c of open) {
      const action = sweepAction({ level: c.level as 'city' | 'province', dueDate: c.due_date, remindedFor: c.reminded_for, overdueFlagged: c.overdue_flagged === 1 }, today, params);
      if (!action) continue;
      if (action === 'remind') {
        const users = await this.departmentUserIds(c.department);
        await inTransaction(this.db, async (trx) => {
          const after = await this.update(trx, c, { reminded_for: c.due_date });
          await this.event(trx, c.id, SYSTEM, 'reminded', '', { dueDate: c.due_date, users: users.length });
          await recordAudit(trx, SYSTEM, { action: 'coordination.remind', subjectType: 'coordination_case', subjectId: c.id, before: c, after }, this.ctx.clock.now());
          for (const userId of users) await this.deps.notifications.notify({ userId, kind: 'coordination', title: `协调事项即将到期：${c.title}`, body: `办理期限 ${c.due_date}`, link: `/government/cases/${c.id}` }, trx as unknown as Executor<DB>);
        });
      } else if (action === 'escalate') {
        const parent = parentDepartment(c.department)!;
        const due = dueDateFor(today, params.escalation.provinceSla, workingCalendar());
        const users = await this.departmentUserIds(parent);
        await inTransaction(this.db, async (trx) => {
          const after = await this.update(trx, c, { department: parent, level: 'province', due_date: due, escalated_at: nowIso(this.ctx.clock), reminded_for: null });
          await this.event(trx, c.id, SYSTEM, 'escalated', '', { from: c.department, to: parent, overdueSince: c.due_date, dueDate: due });
          await recordAudit(trx, SYSTEM, { action: 'coordination.escalate', subjectType: 'coordination_case', subjectId: c.id, before: c, after }, this.ctx.clock.now());
          for (const userId of [...users, c.raised_by]) {
            await this.deps.notifications.notify({ userId, kind: 'coordination', title: `协调事项逾期升级至省级：${c.title}`, body: `原期限 ${c.due_date}，新期限 ${due}`, link: `/government/cases/${c.id}` }, trx as unknown as Executor<DB>);
          }
        });
      } else {
        const users = await this.departmentUserIds(c.department);
        await inTransaction(this.db, async (trx) => {
          const after = await this.update(trx, c, { overdue_flagged: 1 });
          await this.event(trx, c.id, SYSTEM, 'flagged', '', { overdueSince: c.due_date });
          await recordAudit(trx, SYSTEM, { action: 'coordination.flag', subjectType: 'coordination_case', subjectId: c.id, before: c, after }, this.ctx.clock.now());
          for (const userId of users) await this.deps.notifications.notify({ userId, kind: 'coordination', title: `协调事项已逾期：${c.title}`, body: `期限 ${c.due_date}`, link: `/government/cases/${c.id}` }, trx as unknown as Executor<DB>);
        });
      }
      acted++;
    }
    return acted;
  }

  /** Public per-department statistics of cases raised in [from, to] (Shanghai dates), attributed to the department first routed to. */
  async stats(period?: { from: string; to: string }) {
    await this.ensureDepartments();
    let q = this.db.selectFrom('coordination_cases').select(['first_department', 'raised_on', 'first_due_date', 'resolved_on', 'rating']);
    if (period) q = q.where('raised_on', '>=', period.from).where('raised_on', '<=', period.to);
    const rows = await q.execute();
    const names = new Map((await this.departments()).map((d) => [d.code, d]));
    return departmentStats(rows.map((r) => ({ department: r.first_department, raisedOn: r.raised_on, firstDueDate: r.first_due_date, resolvedOn: r.resolved_on, rating: r.rating })), this.today())
      .map((s) => ({ ...s, name: names.get(s.department)?.name ?? s.department, nameEn: names.get(s.department)?.name_en ?? s.department }));
  }
}
