/**
 * Plan tasks and indicators (重点任务 / 指标) of the three-year action plan: areas, tasks and indicators are data
 * (seeded from data/reference/plan.json at first use, then edited by admins); departments report progress on manual
 * indicators with evidence; computed indicators are derived from platform data; the progress view gives each
 * indicator a traffic light (rule in core/indicators.ts, trafficLight).
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, type KernelContext } from '../../kernel/context.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { fenToWan } from '../../kernel/money.js';
import { bpToPercent } from '../../kernel/percent.js';
import type { DB } from '../../schema.js';
import type { DealsService } from '../deals/index.js';
import type { ContractsService } from '../contracts/index.js';
import type { ListingsService } from '../listings/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import { isLiaoning } from '../reference/index.js';
import { inPeriod, isCalendarDate, localConversionRate, parseDecimal, trafficLight, type ConversionDeal, type Light, type Period } from './core/index.js';
import { planSeed } from './government.params.js';
import { govDb, isGovOrAdmin, denied, requireAdmin, type GovDB } from './government.db.js';
import type { CoordinationService } from './coordination.service.js';
import type { PlanAreaRow, PlanIndicatorRow, PlanProgressRow, PlanTaskRow } from './government.table.js';

/** What a computed indicator can be computed from. */
export const COMPUTATIONS = ['local_conversion_rate', 'contract_output', 'contract_absorption', 'listings_published', 'deals_industrialised', 'pilot_bookings', 'financing_disbursed'] as const;
export type Computation = (typeof COMPUTATIONS)[number];

export interface ComputedValue {
  computation: Computation;
  period: Period;
  /** 'not_available' until the module that owns the data exists */
  availability: 'available' | 'not_available';
  value: string | null;
  /** breakdown (per city, numerator/denominator …) */
  detail: Record<string, unknown>;
}

export interface IndicatorInput {
  areaCode: string;
  name: string;
  nameEn?: string;
  unit: string;
  baseline: string;
  target: string;
  direction?: 'up' | 'down';
  trajectory?: 'linear' | 'level';
  periodStart: string;
  periodEnd: string;
  ownerDepartment: string;
  source: 'computed' | 'manual';
  computation?: Computation | null;
  definition: string;
  definitionEn?: string;
}

export interface PlanDeps {
  deals: DealsService;
  contracts: ContractsService;
  demands: ListingsService<'demand'>;
  achievements: ListingsService<'achievement'>;
  organisations: OrganisationsService;
  coordination: CoordinationService;
}

/** Shanghai calendar days [from, to] → UTC instants [start, end). */
export function periodInstants(p: Period): { from: string; to: string } {
  return { from: new Date(Date.parse(`${p.from}T00:00:00+08:00`)).toISOString(), to: new Date(Date.parse(`${p.to}T00:00:00+08:00`) + 86_400_000).toISOString() };
}

export class PlanService {
  private seeded = false;

