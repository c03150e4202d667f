/**
 * Technology finance (科技金融): institutions and their products with conditions, financing requests from SMEs,
 * matching requests to products (hard filter, soft rank, reasons), and the application workflow. A bank or other
 * institution sees only the applications made to it; the serious list blocks applying; the abnormal list is
 * flagged to the institution.
 */
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { ListingsService } from '../listings/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { NotificationsService } from '../notifications/index.js';
import { termSet, type Reason, type TextAnalyzer } from '../pilot/index.js';
import { applicationTransition, hardConditionFailures, matchFinanceProducts, type ApplicationAction, type Collateral, type CompanyStage, type CreditClass, type FinanceKind, type FinancingProfile, type InstitutionKind, type ProductConditions } from './core/index.js';
import { financeParams } from './finance.params.js';
import type { FinanceInstitutionRow, FinanceProductRow, FinanceTables, FinancingApplicationRow, FinancingRequestRow } from './finance.table.js';

export type FinanceDB = DB & FinanceTables;

const INSTITUTION_ORG_TYPES = ['bank', 'guarantee', 'insurer', 'investor', 'government'];

export interface PatentRef {
  number: string;
  title?: string;
}

export interface RequestInput {
  title: string;
  amountFen: number;
  termMonths: number;
  purpose: string;
  stage?: CompanyStage | null;
  trl?: number | null;
  industries?: string[];
  collateral?: Collateral[];
  preferredKinds?: FinanceKind[];
  maxRateBp?: number | null;
  achievementIds?: string[];
  patents?: PatentRef[];
  contractIds?: string[];
}

interface RequestProfile {
  stage: CompanyStage | null;
  trl: number | null;
  industries: string[];
  regionCode: string | null;
  collateral: Collateral[];
  preferredKinds: FinanceKind[];
  maxRateBp: number | null;
}

/** Minimal credit port: list status and the serious-list gate (CreditService). */
export interface FinanceCreditPort {
  status(orgId: string): Promise<{ abnormal: boolean; serious: boolean; riskClass: string | null }>;
  assertMayTransact(orgId: string, action: 'finance'): Promise<void>;
}

const isAdmin = (a: Actor) => a.kind === 'system' || (a.kind === 'user' && a.role === 'admin');

export class FinanceService {
  constructor(
    private readonly ctx: KernelContext<FinanceDB>,
    private readonly deps: { organisations: OrganisationsService; credit: FinanceCreditPort; achievements: ListingsService<'achievement'>; analyzer: TextAnalyzer; notifications?: NotificationsService; members?: (orgId: string) => Promise<{ id: string }[]> },
  ) {}

  // ── institutions and products ────────────────────────────────────────────────────────────────

