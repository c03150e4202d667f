/**
 * Enterprise cultivation (市场主体培育): enterprises report annual main-business revenue, category and qualification;
 * each report is classified against the 四上 thresholds (data/reference/above-threshold.json); government sees the
 * candidates just below a threshold per city and how many enterprises crossed a threshold each year.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { OrganisationsService } from '../organisations/index.js';
import { classifyAboveThreshold, type AboveThresholdResult } from './core/index.js';
import { aboveThresholdParams, DESIGNATION_KINDS, type DesignationKind, type DesignationStatus, type MeasureKind } from './government.params.js';
import { isCalendarDate } from './core/index.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { denied, govDb, isGovOrAdmin, requireGovOrAdmin, type GovDB } from './government.db.js';
import type { CultivationMeasureRow, EnterpriseDesignationRow, EnterpriseReportRow } from './government.table.js';

export interface DesignationInput {
  status: DesignationStatus;
  recognisedOn?: string | null;
  expiresOn?: string | null;
  certificateNo?: string | null;
  note?: string;
}

export interface MeasureInput {
  kind: MeasureKind;
  title: string;
  description?: string;
  takenOn: string;
}

/** The date `years` calendar years after `date` (29 Feb → 28 Feb). */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export class CultivationService {
  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: { organisations: OrganisationsService },
  ) {}

  private get db(): Kysely<GovDB> {
    return govDb(this.ctx);
  }

  private mayReportFor(actor: Actor, orgId: string): boolean {
    return isGovOrAdmin(actor) || (actor.kind === 'user' && actor.orgId === orgId);
  }

  /** One report per enterprise and year; a second report for the same year replaces the first. */
  async report(actor: Actor, orgId: string, input: { year: number; category: string; revenueFen: number; qualification?: string | null }): Promise<{ row: EnterpriseReportRow; classification: AboveThresholdResult }> {
    if (!this.mayReportFor(actor, orgId)) throw denied(actor);
    const org = await this.deps.organisations.get(orgId).catch(() => null);
    if (!org) throw new AppError('ORGANISATION_NOT_FOUND', { id: orgId });
    const params = aboveThresholdParams();
    if (!params.categories[input.category]) throw invalidField('category', '行业类别不存在', 'unknown category');
    if (input.qualification && !params.qualifications[input.qualification]) throw invalidField('qualification', '资质类别不存在', 'unknown qualification');
    const classification = classifyAboveThreshold(input.category, input.revenueFen, input.qualification ?? null, params);
    const before = await this.db.selectFrom('enterprise_reports').selectAll().where('organisation_id', '=', orgId).where('year', '=', input.year).executeTakeFirst();
    const at = nowIso(this.ctx.clock);
    const row: EnterpriseReportRow = {
      id: before?.id ?? uuidv7(), organisation_id: orgId, year: input.year, category: input.category, revenue_fen: input.revenueFen, qualification: input.qualification ?? null,
      reported_by: actor.kind === 'user' ? actor.userId : null, created_at: before?.created_at ?? at, updated_at: at,
    };
    await inTransaction(this.db, async (trx) => {
      if (before) await trx.updateTable('enterprise_reports').set(row).where('id', '=', before.id).execute();
      else await trx.insertInto('enterprise_reports').values(row).execute();
      await recordAudit(trx, actor, { action: 'cultivation.report', subjectType: 'organisation', subjectId: orgId, before, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return { row, classification };
  }

  async reports(actor: Actor, orgId: string) {
    if (!this.mayReportFor(actor, orgId)) throw denied(actor);
    const rows = await this.db.selectFrom('enterprise_reports').selectAll().where('organisation_id', '=', orgId).orderBy('year', 'desc').execute();
    const params = aboveThresholdParams();
    return rows.map((row) => ({ row, classification: classifyAboveThreshold(row.category, row.revenue_fen, row.qualification, params) }));
  }

  private async classified(year: number) {
    const rows = await this.db.selectFrom('enterprise_reports').selectAll().where('year', '=', year).execute();
    const params = aboveThresholdParams();
    const orgIds = rows.map((r) => r.organisation_id);
    const orgs = orgIds.length ? (await this.deps.organisations.list({ ids: orgIds }, 1, orgIds.length)).rows : [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return rows.map((row) => ({ row, org: byId.get(row.organisation_id) ?? null, classification: classifyAboveThreshold(row.category, row.revenue_fen, row.qualification, params) }));
  }

  /**
   * Enterprises below a threshold by at most (100 − candidate share)% in `year` — or by at most `withinPercent` % when
   * given — optionally in one city, closest first.
   */
  async candidates(actor: Actor, year: number, cityCode?: string | null, withinPercent?: number) {
    requireGovOrAdmin(actor);
    const minShareBp = withinPercent === undefined ? null : 10000 - Math.round(withinPercent * 100);
    const isCandidate = (c: { above: boolean; candidate: boolean; shareBp: number | null }) => (minShareBp === null ? c.candidate : !c.above && c.shareBp !== null && c.shareBp >= minShareBp);
    const list = (await this.classified(year)).filter((x) => isCandidate(x.classification) && (!cityCode || (x.org?.region_code ?? '').slice(0, 4) === cityCode.slice(0, 4)));
    return list.sort((a, b) => (b.classification.shareBp ?? 0) - (a.classification.shareBp ?? 0));
  }

  /** Per year: enterprises above a threshold, and those that crossed one (above this year, reported below the year before). */
  async crossings(actor: Actor, fromYear: number, toYear: number) {
    requireGovOrAdmin(actor);
    const out = [];
    let prev = new Map((await this.classified(fromYear - 1)).map((x) => [x.row.organisation_id, x.classification.above]));
    for (let y = fromYear; y <= toYear; y++) {
      const cur = await this.classified(y);
      const crossed = cur.filter((x) => x.classification.above && prev.get(x.row.organisation_id) === false).length;
      out.push({ year: y, reported: cur.length, above: cur.filter((x) => x.classification.above).length, crossed, candidates: cur.filter((x) => x.classification.candidate).length });
      prev = new Map(cur.map((x) => [x.row.organisation_id, x.classification.above]));
    }
    return out;
  }

  // ── recognitions (专精特新, 高新技术企业 …) ───────────────────────────────────────────────────

  /** Government records where an enterprise stands for a recognition (one row per enterprise and kind, replaced). */
  async setDesignation(actor: Actor, orgId: string, kind: DesignationKind, input: DesignationInput): Promise<EnterpriseDesignationRow> {
    requireGovOrAdmin(actor);
    if (!DESIGNATION_KINDS[kind]) throw invalidField('kind', '认定类别不存在', 'unknown recognition');
    const org = await this.deps.organisations.get(orgId).catch(() => null);
    if (!org) throw new AppError('ORGANISATION_NOT_FOUND', { id: orgId });
    for (const f of ['recognisedOn', 'expiresOn'] as const) if (input[f] && !isCalendarDate(input[f]!)) throw invalidField(f, '不是有效日期', 'is not a calendar date');
    if (input.status === 'recognised' && !input.recognisedOn) throw invalidField('recognisedOn', '已认定须填写认定日期', 'give the date of recognition');
    const expires = input.expiresOn ?? (input.recognisedOn ? addYears(input.recognisedOn, DESIGNATION_KINDS[kind].validityYears) : null);
    if (input.recognisedOn && expires && expires <= input.recognisedOn) throw invalidField('expiresOn', '有效期截止日须晚于认定日期', 'must be after the date of recognition');
    const before = await this.db.selectFrom('enterprise_designations').selectAll().where('organisation_id', '=', orgId).where('kind', '=', kind).executeTakeFirst();
    const row: EnterpriseDesignationRow = {
      organisation_id: orgId, kind, status: input.status, recognised_on: input.recognisedOn ?? null, expires_on: expires, certificate_no: input.certificateNo?.trim() || null,
      note: input.note?.trim() ?? '', updated_by: actor.kind === 'user' ? actor.userId : null, updated_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.db, async (trx) => {
      if (before) await trx.updateTable('enterprise_designations').set(row).where('organisation_id', '=', orgId).where('kind', '=', kind).execute();
      else await trx.insertInto('enterprise_designations').values(row).execute();
      await recordAudit(trx, actor, { action: 'cultivation.designation', subjectType: 'organisation', subjectId: orgId, before, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** A recognised designation past its expiry date reads as expired. */
  private effective(row: EnterpriseDesignationRow, today: string): EnterpriseDesignationRow {
    return row.status === 'recognised' && row.expires_on && row.expires_on < today ? { ...row, status: 'expired' } : row;
  }

  async designationsOf(actor: Actor, orgId: string): Promise<EnterpriseDesignationRow[]> {
    if (!this.mayReportFor(actor, orgId)) throw denied(actor);
    const today = shanghaiDate(this.ctx.clock.now());
    return (await this.db.selectFrom('enterprise_designations').selectAll().where('organisation_id', '=', orgId).orderBy('kind').execute()).map((r) => this.effective(r, today));
  }

  /** Tracking list for government: every enterprise with a recognition of `kind` (or any), optionally by status and city. */
  async designations(actor: Actor, filter: { kind?: DesignationKind; status?: DesignationStatus; city?: string | null; expiringWithinDays?: number }) {
    requireGovOrAdmin(actor);
    const today = shanghaiDate(this.ctx.clock.now());
    let q = this.db.selectFrom('enterprise_designations').selectAll();
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    let rows = (await q.orderBy('updated_at', 'desc').limit(2000).execute()).map((r) => this.effective(r, today));
    if (filter.status) rows = rows.filter((r) => r.status === filter.status);
    if (filter.expiringWithinDays !== undefined) {
      const until = shanghaiDate(new Date(this.ctx.clock.now().getTime() + filter.expiringWithinDays * 86_400_000));
      rows = rows.filter((r) => r.status === 'recognised' && r.expires_on !== null && r.expires_on <= until);
    }
    const ids = [...new Set(rows.map((r) => r.organisation_id))];
    const orgs = ids.length ? (await this.deps.organisations.list({ ids }, 1, ids.length)).rows : [];
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return rows
      .map((row) => ({ row, org: byId.get(row.organisation_id) ?? null }))
      .filter((x) => !filter.city || (x.org?.region_code ?? '').slice(0, 4) === filter.city.slice(0, 4));
  }

  // ── cultivation measures ─────────────────────────────────────────────────────────────────

  async recordMeasure(actor: Actor, orgId: string, input: MeasureInput): Promise<CultivationMeasureRow> {
    requireGovOrAdmin(actor);
    const org = await this.deps.organisations.get(orgId).catch(() => null);
    if (!org) throw new AppError('ORGANISATION_NOT_FOUND', { id: orgId });
    if (!isCalendarDate(input.takenOn)) throw invalidField('takenOn', '不是有效日期', 'is not a calendar date');
    if (input.takenOn > shanghaiDate(this.ctx.clock.now())) throw invalidField('takenOn', '不能晚于今天', 'must not be in the future');
    if (!input.title.trim()) throw invalidField('title', '请填写措施内容', 'give the measure');
    const row: CultivationMeasureRow = {
      id: uuidv7(), organisation_id: orgId, kind: input.kind, title: input.title.trim(), description: input.description?.trim() ?? '', taken_on: input.takenOn,
      recorded_by: actor.kind === 'user' ? actor.userId : null, recorded_org_id: actor.kind === 'user' ? actor.orgId : null, created_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.db, async (trx) => {
      await trx.insertInto('cultivation_measures').values(row).execute();
      await recordAudit(trx, actor, { action: 'cultivation.measure', subjectType: 'organisation', subjectId: orgId, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** Measures taken for an enterprise, newest first (government, admins and the enterprise itself). */
  async measures(actor: Actor, orgId: string): Promise<CultivationMeasureRow[]> {
    if (!this.mayReportFor(actor, orgId)) throw denied(actor);
    return this.db.selectFrom('cultivation_measures').selectAll().where('organisation_id', '=', orgId).orderBy('taken_on', 'desc').orderBy('created_at', 'desc').limit(500).execute();
  }
}