  /** Figures owned by the services modules (set after they are built; until then those indicators are not available). */
  private serviceFigures: { pilotBookings(period: Period): Promise<number>; financingDisbursedFen(period: Period): Promise<number> } | null = null;

  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: PlanDeps,
  ) {}

  useServiceFigures(f: { pilotBookings(period: Period): Promise<number>; financingDisbursedFen(period: Period): Promise<number> }): void {
    this.serviceFigures = f;
  }

  private get db(): Kysely<GovDB> {
    return govDb(this.ctx);
  }

  /** Loads the shipped areas, tasks and indicators when the plan tables are empty (first use). */
  async ensureSeeded(): Promise<void> {
    if (this.seeded) return;
    const any = await this.db.selectFrom('plan_areas').select('code').limit(1).executeTakeFirst();
    if (!any) {
      const seed = planSeed();
      const at = nowIso(this.ctx.clock);
      await inTransaction(this.db, async (trx) => {
        await trx.insertInto('plan_areas').values(seed.areas.map((a, i) => ({ code: a.code, name: a.name, name_en: a.nameEn, position: i + 1 }))).onConflict((oc) => oc.column('code').doNothing()).execute();
        await trx.insertInto('plan_tasks').values(seed.tasks.map((t) => ({ code: t.code, area_code: t.area, title: t.title, title_en: t.titleEn, owner_department: t.ownerDepartment, updated_at: at }))).onConflict((oc) => oc.column('code').doNothing()).execute();
        await trx.insertInto('plan_indicators').values(seed.indicators.map((i) => ({
          code: i.code, area_code: i.area, name: i.name, name_en: i.nameEn, unit: i.unit, baseline: i.baseline, target: i.target, direction: i.direction, trajectory: i.trajectory,
          period_start: seed.plan.periodStart, period_end: seed.plan.periodEnd, owner_department: i.ownerDepartment, source: i.source, computation: i.computation,
          definition: i.definition, definition_en: i.definitionEn, updated_at: at,
        }))).onConflict((oc) => oc.column('code').doNothing()).execute();
        await recordAudit(trx, { kind: 'system', process: 'plan-seed' }, { action: 'plan.seed', subjectType: 'plan', subjectId: null, after: { areas: seed.areas.length, tasks: seed.tasks.length, indicators: seed.indicators.length } }, this.ctx.clock.now());
      });
    }
    this.seeded = true;
  }

  async plan() {
    await this.ensureSeeded();
    const seed = planSeed().plan;
    const [areas, tasks, indicators] = await Promise.all([
      this.db.selectFrom('plan_areas').selectAll().orderBy('position').execute(),
      this.db.selectFrom('plan_tasks').selectAll().orderBy('code').execute(),
      this.db.selectFrom('plan_indicators').selectAll().orderBy('area_code').orderBy('code').execute(),
    ]);
    return { plan: seed, areas, tasks, indicators };
  }

  // ── admin editing ──────────────────────────────────────────────────────────────────────────

  async upsertArea(actor: Actor, code: string, input: { name: string; nameEn?: string; position?: number }): Promise<PlanAreaRow> {
    requireAdmin(actor);
    await this.ensureSeeded();
    const before = await this.db.selectFrom('plan_areas').selectAll().where('code', '=', code).executeTakeFirst();
    const row: PlanAreaRow = { code, name: input.name, name_en: input.nameEn ?? before?.name_en ?? input.name, position: input.position ?? before?.position ?? 99 };
    await inTransaction(this.db, async (trx) => {
      if (before) await trx.updateTable('plan_areas').set(row).where('code', '=', code).execute();
      else await trx.insertInto('plan_areas').values(row).execute();
      await recordAudit(trx, actor, { action: 'plan.area.save', subjectType: 'plan_area', subjectId: code, before, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  private async requireArea(code: string): Promise<void> {
    if (!(await this.db.selectFrom('plan_areas').select('code').where('code', '=', code).executeTakeFirst())) throw invalidField('areaCode', `领域 ${code} 不存在`, `area ${code} does not exist`);
  }

  async upsertTask(actor: Actor, code: string, input: { areaCode: string; title: string; titleEn?: string; ownerDepartment: string }): Promise<PlanTaskRow> {
    requireAdmin(actor);
    await this.ensureSeeded();
    await this.requireArea(input.areaCode);
    const before = await this.db.selectFrom('plan_tasks').selectAll().where('code', '=', code).executeTakeFirst();
    const row: PlanTaskRow = { code, area_code: input.areaCode, title: input.title, title_en: input.titleEn ?? input.title, owner_department: input.ownerDepartment, updated_at: nowIso(this.ctx.clock) };
    await inTransaction(this.db, async (trx) => {
      if (before) await trx.updateTable('plan_tasks').set(row).where('code', '=', code).execute();
      else await trx.insertInto('plan_tasks').values(row).execute();
      await recordAudit(trx, actor, { action: 'plan.task.save', subjectType: 'plan_task', subjectId: code, before, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** Creates or replaces an indicator; fields left out keep their current values. */
  async upsertIndicator(actor: Actor, code: string, patch: Partial<IndicatorInput>): Promise<PlanIndicatorRow> {
    requireAdmin(actor);
    await this.ensureSeeded();
    const before = await this.db.selectFrom('plan_indicators').selectAll().where('code', '=', code).executeTakeFirst();
    const cur: Partial<IndicatorInput> = before ? {
      areaCode: before.area_code, name: before.name, nameEn: before.name_en, unit: before.unit, baseline: before.baseline, target: before.target, direction: before.direction as 'up' | 'down',
      trajectory: before.trajectory as 'linear' | 'level', periodStart: before.period_start, periodEnd: before.period_end, ownerDepartment: before.owner_department,
      source: before.source as 'computed' | 'manual', computation: before.computation as Computation | null, definition: before.definition, definitionEn: before.definition_en,
    } : {};
    const i = { ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Partial<IndicatorInput>;
    for (const f of ['areaCode', 'name', 'unit', 'baseline', 'target', 'periodStart', 'periodEnd', 'ownerDepartment', 'source', 'definition'] as const) {
      if (i[f] === undefined || i[f] === '') throw new AppError('FIELD_REQUIRED', { field: f });
    }
    await this.requireArea(i.areaCode!);
    for (const f of ['baseline', 'target'] as const) if (parseDecimal(i[f]!) === null) throw invalidField(f, '应为十进制数（最多 6 位小数）', 'must be a decimal number (at most 6 places)');
    for (const f of ['periodStart', 'periodEnd'] as const) if (!isCalendarDate(i[f]!)) throw invalidField(f, '日期格式应为 YYYY-MM-DD', 'must be YYYY-MM-DD');
    if (i.periodEnd! < i.periodStart!) throw invalidField('periodEnd', '结束日期不能早于开始日期', 'must not be before periodStart');
    if (i.source === 'computed' && !COMPUTATIONS.includes(i.computation as Computation)) throw invalidField('computation', `计算方式应为 ${COMPUTATIONS.join('、')} 之一`, `must be one of ${COMPUTATIONS.join(', ')}`);
    const row: PlanIndicatorRow = {
      code, area_code: i.areaCode!, name: i.name!, name_en: i.nameEn ?? i.name!, unit: i.unit!, baseline: i.baseline!, target: i.target!, direction: i.direction ?? 'up',
      trajectory: i.trajectory ?? 'linear', period_start: i.periodStart!, period_end: i.periodEnd!, owner_department: i.ownerDepartment!, source: i.source!,
      computation: i.source === 'computed' ? (i.computation as string) : null, definition: i.definition!, definition_en: i.definitionEn ?? i.definition!, updated_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.db, async (trx) => {
      if (before) await trx.updateTable('plan_indicators').set(row).where('code', '=', code).execute();
      else await trx.insertInto('plan_indicators').values(row).execute();
      await recordAudit(trx, actor, { action: 'plan.indicator.save', subjectType: 'plan_indicator', subjectId: code, before, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  private async indicator(code: string): Promise<PlanIndicatorRow> {
    await this.ensureSeeded();
    const row = await this.db.selectFrom('plan_indicators').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw new AppError('INDICATOR_NOT_FOUND', { code });
    return row;
  }

  // ── progress reports ───────────────────────────────────────────────────────────────────────

  /**
   * A department reports a manual indicator's value with evidence. Allowed: admins, and government users of the
   * indicator's owner department (or any government user while that department is not bound to an organisation).
   */
  async reportProgress(actor: Actor, code: string, input: { asOf: string; value: string; evidence: string; evidenceUrl?: string | null }): Promise<PlanProgressRow> {
    const ind = await this.indicator(code);
    if (!isGovOrAdmin(actor)) throw denied(actor);
    if (actor.kind === 'user' && actor.role === 'government') {
      const bound = (await this.deps.coordination.departments()).find((d) => d.code === ind.owner_department)?.organisation_id ?? null;
      if (bound && bound !== actor.orgId) throw new AppError('INDICATOR_NOT_OWNER', { department: ind.owner_department });
    }
    if (ind.source === 'computed') throw new AppError('INDICATOR_COMPUTED', { code });
    if (!isCalendarDate(input.asOf)) throw invalidField('asOf', '日期格式应为 YYYY-MM-DD', 'must be YYYY-MM-DD');
    if (parseDecimal(input.value) === null) throw invalidField('value', '应为十进制数（最多 6 位小数）', 'must be a decimal number (at most 6 places)');
    if (!input.evidence.trim()) throw invalidField('evidence', '请说明数据来源或佐证材料', 'give the source or evidence');
    const row: PlanProgressRow = {
      id: uuidv7(), indicator_code: code, as_of: input.asOf, value: input.value, evidence: input.evidence.trim(), evidence_url: input.evidenceUrl ?? null,
      reported_by: actor.kind === 'user' ? actor.userId : null, reported_org_id: actor.kind === 'user' ? actor.orgId : null, created_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.db, async (trx) => {
      await trx.insertInto('plan_progress').values(row).execute();
      await recordAudit(trx, actor, { action: 'plan.progress.report', subjectType: 'plan_indicator', subjectId: code, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async progressReports(actor: Actor, code: string): Promise<PlanProgressRow[]> {
    if (!isGovOrAdmin(actor)) throw denied(actor);
    await this.indicator(code);
    return this.db.selectFrom('plan_progress').selectAll().where('indicator_code', '=', code).orderBy('as_of', 'desc').orderBy('created_at', 'desc').execute();
  }

  // ── computed indicators ────────────────────────────────────────────────────────────────────

  /** The facts of the local conversion rate: one entry per deal, with where its achievement comes from. */
  async conversionDeals(): Promise<ConversionDeal[]> {
    const deals = await this.deps.deals.allDeals();
    const times = await this.deps.deals.stageTimesOf(deals.filter((d) => d.stage === 'industrialised').map((d) => d.id));
    const achievementIds = [...new Set(deals.filter((d) => d.stage === 'industrialised' && d.achievement_id).map((d) => d.achievement_id!))];
    const orgOfAchievement = new Map<string, string>();
    for (const id of achievementIds) {
      const row = await this.deps.achievements.getRow(id).catch(() => null);
      if (row) orgOfAchievement.set(id, row.organisation_id);
    }
    const orgIds = [...new Set(orgOfAchievement.values())];
    const orgRegion = new Map<string, string | null>();
    if (orgIds.length) for (const o of (await this.deps.organisations.list({ ids: orgIds }, 1, orgIds.length)).rows) orgRegion.set(o.id, o.region_code);
    return deals.map((d): ConversionDeal => {
      const at = times.get(d.id)?.industrialised;
      const org = d.achievement_id ? orgOfAchievement.get(d.achievement_id) : undefined;
      const region = org ? orgRegion.get(org) ?? null : null;
      const place = d.industrialised_in_liaoning;
      return {
        industrialisedOn: d.stage === 'industrialised' && at ? shanghaiDate(new Date(at)) : null,
        achievementInLiaoning: region ? isLiaoning(region) : null,
        industrialisedInLiaoning: place === null ? (d.industrialised_region ? isLiaoning(d.industrialised_region) : null) : place === 1,
      };
    });
  }

  async compute(computation: Computation, period: Period): Promise<ComputedValue> {
    const base = { computation, period };
    switch (computation) {
      case 'local_conversion_rate': {
        const r = localConversionRate(await this.conversionDeals(), period);
        return { ...base, availability: 'available', value: r.rateBp === null ? null : bpToPercent(r.rateBp), detail: { ...r } };
      }
      case 'contract_output':
      case 'contract_absorption': {
        const s = await this.deps.contracts.flowStats('city', periodInstants(period));
        const buckets = (computation === 'contract_output' ? s.output : s.absorption).filter((b) => b.regionCode.startsWith('21'));
        const total = buckets.reduce((n, b) => n + b.contractAmountFen, 0);
        return { ...base, availability: 'available', value: fenToWan(total), detail: { byCity: buckets.map((b) => ({ cityCode: b.regionCode, count: b.count, amountWan: fenToWan(b.contractAmountFen), techTradeWan: fenToWan(b.techTradeAmountFen) })) } };
      }
      case 'listings_published': {
        const byCity: Record<string, { demands: number; achievements: number }> = {};
        let total = 0;
        for (const [kind, svc] of [['demands', this.deps.demands], ['achievements', this.deps.achievements]] as const) {
          for await (const batch of (svc as ListingsService<'demand' | 'achievement'>).scanPublished()) {
            for (const { row } of batch) {
              if (!row.published_at || !inPeriod(shanghaiDate(new Date(row.published_at)), period)) continue;
              total++;
              const city = row.region_code ? `${row.region_code.slice(0, 4)}00` : 'unknown';
              byCity[city] ??= { demands: 0, achievements: 0 };
              byCity[city][kind]++;
            }
          }
        }
        return { ...base, availability: 'available', value: String(total), detail: { byCity } };
      }
      case 'deals_industrialised': {
        const n = (await this.conversionDeals()).filter((d) => inPeriod(d.industrialisedOn, period)).length;
        return { ...base, availability: 'available', value: String(n), detail: {} };
      }
      case 'pilot_bookings':
        if (this.serviceFigures) return { ...base, availability: 'available', value: String(await this.serviceFigures.pilotBookings(period)), detail: { counted: 'accepted or completed pilot bookings starting in the period' } };
        return { ...base, availability: 'not_available', value: null, detail: { reason: 'no pilot-base booking module' } };
      case 'financing_disbursed':
        if (this.serviceFigures) return { ...base, availability: 'available', value: fenToWan(await this.serviceFigures.financingDisbursedFen(period)), detail: { counted: 'financing disbursed in the period' } };
        return { ...base, availability: 'not_available', value: null, detail: { reason: 'no finance module' } };
    }
  }

  /** The progress view on `asOf`: each indicator with its current value, the pro-rata expectation and a traffic light. */
  async progress(actor: Actor, asOf?: string) {
    if (!isGovOrAdmin(actor)) throw denied(actor);
    const date = asOf ?? shanghaiDate(this.ctx.clock.now());
    if (!isCalendarDate(date)) throw invalidField('asOf', '日期格式应为 YYYY-MM-DD', 'must be YYYY-MM-DD');
    const { plan, areas, tasks, indicators } = await this.plan();
    const items = [];
    for (const ind of indicators) {
      let value: string | null = null;
      let availability: 'available' | 'not_available' = 'available';
      let detail: Record<string, unknown> = {};
      let valueAsOf: string | null = null;
      let evidence: string | null = null;
      if (ind.source === 'computed') {
        const to = date < ind.period_end ? date : ind.period_end;
        if (to >= ind.period_start) {
          const c = await this.compute(ind.computation as Computation, { from: ind.period_start, to });
          ({ value, availability, detail } = c);
          valueAsOf = to;
        }
      } else {
        const last = await this.db.selectFrom('plan_progress').selectAll().where('indicator_code', '=', ind.code).where('as_of', '<=', date)
          .orderBy('as_of', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
        if (last) {
          value = last.value;
          valueAsOf = last.as_of;
          evidence = last.evidence;
        }
      }
      const light = trafficLight({ baseline: ind.baseline, target: ind.target, direction: ind.direction as 'up' | 'down', trajectory: ind.trajectory as 'linear' | 'level', periodStart: ind.period_start, periodEnd: ind.period_end }, value, valueAsOf ?? date);
      items.push({ indicator: ind, value, valueAsOf, availability, detail, evidence, light: light.light as Light, expected: light.expected, achievedBp: light.achievedBp });
    }
    return { plan, asOf: date, areas, tasks, indicators: items };
  }
}
