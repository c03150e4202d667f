/**
 * Supply-chain localisation (省内配套对接): head enterprises publish the parts they buy outside the province with
 * typed technical parameters; provincial suppliers declare capabilities the same way; suppliers are ranked by
 * parameter coverage (units converted) and text; responses and sample trials are tracked; a chain view shows local
 * coverage and the gaps (断点堵点).
 */
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { OrganisationsService } from '../organisations/index.js';
import { isLiaoning, taxonomyNode } from '../reference/index.js';
import { termSet, type TextAnalyzer } from '../pilot/index.js';
import { chainCoverage, rankSuppliers, specProblems, type ChainPartState, type Spec } from './core/index.js';
import { chainParams, unitIndex } from './chains.params.js';
import type { ChainCapabilityRow, ChainPartRow, ChainResponseRow, ChainsTables, ChainTrialRow } from './chains.table.js';

export type ChainsDB = DB & ChainsTables;

export const PART_SOURCES = ['imported', 'other_province'] as const;
export type ResponseAction = 'shortlist' | 'request_sample' | 'qualify' | 'award' | 'decline' | 'withdraw';

const RESPONSE_RULES: Record<ResponseAction, { from: string[]; to: string; by: 'head' | 'supplier' }> = {
  shortlist: { from: ['submitted'], to: 'shortlisted', by: 'head' },
  request_sample: { from: ['submitted', 'shortlisted'], to: 'sampling', by: 'head' },
  qualify: { from: ['sampling'], to: 'qualified', by: 'head' },
  award: { from: ['qualified'], to: 'supplying', by: 'head' },
  decline: { from: ['submitted', 'shortlisted', 'sampling', 'qualified'], to: 'declined', by: 'head' },
  withdraw: { from: ['submitted', 'shortlisted', 'sampling'], to: 'withdrawn', by: 'supplier' },
};

const isAdmin = (a: Actor) => a.kind === 'system' || (a.kind === 'user' && a.role === 'admin');

/** A refusal (declining a response, failing a sample) carries a reason of 2–500 characters, shown to the supplier. */
export const REASON_MIN = 2;
export const REASON_MAX = 500;

/** The trimmed reason, or the given stable error naming the field. */
function requireReason(code: 'CHAIN_DECLINE_REASON_REQUIRED' | 'CHAIN_TRIAL_NOTE_REQUIRED', field: 'reason' | 'note', value: string | null | undefined): string {
  const v = value?.trim() ?? '';
  if (v.length < REASON_MIN || v.length > REASON_MAX) {
    throw new AppError(code, {}, [{ field, code: 'FIELD_INVALID', params: { field, reasonZh: `请说明理由（${REASON_MIN}–${REASON_MAX} 字）`, reasonEn: `give a reason of ${REASON_MIN}–${REASON_MAX} characters` } }]);
  }
  return v;
}

function checkSpecs(specs: Spec[]): void {
  const problems = specs.flatMap((s) => specProblems(s, unitIndex()));
  if (problems.length) throw invalidField('specs', `技术参数不合法：${problems.join('；')}`, `invalid specifications: ${problems.join('; ')}`);
}

export class ChainsService {
  constructor(private readonly ctx: KernelContext<ChainsDB>, private readonly deps: { organisations: OrganisationsService; analyzer: TextAnalyzer }) {}

  private orgOf(actor: Actor): string {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('FORBIDDEN');
    return actor.orgId;
  }

