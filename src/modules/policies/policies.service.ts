/**
 * Policy push (惠企政策直达): the government keeps a library of policies with structured conditions; every
 * organisation sees the policies it qualifies for with the conditions it meets and misses (and the near misses);
 * when a policy is published or edited, the members of every organisation that newly qualifies are notified — once
 * per policy version, recorded in policy_matches so a rerun notifies nobody twice.
 */
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { NotificationsService } from '../notifications/index.js';
import { regionByCode, taxonomyNode } from '../reference/index.js';
import { conditionProblems, evaluate, inForce, normaliseConditions, notifyPlan, sizeOf, type CompanyStage, type CreditClass, type Evaluation, type OrgFacts, type PolicyConditions } from './core/index.js';
import { policiesParams } from './policies.params.js';
import type { PolicyOrgProfileRow, PolicyRow } from './policies.table.js';

export interface PolicyInput {
  title: string;
  issuer: string;
  docNumber?: string;
  summary?: string;
  scope?: string;
  conditions: PolicyConditions;
  benefit?: string;
  link?: string | null;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
}

export interface OrgFactsInput {
  employees?: number | null;
  revenueFen?: number | null;
  stage?: CompanyStage | null;
}

export interface PolicyEvaluation extends Evaluation {
  policy: PolicyRow;
}

const isGov = (a: Actor) => a.kind === 'system' || (a.kind === 'user' && (a.role === 'government' || a.role === 'admin'));
const names = { region: (c: string) => regionByCode(c)?.name ?? c, industry: (c: string) => taxonomyNode(c)?.name ?? c };

