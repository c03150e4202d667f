/**
 * Technology contract registration (技术合同认定登记): the registering party applies (the seller; for imports the
 * domestic buyer), a registrar (government user) decides within the deadline in working days, a certificate number
 * is issued; changes and cancellations are registered too. Only registered contracts count in statistics.
 */
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { DB } from '../../schema.js';
import { validateUscc, type OrganisationsService } from '../organisations/index.js';
import type { DealsService } from '../deals/index.js';
import { contractFlowStats, ContractRuleError, isValidContractType, registeringParty, registrationDeadline, techTradeAmountFen, validateContractParties, type ContractParty, type NonTechnicalItem, type RegionLevel, type TradeDirection } from './core/index.js';
import { contractsParams, holidayCalendar } from './contracts.params.js';
import type { ContractRow } from './contracts.table.js';

export interface ContractInput {
  dealId?: string | null;
  title: string;
  type: string;
  subtype: string;
  licenseObject?: string | null;
  direction: TradeDirection;
  parties: (ContractParty & { organisationId?: string | null })[];
  ipItems?: { type: string; number?: string | null; title?: string }[];
  amountFen: number;
  nonTechnical?: NonTechnicalItem[];
  signDate: string;
  termStart?: string | null;
  termEnd?: string | null;
}

const PARTY_MESSAGES: Record<string, [string, string]> = {
  PARTY_MISSING: ['须有卖方与买方', 'needs a seller and a buyer'],
  PARTY_NAME_REQUIRED: ['名称必填', 'name is required'],
  PARTY_USCC_REQUIRED: ['境内当事人须填写统一社会信用代码', 'domestic parties need a unified social credit code'],
  PARTY_USCC_INVALID: ['统一社会信用代码不正确', 'the unified social credit code is invalid'],
  PARTY_REGION_INVALID: ['行政区划代码不正确', 'the region code is invalid'],
  PARTY_DUPLICATE: ['当事人重复', 'duplicate party'],
  SELLER_IS_BUYER: ['卖方与买方不能是同一单位', 'seller and buyer cannot be the same organisation'],
  DIRECTION_MISMATCH: ['境内外身份与合同类型（进口/出口/境内）不符', 'foreign/domestic status does not fit the trade direction'],
};

function isRegistrar(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'government' || actor.role === 'admin'));
}

