/**
 * Alliances (产学研联盟 / 创新联合体) led by a head enterprise: members (enterprises, universities, institutes),
 * joint R&D topics generated from members' demands, tasks, and the members' deals and contracts rolled up.
 */
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { ListingsService } from '../listings/index.js';
import type { DealsService } from '../deals/index.js';
import type { ChainsDB } from './chains.service.js';
import type { AllianceMemberRow, AllianceRow, AllianceTaskRow, AllianceTopicRow } from './chains.table.js';

/** The contracts of a set of organisations (applicant or party); the lead wires it to the contracts module. */
export type ContractsOf = (orgIds: string[]) => Promise<{ id: string; title: string; amount_fen: number; status: string; deal_id: string | null }[]>;

const isAdmin = (a: Actor) => a.kind === 'system' || (a.kind === 'user' && a.role === 'admin');

export class AlliancesService {
  constructor(
    private readonly ctx: KernelContext<ChainsDB>,
    private readonly deps: { organisations: OrganisationsService; demands: ListingsService<'demand'>; deals: DealsService; contractsOf: ContractsOf },
  ) {}

  async create(actor: Actor, input: { name: string; kind: 'alliance' | 'consortium'; chainCode?: string | null; intro?: string }): Promise<AllianceRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('FORBIDDEN');
    const org = await this.deps.organisations.get(actor.orgId);
    if (org.type !== 'enterprise' && !isAdmin(actor)) throw new AppError('ALLIANCE_LEAD_ENTERPRISE');
    const now = nowIso(this.ctx.clock);
    const row: AllianceRow = { id: uuidv7(), name: input.name.trim(), kind: input.kind, lead_org_id: actor.orgId, chain_code: input.chainCode ?? null, intro: input.intro ?? '', created_at: now };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('alliances').values(row).execute();
      await trx.insertInto('alliance_members').values({ alliance_id: row.id, organisation_id: actor.orgId!, role: 'lead', joined_at: now }).execute();
      await recordAudit(trx, actor, { action: 'alliance.create', subjectType: 'alliance', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async get(id: string): Promise<{ alliance: AllianceRow; members: AllianceMemberRow[] }> {
    const alliance = await this.ctx.db.selectFrom('alliances').selectAll().where('id', '=', id).executeTakeFirst();
    if (!alliance) throw new AppError('ALLIANCE_NOT_FOUND');
    const members = await this.ctx.db.selectFrom('alliance_members').selectAll().where('alliance_id', '=', id).orderBy('joined_at').execute();
    return { alliance, members };
  }

  async list(): Promise<AllianceRow[]> {
    return this.ctx.db.selectFrom('alliances').selectAll().orderBy('created_at').limit(500).execute();
  }

  private assertLead(actor: Actor, a: AllianceRow): void {
    if (isAdmin(actor)) return;
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (actor.orgId !== a.lead_org_id) throw new AppError('FORBIDDEN');
  }

  private assertMember(actor: Actor, members: AllianceMemberRow[]): void {
    if (isAdmin(actor) || (actor.kind === 'user' && actor.role === 'government')) return;
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!members.some((m) => m.organisation_id === actor.orgId)) throw new AppError('FORBIDDEN');
  }

  async addMember(actor: Actor, id: string, organisationId: string): Promise<AllianceMemberRow> {
    const { alliance, members } = await this.get(id);
    this.assertLead(actor, alliance);
    await this.deps.organisations.get(organisationId);
    if (members.some((m) => m.organisation_id === organisationId)) throw new AppError('ALLIANCE_MEMBER_EXISTS');
    const row: AllianceMemberRow = { alliance_id: id, organisation_id: organisationId, role: 'member', joined_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('alliance_members').values(row).execute();
      await recordAudit(trx, actor, { action: 'alliance.member.add', subjectType: 'alliance', subjectId: id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** A joint R&D topic (联合攻关课题) generated from members' demands; each demand must belong to a member. */
  async createTopic(actor: Actor, id: string, input: { title: string; description?: string; demandIds: string[] }): Promise<AllianceTopicRow> {
    const { members } = await this.get(id);
    this.assertMember(actor, members);
    for (const d of input.demandIds) {
      const demand = await this.deps.demands.getRow(d);
      if (!members.some((m) => m.organisation_id === demand.organisation_id)) throw invalidField('demandIds', '课题只能来自联盟成员的技术需求', 'topics come from members’ demands');
    }
    const row: AllianceTopicRow = { id: uuidv7(), alliance_id: id, title: input.title.trim(), description: input.description ?? '', demand_ids: JSON.stringify(input.demandIds), status: 'open', created_by: actor.kind === 'user' ? actor.userId : null, created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('alliance_topics').values(row).execute();
      await recordAudit(trx, actor, { action: 'alliance.topic.create', subjectType: 'alliance', subjectId: id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async addTask(actor: Actor, topicId: string, input: { title: string; assigneeOrgId?: string | null; dueDate?: string | null }): Promise<AllianceTaskRow> {
    const topic = await this.ctx.db.selectFrom('alliance_topics').selectAll().where('id', '=', topicId).executeTakeFirst();
    if (!topic) throw new AppError('ALLIANCE_TOPIC_NOT_FOUND');
    const { members } = await this.get(topic.alliance_id);
    this.assertMember(actor, members);
    if (input.assigneeOrgId && !members.some((m) => m.organisation_id === input.assigneeOrgId)) throw invalidField('assigneeOrgId', '任务只能分配给联盟成员', 'assign tasks to members');
    const now = nowIso(this.ctx.clock);
    const row: AllianceTaskRow = { id: uuidv7(), topic_id: topicId, title: input.title.trim(), assignee_org_id: input.assigneeOrgId || null, /* '' = unassigned (was a foreign-key 500) */ due_date: input.dueDate ?? null, status: 'open', created_at: now, updated_at: now };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('alliance_tasks').values(row).execute();
      await recordAudit(trx, actor, { action: 'alliance.task.create', subjectType: 'alliance_topic', subjectId: topicId, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async completeTask(actor: Actor, taskId: string): Promise<AllianceTaskRow> {
    const task = await this.ctx.db.selectFrom('alliance_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (!task) throw new AppError('ALLIANCE_TOPIC_NOT_FOUND');
    const topic = await this.ctx.db.selectFrom('alliance_topics').select('alliance_id').where('id', '=', task.topic_id).executeTakeFirstOrThrow();
    this.assertMember(actor, (await this.get(topic.alliance_id)).members);
    const now = nowIso(this.ctx.clock);
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('alliance_tasks').set({ status: 'done', updated_at: now }).where('id', '=', taskId).execute();
      await recordAudit(trx, actor, { action: 'alliance.task.done', subjectType: 'alliance_task', subjectId: taskId, before: { status: task.status }, after: { status: 'done' }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return { ...task, status: 'done', updated_at: now };
  }

  /** Topics with tasks, and the members' deals and contracts rolled up (members and government). */
  async overview(actor: Actor, id: string) {
    const { alliance, members } = await this.get(id);
    this.assertMember(actor, members);
    const orgIds = members.map((m) => m.organisation_id);
    const topics = await this.ctx.db.selectFrom('alliance_topics').selectAll().where('alliance_id', '=', id).orderBy('created_at').execute();
    const tasks = topics.length ? await this.ctx.db.selectFrom('alliance_tasks').selectAll().where('topic_id', 'in', topics.map((t) => t.id)).orderBy('created_at').execute() : [];
    const deals = (await this.deps.deals.allDeals()).filter((d) => orgIds.includes(d.buyer_org_id) || orgIds.includes(d.seller_org_id));
    const contracts = await this.deps.contractsOf(orgIds);
    return {
      alliance, members,
      topics: topics.map((t) => ({ topic: t, demandIds: parseJsonArray(t.demand_ids), tasks: tasks.filter((k) => k.topic_id === t.id) })),
      deals: { count: deals.length, internal: deals.filter((d) => orgIds.includes(d.buyer_org_id) && orgIds.includes(d.seller_org_id)).length, items: deals.slice(0, 200).map((d) => ({ id: d.id, title: d.title, stage: d.stage, amountFen: d.amount_fen })) },
      contracts: { count: contracts.length, amountFen: contracts.reduce((s, c) => s + Number(c.amount_fen), 0), items: contracts.slice(0, 200) },
    };
  }
}