export class PoliciesService {
  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: { notifications: NotificationsService; creditClassOf: (orgId: string) => string | null },
  ) {}

  private today(): string {
    return shanghaiDate(this.ctx.clock.now());
  }

  private assertGov(actor: Actor): void {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (!isGov(actor)) throw new AppError('FORBIDDEN');
  }

  private check(input: PolicyInput): void {
    const problems = conditionProblems(input.conditions);
    if (problems.length) throw invalidField(problems[0].field, problems[0].zh, problems[0].en);
    if (input.effectiveFrom && input.effectiveTo && input.effectiveFrom > input.effectiveTo) throw invalidField('effectiveTo', '失效日期早于生效日期', 'the expiry date is before the effective date');
  }

  // ── the library ──────────────────────────────────────────────────────────────────────────────

  async create(actor: Actor, input: PolicyInput): Promise<PolicyRow> {
    this.assertGov(actor);
    this.check(input);
    const now = nowIso(this.ctx.clock);
    const row: PolicyRow = {
      id: uuidv7(), title: input.title.trim(), issuer: input.issuer.trim(), doc_number: input.docNumber?.trim() ?? '', summary: input.summary ?? '', scope: input.scope ?? '',
      conditions: JSON.stringify(normaliseConditions(input.conditions)), benefit: input.benefit ?? '', link: input.link ?? null, effective_from: input.effectiveFrom ?? null, effective_to: input.effectiveTo ?? null,
      status: 'draft', version: 1, created_by: actor.kind === 'user' ? actor.userId : null, published_at: null, created_at: now, updated_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('policies').values(row).execute();
      await recordAudit(trx, actor, { action: 'policy.create', subjectType: 'policy', subjectId: row.id, after: row, requestId: actor.kind === 'user' ? actor.requestId : undefined }, this.ctx.clock.now());
    });
    return row;
  }

  /** Edits a policy; editing a published one makes a new version and notifies the organisations that newly qualify. */
  async update(actor: Actor, id: string, patch: Partial<PolicyInput>): Promise<{ policy: PolicyRow; notified: number }> {
    this.assertGov(actor);
    const before = await this.row(id);
    if (before.status === 'withdrawn') throw new AppError('POLICY_STATE_INVALID', { status: before.status });
    const merged: PolicyInput = {
      title: patch.title ?? before.title, issuer: patch.issuer ?? before.issuer, docNumber: patch.docNumber ?? before.doc_number, summary: patch.summary ?? before.summary, scope: patch.scope ?? before.scope,
      conditions: patch.conditions ? normaliseConditions(patch.conditions) : normaliseConditions(JSON.parse(before.conditions)), benefit: patch.benefit ?? before.benefit,
      link: patch.link !== undefined ? patch.link : before.link, effectiveFrom: patch.effectiveFrom !== undefined ? patch.effectiveFrom : before.effective_from, effectiveTo: patch.effectiveTo !== undefined ? patch.effectiveTo : before.effective_to,
    };
    this.check(merged);
    const after: PolicyRow = {
      ...before, title: merged.title.trim(), issuer: merged.issuer.trim(), doc_number: merged.docNumber ?? '', summary: merged.summary ?? '', scope: merged.scope ?? '', conditions: JSON.stringify(merged.conditions),
      benefit: merged.benefit ?? '', link: merged.link ?? null, effective_from: merged.effectiveFrom ?? null, effective_to: merged.effectiveTo ?? null,
      version: before.status === 'published' ? before.version + 1 : before.version, updated_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      const res = await trx.updateTable('policies').set(after).where('id', '=', id).where('version', '=', before.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
      await recordAudit(trx, actor, { action: 'policy.update', subjectType: 'policy', subjectId: id, before, after, requestId: actor.kind === 'user' ? actor.requestId : undefined }, this.ctx.clock.now());
    });
    const notified = after.status === 'published' ? (await this.notifyNewlyQualified(actor, id)).notifiedOrganisations : 0;
    return { policy: after, notified };
  }

  async publish(actor: Actor, id: string): Promise<{ policy: PolicyRow; notified: number }> {
    this.assertGov(actor);
    const before = await this.row(id);
    if (before.status !== 'draft') throw new AppError('POLICY_STATE_INVALID', { status: before.status });
    const now = nowIso(this.ctx.clock);
    const after: PolicyRow = { ...before, status: 'published', published_at: now, updated_at: now };
    await inTransaction(this.ctx.db, async (trx) => {
      const res = await trx.updateTable('policies').set({ status: 'published', published_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('POLICY_STATE_INVALID', { status: 'published' });
      await recordAudit(trx, actor, { action: 'policy.publish', subjectType: 'policy', subjectId: id, before, after, requestId: actor.kind === 'user' ? actor.requestId : undefined }, this.ctx.clock.now());
    });
    const { notifiedOrganisations } = await this.notifyNewlyQualified(actor, id);
    return { policy: after, notified: notifiedOrganisations };
  }

  async withdraw(actor: Actor, id: string): Promise<PolicyRow> {
    this.assertGov(actor);
    const before = await this.row(id);
    if (before.status === 'withdrawn') throw new AppError('POLICY_STATE_INVALID', { status: before.status });
    const after: PolicyRow = { ...before, status: 'withdrawn', updated_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('policies').set({ status: 'withdrawn', updated_at: after.updated_at }).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'policy.withdraw', subjectType: 'policy', subjectId: id, before, after, requestId: actor.kind === 'user' ? actor.requestId : undefined }, this.ctx.clock.now());
    });
    return after;
  }

  private async row(id: string): Promise<PolicyRow> {
    const row = await this.ctx.db.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('POLICY_NOT_FOUND');
    return row;
  }

  /** Published policies for everybody; `all` adds drafts and withdrawn ones for government and administrators only. */
  async list(actor: Actor, filter: { scope?: 'published' | 'all'; q?: string; inForce?: boolean } = {}): Promise<PolicyRow[]> {
    let q = this.ctx.db.selectFrom('policies').selectAll();
    if (!(filter.scope === 'all' && isGov(actor))) q = q.where('status', '=', 'published');
    if (filter.q?.trim()) {
      const like = `%${filter.q.trim()}%`;
      q = q.where((eb) => eb.or([eb('title', 'like', like), eb('issuer', 'like', like), eb('summary', 'like', like), eb('doc_number', 'like', like)]));
    }
    const rows = await q.orderBy('updated_at', 'desc').limit(500).execute();
    const today = this.today();
    return filter.inForce ? rows.filter((r) => inForce({ effectiveFrom: r.effective_from, effectiveTo: r.effective_to }, today)) : rows;
  }

  /**
   * One policy. Drafts only for government; the caller's own evaluation when it belongs to an organisation; the
   * organisations that qualify (with the conditions they meet) only for government and administrators.
   */
  async detail(actor: Actor, id: string): Promise<{ policy: PolicyRow; mine: Evaluation | null; qualifying: { organisationId: string; name: string; met: Evaluation['met'] }[] | null; inForce: boolean }> {
    const policy = await this.row(id);
    if (policy.status !== 'published' && !isGov(actor)) throw new AppError('POLICY_NOT_FOUND');
    const conditions = normaliseConditions(JSON.parse(policy.conditions));
    const mine = actor.kind === 'user' && actor.orgId ? evaluate(conditions, await this.factsOf(actor.orgId), names) : null;
    let qualifying: { organisationId: string; name: string; met: Evaluation['met'] }[] | null = null;
    if (isGov(actor)) {
      const all = await this.allFacts();
      qualifying = [];
      for (const [orgId, { facts, name }] of all) {
        const e = evaluate(conditions, facts, names);
        if (e.qualifies) qualifying.push({ organisationId: orgId, name, met: e.met });
      }
      qualifying.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    }
    return { policy, mine, qualifying, inForce: inForce({ effectiveFrom: policy.effective_from, effectiveTo: policy.effective_to }, this.today()) };
  }

  // ── matching ─────────────────────────────────────────────────────────────────────────────────

  /** The policies in force that the caller's organisation qualifies for, with reasons; near misses (≤ 1 missed) too. */
  async mine(actor: Actor, opts: { nearMisses?: boolean } = {}): Promise<{ facts: OrgFacts; qualifying: PolicyEvaluation[]; nearMisses: PolicyEvaluation[] }> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('POLICY_ORG_REQUIRED');
    const facts = await this.factsOf(actor.orgId);
    const policies = await this.list(actor, { inForce: true });
    const qualifying: PolicyEvaluation[] = [];
    const nearMisses: PolicyEvaluation[] = [];
    for (const p of policies) {
      const e = evaluate(normaliseConditions(JSON.parse(p.conditions)), facts, names);
      if (e.qualifies) qualifying.push({ policy: p, ...e });
      else if (opts.nearMisses && e.missed.length <= policiesParams.nearMissMax) nearMisses.push({ policy: p, ...e });
    }
    return { facts, qualifying, nearMisses };
  }

  /** The facts the rules see for one organisation. */
  async factsOf(orgId: string): Promise<OrgFacts> {
    const all = await this.allFacts([orgId]);
    const f = all.get(orgId);
    if (!f) throw new AppError('ORGANISATION_NOT_FOUND');
    return f.facts;
  }

  async declaredFacts(actor: Actor): Promise<{ declared: PolicyOrgProfileRow | null; facts: OrgFacts; revenueSource: 'declared' | 'annual_report' | null }> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('POLICY_ORG_REQUIRED');
    const declared = (await this.ctx.db.selectFrom('policy_org_profiles').selectAll().where('organisation_id', '=', actor.orgId).executeTakeFirst()) ?? null;
    const facts = await this.factsOf(actor.orgId);
    const report = declared?.revenue_fen != null ? null : await this.latestRevenue([actor.orgId]);
    return { declared, facts, revenueSource: declared?.revenue_fen != null ? 'declared' : report?.has(actor.orgId) ? 'annual_report' : null };
  }

  /** An organisation's members declare employees, revenue and stage (for 企业划型 and stage conditions). */
  async declareFacts(actor: Actor, input: OrgFactsInput): Promise<PolicyOrgProfileRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('POLICY_ORG_REQUIRED');
    const orgId = actor.orgId;
    const before = (await this.ctx.db.selectFrom('policy_org_profiles').selectAll().where('organisation_id', '=', orgId).executeTakeFirst()) ?? null;
    const row: PolicyOrgProfileRow = {
      organisation_id: orgId, employees: input.employees !== undefined ? input.employees : before?.employees ?? null, revenue_fen: input.revenueFen !== undefined ? input.revenueFen : before?.revenue_fen ?? null,
      stage: input.stage !== undefined ? input.stage : before?.stage ?? null, updated_by: actor.userId, updated_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      if (before) await trx.updateTable('policy_org_profiles').set(row).where('organisation_id', '=', orgId).execute();
      else await trx.insertInto('policy_org_profiles').values(row).execute();
      await recordAudit(trx, actor, { action: 'policy.facts.declare', subjectType: 'organisation', subjectId: orgId, before, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  private async latestRevenue(orgIds?: string[]): Promise<Map<string, number>> {
    let q = this.ctx.db.selectFrom('enterprise_reports').select(['organisation_id', 'year', 'revenue_fen']);
    if (orgIds) q = q.where('organisation_id', 'in', orgIds);
    const rows = await q.orderBy('year').execute();
    return new Map(rows.map((r) => [r.organisation_id, Number(r.revenue_fen)]));
  }

  /** Facts for every (or the given) organisation, in a handful of queries. */
  private async allFacts(orgIds?: string[]): Promise<Map<string, { facts: OrgFacts; name: string }>> {
    if (orgIds && !orgIds.length) return new Map();
    let oq = this.ctx.db.selectFrom('organisations').select(['id', 'name', 'type', 'region_code', 'flags', 'deregistered_at']);
    if (orgIds) oq = oq.where('id', 'in', orgIds);
    const orgs = (await oq.execute()).filter((o) => orgIds || !o.deregistered_at); // deregistered organisations are notified of nothing
    const ids = orgs.map((o) => o.id);
    if (!ids.length) return new Map();
    const scope = <T>(rows: T[], key: (r: T) => string) => (orgIds ? rows.filter((r) => ids.includes(key(r))) : rows);
    const industries = new Map<string, string[]>();
    for (const r of scope(await this.ctx.db.selectFrom('organisation_industries').select(['organisation_id', 'code']).$if(Boolean(orgIds), (q) => q.where('organisation_id', 'in', ids)).execute(), (r) => r.organisation_id)) {
      industries.set(r.organisation_id, [...(industries.get(r.organisation_id) ?? []), r.code]);
    }
    const profiles = new Map((await this.ctx.db.selectFrom('policy_org_profiles').selectAll().$if(Boolean(orgIds), (q) => q.where('organisation_id', 'in', ids)).execute()).map((p) => [p.organisation_id, p]));
    const trl = new Map<string, { min: number; max: number }>();
    const trlRows = await this.ctx.db.selectFrom('achievements').select(['organisation_id', 'trl']).where('trl', 'is not', null).where('status', 'not in', ['draft', 'rejected'])
      .$if(Boolean(orgIds), (q) => q.where('organisation_id', 'in', ids)).execute();
    for (const r of trlRows) {
      const t = Number(r.trl);
      const cur = trl.get(r.organisation_id);
      trl.set(r.organisation_id, cur ? { min: Math.min(cur.min, t), max: Math.max(cur.max, t) } : { min: t, max: t });
    }
    const revenue = await this.latestRevenue(orgIds ? ids : undefined);
    const out = new Map<string, { facts: OrgFacts; name: string }>();
    for (const o of orgs) {
      const p = profiles.get(o.id);
      const rev = p?.revenue_fen != null ? Number(p.revenue_fen) : revenue.get(o.id) ?? null;
      const cls = this.deps.creditClassOf(o.id);
      out.set(o.id, {
        name: o.name,
        facts: {
          regionCode: o.region_code, type: o.type, size: sizeOf(p?.employees ?? null, rev, policiesParams.size), industries: industries.get(o.id) ?? [], flags: parseJsonArray(o.flags),
          trlRange: trl.get(o.id) ?? null, stage: (p?.stage as CompanyStage | null) ?? null, creditClass: cls && ['A', 'B', 'C', 'D'].includes(cls) ? (cls as CreditClass) : null,
        },
      });
    }
    return out;
  }

  // ── notification ─────────────────────────────────────────────────────────────────────────────

  /**
   * Records every organisation that qualifies under the policy's current version and notifies the members of those
   * that newly qualify, in batches. Idempotent: a (policy, organisation, version) row is inserted once, and only the
   * run that inserted it sends the notifications. A policy not yet in force waits for the scheduled sweep.
   */
  async notifyNewlyQualified(actor: Actor, policyId: string): Promise<{ recorded: number; notifiedOrganisations: number; notifiedUsers: number }> {
    this.assertGov(actor);
    const policy = await this.row(policyId);
    const zero = { recorded: 0, notifiedOrganisations: 0, notifiedUsers: 0 };
    if (policy.status !== 'published' || !inForce({ effectiveFrom: policy.effective_from, effectiveTo: policy.effective_to }, this.today())) return zero;
    const conditions = normaliseConditions(JSON.parse(policy.conditions));
    const qualifying: string[] = [];
    for (const [orgId, { facts }] of await this.allFacts()) if (evaluate(conditions, facts).qualifies) qualifying.push(orgId);
    const recorded = await this.ctx.db.selectFrom('policy_matches').select(['organisation_id', 'version']).where('policy_id', '=', policyId).where('version', '<=', policy.version).execute();
    const thisVersion = new Set(recorded.filter((r) => r.version === policy.version).map((r) => r.organisation_id));
    const prevVersion = Math.max(0, ...recorded.filter((r) => r.version < policy.version).map((r) => r.version));
    const previous = new Set(recorded.filter((r) => r.version === prevVersion).map((r) => r.organisation_id));
    const plan = notifyPlan(qualifying, thisVersion, previous);
    if (!plan.record.length) return zero;

    const toNotify = plan.record.filter((r) => r.notify).map((r) => r.organisationId);
    const members = new Map<string, string[]>();
    for (let i = 0; i < toNotify.length; i += 500) {
      const users = await this.ctx.db.selectFrom('users').select(['id', 'organisation_id']).where('organisation_id', 'in', toNotify.slice(i, i + 500)).where('status', '=', 'active').execute();
      for (const u of users) members.set(u.organisation_id!, [...(members.get(u.organisation_id!) ?? []), u.id]);
    }
    const result = { recorded: 0, notifiedOrganisations: 0, notifiedUsers: 0 };
    const now = nowIso(this.ctx.clock);
    for (let i = 0; i < plan.record.length; i += policiesParams.notifyBatch) {
      const batch = plan.record.slice(i, i + policiesParams.notifyBatch);
      await inTransaction(this.ctx.db, async (trx) => {
        const notified: string[] = [];
        for (const r of batch) {
          const res = await trx.insertInto('policy_matches').values({ policy_id: policyId, organisation_id: r.organisationId, version: policy.version, notified: r.notify ? 1 : 0, created_at: now })
            .onConflict((oc) => oc.columns(['policy_id', 'organisation_id', 'version']).doNothing()).executeTakeFirst();
          if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) continue; // another run got there first
          result.recorded++;
          if (!r.notify) continue;
          notified.push(r.organisationId);
          for (const userId of members.get(r.organisationId) ?? []) {
            await this.deps.notifications.notify({ userId, kind: 'policy', title: `新政策可享受：${policy.title}`, body: `${policy.issuer}${policy.doc_number ? `（${policy.doc_number}）` : ''}：${policy.benefit || policy.summary}`.slice(0, 500), link: `/policies/${policyId}`, data: { policyId, version: policy.version } }, trx);
            result.notifiedUsers++;
          }
        }
        result.notifiedOrganisations += notified.length;
        await recordAudit(trx, actor, { action: 'policy.notify', subjectType: 'policy', subjectId: policyId, after: { version: policy.version, recorded: batch.length, notifiedOrganisations: notified }, requestId: actor.kind === 'user' ? actor.requestId : undefined }, this.ctx.clock.now());
      });
    }
    return result;
  }

  /** The scheduled sweep: organisations whose facts changed, or policies that came into force, get their notices. */
  async sweep(actor: Actor): Promise<string> {
    const rows = await this.list(actor, { inForce: true });
    let orgs = 0;
    for (const p of rows) orgs += (await this.notifyNewlyQualified(actor, p.id)).notifiedOrganisations;
    return `${rows.length} policies, ${orgs} organisations newly notified`;
  }
}