  async registerInstitution(actor: Actor, input: { organisationId?: string; kind: InstitutionKind; name?: string; intro?: string; regionCode?: string | null }): Promise<FinanceInstitutionRow> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const orgId = isAdmin(actor) && input.organisationId ? input.organisationId : actor.kind === 'user' ? actor.orgId : null;
    if (!orgId) throw new AppError('FORBIDDEN');
    const org = await this.deps.organisations.get(orgId);
    if (!isAdmin(actor) && !INSTITUTION_ORG_TYPES.includes(org.type)) throw new AppError('SERVICE_ORG_TYPE_REQUIRED', { types: INSTITUTION_ORG_TYPES.join(', ') });
    const existing = await this.ctx.db.selectFrom('finance_institutions').select('id').where('organisation_id', '=', orgId).executeTakeFirst();
    if (existing) throw new AppError('FINANCE_INSTITUTION_EXISTS');
    const row: FinanceInstitutionRow = { id: uuidv7(), organisation_id: orgId, kind: input.kind, name: input.name?.trim() || org.name, intro: input.intro ?? '', region_code: input.regionCode ?? org.region_code, created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('finance_institutions').values(row).execute();
      await recordAudit(trx, actor, { action: 'finance.institution.create', subjectType: 'finance_institution', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async institutions(): Promise<FinanceInstitutionRow[]> {
    return this.ctx.db.selectFrom('finance_institutions').selectAll().orderBy('name').execute();
  }

  async createProduct(actor: Actor, input: { kind: FinanceKind; name: string; description?: string; conditions: ProductConditions }): Promise<FinanceProductRow> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const inst = await this.ctx.db.selectFrom('finance_institutions').selectAll().where('organisation_id', '=', actor.orgId).executeTakeFirst();
    if (!inst) throw new AppError('FINANCE_INSTITUTION_REQUIRED');
    const c = input.conditions;
    if (c.amountMinFen > c.amountMaxFen) throw invalidField('conditions.amountMaxWan', '额度上限低于下限', 'the maximum is below the minimum');
    if (c.termMinMonths > c.termMaxMonths) throw invalidField('conditions.termMaxMonths', '期限上限低于下限', 'the maximum is below the minimum');
    if (c.rateMinBp !== null && c.rateMaxBp !== null && c.rateMinBp > c.rateMaxBp) throw invalidField('conditions.rateMaxPercent', '费率上限低于下限', 'the maximum is below the minimum');
    if (c.trlMin !== null && c.trlMax !== null && c.trlMin > c.trlMax) throw invalidField('conditions.trlMax', 'TRL 上限低于下限', 'trlMax is below trlMin');
    const now = nowIso(this.ctx.clock);
    const row: FinanceProductRow = { id: uuidv7(), institution_id: inst.id, organisation_id: inst.organisation_id, kind: input.kind, name: input.name.trim(), description: input.description ?? '', conditions: JSON.stringify(c), status: 'active', created_at: now, updated_at: now };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('finance_products').values(row).execute();
      await recordAudit(trx, actor, { action: 'finance.product.create', subjectType: 'finance_product', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async products(filter: { kind?: string; institution?: string } = {}): Promise<FinanceProductRow[]> {
    let q = this.ctx.db.selectFrom('finance_products').selectAll().where('status', '=', 'active');
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.institution) q = q.where('institution_id', '=', filter.institution);
    return q.orderBy('created_at').limit(500).execute();
  }

  async product(id: string): Promise<FinanceProductRow> {
    const row = await this.ctx.db.selectFrom('finance_products').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('FINANCE_PRODUCT_NOT_FOUND');
    return row;
  }

  // ── requests and matching ────────────────────────────────────────────────────────────────────

  async createRequest(actor: Actor, input: RequestInput): Promise<FinancingRequestRow> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw invalidField('amountWan', '金额须为正数', 'must be positive');
    const org = await this.deps.organisations.get(actor.orgId);
    // linked achievements must be visible to the applicant; the highest TRL among them stands in when none is given
    let trl = input.trl ?? null;
    const industries = new Set(input.industries ?? []);
    for (const id of input.achievementIds ?? []) {
      const v = await this.deps.achievements.get(actor, id);
      if (v.row.trl !== null && input.trl == null) trl = Math.max(trl ?? 0, v.row.trl);
      if (!input.industries?.length) for (const c of v.industries) industries.add(c);
    }
    const profile: RequestProfile = { stage: input.stage ?? null, trl, industries: [...industries], regionCode: org.region_code, collateral: input.collateral ?? [], preferredKinds: input.preferredKinds ?? [], maxRateBp: input.maxRateBp ?? null };
    const row: FinancingRequestRow = {
      id: uuidv7(), organisation_id: actor.orgId, created_by: actor.userId, title: input.title.trim(), amount_fen: input.amountFen, term_months: input.termMonths, purpose: input.purpose,
      profile: JSON.stringify(profile), achievement_ids: JSON.stringify(input.achievementIds ?? []), patents: JSON.stringify(input.patents ?? []), contract_ids: JSON.stringify(input.contractIds ?? []),
      status: 'open', created_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('financing_requests').values(row).execute();
      await recordAudit(trx, actor, { action: 'finance.request.create', subjectType: 'financing_request', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async request(actor: Actor, id: string): Promise<FinancingRequestRow> {
    const row = await this.ctx.db.selectFrom('financing_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !(isAdmin(actor) || (actor.kind === 'user' && actor.orgId === row.organisation_id))) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FINANCING_REQUEST_NOT_FOUND');
    return row;
  }

  async myRequests(actor: Actor): Promise<FinancingRequestRow[]> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    return this.ctx.db.selectFrom('financing_requests').selectAll().where('organisation_id', '=', actor.orgId).orderBy('created_at', 'desc').execute();
  }

  private async profileOf(r: FinancingRequestRow): Promise<FinancingProfile> {
    const p = JSON.parse(r.profile) as RequestProfile;
    const status = await this.deps.credit.status(r.organisation_id);
    return {
      amountFen: r.amount_fen, termMonths: r.term_months, trl: p.trl, stage: p.stage, creditClass: (status.riskClass as CreditClass | null) ?? null, regionCode: p.regionCode, industries: p.industries,
      collateral: p.collateral, patents: parseJsonArray(r.patents).length, preferredKinds: p.preferredKinds, maxRateBp: p.maxRateBp, purposeTerms: this.deps.analyzer.query(`${r.title} ${r.purpose}`).terms,
    };
  }

  /** Products for a request: eligible ones ranked with reasons, the others with the hard conditions they fail. */
  async match(actor: Actor, requestId: string) {
    const r = await this.request(actor, requestId);
    const profile = await this.profileOf(r);
    const products = await this.products();
    const candidates = products.map((p) => ({ id: p.id, kind: p.kind as FinanceKind, terms: termSet(this.deps.analyzer, `${p.name} ${p.description}`), conditions: JSON.parse(p.conditions) as ProductConditions }));
    const result = matchFinanceProducts(profile, candidates, financeParams());
    const byId = new Map(products.map((p) => [p.id, p]));
    return {
      request: r,
      creditClass: profile.creditClass,
      eligible: result.eligible.map((m) => ({ ...m, product: byId.get(m.productId)! })),
      excluded: result.excluded.map((e) => ({ ...e, product: byId.get(e.productId)! })),
    };
  }

  // ── applications ─────────────────────────────────────────────────────────────────────────────

  async apply(actor: Actor, requestId: string, productId: string, input: { pledgedPatents?: string[]; valuation?: Record<string, unknown> | null } = {}): Promise<FinancingApplicationRow> {
    const r = await this.request(actor, requestId);
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    await this.deps.credit.assertMayTransact(r.organisation_id, 'finance'); // 失信惩戒: the serious list blocks financing
    const product = await this.product(productId);
    const conditions = JSON.parse(product.conditions) as ProductConditions;
    const failed = hardConditionFailures(await this.profileOf(r), conditions, financeParams());
    if (failed.length) throw new AppError('FINANCE_PRODUCT_NOT_ELIGIBLE', { reasons: failed.map((f) => f.zh).join('；'), reasonsEn: failed.map((f) => f.en).join('; ') });
    const patents = parseJsonArray<PatentRef>(r.patents);
    let pledged: PatentRef[] = [];
    if (product.kind === 'ip_pledge_loan' || conditions.collateral === 'ip_pledge') {
      const numbers = input.pledgedPatents ?? patents.map((p) => p.number);
      pledged = numbers.map((n) => patents.find((p) => p.number === n) ?? null).filter((p): p is PatentRef => p !== null);
      if (!pledged.length || pledged.length !== numbers.length) throw invalidField('pledgedPatents', '质押专利须从融资需求所列专利中选择', 'pledged patents must be among the request’s patents');
    }
    const open = await this.ctx.db.selectFrom('financing_applications').select('id').where('request_id', '=', requestId).where('product_id', '=', productId).where('status', 'in', ['submitted', 'under_review', 'approved']).executeTakeFirst();
    if (open) throw new AppError('FINANCE_APPLICATION_EXISTS');
    const status = await this.deps.credit.status(r.organisation_id);
    const flags: Reason[] = status.abnormal ? [{ code: 'ABNORMAL_LIST', zh: '申请企业被列入经营异常名录', en: 'the applicant is on the abnormal list' }] : [];
    const now = nowIso(this.ctx.clock);
    const row: FinancingApplicationRow = {
      id: uuidv7(), request_id: requestId, product_id: productId, institution_org_id: product.organisation_id, applicant_org_id: r.organisation_id, applicant_user_id: actor.userId, status: 'submitted',
      flags: JSON.stringify(flags), pledged_patents: JSON.stringify(pledged), valuation: input.valuation ? JSON.stringify(checkValuation(input.valuation)) : null, decline_reason: null,
      approved_amount_fen: null, approved_rate_bp: null, approved_term_months: null, disbursed_amount_fen: null, disbursed_on: null, version: 1, created_at: now, updated_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('financing_applications').values(row).execute();
      await recordAudit(trx, actor, { action: 'finance.application.submit', subjectType: 'financing_application', subjectId: row.id, after: { ...row, valuation: row.valuation ? 'attached' : null }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    await this.notifyOrg(product.organisation_id, `新的融资申请：${r.title}`, `${product.name}${flags.length ? '（申请企业在经营异常名录中）' : ''}`, `/finance/applications/${row.id}`);
    return row;
  }

  private side(actor: Actor, a: FinancingApplicationRow): 'institution' | 'applicant' {
    if (isAdmin(actor)) return 'institution';
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (actor.orgId === a.institution_org_id) return 'institution';
    if (actor.orgId === a.applicant_org_id) return 'applicant';
    throw new AppError('FINANCE_APPLICATION_NOT_FOUND'); // another bank does not learn that it exists
  }

  async application(actor: Actor, id: string): Promise<FinancingApplicationRow> {
    const a = await this.ctx.db.selectFrom('financing_applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw new AppError('FINANCE_APPLICATION_NOT_FOUND');
    this.side(actor, a);
    return a;
  }

  /** mine: applications my organisation made; received: applications made to my institution. */
  async applications(actor: Actor, scope: 'mine' | 'received', status?: string): Promise<FinancingApplicationRow[]> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    let q = this.ctx.db.selectFrom('financing_applications').selectAll().where(scope === 'mine' ? 'applicant_org_id' : 'institution_org_id', '=', actor.orgId);
    if (status) q = q.where('status', '=', status);
    return q.orderBy('created_at', 'desc').limit(500).execute();
  }

  /** The applicant attaches (or replaces) a valuation, e.g. the answer of POST /api/valuation. */
  async attachValuation(actor: Actor, id: string, valuation: Record<string, unknown>): Promise<FinancingApplicationRow> {
    const a = await this.application(actor, id);
    if (this.side(actor, a) !== 'applicant' && !isAdmin(actor)) throw new AppError('FORBIDDEN');
    if (!['submitted', 'under_review'].includes(a.status)) throw new AppError('APPLICATION_STATE_INVALID', { status: a.status });
    const json = JSON.stringify(checkValuation(valuation));
    return this.update(actor, a, { valuation: json }, 'finance.application.valuation');
  }

  async act(actor: Actor, id: string, action: ApplicationAction, input: { reason?: string | null; amountFen?: number | null; rateBp?: number | null; termMonths?: number | null; date?: string | null } = {}): Promise<FinancingApplicationRow> {
    const a = await this.application(actor, id);
    const side = this.side(actor, a);
    const product = await this.product(a.product_id);
    const c = JSON.parse(product.conditions) as ProductConditions;
    const r = await this.ctx.db.selectFrom('financing_requests').select(['amount_fen', 'title']).where('id', '=', a.request_id).executeTakeFirstOrThrow();
    const t = applicationTransition({ status: a.status, requestedFen: r.amount_fen, approvedFen: a.approved_amount_fen, productMinFen: c.amountMinFen, productMaxFen: c.amountMaxFen }, action, side, input);
    if (!t.ok) throw new AppError(t.code, { status: a.status });
    const patch: Partial<FinancingApplicationRow> = { status: t.to };
    if (action === 'decline') patch.decline_reason = input.reason!.trim();
    if (action === 'approve') {
      if (c.rateMinBp !== null && input.rateBp != null && (input.rateBp < c.rateMinBp || (c.rateMaxBp !== null && input.rateBp > c.rateMaxBp))) throw invalidField('ratePercent', '批准费率不在产品费率区间内', 'the rate is outside the product’s range');
      Object.assign(patch, { approved_amount_fen: input.amountFen, approved_rate_bp: input.rateBp ?? c.rateMinBp, approved_term_months: input.termMonths ?? null });
    }
    if (action === 'disburse') Object.assign(patch, { disbursed_amount_fen: input.amountFen, disbursed_on: input.date ?? shanghaiDate(this.ctx.clock.now()) });
    const row = await this.update(actor, a, patch, `finance.application.${action}`);
    if (side === 'institution') {
      const zh = { review: '已受理', approve: '已批准', decline: '未获批准', disburse: '已放款', withdraw: '已撤回' }[action];
      await this.notifyOrg(a.applicant_org_id, `融资申请${zh}：${r.title}`, input.reason ?? product.name, `/finance/applications/${a.id}`);
    }
    return row;
  }

  private async update(actor: Actor, a: FinancingApplicationRow, patch: Partial<FinancingApplicationRow>, action: string): Promise<FinancingApplicationRow> {
    const next = { ...a, ...patch, version: a.version + 1, updated_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      const { id: _id, ...set } = { ...patch, version: next.version, updated_at: next.updated_at } as FinancingApplicationRow;
      const r = await trx.updateTable('financing_applications').set(set).where('id', '=', a.id).where('version', '=', a.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('CONFLICT');
      await recordAudit(trx, actor, { action, subjectType: 'financing_application', subjectId: a.id, before: { status: a.status }, after: { status: next.status, reason: next.decline_reason, approvedAmountFen: next.approved_amount_fen, disbursedAmountFen: next.disbursed_amount_fen }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return next;
  }

  /** Financing disbursed between two Asia/Shanghai dates (inclusive), in fen — for the plan indicator. */
  async disbursedFen(from: string, to: string): Promise<number> {
    const rows = await this.ctx.db.selectFrom('financing_applications').select('disbursed_amount_fen').where('disbursed_on', '>=', from).where('disbursed_on', '<=', to).execute();
    return rows.reduce((n, r) => n + (r.disbursed_amount_fen ?? 0), 0);
  }

  async stats() {
    const apps = await this.ctx.db.selectFrom('financing_applications').select(['status', 'disbursed_amount_fen', 'approved_amount_fen']).execute();
    const by = (s: string) => apps.filter((a) => a.status === s).length;
    return {
      financeProducts: (await this.ctx.db.selectFrom('finance_products').select('id').where('status', '=', 'active').execute()).length,
      financingRequests: (await this.ctx.db.selectFrom('financing_requests').select('id').execute()).length,
      applications: { submitted: by('submitted'), underReview: by('under_review'), approved: by('approved'), declined: by('declined'), disbursed: by('disbursed') },
      disbursedFen: apps.reduce((s, a) => s + Number(a.disbursed_amount_fen ?? 0), 0),
    };
  }

  private async notifyOrg(orgId: string, title: string, body: string, link: string): Promise<void> {
    if (!this.deps.notifications || !this.deps.members) return;
    for (const u of await this.deps.members(orgId)) await this.deps.notifications.notify({ userId: u.id, kind: 'finance', title, body, link });
  }
}

/** A valuation as returned by POST /api/valuation: an object with at least one of its approaches; kept under 64 KB. */
function checkValuation(v: Record<string, unknown>): Record<string, unknown> {
  if (!v || typeof v !== 'object' || !['combined', 'income', 'cost', 'market'].some((k) => k in v)) throw invalidField('valuation', '请附上价值评估计算结果（/api/valuation 的返回）', 'attach the result of /api/valuation');
  if (JSON.stringify(v).length > 64_000) throw invalidField('valuation', '评估结果过大', 'the valuation is too large');
  return v;
}
