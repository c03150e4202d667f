/**
 * First-of-kind promotion (首台套/首批次/首版次推广应用): the provincial catalogue of first-of-kind equipment,
 * materials and software with typed technical indicators (government enters them, or a maker proposes and the
 * government approves); the enterprises that could use a product, found by the matching analyzer with reasons; and
 * insurance-compensation applications (首台套保险补偿) by the maker or a buyer, with the required documents and the
 * government's review workflow.
 */
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { inTransaction, nowIso, parseJsonArray, type Executor, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { NotificationsService } from '../notifications/index.js';
import { taxonomyNode } from '../reference/index.js';
import { termSet, type TextAnalyzer } from '../pilot/index.js';
import { checkDocuments, compensationFen, compTransition, indicatorProblems, rankPotentialUsers, DOCUMENT_ZH, type CompAction, type DocumentMeta, type FirstKind, type Indicator, type PotentialUser } from './core/index.js';
import { firstkindParams } from './firstkind.params.js';
import type { FirstkindApplicationRow, FirstkindProductRow } from './firstkind.table.js';

export interface ProductInput {
  kind: FirstKind;
  name: string;
  makerOrgId?: string;
  indicators?: Indicator[];
  industries?: string[];
  recognitionYear?: number | null;
  batch?: string;
  description?: string;
}

export interface ApplicationInput {
  productId: string;
  applicantRole: 'maker' | 'buyer';
  insurer: string;
  policyNumber?: string;
  premiumFen: number;
  documents: DocumentMeta[];
}

const isGov = (a: Actor) => a.kind === 'system' || (a.kind === 'user' && (a.role === 'government' || a.role === 'admin'));
const rid = (a: Actor) => (a.kind === 'user' ? a.requestId : undefined);

export class FirstkindService {
  constructor(private readonly ctx: KernelContext<DB>, private readonly deps: { analyzer: TextAnalyzer; notifications: NotificationsService }) {}

  // ── catalogue ────────────────────────────────────────────────────────────────────────────────

  private checkProduct(input: Partial<ProductInput>): void {
    const problems = indicatorProblems(input.indicators ?? []);
    if (problems.length) throw invalidField(problems[0].field, problems[0].zh, problems[0].en);
    for (const c of input.industries ?? []) if (!taxonomyNode(c)) throw invalidField('industries', `领域代码 ${c} 不存在`, `unknown industry code ${c}`);
  }

  /** Government and administrators enter a product (approved at once); a maker enterprise proposes its own. */
  async create(actor: Actor, input: ProductInput): Promise<FirstkindProductRow> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const gov = isGov(actor);
    let makerOrgId: string;
    if (gov) {
      if (!input.makerOrgId) throw invalidField('makerOrgId', '请选择生产单位', 'choose the maker');
      makerOrgId = input.makerOrgId;
    } else {
      if (actor.kind !== 'user' || !actor.orgId || actor.role !== 'enterprise') throw new AppError('FORBIDDEN');
      if (input.makerOrgId && input.makerOrgId !== actor.orgId) throw invalidField('makerOrgId', '企业只能申报本单位的产品', 'an enterprise proposes its own products only');
      makerOrgId = actor.orgId;
    }
    const maker = await this.ctx.db.selectFrom('organisations').select(['id']).where('id', '=', makerOrgId).executeTakeFirst();
    if (!maker) throw invalidField('makerOrgId', '生产单位不存在', 'no such organisation');
    this.checkProduct(input);
    const now = nowIso(this.ctx.clock);
    const row: FirstkindProductRow = {
      id: uuidv7(), kind: input.kind, name: input.name.trim(), maker_org_id: makerOrgId, indicators: JSON.stringify(input.indicators ?? []), industries: JSON.stringify(input.industries ?? []),
      recognition_year: input.recognitionYear ?? null, batch: input.batch?.trim() ?? '', description: input.description ?? '', status: gov ? 'approved' : 'proposed',
      proposed_by: actor.kind === 'user' ? actor.userId : null, decided_by: gov && actor.kind === 'user' ? actor.userId : null, decision_reason: null, created_at: now, updated_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('firstkind_products').values(row).execute();
      await recordAudit(trx, actor, { action: gov ? 'firstkind.product.create' : 'firstkind.product.propose', subjectType: 'firstkind_product', subjectId: row.id, after: row, requestId: rid(actor) }, this.ctx.clock.now());
    });
    return row;
  }

  async update(actor: Actor, id: string, patch: Partial<ProductInput>): Promise<FirstkindProductRow> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (!isGov(actor) && !(actor.kind === 'user' && actor.role === 'enterprise')) throw new AppError('FORBIDDEN');
    const before = await this.product(actor, id);
    const mayEdit = isGov(actor) || (actor.kind === 'user' && actor.orgId === before.maker_org_id && before.status === 'proposed');
    if (!mayEdit) throw new AppError('FORBIDDEN');
    this.checkProduct(patch);
    const after: FirstkindProductRow = {
      ...before, kind: patch.kind ?? before.kind, name: patch.name?.trim() ?? before.name, indicators: patch.indicators ? JSON.stringify(patch.indicators) : before.indicators,
      industries: patch.industries ? JSON.stringify(patch.industries) : before.industries, recognition_year: patch.recognitionYear !== undefined ? patch.recognitionYear : before.recognition_year,
      batch: patch.batch?.trim() ?? before.batch, description: patch.description ?? before.description, updated_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('firstkind_products').set(after).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'firstkind.product.update', subjectType: 'firstkind_product', subjectId: id, before, after, requestId: rid(actor) }, this.ctx.clock.now());
    });
    return after;
  }

  /** The government approves a maker's proposal into the catalogue, or rejects it with a reason. */
  async decide(actor: Actor, id: string, decision: 'approve' | 'reject', reason?: string | null): Promise<FirstkindProductRow> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (!isGov(actor)) throw new AppError('FORBIDDEN');
    const before = await this.product(actor, id);
    if (before.status !== 'proposed') throw new AppError('FIRSTKIND_STATE_INVALID', { status: before.status });
    if (decision === 'reject' && !reason?.trim()) throw new AppError('FIRSTKIND_REASON_REQUIRED');
    const after: FirstkindProductRow = { ...before, status: decision === 'approve' ? 'approved' : 'rejected', decided_by: actor.kind === 'user' ? actor.userId : null, decision_reason: reason?.trim() || null, updated_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      const res = await trx.updateTable('firstkind_products').set(after).where('id', '=', id).where('status', '=', 'proposed').executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
      await recordAudit(trx, actor, { action: `firstkind.product.${decision}`, subjectType: 'firstkind_product', subjectId: id, before, after, requestId: rid(actor) }, this.ctx.clock.now());
      await this.notifyOrg(trx, before.maker_org_id, decision === 'approve' ? `已列入首台套目录：${before.name}` : `首台套目录申报未通过：${before.name}`, reason ?? '', `/firstkind/${id}`);
    });
    return after;
  }

  /**
   * Approved products for everybody; every status for government (scope=all); its own proposals for a maker
   * (scope=mine). A scope the caller has no right to falls back to the approved catalogue.
   */
  async list(actor: Actor, filter: { kind?: string; q?: string; scope?: 'approved' | 'all' | 'mine'; status?: string } = {}): Promise<FirstkindProductRow[]> {
    let q = this.ctx.db.selectFrom('firstkind_products').selectAll();
    if (filter.scope === 'all' && isGov(actor)) {
      if (filter.status) q = q.where('status', '=', filter.status);
    } else if (filter.scope === 'mine' && actor.kind === 'user' && actor.orgId) {
      q = q.where('maker_org_id', '=', actor.orgId);
    } else q = q.where('status', '=', 'approved');
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.q?.trim()) {
      const like = `%${filter.q.trim()}%`;
      q = q.where((eb) => eb.or([eb('name', 'like', like), eb('description', 'like', like)]));
    }
    return q.orderBy('updated_at', 'desc').limit(500).execute();
  }

  async product(actor: Actor, id: string): Promise<FirstkindProductRow> {
    const row = await this.ctx.db.selectFrom('firstkind_products').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('FIRSTKIND_PRODUCT_NOT_FOUND');
    if (row.status !== 'approved' && !isGov(actor) && !(actor.kind === 'user' && actor.orgId === row.maker_org_id)) throw new AppError('FIRSTKIND_PRODUCT_NOT_FOUND');
    return row;
  }

  async productNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.ctx.db.selectFrom('firstkind_products').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Organisation names by id (makers, applicants). */
  async makerNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.ctx.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Enterprises that could use the product: every enterprise's open demands, introduction and industries scored
   * against the product's name, description and indicators by the matching analyzer, with reasons. For the
   * government and the maker (who promotes it).
   */
  async potentialUsers(actor: Actor, id: string): Promise<(PotentialUser & { name: string; demandTitle: string | null })[]> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    if (!isGov(actor) && !(actor.kind === 'user' && actor.role === 'enterprise')) throw new AppError('FORBIDDEN');
    const p = await this.product(actor, id);
    if (!isGov(actor) && !(actor.kind === 'user' && actor.orgId === p.maker_org_id)) throw new AppError('FORBIDDEN');
    const indicators = parseJsonArray<Indicator>(p.indicators);
    const productText = `${p.name} ${p.description} ${indicators.map((x) => x.key).join(' ')}`;
    const orgs = (await this.ctx.db.selectFrom('organisations').select(['id', 'name', 'intro', 'deregistered_at']).where('type', '=', 'enterprise').execute()).filter((o) => !o.deregistered_at);
    const industries = new Map<string, string[]>();
    for (const r of await this.ctx.db.selectFrom('organisation_industries').select(['organisation_id', 'code']).execute()) industries.set(r.organisation_id, [...(industries.get(r.organisation_id) ?? []), r.code]);
    const demands = await this.ctx.db.selectFrom('demands').select(['id', 'organisation_id', 'title', 'summary']).where('status', '=', 'published').execute();
    const byOrg = new Map<string, { id: string; title: string; terms: Set<string> }[]>();
    for (const d of demands) byOrg.set(d.organisation_id, [...(byOrg.get(d.organisation_id) ?? []), { id: d.id, title: d.title, terms: termSet(this.deps.analyzer, `${d.title} ${d.summary}`) }]);
    const candidates = orgs.map((o) => ({ organisationId: o.id, industries: industries.get(o.id) ?? [], profileTerms: termSet(this.deps.analyzer, o.intro), demands: byOrg.get(o.id) ?? [] }));
    const ranked = rankPotentialUsers({ makerOrgId: p.maker_org_id, terms: this.deps.analyzer.query(productText).terms, industries: parseJsonArray(p.industries) }, candidates, firstkindParams.potentialUsers, (c) => taxonomyNode(c)?.name ?? c);
    const nameOf = new Map(orgs.map((o) => [o.id, o.name]));
    const titleOf = new Map(demands.map((d) => [d.id, d.title]));
    return ranked.map((r) => ({ ...r, name: nameOf.get(r.organisationId) ?? '', demandTitle: r.demandId ? titleOf.get(r.demandId) ?? null : null }));
  }

  // ── insurance compensation ───────────────────────────────────────────────────────────────────

  private assertDocuments(docs: DocumentMeta[]): void {
    const check = checkDocuments(docs, firstkindParams.documents);
    if (check.problems.length) throw invalidField(check.problems[0].field, check.problems[0].zh, check.problems[0].en);
    if (check.missing.length) throw new AppError('FIRSTKIND_DOCUMENTS_MISSING', { missing: check.missing.map((t) => DOCUMENT_ZH[t]).join('、'), missingEn: check.missing.join(', ') });
  }

  async apply(actor: Actor, input: ApplicationInput): Promise<FirstkindApplicationRow> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    if (!['enterprise', 'institution'].includes(actor.role)) throw new AppError('FORBIDDEN');
    const p = await this.product(actor, input.productId);
    if (p.status !== 'approved') throw new AppError('FIRSTKIND_STATE_INVALID', { status: p.status });
    if (input.applicantRole === 'maker' && p.maker_org_id !== actor.orgId) throw invalidField('applicantRole', '只有生产单位可以以生产方身份申请', 'only the maker applies as the maker');
    if (input.applicantRole === 'buyer' && p.maker_org_id === actor.orgId) throw invalidField('applicantRole', '生产单位请以生产方身份申请', 'the maker applies as the maker');
    const params = firstkindParams.compensation;
    if (!Number.isSafeInteger(input.premiumFen) || input.premiumFen < params.minPremiumFen) throw invalidField('premiumWan', `保费不低于 ${params.minPremiumFen / 1_000_000} 万元`, `the premium is at least ${params.minPremiumFen / 1_000_000} 10k CNY`);
    this.assertDocuments(input.documents);
    const open = await this.ctx.db.selectFrom('firstkind_applications').select('id').where('product_id', '=', p.id).where('applicant_org_id', '=', actor.orgId)
      .where('status', 'in', ['submitted', 'under_review', 'returned', 'approved']).executeTakeFirst();
    if (open) throw new AppError('FIRSTKIND_APPLICATION_EXISTS');
    const now = nowIso(this.ctx.clock);
    const row: FirstkindApplicationRow = {
      id: uuidv7(), product_id: p.id, applicant_org_id: actor.orgId, applicant_user_id: actor.userId, applicant_role: input.applicantRole, insurer: input.insurer.trim(), policy_number: input.policyNumber?.trim() ?? '',
      premium_fen: input.premiumFen, requested_fen: compensationFen(input.premiumFen, params), approved_fen: null, paid_fen: null, paid_on: null, documents: JSON.stringify(input.documents),
      status: 'submitted', reason: null, version: 1, created_at: now, updated_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('firstkind_applications').values(row).execute();
      await recordAudit(trx, actor, { action: 'firstkind.application.submit', subjectType: 'firstkind_application', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** mine: the caller's organisation's applications; review: every application, for the government (others get mine). */
  async applications(actor: Actor, scope: 'mine' | 'review', status?: string): Promise<FirstkindApplicationRow[]> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    let q = this.ctx.db.selectFrom('firstkind_applications').selectAll();
    if (!(scope === 'review' && isGov(actor))) {
      if (actor.kind !== 'user' || !actor.orgId) return [];
      q = q.where('applicant_org_id', '=', actor.orgId);
    }
    if (status) q = q.where('status', '=', status);
    return q.orderBy('created_at', 'desc').limit(500).execute();
  }

  async application(actor: Actor, id: string): Promise<FirstkindApplicationRow> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const row = await this.ctx.db.selectFrom('firstkind_applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !(isGov(actor) || (actor.kind === 'user' && actor.orgId === row.applicant_org_id))) throw new AppError('FIRSTKIND_APPLICATION_NOT_FOUND');
    return row;
  }

  async act(actor: Actor, id: string, action: CompAction, input: { reason?: string | null; amountFen?: number | null; documents?: DocumentMeta[]; premiumFen?: number } = {}): Promise<FirstkindApplicationRow> {
    const before = await this.application(actor, id);
    const side = isGov(actor) ? 'government' : 'applicant';
    const t = compTransition({ status: before.status, requestedFen: Number(before.requested_fen), approvedFen: before.approved_fen === null ? null : Number(before.approved_fen) }, action, side, input);
    if (!t.ok) throw new AppError(t.code, { status: before.status });
    const after: FirstkindApplicationRow = { ...before, status: t.to, version: before.version + 1, updated_at: nowIso(this.ctx.clock) };
    if (action === 'return' || action === 'decline') after.reason = input.reason!.trim();
    if (action === 'approve') after.approved_fen = input.amountFen!;
    if (action === 'pay') {
      after.paid_fen = input.amountFen ?? Number(before.approved_fen);
      after.paid_on = shanghaiDate(this.ctx.clock.now());
    }
    if (action === 'resubmit') {
      if (input.documents) {
        this.assertDocuments(input.documents);
        after.documents = JSON.stringify(input.documents);
      }
      if (input.premiumFen !== undefined) {
        if (!Number.isSafeInteger(input.premiumFen) || input.premiumFen < firstkindParams.compensation.minPremiumFen) throw invalidField('premiumWan', '保费金额不合法', 'invalid premium');
        after.premium_fen = input.premiumFen;
        after.requested_fen = compensationFen(input.premiumFen, firstkindParams.compensation);
      }
      after.reason = null;
    }
    const product = await this.ctx.db.selectFrom('firstkind_products').select(['name']).where('id', '=', before.product_id).executeTakeFirstOrThrow();
    await inTransaction(this.ctx.db, async (trx) => {
      const res = await trx.updateTable('firstkind_applications').set(after).where('id', '=', id).where('version', '=', before.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
      await recordAudit(trx, actor, { action: `firstkind.application.${action}`, subjectType: 'firstkind_application', subjectId: id, before, after, requestId: rid(actor) }, this.ctx.clock.now());
      if (side === 'government') {
        const label: Record<string, string> = { review: '已受理', return: '被退回补正', approve: '已批准', decline: '未通过', pay: '补偿资金已拨付' };
        await this.notifyOrg(trx, before.applicant_org_id, `首台套保险补偿申请${label[action] ?? action}：${product.name}`, after.reason ?? '', `/firstkind/applications/${id}`);
      }
    });
    return after;
  }

  private async notifyOrg(db: Executor<DB>, orgId: string, title: string, body: string, link: string): Promise<void> {
    const users = await db.selectFrom('users').select('id').where('organisation_id', '=', orgId).where('status', '=', 'active').execute();
    for (const u of users) await this.deps.notifications.notify({ userId: u.id, kind: 'firstkind', title, body, link }, db);
  }
}


