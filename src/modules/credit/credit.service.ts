/**
 * Credit supervision of market entities (信用监管): records keyed by 统一社会信用代码, publicity, annual reports and
 * the abnormal list, the serious list, credit repair, commitments, monthly risk classes, "双随机、一公开" inspections,
 * simplified deregistration — and the effects on the platform (失信惩戒). Rules are pure (core/); dates are Asia/Shanghai
 * calendar dates taken from the injected clock.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, type KernelContext } from '../../kernel/context.js';
import { shanghaiDate } from '../../kernel/clock.js';
import type { DB } from '../../schema.js';
import { normaliseUscc, validateUscc, type OrganisationsService } from '../organisations/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { AccountsService } from '../accounts/index.js';
import {
  addDays, annualReportStatus, annualReportWindow, canRequestRepair, seriousListRemovalDate, CreditRuleError, deregistrationEligibility, deregistrationOutcome, drawInspection, earlyRemovalCheck,
  indicatorsFromRecords, inspectionDrawSettings, isPublic, noticePeriod, publicationEnd, removalDueDate, repairEligibleFrom, scoreOrganisation,
  seriousListMoveDate, seriousListNoticeDate, shouldListForMissedReport, shouldMoveToSerious, verifyDraw, type CreditRecord, type InspectionDraw, type RiskClass,
} from './core/index.js';
import { creditParams } from './credit.params.js';
import type { CreditRecordRow } from './credit.table.js';

/** Reminder dates before the 30 June deadline, in days [default]. */
export const ANNUAL_REPORT_REMINDER_DAYS_BEFORE = [30, 7];

/** An organisation's list status and risk class, as the effects and match results need it. */
export interface CreditStatus {
  abnormal: boolean;
  serious: boolean;
  deregistered: boolean;
  riskClass: RiskClass | null;
}

export const RECORD_KINDS = ['licence', 'award', 'penalty', 'abnormal_list', 'serious_list', 'commitment', 'inspection', 'platform'] as const;

export interface RecordInput {
  uscc?: string | null;
  organisationId?: string | null;
  kind: (typeof RECORD_KINDS)[number];
  detail: Record<string, string>;
  title?: string;
  source: { type: 'authority' | 'platform' | 'self_declared'; name: string; documentNo?: string };
  date: string;
  publicationMonths?: number | null;
}

function isGovernment(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'government' || actor.role === 'admin'));
}

export function toCoreRecord(r: CreditRecordRow): CreditRecord {
  const d = JSON.parse(r.detail) as Record<string, string>;
  const base = {
    id: r.id, orgId: r.organisation_id ?? r.uscc ?? '', source: JSON.parse(r.source), date: r.date,
    ...(r.published_on ? { publishedOn: r.published_on } : {}), ...(r.publication_months != null ? { publicationMonths: r.publication_months } : {}),
    ...(r.repaired_on ? { repairedOn: r.repaired_on } : {}), ...(r.removed_on ? { removedOn: r.removed_on } : {}),
  };
  switch (r.kind) {
    case 'penalty': return { ...base, kind: 'penalty', severity: d.severity as 'minor' } as CreditRecord;
    case 'abnormal_list': return { ...base, kind: 'abnormal_list', reason: d.reason as 'annual_report_not_filed' } as CreditRecord;
    case 'serious_list': return { ...base, kind: 'serious_list', legalBasis: d.legalBasis ?? '' } as CreditRecord;
    case 'commitment': return { ...base, kind: 'commitment', outcome: d.outcome as 'kept' } as CreditRecord;
    case 'inspection': return { ...base, kind: 'inspection', result: d.result as 'pass' } as CreditRecord;
    case 'platform': return { ...base, kind: 'platform', behaviour: d.behaviour as 'upheld_complaint' } as CreditRecord;
    default: return { ...base, kind: r.kind as 'award' } as CreditRecord;
  }
}

