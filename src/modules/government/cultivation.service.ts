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
import { aboveThresholdParams } from './government.params.js';
import { denied, govDb, isGovOrAdmin, requireGovOrAdmin, type GovDB } from './government.db.js';
import type { EnterpriseReportRow } from './government.table.js';

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

  /** Enterprises below a threshold by at most (100 − candidate share)% in `year`, optionally in one city, closest first. */
  async candidates(actor: Actor, year: number, cityCode?: string | null) {
    requireGovOrAdmin(actor);
    const list = (await this.classified(year)).filter((x) => x.classification.candidate && (!cityCode || (x.org?.region_code ?? '').slice(0, 4) === cityCode.slice(0, 4)));
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
}