export class ContractsService {
  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: { deals: DealsService; organisations: OrganisationsService },
  ) {}

  private validate(input: ContractInput): { techTradeFen: number; seller: ContractParty; buyer: ContractParty } {
    if (!isValidContractType(input.type, input.subtype, input.licenseObject)) throw invalidField('subtype', '合同类型与子类型不匹配', 'type and sub-type do not match');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.signDate)) throw invalidField('signDate', '日期格式应为 YYYY-MM-DD', 'must be YYYY-MM-DD');
    const check = validateContractParties(input.direction, input.parties, validateUscc);
    if (!check.ok) {
      throw new AppError('VALIDATION_FAILED', {}, check.problems.map((p) => ({
        field: p.index !== undefined ? `parties.${p.index}` : 'parties', code: p.code,
        params: { reasonZh: PARTY_MESSAGES[p.code][0], reasonEn: PARTY_MESSAGES[p.code][1] },
      })));
    }
    let techTradeFen: number;
    try {
      techTradeFen = techTradeAmountFen(input.amountFen, input.nonTechnical ?? []);
    } catch (e) {
      if (e instanceof ContractRuleError) throw invalidField('nonTechnical', '非技术性款项之和超过成交额', 'non-technical payments exceed the contract amount');
      throw e;
    }
    return { techTradeFen, seller: input.parties.find((p) => p.role === 'seller')!, buyer: input.parties.find((p) => p.role === 'buyer')! };
  }

  /** Drafts a contract; the applicant's organisation must be the registering party. From a deal, at "contract signed". */
  async create(actor: Actor, input: ContractInput): Promise<ContractRow> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const { techTradeFen, seller, buyer } = this.validate(input);
    const side = registeringParty(input.direction, contractsParams());
    const applicantParty = side === 'seller' ? seller : buyer;
    const myOrg = await this.deps.organisations.get(actor.orgId);
    const isApplicant = (applicantParty as { organisationId?: string | null }).organisationId === actor.orgId || (!!myOrg.uscc && applicantParty.uscc?.toUpperCase() === myOrg.uscc);
    if (!isApplicant) throw new AppError('CONTRACT_APPLICANT_MISMATCH', { side });
    if (input.dealId) {
      const deal = await this.deps.deals.view(actor, input.dealId);
      if (deal.row.stage !== 'contract_signed') throw new AppError('CONTRACT_DEAL_NOT_SIGNED', { stage: deal.row.stage });
    }
    const now = nowIso(this.ctx.clock);
    const row: ContractRow = {
      id: uuidv7(), deal_id: input.dealId ?? null, title: input.title.trim(), type: input.type, subtype: input.subtype, license_object: input.licenseObject ?? null,
      direction: input.direction, parties: JSON.stringify(input.parties), seller_region: seller.regionCode ?? null, buyer_region: buyer.regionCode ?? null,
      ip_items: JSON.stringify(input.ipItems ?? []), amount_fen: input.amountFen, non_technical: JSON.stringify(input.nonTechnical ?? []), tech_trade_fen: techTradeFen,
      sign_date: input.signDate, term_start: input.termStart ?? null, term_end: input.termEnd ?? null, status: 'draft', applicant_org_id: actor.orgId,
      applicant_user_id: actor.userId, accepted_on: null, due_date: null, due_coverage: null, decided_at: null, registrar_user_id: null, certificate_no: null,
      reject_reason: null, version: 1, created_at: now, updated_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('contracts').values(row).execute();
      await recordAudit(trx, actor, { action: 'contract.create', subjectType: 'contract', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  private async load(actor: Actor, id: string): Promise<ContractRow> {
    const row = await this.ctx.db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
    const parties = row ? parseJsonArray<{ organisationId?: string }>(row.parties).map((p) => p.organisationId) : [];
    const mine = actor.kind === 'user' && !!actor.orgId && !!row && (row.applicant_org_id === actor.orgId || parties.includes(actor.orgId));
    if (!row || !(mine || isRegistrar(actor))) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'CONTRACT_NOT_FOUND');
    return row;
  }

  async get(actor: Actor, id: string): Promise<ContractRow> {
    return this.load(actor, id);
  }

  private async transition(actor: Actor, row: ContractRow, patch: Partial<ContractRow>, action: string, extra: Record<string, unknown> = {}): Promise<ContractRow> {
    return inTransaction(this.ctx.db, async (trx) => {
      const r = await trx.updateTable('contracts').set({ ...patch, updated_at: nowIso(this.ctx.clock), version: row.version + 1 }).where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('CONFLICT');
      const after = (await trx.selectFrom('contracts').selectAll().where('id', '=', row.id).executeTakeFirst())!;
      await recordAudit(trx, actor, { action, subjectType: 'contract', subjectId: row.id, before: { status: row.status }, after: { status: after.status, ...extra }, requestId: actor.requestId }, this.ctx.clock.now());
      return after;
    });
  }

  /** The applicant submits; the application is accepted today and the registrar's deadline runs in working days. */
  async submit(actor: Actor, id: string): Promise<ContractRow> {
    const row = await this.load(actor, id);
    if (actor.kind !== 'user' || row.applicant_org_id !== actor.orgId) throw new AppError('FORBIDDEN');
    if (row.status !== 'draft' && row.status !== 'rejected') throw new AppError('CONTRACT_STATUS_INVALID', { status: row.status });
    const acceptedOn = shanghaiDate(this.ctx.clock.now());
    const deadline = registrationDeadline(acceptedOn, row.tech_trade_fen, holidayCalendar(), contractsParams());
    return this.transition(actor, row, { status: 'submitted', accepted_on: acceptedOn, due_date: deadline.dueDate, due_coverage: deadline.coverage, reject_reason: null }, 'contract.submit', { dueDate: deadline.dueDate });
  }

  /** The registrar registers the contract: a certificate number, and the deal moves to "registered". */
  async register(actor: Actor, id: string): Promise<ContractRow> {
    if (!isRegistrar(actor)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const row = await this.load(actor, id);
    if (row.status !== 'submitted') throw new AppError('CONTRACT_STATUS_INVALID', { status: row.status });
    const year = shanghaiDate(this.ctx.clock.now()).slice(0, 4);
    const prefix = `${year}${(row.seller_region ?? '210000').slice(0, 4)}`;
    let after: ContractRow | null = null;
    for (let attempt = 0; attempt < 5 && !after; attempt++) {
      const n = Number((await this.ctx.db.selectFrom('contracts').select((eb) => eb.fn.countAll().as('n')).where('certificate_no', 'like', `${prefix}%`).executeTakeFirstOrThrow()).n);
      const certificate = `${prefix}${String(n + 1 + attempt).padStart(6, '0')}`;
      after = await this.transition(actor, row, { status: 'registered', certificate_no: certificate, decided_at: nowIso(this.ctx.clock), registrar_user_id: actor.kind === 'user' ? actor.userId : null }, 'contract.register', { certificate })
        .catch((e) => (/certificate_no|unique|UNIQUE/i.test(String((e as Error).message)) ? null : Promise.reject(e)));
    }
    if (!after) throw new AppError('CONFLICT');
    if (after.deal_id) {
      const deal = await this.deps.deals.get(after.deal_id);
      if (deal && deal.stage === 'contract_signed') await this.deps.deals.applyStage({ kind: 'system', process: 'contract-registration' }, deal, { to: 'registered' }, { contractId: after.id, certificateNo: after.certificate_no });
    }
    return after;
  }

  async reject(actor: Actor, id: string, reason: string): Promise<ContractRow> {
    if (!isRegistrar(actor)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    if (!reason.trim()) throw invalidField('reason', '请说明不予登记的理由', 'give the reason');
    const row = await this.load(actor, id);
    if (row.status !== 'submitted') throw new AppError('CONTRACT_STATUS_INVALID', { status: row.status });
    return this.transition(actor, row, { status: 'rejected', reject_reason: reason.trim(), decided_at: nowIso(this.ctx.clock), registrar_user_id: actor.kind === 'user' ? actor.userId : null }, 'contract.reject', { reason });
  }

  /** Registers a change (amounts, term) or a cancellation of a registered contract, with its reason. */
  async change(actor: Actor, id: string, kind: 'change' | 'cancel', reason: string, patch: { amountFen?: number; nonTechnical?: NonTechnicalItem[]; termEnd?: string | null } = {}): Promise<ContractRow> {
    const row = await this.load(actor, id);
    if (!(isRegistrar(actor) || (actor.kind === 'user' && row.applicant_org_id === actor.orgId))) throw new AppError('FORBIDDEN');
    if (row.status !== 'registered') throw new AppError('CONTRACT_STATUS_INVALID', { status: row.status });
    if (!reason.trim()) throw invalidField('reason', '请说明变更或注销理由', 'give the reason');
    const next: Partial<ContractRow> = {};
    if (kind === 'cancel') next.status = 'cancelled';
    else {
      const amount = patch.amountFen ?? row.amount_fen;
      const items = patch.nonTechnical ?? parseJsonArray<NonTechnicalItem>(row.non_technical);
      try {
        next.tech_trade_fen = techTradeAmountFen(amount, items);
      } catch {
        throw invalidField('nonTechnical', '非技术性款项之和超过成交额', 'non-technical payments exceed the contract amount');
      }
      next.amount_fen = amount;
      next.non_technical = JSON.stringify(items);
      if (patch.termEnd !== undefined) next.term_end = patch.termEnd;
    }
    const after = await this.transition(actor, row, next, `contract.${kind}`, { reason });
    await this.ctx.db.insertInto('contract_changes').values({ id: uuidv7(), contract_id: id, kind, reason: reason.trim(), before: JSON.stringify({ amount_fen: row.amount_fen, tech_trade_fen: row.tech_trade_fen, status: row.status, term_end: row.term_end }), after: JSON.stringify(next), by_user_id: actor.kind === 'user' ? actor.userId : null, at: nowIso(this.ctx.clock) }).execute();
    return after;
  }

  async changes(actor: Actor, id: string) {
    await this.load(actor, id);
    return this.ctx.db.selectFrom('contract_changes').selectAll().where('contract_id', '=', id).orderBy('at').execute();
  }

  /** Mine (applicant or party), or the registrar queue (submitted, by due date) for government users. */
  async list(actor: Actor, scope: 'mine' | 'registrar', status?: string): Promise<ContractRow[]> {
    let q = this.ctx.db.selectFrom('contracts').selectAll();
    if (scope === 'registrar') {
      if (!isRegistrar(actor)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      q = q.where('status', '=', status ?? 'submitted').orderBy('due_date');
    } else {
      if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      const org = actor.orgId;
      q = q.where((eb) => eb.or([eb('applicant_org_id', '=', org), eb('parties', 'like', `%"organisationId":"${org}"%`)]));
      if (status) q = q.where('status', '=', status);
      q = q.orderBy('updated_at', 'desc');
    }
    return q.limit(500).execute();
  }

  /** Contracts in which any of these organisations applied or is a party (alliance roll-ups). */
  async ofOrganisations(orgIds: string[]): Promise<ContractRow[]> {
    if (!orgIds.length) return [];
    const rows = await this.ctx.db.selectFrom('contracts').selectAll().where((eb) => eb.or([
      eb('applicant_org_id', 'in', orgIds),
      ...orgIds.map((o) => eb('parties', 'like', `%"organisationId":"${o}"%`)),
    ])).execute();
    return rows;
  }

  /** 输出 (by seller region) and 吸纳 (by buyer region) of registered contracts; public aggregates. */
  async flowStats(level: RegionLevel = 'city', period?: { from: string; to: string }) {
    let q = this.ctx.db.selectFrom('contracts').select(['status', 'seller_region', 'buyer_region', 'amount_fen', 'tech_trade_fen', 'decided_at']);
    if (period) q = q.where('decided_at', '>=', period.from).where('decided_at', '<', period.to);
    const rows = await q.execute();
    return contractFlowStats(rows.map((r) => ({ status: r.status, sellerRegionCode: r.seller_region, buyerRegionCode: r.buyer_region, contractAmountFen: r.amount_fen, techTradeAmountFen: r.tech_trade_fen })), contractsParams(), level);
  }
}