  async publishPart(actor: Actor, input: { chainCode: string; name: string; description?: string; specs: Spec[]; annualVolume?: number | null; volumeUnit?: string; currentSource: (typeof PART_SOURCES)[number] }): Promise<ChainPartRow> {
    const orgId = this.orgOf(actor);
    if (!taxonomyNode(input.chainCode)) throw invalidField('chainCode', `未知产业链代码 ${input.chainCode}`, `unknown chain code ${input.chainCode}`);
    checkSpecs(input.specs);
    const now = nowIso(this.ctx.clock);
    const row: ChainPartRow = {
      id: uuidv7(), organisation_id: orgId, chain_code: input.chainCode, name: input.name.trim(), description: input.description ?? '', specs: JSON.stringify(input.specs),
      annual_volume: input.annualVolume ?? null, volume_unit: input.volumeUnit ?? '件', current_source: input.currentSource, status: 'open', created_at: now, updated_at: now,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('chain_parts').values(row).execute();
      await recordAudit(trx, actor, { action: 'chain.part.publish', subjectType: 'chain_part', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async part(id: string): Promise<ChainPartRow> {
    const row = await this.ctx.db.selectFrom('chain_parts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('CHAIN_PART_NOT_FOUND');
    return row;
  }

  async parts(filter: { chain?: string; status?: string; organisation?: string } = {}): Promise<ChainPartRow[]> {
    let q = this.ctx.db.selectFrom('chain_parts').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.organisation) q = q.where('organisation_id', '=', filter.organisation);
    const rows = await q.orderBy('created_at').limit(1000).execute();
    return filter.chain ? rows.filter((r) => r.chain_code === filter.chain || r.chain_code.startsWith(`${filter.chain}.`)) : rows;
  }

  /** Only provincial suppliers declare capabilities: the point is local supply. */
  async declareCapability(actor: Actor, input: { name: string; description?: string; chainCodes?: string[]; specs: Spec[] }): Promise<ChainCapabilityRow> {
    const orgId = this.orgOf(actor);
    const org = await this.deps.organisations.get(orgId);
    if (!org.region_code || !isLiaoning(org.region_code)) throw new AppError('CHAIN_SUPPLIER_NOT_PROVINCIAL');
    checkSpecs(input.specs);
    const now = nowIso(this.ctx.clock);
    const row: ChainCapabilityRow = { id: uuidv7(), organisation_id: orgId, name: input.name.trim(), description: input.description ?? '', chain_codes: JSON.stringify(input.chainCodes ?? []), specs: JSON.stringify(input.specs), created_at: now, updated_at: now };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('chain_capabilities').values(row).execute();
      await recordAudit(trx, actor, { action: 'chain.capability.declare', subjectType: 'chain_capability', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async capabilities(filter: { organisation?: string } = {}): Promise<ChainCapabilityRow[]> {
    let q = this.ctx.db.selectFrom('chain_capabilities').selectAll();
    if (filter.organisation) q = q.where('organisation_id', '=', filter.organisation);
    return q.orderBy('created_at').limit(1000).execute();
  }

  private async rankFor(part: ChainPartRow, caps?: ChainCapabilityRow[]) {
    const all = caps ?? (await this.capabilities());
    const candidates = all.filter((c) => c.organisation_id !== part.organisation_id).map((c) => ({ id: c.id, specs: parseJsonArray<Spec>(c.specs), terms: termSet(this.deps.analyzer, `${c.name} ${c.description}`) }));
    const ranked = rankSuppliers({ specs: parseJsonArray<Spec>(part.specs), terms: this.deps.analyzer.query(`${part.name} ${part.description}`).terms }, candidates, unitIndex(), chainParams());
    const byId = new Map(all.map((c) => [c.id, c]));
    return ranked.map((m) => ({ ...m, capability: byId.get(m.id)! }));
  }

  /** Provincial suppliers for a part: those covering every parameter first, each with per-parameter reasons. */
  async matchPart(partId: string) {
    const part = await this.part(partId);
    return { part, matches: await this.rankFor(part) };
  }

  async respond(actor: Actor, partId: string, input: { capabilityId?: string | null; message?: string }): Promise<ChainResponseRow> {
    const orgId = this.orgOf(actor);
    const part = await this.part(partId);
    if (part.status !== 'open') throw new AppError('CHAIN_PART_CLOSED');
    if (part.organisation_id === orgId) throw new AppError('FORBIDDEN');
    if (input.capabilityId) {
      const cap = await this.ctx.db.selectFrom('chain_capabilities').select('organisation_id').where('id', '=', input.capabilityId).executeTakeFirst();
      if (!cap || cap.organisation_id !== orgId) throw invalidField('capabilityId', '请选择本单位声明的配套能力', 'choose one of your own capabilities');
    } else {
      const org = await this.deps.organisations.get(orgId);
      if (!org.region_code || !isLiaoning(org.region_code)) throw new AppError('CHAIN_SUPPLIER_NOT_PROVINCIAL');
    }
    const now = nowIso(this.ctx.clock);
    const row: ChainResponseRow = { id: uuidv7(), part_id: partId, capability_id: input.capabilityId ?? null, supplier_org_id: orgId, message: input.message ?? '', status: 'submitted', decline_reason: null, created_at: now, updated_at: now };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('chain_responses').values(row).execute();
      await recordAudit(trx, actor, { action: 'chain.response', subjectType: 'chain_part', subjectId: partId, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** The head enterprise sees every response to its part; a supplier only its own. */
  async responses(actor: Actor, partId: string): Promise<{ response: ChainResponseRow; trials: ChainTrialRow[] }[]> {
    const orgId = this.orgOf(actor);
    const part = await this.part(partId);
    let q = this.ctx.db.selectFrom('chain_responses').selectAll().where('part_id', '=', partId);
    if (!isAdmin(actor) && part.organisation_id !== orgId) q = q.where('supplier_org_id', '=', orgId);
    const rows = await q.orderBy('created_at').execute();
    const trials = rows.length ? await this.ctx.db.selectFrom('chain_trials').selectAll().where('response_id', 'in', rows.map((r) => r.id)).orderBy('round').execute() : [];
    return rows.map((r) => ({ response: r, trials: trials.filter((t) => t.response_id === r.id) }));
  }

  private async responseWithRole(actor: Actor, id: string) {
    const orgId = this.orgOf(actor);
    const r = await this.ctx.db.selectFrom('chain_responses').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('CHAIN_RESPONSE_NOT_FOUND');
    const part = await this.part(r.part_id);
    const role = isAdmin(actor) || part.organisation_id === orgId ? 'head' : r.supplier_org_id === orgId ? 'supplier' : null;
    if (!role) throw new AppError('CHAIN_RESPONSE_NOT_FOUND');
    return { r, part, role } as const;
  }

  /**
   * shortlist → request_sample → qualify (after a passed trial) → award (the part is localised); decline (with a
   * reason of 2–500 characters, stored and shown to the supplier); withdraw (by the supplier).
   */
  async actOnResponse(actor: Actor, id: string, action: ResponseAction, reason?: string | null): Promise<ChainResponseRow> {
    const { r, part, role } = await this.responseWithRole(actor, id);
    const rule = RESPONSE_RULES[action];
    if (rule.by !== role) throw new AppError('FORBIDDEN');
    if (!rule.from.includes(r.status)) throw new AppError('CHAIN_RESPONSE_STATE_INVALID', { status: r.status });
    const declineReason = action === 'decline' ? requireReason('CHAIN_DECLINE_REASON_REQUIRED', 'reason', reason) : null;
    if (action === 'qualify') {
      const passed = await this.ctx.db.selectFrom('chain_trials').select('id').where('response_id', '=', id).where('status', '=', 'passed').executeTakeFirst();
      if (!passed) throw new AppError('CHAIN_TRIAL_NOT_PASSED');
    }
    const now = nowIso(this.ctx.clock);
    const changes = action === 'decline' ? { status: rule.to, decline_reason: declineReason, updated_at: now } : { status: rule.to, updated_at: now };
    await inTransaction(this.ctx.db, async (trx) => {
      const u = await trx.updateTable('chain_responses').set(changes).where('id', '=', id).where('status', '=', r.status).executeTakeFirst();
      if (Number(u.numUpdatedRows) === 0) throw new AppError('CONFLICT');
      if (action === 'award') await trx.updateTable('chain_parts').set({ status: 'localised', updated_at: now }).where('id', '=', part.id).execute();
      const after = action === 'decline' ? { status: rule.to, reason: declineReason } : { status: rule.to };
      await recordAudit(trx, actor, { action: `chain.response.${action}`, subjectType: 'chain_response', subjectId: id, before: { status: r.status }, after, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return { ...r, ...changes };
  }

  /** Sample-trial tracking (样品试用): the supplier records a sample sent; the head enterprise records passed/failed. */
  async recordTrial(actor: Actor, responseId: string, input: { status: 'sent' | 'passed' | 'failed'; note?: string; date?: string }): Promise<ChainTrialRow> {
    const { r, role } = await this.responseWithRole(actor, responseId);
    if (r.status !== 'sampling') throw new AppError('CHAIN_RESPONSE_STATE_INVALID', { status: r.status });
    if ((input.status === 'sent') !== (role === 'supplier')) throw new AppError('FORBIDDEN');
    // a failed sample is a refusal: the supplier is told why (2–500 characters)
    const note = input.status === 'failed' ? requireReason('CHAIN_TRIAL_NOTE_REQUIRED', 'note', input.note) : input.note?.trim() ?? '';
    const prior = await this.ctx.db.selectFrom('chain_trials').select(['round', 'status']).where('response_id', '=', responseId).orderBy('round', 'desc').execute();
    const round = input.status === 'sent' ? (prior[0]?.round ?? 0) + 1 : prior[0]?.round ?? 1;
    const row: ChainTrialRow = { id: uuidv7(), response_id: responseId, round, status: input.status, note, date: input.date ?? shanghaiDate(this.ctx.clock.now()), created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('chain_trials').values(row).execute();
      await recordAudit(trx, actor, { action: 'chain.trial', subjectType: 'chain_response', subjectId: responseId, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** Per industry chain: each part localised, covered by a provincial supplier, partly covered, or a gap. */
  async chainView(chainCode: string) {
    if (!taxonomyNode(chainCode)) throw invalidField('chain', `未知产业链代码 ${chainCode}`, `unknown chain code ${chainCode}`);
    const parts = (await this.parts({ chain: chainCode })).filter((p) => p.status !== 'closed');
    const caps = await this.capabilities();
    const states: (ChainPartState & { bestSupplier: { capabilityId: string; organisationId: string; coverage: number } | null })[] = [];
    for (const p of parts) {
      const best = p.status === 'localised' ? null : (await this.rankFor(p, caps))[0] ?? null;
      const status: ChainPartState['status'] = p.status === 'localised' ? 'localised' : best?.fullyCovered ? 'covered' : best && best.coverage > 0 ? 'partial' : 'gap';
      states.push({ id: p.id, name: p.name, chainCode: p.chain_code, currentSource: p.current_source, status, bestSupplier: best ? { capabilityId: best.id, organisationId: best.capability.organisation_id, coverage: best.coverage } : null });
    }
    const summary = chainCoverage(states);
    return { chainCode, chainName: taxonomyNode(chainCode)!.name, ...summary, items: states };
  }

  async stats() {
    const parts = await this.ctx.db.selectFrom('chain_parts').select(['id', 'status', 'chain_code']).where('status', '!=', 'closed').execute();
    const chains = [...new Set(parts.map((p) => p.chain_code.split('.')[0]))];
    let covered = 0;
    for (const c of chains) covered += (await this.chainView(c)).covered;
    return { chainParts: parts.length, chainPartsLocalised: parts.filter((p) => p.status === 'localised').length, chainPartsCovered: covered, localCoverageBp: parts.length ? Math.round((covered * 10_000) / parts.length) : 0 };
  }
}