export class CreditService {
  private classCache = new Map<string, RiskClass>();

  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: { organisations: OrganisationsService; notifications: NotificationsService; accounts: AccountsService },
  ) {}

  private today(): string {
    return shanghaiDate(this.ctx.clock.now());
  }

  private requireGov(actor: Actor): void {
    if (!isGovernment(actor)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  }

  private core<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof CreditRuleError) throw new AppError(`CREDIT_${e.code}`, e.details);
      throw e;
    }
  }

  // ── records ──────────────────────────────────────────────────────────────────────────────────

  /** A government user enters (or an import adds) a record; organisations not on the platform are kept by USCC. */
  async addRecord(actor: Actor, input: RecordInput): Promise<CreditRecordRow> {
    this.requireGov(actor);
    let orgId = input.organisationId ?? null;
    let uscc = input.uscc ? normaliseUscc(input.uscc) : null;
    if (uscc && validateUscc(uscc)) throw invalidField('uscc', '统一社会信用代码不正确', 'is not a valid unified social credit code');
    if (orgId) uscc = (await this.deps.organisations.get(orgId)).uscc ?? uscc;
    else if (uscc) orgId = (await this.deps.organisations.findByUscc(uscc))?.id ?? null;
    if (!orgId && !uscc) throw invalidField('uscc', '须指定单位或统一社会信用代码', 'give an organisation or a unified social credit code');
    if (input.kind === 'serious_list' && !input.detail.legalBasis?.trim()) throw new AppError('CREDIT_LEGAL_BASIS_REQUIRED');
    const row: CreditRecordRow = {
      id: uuidv7(), uscc, organisation_id: orgId, kind: input.kind, detail: JSON.stringify(input.detail), title: input.title ?? '', source: JSON.stringify(input.source),
      date: input.date, published_on: null, publication_months: input.publicationMonths ?? null, cured_on: null, repaired_on: null, removed_on: null, notice_sent_on: null,
      created_by: actor.kind === 'user' ? actor.userId : null, created_at: nowIso(this.ctx.clock),
    };
    this.core(() => toCoreRecord(row) && undefined);
    await inTransaction(this.ctx.db, async (t) => {
      await t.insertInto('credit_records').values(row).execute();
      await recordAudit(t, actor, { action: `credit.record.${row.kind}`, subjectType: 'credit_record', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    if (orgId && (row.kind === 'serious_list' || row.kind === 'abnormal_list')) {
      await this.notifyOrg(orgId, row.kind === 'serious_list' ? '已被列入严重违法失信名单' : '已被列入经营异常名录', input.title ?? '');
    }
    // every new record re-scores its organisation at once (the class and its history change with the record)
    if (orgId) await this.recompute(orgId);
    return row;
  }

  async records(actor: Actor, filter: { organisationId?: string; uscc?: string; kind?: string; current?: boolean }): Promise<CreditRecordRow[]> {
    this.requireGov(actor);
    let q = this.ctx.db.selectFrom('credit_records').selectAll();
    if (filter.organisationId) q = q.where('organisation_id', '=', filter.organisationId);
    if (filter.uscc) q = q.where('uscc', '=', normaliseUscc(filter.uscc));
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.current) q = q.where('removed_on', 'is', null).where('repaired_on', 'is', null);
    return q.orderBy('date', 'desc').limit(1000).execute();
  }

  private async recordsOf(orgId: string): Promise<CreditRecordRow[]> {
    return this.ctx.db.selectFrom('credit_records').selectAll().where('organisation_id', '=', orgId).orderBy('date').execute();
  }

  private async getRecord(id: string): Promise<CreditRecordRow> {
    const r = await this.ctx.db.selectFrom('credit_records').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('CREDIT_RECORD_NOT_FOUND');
    return r;
  }

  /** The public credit page (公示): published records only, current list status, risk class history. */
  async publicPage(orgId: string) {
    const org = await this.deps.organisations.get(orgId);
    const params = creditParams();
    const today = this.today();
    const rows = await this.recordsOf(orgId);
    const visible = rows.filter((r) => this.core(() => isPublic(toCoreRecord(r), today, params)));
    const history = await this.ctx.db.selectFrom('risk_classes').selectAll().where('organisation_id', '=', orgId).orderBy('as_of', 'desc').limit(24).execute();
    return {
      organisation: org,
      status: await this.status(orgId),
      records: visible.map((r) => ({ row: r, publicUntil: publicationEnd(toCoreRecord(r), params) })),
      riskHistory: history,
    };
  }

  /** Current list status, as the effects need it (one statement, see statusMany). */
  async status(orgId: string): Promise<CreditStatus> {
    const s = (await this.statusMany([orgId])).get(orgId);
    if (!s) throw new AppError('ORGANISATION_NOT_FOUND', { id: orgId });
    return s;
  }

  /**
   * `status` for many organisations at once, in one statement: each organisation with whether it is on the abnormal
   * and the serious list, and its latest risk class, as correlated subqueries. Every write that publishes, bids or
   * applies for finance asks it first, and every page of match results flags its owners, so under load each round trip
   * saved is a wait in the event loop's queue saved. (Per-kind subqueries also keep SQLite off `organisation_id IN (…)
   * AND kind IN (…)` on the (organisation_id, kind) index, which took 0.21 ms for ten owners even on an empty table.)
   * Unknown ids are absent.
   */
  async statusMany(orgIds: string[]): Promise<Map<string, CreditStatus>> {
    const ids = [...new Set(orgIds)];
    const out = new Map<string, CreditStatus>();
    const onList = (kind: 'abnormal_list' | 'serious_list') =>
      sql<number>`(select count(*) from credit_records where organisation_id = organisations.id and kind = ${kind} and removed_on is null and repaired_on is null)`;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.ctx.db
        .selectFrom('organisations')
        .select(['id', 'deregistered_at', onList('abnormal_list').as('abnormal'), onList('serious_list').as('serious')])
        .select(sql<string | null>`(select class from risk_classes where organisation_id = organisations.id order by as_of desc limit 1)`.as('risk_class'))
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.id, { abnormal: Number(r.abnormal) > 0, serious: Number(r.serious) > 0, deregistered: Boolean(r.deregistered_at), riskClass: (r.risk_class as RiskClass | null) ?? null });
    }
    return out;
  }

  /** 失信惩戒: organisations on the serious list, or deregistered, may not publish, bid or apply for finance. */
  async assertMayTransact(orgId: string, action: 'publish' | 'bid' | 'finance'): Promise<void> {
    const s = await this.status(orgId);
    if (s.deregistered) throw new AppError('ORGANISATION_DEREGISTERED');
    if (s.serious) throw new AppError('CREDIT_SERIOUS_LIST_BLOCKED', { action });
  }

  /** Latest risk class per organisation (for matching's credit signal), cached until the next recomputation. */
  classOf(orgId: string): RiskClass | null {
    return this.classCache.get(orgId) ?? null;
  }

  async loadClassCache(): Promise<void> {
    const rows = await this.ctx.db.selectFrom('risk_classes').select(['organisation_id', 'class', 'as_of']).orderBy('as_of').execute();
    this.classCache = new Map(rows.map((r) => [r.organisation_id, r.class as RiskClass]));
  }

  private async notifyOrg(orgId: string, title: string, body: string): Promise<void> {
    for (const u of await this.deps.accounts.members({ kind: 'system', process: 'credit' }, orgId)) {
      await this.deps.notifications.notify({ userId: u.id, kind: 'credit', title, body, link: `/credit/${orgId}` });
    }
  }

  // ── annual reports and the abnormal list ─────────────────────────────────────────────────────

  async fileAnnualReport(actor: Actor, reportYear: number, content: Record<string, unknown> = {}): Promise<{ filedOn: string; status: string }> {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const today = this.today();
    if (reportYear >= Number(today.slice(0, 4))) throw invalidField('reportYear', '只能报送已结束年度的年度报告', 'only a finished year can be reported');
    const orgId = actor.orgId;
    await inTransaction(this.ctx.db, async (trx) => {
      const existing = await trx.selectFrom('annual_reports').select('report_year').where('organisation_id', '=', orgId).where('report_year', '=', reportYear).executeTakeFirst();
      if (existing) throw new AppError('CREDIT_REPORT_ALREADY_FILED', { year: reportYear });
      await trx.insertInto('annual_reports').values({ organisation_id: orgId, report_year: reportYear, filed_on: today, content: JSON.stringify(content) }).execute();
      // filing cures a listing for that missing report: the removal decision is then due within the configured days
      await trx.updateTable('credit_records').set({ cured_on: today }).where('organisation_id', '=', orgId).where('kind', '=', 'abnormal_list').where('removed_on', 'is', null)
        .where('cured_on', 'is', null).where('detail', 'like', '%annual_report_not_filed%').execute();
      await recordAudit(trx, actor, { action: 'credit.annual_report', subjectType: 'organisation', subjectId: orgId, after: { reportYear, filedOn: today }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    const filings = await this.ctx.db.selectFrom('annual_reports').select(['report_year', 'filed_on']).where('organisation_id', '=', orgId).execute();
    return { filedOn: today, status: annualReportStatus(filings.map((f) => ({ reportYear: f.report_year, filedOn: f.filed_on })), reportYear, today, creditParams()) };
  }

  /** Scheduled (from 1 July): enterprises that did not file last year's report go on the abnormal list, reason 1. */
  async listMissedAnnualReports(): Promise<number> {
    const today = this.today();
    const reportYear = Number(today.slice(0, 4)) - 1;
    const params = creditParams();
    const { rows } = await this.deps.organisations.list({ type: 'enterprise' }, 1, 100_000);
    let listed = 0;
    for (const org of rows) {
      if (org.deregistered_at || new Date(org.created_at).getUTCFullYear() > reportYear) continue; // not yet in business that year
      const filings = await this.ctx.db.selectFrom('annual_reports').select(['report_year', 'filed_on']).where('organisation_id', '=', org.id).execute();
      const already = await this.ctx.db.selectFrom('credit_records').select('id').where('organisation_id', '=', org.id).where('kind', '=', 'abnormal_list')
        .where('detail', 'like', `%"reportYear":"${reportYear}"%`).executeTakeFirst();
      if (!shouldListForMissedReport(filings.map((f) => ({ reportYear: f.report_year, filedOn: f.filed_on })), reportYear, today, params, Boolean(already))) continue;
      await this.addRecord({ kind: 'system', process: 'annual-report-sweep' }, {
        organisationId: org.id, kind: 'abnormal_list', detail: { reason: 'annual_report_not_filed', reportYear: String(reportYear) },
        title: `未按规定报送 ${reportYear} 年度报告`, source: { type: 'platform', name: 'TechBridge' }, date: today,
      });
      listed++;
    }
    return listed;
  }

  /**
   * Scheduled: reminds enterprises that have not filed last year's report, on each configured reminder date inside the
   * filing window (credit.json `annualReportReminders`, days before 30 June), once per date.
   */
  async remindAnnualReports(): Promise<number> {
    const today = this.today();
    const filingYear = Number(today.slice(0, 4));
    const reportYear = filingYear - 1;
    const window = annualReportWindow(filingYear, creditParams());
    if (today < window.opensOn || today > window.closesOn) return 0;
    const due = ANNUAL_REPORT_REMINDER_DAYS_BEFORE.map((d) => addDays(window.closesOn, -d)).filter((d) => d <= today).sort().pop();
    if (!due) return 0;
    const { rows } = await this.deps.organisations.list({ type: 'enterprise' }, 1, 100_000);
    let sent = 0;
    for (const org of rows) {
      if (org.deregistered_at || new Date(org.created_at).getUTCFullYear() > reportYear) continue;
      const filed = await this.ctx.db.selectFrom('annual_reports').select('report_year').where('organisation_id', '=', org.id).where('report_year', '=', reportYear).executeTakeFirst();
      if (filed) continue;
      const already = await this.ctx.db.selectFrom('annual_report_reminders').select('remind_on').where('organisation_id', '=', org.id).where('report_year', '=', reportYear).where('remind_on', '=', due).executeTakeFirst();
      if (already) continue;
      await this.notifyOrg(org.id, `请于 ${window.closesOn} 前报送 ${reportYear} 年度报告`, `未按时报送将于 7 月 1 日起被列入经营异常名录。 / File your ${reportYear} annual report by ${window.closesOn}; from 1 July missing reports go on the abnormal list.`);
      await this.ctx.db.insertInto('annual_report_reminders').values({ organisation_id: org.id, report_year: reportYear, remind_on: due, sent_at: nowIso(this.ctx.clock) }).execute();
      sent++;
    }
    return sent;
  }

  /** A government decision removes an organisation from the abnormal list once the cause is cured. */
  async removeFromAbnormal(actor: Actor, recordId: string, curedOn?: string): Promise<CreditRecordRow> {
    this.requireGov(actor);
    const r = await this.getRecord(recordId);
    if (r.kind !== 'abnormal_list' || r.removed_on) throw new AppError('CREDIT_RECORD_STATE_INVALID');
    const cured = curedOn ?? r.cured_on;
    if (!cured) throw invalidField('curedOn', '须说明异常情形消除的日期', 'say when the cause was cured');
    const today = this.today();
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('credit_records').set({ cured_on: cured, removed_on: today }).where('id', '=', recordId).execute();
      await recordAudit(trx, actor, { action: 'credit.abnormal.remove', subjectType: 'credit_record', subjectId: recordId, after: { curedOn: cured, removedOn: today, dueBy: removalDueDate(cured, creditParams()) }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    if (r.organisation_id) await this.recompute(r.organisation_id);
    return this.getRecord(recordId);
  }

  /** Abnormal listings with their deadlines: removal due after a cure; notice and move to the serious list after 3 years. */
  async abnormalList(actor: Actor) {
    this.requireGov(actor);
    const params = creditParams();
    const rows = await this.ctx.db.selectFrom('credit_records').selectAll().where('kind', '=', 'abnormal_list').where('removed_on', 'is', null).orderBy('date').execute();
    return rows.map((r) => ({ row: r, removalDue: r.cured_on ? removalDueDate(r.cured_on, params) : null, noticeOn: seriousListNoticeDate(r.date, params), moveOn: seriousListMoveDate(r.date, params) }));
  }

  /**
   * Scheduled: notices 60 days before, then moves uncured abnormal listings of 3 years to the serious list; serious-list
   * entries whose 3-year term has ended are removed.
   */
  async sweepAbnormalToSerious(): Promise<{ notices: number; moved: number; termEnded: number }> {
    const params = creditParams();
    const today = this.today();
    let notices = 0;
    let moved = 0;
    let termEnded = 0;
    const serious = await this.ctx.db.selectFrom('credit_records').selectAll().where('kind', '=', 'serious_list').where('removed_on', 'is', null).where('repaired_on', 'is', null).execute();
    for (const r of serious) {
      const removalDate = seriousListRemovalDate(r.date, params);
      if (today < removalDate) continue;
      await inTransaction(this.ctx.db, async (trx) => {
        await trx.updateTable('credit_records').set({ removed_on: removalDate }).where('id', '=', r.id).execute();
        await recordAudit(trx, { kind: 'system', process: 'credit' }, { action: 'credit.serious.term_ended', subjectType: 'credit_record', subjectId: r.id, after: { removedOn: removalDate }, requestId: null }, this.ctx.clock.now());
      });
      if (r.organisation_id) await this.recompute(r.organisation_id);
      termEnded++;
    }
    const rows = await this.ctx.db.selectFrom('credit_records').selectAll().where('kind', '=', 'abnormal_list').where('removed_on', 'is', null).where('cured_on', 'is', null).execute();
    for (const r of rows) {
      if (shouldMoveToSerious(r.date, null, today, params)) {
        await inTransaction(this.ctx.db, async (trx) => {
          await trx.updateTable('credit_records').set({ removed_on: today }).where('id', '=', r.id).execute();
          await recordAudit(trx, { kind: 'system', process: 'credit' }, { action: 'credit.abnormal.moved_to_serious', subjectType: 'credit_record', subjectId: r.id, requestId: null }, this.ctx.clock.now());
        });
        await this.addRecord({ kind: 'system', process: 'credit' }, {
          organisationId: r.organisation_id, uscc: r.uscc, kind: 'serious_list', detail: { legalBasis: '列入经营异常名录满三年未履行相关义务', fromRecord: r.id },
          title: '经营异常名录届满三年转入严重违法失信名单', source: { type: 'platform', name: 'TechBridge' }, date: today,
        });
        moved++;
      } else if (!r.notice_sent_on && today >= seriousListNoticeDate(r.date, params)) {
        if (r.organisation_id) await this.notifyOrg(r.organisation_id, '即将转入严重违法失信名单', `列入经营异常名录即将满三年，将于 ${seriousListMoveDate(r.date, params)} 转入严重违法失信名单，请尽快消除异常情形。`);
        await this.ctx.db.updateTable('credit_records').set({ notice_sent_on: today }).where('id', '=', r.id).execute();
        notices++;
      }
    }
    return { notices, moved, termEnded };
  }

  // ── repair (信用修复) ─────────────────────────────────────────────────────────────────────────

  async applyRepair(actor: Actor, recordId: string, input: { evidence: string; commitment: string; penaltyCarriedOut: boolean; harmRemoved: boolean }) {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const r = await this.getRecord(recordId);
    if (r.organisation_id !== actor.orgId) throw new AppError('CREDIT_RECORD_NOT_FOUND');
    if (r.repaired_on || r.removed_on) throw new AppError('CREDIT_RECORD_STATE_INVALID');
    const params = creditParams();
    const today = this.today();
    if (r.kind === 'serious_list') {
      const check = earlyRemovalCheck({ listedOn: r.date, today, penaltyCarriedOut: input.penaltyCarriedOut, harmRemoved: input.harmRemoved, commitmentSigned: input.commitment.trim().length > 0 }, params);
      if (!check.eligible) throw new AppError('CREDIT_REPAIR_NOT_ELIGIBLE', { reasons: check.failures.map((f) => f.zh).join('；'), reasonsEn: check.failures.map((f) => f.en).join('; ') });
    } else if (!canRequestRepair(toCoreRecord(r), today, params)) {
      throw new AppError('CREDIT_REPAIR_NOT_ELIGIBLE', { reasons: `最早可于 ${repairEligibleFrom(toCoreRecord(r), params) ?? '—'} 申请`, reasonsEn: `earliest ${repairEligibleFrom(toCoreRecord(r), params) ?? 'n/a'}` });
    }
    const row = { id: uuidv7(), record_id: recordId, organisation_id: actor.orgId, evidence: input.evidence, commitment: input.commitment, penalty_carried_out: input.penaltyCarriedOut ? 1 : 0, harm_removed: input.harmRemoved ? 1 : 0, status: 'submitted', decided_by: null, decided_at: null, reason: null, created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('credit_repairs').values(row).execute();
      await recordAudit(trx, actor, { action: 'credit.repair.apply', subjectType: 'credit_repair', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async decideRepair(actor: Actor, repairId: string, approve: boolean, reason: string) {
    this.requireGov(actor);
    const rep = await this.ctx.db.selectFrom('credit_repairs').selectAll().where('id', '=', repairId).executeTakeFirst();
    if (!rep) throw new AppError('CREDIT_REPAIR_NOT_FOUND');
    if (rep.status !== 'submitted') throw new AppError('CREDIT_RECORD_STATE_INVALID');
    if (!approve && !reason.trim()) throw invalidField('reason', '不予修复须说明理由', 'give the reason');
    const today = this.today();
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('credit_repairs').set({ status: approve ? 'approved' : 'rejected', decided_by: actor.kind === 'user' ? actor.userId : null, decided_at: nowIso(this.ctx.clock), reason: reason || null }).where('id', '=', repairId).execute();
      if (approve) await trx.updateTable('credit_records').set({ repaired_on: today }).where('id', '=', rep.record_id).execute();
      await recordAudit(trx, actor, { action: approve ? 'credit.repair.approve' : 'credit.repair.reject', subjectType: 'credit_repair', subjectId: repairId, after: { reason }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    await this.recompute(rep.organisation_id);
    return this.ctx.db.selectFrom('credit_repairs').selectAll().where('id', '=', repairId).executeTakeFirstOrThrow();
  }

  async repairs(actor: Actor, status = 'submitted') {
    this.requireGov(actor);
    return this.ctx.db.selectFrom('credit_repairs').selectAll().where('status', '=', status).orderBy('created_at').execute();
  }

  // ── commitments (信用承诺) ────────────────────────────────────────────────────────────────────

  async addCommitment(actor: Actor, input: { organisationId?: string; content: string; dueOn?: string | null }) {
    const orgId = isGovernment(actor) && input.organisationId ? input.organisationId : actor.kind === 'user' ? actor.orgId : null;
    if (!orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    if (input.dueOn && new Date(Date.parse(`${input.dueOn}T00:00:00Z`) || 0).toISOString().slice(0, 10) !== input.dueOn) throw invalidField('dueOn', '不是有效的日期', 'is not a valid date');
    // an unknown organisation is a 404, not a foreign-key failure (500)
    if (!(await this.ctx.db.selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst())) throw new AppError('ORGANISATION_NOT_FOUND', { id: orgId });
    const row = { id: uuidv7(), organisation_id: orgId, content: input.content.trim(), made_on: this.today(), due_on: input.dueOn ?? null, outcome: null, resolved_on: null, created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('credit_commitments').values(row).execute();
      await recordAudit(trx, actor, { action: 'credit.commitment', subjectType: 'credit_commitment', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** Government records whether a commitment was kept; a broken one becomes a credit record and counts against the class. */
  async resolveCommitment(actor: Actor, id: string, outcome: 'kept' | 'broken') {
    this.requireGov(actor);
    const c = await this.ctx.db.selectFrom('credit_commitments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) throw new AppError('CREDIT_COMMITMENT_NOT_FOUND');
    if (c.outcome) throw new AppError('CREDIT_COMMITMENT_ALREADY_RESOLVED');
    await this.ctx.db.updateTable('credit_commitments').set({ outcome, resolved_on: this.today() }).where('id', '=', id).execute();
    await this.addRecord(actor, { organisationId: c.organisation_id, kind: 'commitment', detail: { outcome, commitmentId: id }, title: c.content.slice(0, 80), source: { type: 'authority', name: '信用承诺履约认定' }, date: this.today() });
    return this.recompute(c.organisation_id);
  }

  async commitments(actor: Actor, orgId: string) {
    if (!(isGovernment(actor) || (actor.kind === 'user' && actor.orgId === orgId))) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    return this.ctx.db.selectFrom('credit_commitments').selectAll().where('organisation_id', '=', orgId).orderBy('made_on', 'desc').execute();
  }

  // ── risk classes (信用风险分类) ────────────────────────────────────────────────────────────────

  /** Scores one organisation as of today and keeps the result (history per date). */
  async recompute(orgId: string) {
    const today = this.today();
    const rows = await this.recordsOf(orgId);
    const filings = await this.ctx.db.selectFrom('annual_reports').select(['report_year', 'filed_on']).where('organisation_id', '=', orgId).execute();
    const reportYear = Number(today.slice(0, 4)) - 1;
    const report = annualReportStatus(filings.map((f) => ({ reportYear: f.report_year, filedOn: f.filed_on })), reportYear, today, creditParams());
    const score = this.core(() => scoreOrganisation(indicatorsFromRecords(rows.map(toCoreRecord), today, report), creditParams(), today));
    // one statement, so two nodes (or workers) recomputing the same organisation at once cannot collide
    const values = { class: score.class, score: score.score, breakdown: JSON.stringify({ breakdown: score.breakdown, overrides: score.overrides }) };
    await this.ctx.db.insertInto('risk_classes').values({ organisation_id: orgId, as_of: today, ...values })
      .onConflict((oc) => oc.columns(['organisation_id', 'as_of']).doUpdateSet(values)).execute();
    this.classCache.set(orgId, score.class);
    return score;
  }

  /** Monthly: every organisation's class, once per calendar month (events recompute the affected one at once). */
  async recomputeAll(force = false): Promise<number> {
    const month = this.today().slice(0, 7);
    const { rows } = await this.deps.organisations.list({}, 1, 100_000);
    const done = new Set(force ? [] : (await this.ctx.db.selectFrom('risk_classes').select('organisation_id').where('as_of', '>=', `${month}-01`).execute()).map((r) => r.organisation_id));
    let n = 0;
    for (const o of rows) {
      if (done.has(o.id)) continue;
      await this.recompute(o.id);
      n++;
    }
    return n;
  }

  // ── random inspections (双随机、一公开) ─────────────────────────────────────────────────────────

  async createInspectionPlan(actor: Actor, input: { name: string; seed: string; regionPrefix?: string; industry?: string; items?: string[]; inspectorUserIds: string[]; causeOrgIds?: string[] }) {
    this.requireGov(actor);
    if (!input.seed.trim()) throw invalidField('seed', '须提供事先公布的随机种子', 'a published seed is required');
    const { rows } = await this.deps.organisations.list({ type: 'enterprise', regionPrefix: input.regionPrefix }, 1, 100_000);
    const industries = await this.deps.organisations.industries(rows.map((r) => r.id));
    // the class on record (the same one the public credit page shows); organisations never scored count as B
    const latestClass = new Map<string, RiskClass>();
    for (const r of await this.ctx.db.selectFrom('risk_classes').select(['organisation_id', 'class']).orderBy('as_of').execute()) latestClass.set(r.organisation_id, r.class as RiskClass);
    const targets = rows
      .filter((o) => !o.deregistered_at && (!input.industry || (industries.get(o.id) ?? []).some((c) => c === input.industry || c.startsWith(`${input.industry}.`))))
      .map((o) => ({ orgId: o.id, class: latestClass.get(o.id) ?? 'B', regionCode: o.region_code ?? '', industry: (industries.get(o.id) ?? [''])[0] ?? '', hasCause: (input.causeOrgIds ?? []).includes(o.id) }));
    const previous = await this.ctx.db.selectFrom('inspection_plans').select('draw').orderBy('created_at', 'desc').executeTakeFirst();
    const lastInspected = new Map<string, string[]>();
    if (previous) for (const s of (JSON.parse(previous.draw) as InspectionDraw).result.selections) for (const i of s.inspectorIds) lastInspected.set(i, [...(lastInspected.get(i) ?? []), s.orgId]);
    const inspectors: { id: string; orgId: string; lastInspected: string[] }[] = [];
    for (const id of input.inspectorUserIds) {
      const u = await this.deps.accounts.getUser(id).catch(() => null);
      if (!u || u.role !== 'government') throw invalidField('inspectorUserIds', `用户 ${id} 不是执法检查人员`, `user ${id} is not a government inspector`);
      inspectors.push({ id: u.id, orgId: u.organisation_id ?? '', lastInspected: lastInspected.get(u.id) ?? [] });
    }
    const draw = this.core(() => drawInspection({ seed: input.seed, targets, inspectors, ...inspectionDrawSettings(creditParams()) }));
    const row = { id: uuidv7(), name: input.name, scope: JSON.stringify({ regionPrefix: input.regionPrefix ?? null, industry: input.industry ?? null, items: input.items ?? [] }), seed: input.seed, draw: JSON.stringify(draw), digest: draw.digest, status: 'drawn', created_by: actor.kind === 'user' ? actor.userId : null, created_at: nowIso(this.ctx.clock), published_at: null };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('inspection_plans').values(row).execute();
      await recordAudit(trx, actor, { action: 'credit.inspection.draw', subjectType: 'inspection_plan', subjectId: row.id, after: { digest: draw.digest, seed: input.seed, selected: draw.result.selections.length }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return { row, draw };
  }

  async inspectionPlan(id: string) {
    const row = await this.ctx.db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('CREDIT_PLAN_NOT_FOUND');
    const results = await this.ctx.db.selectFrom('inspection_results').selectAll().where('plan_id', '=', id).execute();
    return { row, draw: JSON.parse(row.draw) as InspectionDraw, results };
  }

  /** Government users who can be drawn as inspectors (for the plan form). */
  async inspectors(actor: Actor) {
    this.requireGov(actor);
    const { rows } = await this.deps.accounts.listUsers({ kind: 'system', process: 'credit' }, { role: 'government' }, 1, 1000);
    return rows.filter((u) => u.status === 'active').map((u) => ({ id: u.id, name: u.name, organisationId: u.organisation_id }));
  }

  /** An organisation's own records, public or not, and its repair applications (for repair requests). */
  async ownRecords(actor: Actor) {
    if (actor.kind !== 'user' || !actor.orgId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const records = await this.recordsOf(actor.orgId);
    const repairs = await this.ctx.db.selectFrom('credit_repairs').selectAll().where('organisation_id', '=', actor.orgId).orderBy('created_at', 'desc').execute();
    const params = creditParams();
    const today = this.today();
    return { records: records.map((r) => ({ row: r, repairFrom: r.kind === 'serious_list' ? null : repairEligibleFrom(toCoreRecord(r), params), canRepair: r.kind !== 'serious_list' && !r.repaired_on && !r.removed_on && canRequestRepair(toCoreRecord(r), today, params) })), repairs };
  }

  async orgNames(ids: string[]): Promise<Map<string, string>> {
    const { rows } = await this.deps.organisations.list({ ids }, 1, Math.max(ids.length, 1));
    return new Map(rows.map((o) => [o.id, o.name]));
  }

  async inspectionPlans() {
    return this.ctx.db.selectFrom('inspection_plans').selectAll().orderBy('created_at', 'desc').limit(200).execute();
  }

  /** Re-runs the recorded draw from its seed and pools and confirms the recorded result (and digest). */
  async verifyInspection(id: string) {
    const { draw } = await this.inspectionPlan(id);
    return verifyDraw(draw);
  }

  async enterInspectionResult(actor: Actor, planId: string, orgId: string, result: 'pass' | 'problems' | 'fail', note = '') {
    this.requireGov(actor);
    const { draw } = await this.inspectionPlan(planId);
    if (!draw.result.selections.some((s) => s.orgId === orgId)) throw new AppError('CREDIT_NOT_A_TARGET');
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.deleteFrom('inspection_results').where('plan_id', '=', planId).where('organisation_id', '=', orgId).execute();
      await trx.insertInto('inspection_results').values({ plan_id: planId, organisation_id: orgId, result, note, entered_by: actor.kind === 'user' ? actor.userId : null, entered_at: nowIso(this.ctx.clock) }).execute();
      await recordAudit(trx, actor, { action: 'credit.inspection.result', subjectType: 'inspection_plan', subjectId: planId, after: { orgId, result }, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  /** Publishes the plan's results (一公开): each becomes a public inspection record of the organisation. */
  async publishInspection(actor: Actor, planId: string) {
    this.requireGov(actor);
    const { row, results } = await this.inspectionPlan(planId);
    if (row.status === 'published') throw new AppError('CREDIT_RECORD_STATE_INVALID');
    for (const r of results) {
      await this.addRecord(actor, { organisationId: r.organisation_id, kind: 'inspection', detail: { result: r.result, planId }, title: `${row.name}：${{ pass: '未发现问题', problems: '发现问题已责令整改', fail: '不合格' }[r.result as 'pass']}`, source: { type: 'authority', name: '双随机、一公开抽查' }, date: this.today() });
    }
    await this.ctx.db.updateTable('inspection_plans').set({ status: 'published', published_at: nowIso(this.ctx.clock) }).where('id', '=', planId).execute();
    return this.inspectionPlan(planId);
  }

  // ── simplified deregistration (简易注销) ──────────────────────────────────────────────────────

  async applyDeregistration(actor: Actor, declared: { equityFrozenOrPledged: boolean; underInvestigation: boolean; unfinishedPenalties: boolean }) {
    if (actor.kind !== 'user' || !actor.orgId || !actor.orgAdmin) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const s = await this.status(actor.orgId);
    const eligibility = deregistrationEligibility({ onAbnormalList: s.abnormal, onSeriousList: s.serious, ...declared });
    if (!eligibility.eligible) {
      throw new AppError('CREDIT_DEREGISTRATION_NOT_ELIGIBLE', { reasons: eligibility.failures.map((f) => f.zh).join('；'), reasonsEn: eligibility.failures.map((f) => f.en).join('; ') });
    }
    const open = await this.ctx.db.selectFrom('deregistrations').select('id').where('organisation_id', '=', actor.orgId).where('status', '=', 'in_notice').executeTakeFirst();
    if (open) throw new AppError('CREDIT_DEREGISTRATION_OPEN');
    const row = { id: uuidv7(), organisation_id: actor.orgId, status: 'in_notice', notice_start: this.today(), objections: '[]', declared: JSON.stringify(declared), completed_at: null, created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('deregistrations').values(row).execute();
      await recordAudit(trx, actor, { action: 'credit.deregistration.apply', subjectType: 'organisation', subjectId: actor.orgId, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return { row, notice: noticePeriod(row.notice_start, creditParams()) };
  }

  /** Anyone signed in may object during the notice; an objection stops the deregistration. */
  async objectDeregistration(actor: Actor, id: string, reason: string) {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    const d = await this.ctx.db.selectFrom('deregistrations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!d) throw new AppError('CREDIT_DEREGISTRATION_NOT_FOUND');
    if (d.status !== 'in_notice' || this.today() > noticePeriod(d.notice_start, creditParams()).endsOn) throw new AppError('CREDIT_RECORD_STATE_INVALID');
    const objections = [...JSON.parse(d.objections), { date: this.today(), reason, by: actor.userId }];
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('deregistrations').set({ objections: JSON.stringify(objections), status: 'stopped' }).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'credit.deregistration.objection', subjectType: 'organisation', subjectId: d.organisation_id, after: { reason }, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return { ...d, objections: JSON.stringify(objections), status: 'stopped' };
  }

  /** Scheduled: completes deregistrations whose 20-day notice passed without objection; the organisation becomes read-only. */
  async completeDeregistrations(): Promise<number> {
    const today = this.today();
    const open = await this.ctx.db.selectFrom('deregistrations').selectAll().where('status', '=', 'in_notice').execute();
    let done = 0;
    for (const d of open) {
      const outcome = deregistrationOutcome({ noticeStart: d.notice_start, objections: JSON.parse(d.objections), today }, creditParams());
      if (outcome !== 'completable') continue;
      await inTransaction(this.ctx.db, async (trx) => {
        await trx.updateTable('deregistrations').set({ status: 'completed', completed_at: nowIso(this.ctx.clock) }).where('id', '=', d.id).execute();
        await trx.updateTable('organisations').set({ deregistered_at: nowIso(this.ctx.clock) }).where('id', '=', d.organisation_id).execute();
        await recordAudit(trx, { kind: 'system', process: 'credit' }, { action: 'credit.deregistration.complete', subjectType: 'organisation', subjectId: d.organisation_id, requestId: null }, this.ctx.clock.now());
      });
      done++;
    }
    return done;
  }

  async deregistrations(orgId?: string) {
    let q = this.ctx.db.selectFrom('deregistrations').selectAll();
    if (orgId) q = q.where('organisation_id', '=', orgId);
    return q.orderBy('created_at', 'desc').limit(200).execute();
  }
}
