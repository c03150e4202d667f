/**
 * Demonstration bases, nurseries (创业苗圃), incubators and accelerators: profiles with services and the stages they
 * serve, intake applications from teams and spin-off companies (企业培育), resident companies and graduation.
 */
import { readFileSync } from 'node:fs';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { ListingsService } from '../listings/index.js';
import { carriersForStage, decideIntake, nextStage, type CarrierKind, type IncubationParams, type IncubationStage } from './core/index.js';
import type { BasesTables, IncubationApplicationRow, IncubationCarrierRow, IncubationResidentRow } from './bases.table.js';

export type BasesDB = DB & BasesTables;

let params: IncubationParams | undefined;
export function incubationParams(): IncubationParams {
  return (params ??= (JSON.parse(readFileSync(new URL('../../../data/reference/services.json', import.meta.url), 'utf8')) as { incubation: IncubationParams }).incubation);
}

const CARRIER_ORG_TYPES = ['incubator', 'demonstration_base', 'pilot_base', 'university', 'institute'];
const isAdmin = (a: Actor) => a.kind === 'system' || (a.kind === 'user' && a.role === 'admin');

export class IncubationService {
  constructor(private readonly ctx: KernelContext<BasesDB>, private readonly deps: { organisations: OrganisationsService; achievements: ListingsService<'achievement'> }) {}

  async registerCarrier(actor: Actor, input: { organisationId?: string; kind: CarrierKind; name: string; intro?: string; stages?: IncubationStage[]; services?: string[]; industries?: string[]; regionCode?: string | null; seats?: number | null }): Promise<IncubationCarrierRow> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const orgId = isAdmin(actor) && input.organisationId ? input.organisationId : actor.kind === 'user' ? actor.orgId : null;
    if (!orgId) throw new AppError('FORBIDDEN');
    const org = await this.deps.organisations.get(orgId);
    if (!isAdmin(actor) && !CARRIER_ORG_TYPES.includes(org.type)) throw new AppError('SERVICE_ORG_TYPE_REQUIRED', { types: CARRIER_ORG_TYPES.join(', ') });
    const row: IncubationCarrierRow = {
      id: uuidv7(), organisation_id: orgId, kind: input.kind, name: input.name.trim(), intro: input.intro ?? '', stages: JSON.stringify(input.stages?.length ? input.stages : incubationParams().carrierStages[input.kind]),
      services: JSON.stringify(input.services ?? []), industries: JSON.stringify(input.industries ?? []), region_code: input.regionCode ?? org.region_code, seats: input.seats ?? null, created_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('incubation_carriers').values(row).execute();
      await recordAudit(trx, actor, { action: 'incubation.carrier.create', subjectType: 'incubation_carrier', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async carrier(id: string): Promise<IncubationCarrierRow> {
    const row = await this.ctx.db.selectFrom('incubation_carriers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('INCUBATION_CARRIER_NOT_FOUND');
    return row;
  }

  /** Carriers, optionally those serving a stage (best fit first: the narrowest kind that serves it). */
  async carriers(filter: { kind?: string; stage?: IncubationStage } = {}): Promise<IncubationCarrierRow[]> {
    let rows = await this.ctx.db.selectFrom('incubation_carriers').selectAll().orderBy('name').limit(500).execute();
    if (filter.kind) rows = rows.filter((r) => r.kind === filter.kind);
    if (filter.stage) {
      const order = carriersForStage(filter.stage, incubationParams());
      rows = rows.filter((r) => parseJsonArray(r.stages).includes(filter.stage!)).sort((a, b) => order.indexOf(a.kind as CarrierKind) - order.indexOf(b.kind as CarrierKind));
    }
    return rows;
  }

  async apply(actor: Actor, carrierId: string, input: { kind: 'team' | 'spin_off' | 'company'; teamName: string; achievementId?: string | null; stage: IncubationStage; plan?: string }): Promise<IncubationApplicationRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    const c = await this.carrier(carrierId);
    if (!parseJsonArray(c.stages).includes(input.stage)) throw new AppError('INCUBATION_STAGE_NOT_SERVED', { stages: parseJsonArray(c.stages).join(', ') });
    if (input.kind === 'spin_off' && !input.achievementId) throw invalidField('achievementId', '衍生企业须关联所转化的科技成果', 'a spin-off names the achievement it commercialises');
    if (input.achievementId) await this.deps.achievements.get(actor, input.achievementId);
    const row: IncubationApplicationRow = {
      id: uuidv7(), carrier_id: carrierId, applicant_org_id: actor.orgId, applicant_user_id: actor.userId, kind: input.kind, team_name: input.teamName.trim(), achievement_id: input.achievementId ?? null,
      stage: input.stage, plan: input.plan ?? '', status: 'submitted', decision_reason: null, created_at: nowIso(this.ctx.clock), decided_at: null,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('incubation_applications').values(row).execute();
      await recordAudit(trx, actor, { action: 'incubation.apply', subjectType: 'incubation_carrier', subjectId: carrierId, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  private assertCarrierOwner(actor: Actor, c: IncubationCarrierRow): void {
    if (isAdmin(actor)) return;
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (actor.orgId !== c.organisation_id) throw new AppError('FORBIDDEN');
  }

  /** The carrier sees its intake; an applicant sees its own applications. */
  async applications(actor: Actor, scope: 'mine' | 'received'): Promise<IncubationApplicationRow[]> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (scope === 'mine') return this.ctx.db.selectFrom('incubation_applications').selectAll().where('applicant_user_id', '=', actor.userId).orderBy('created_at', 'desc').execute();
    if (!actor.orgId) throw new AppError('FORBIDDEN');
    const carriers = await this.ctx.db.selectFrom('incubation_carriers').select('id').where('organisation_id', '=', actor.orgId).execute();
    if (!carriers.length) return [];
    return this.ctx.db.selectFrom('incubation_applications').selectAll().where('carrier_id', 'in', carriers.map((c) => c.id)).orderBy('created_at', 'desc').execute();
  }

  /** Accepting admits the applicant as a resident in the same transaction (seats permitting). */
  async decide(actor: Actor, applicationId: string, accept: boolean, reason?: string | null): Promise<{ application: IncubationApplicationRow; resident: IncubationResidentRow | null }> {
    const a = await this.ctx.db.selectFrom('incubation_applications').selectAll().where('id', '=', applicationId).executeTakeFirst();
    if (!a) throw new AppError('INCUBATION_APPLICATION_NOT_FOUND');
    const c = await this.carrier(a.carrier_id);
    this.assertCarrierOwner(actor, c);
    const now = nowIso(this.ctx.clock);
    return inTransaction(this.ctx.db, async (trx) => {
      const residents = await trx.selectFrom('incubation_residents').select('id').where('carrier_id', '=', c.id).where('status', '=', 'resident').execute();
      const d = decideIntake(a.status, accept, reason, c.seats, residents.length);
      if (!d.ok) throw new AppError(d.code, { status: a.status });
      const u = await trx.updateTable('incubation_applications').set({ status: d.to, decision_reason: reason?.trim() || null, decided_at: now }).where('id', '=', a.id).where('status', '=', 'submitted').executeTakeFirst();
      if (Number(u.numUpdatedRows) === 0) throw new AppError('CONFLICT');
      let resident: IncubationResidentRow | null = null;
      if (d.to === 'accepted') {
        resident = { id: uuidv7(), carrier_id: c.id, application_id: a.id, organisation_id: a.applicant_org_id, team_name: a.team_name, stage: a.stage, entered_on: shanghaiDate(this.ctx.clock.now()), status: 'resident', left_on: null, next_stage: null, outcome: '', created_at: now };
        await trx.insertInto('incubation_residents').values(resident).execute();
      }
      await recordAudit(trx, actor, { action: `incubation.${d.to}`, subjectType: 'incubation_application', subjectId: a.id, before: { status: a.status }, after: { status: d.to, reason: reason ?? null }, requestId: actor.requestId }, this.ctx.clock.now());
      return { application: { ...a, status: d.to, decision_reason: reason?.trim() || null, decided_at: now }, resident };
    });
  }

  async residents(actor: Actor, carrierId: string): Promise<IncubationResidentRow[]> {
    this.assertCarrierOwner(actor, await this.carrier(carrierId));
    return this.ctx.db.selectFrom('incubation_residents').selectAll().where('carrier_id', '=', carrierId).orderBy('entered_on').execute();
  }

  /** graduate: moves on to the next stage (incubator → accelerator …); exit: leaves without graduating. */
  async leave(actor: Actor, residentId: string, how: 'graduate' | 'exit', outcome = ''): Promise<IncubationResidentRow> {
    const r = await this.ctx.db.selectFrom('incubation_residents').selectAll().where('id', '=', residentId).executeTakeFirst();
    if (!r) throw new AppError('INCUBATION_RESIDENT_NOT_FOUND');
    this.assertCarrierOwner(actor, await this.carrier(r.carrier_id));
    if (r.status !== 'resident') throw new AppError('INCUBATION_STATE_INVALID', { status: r.status });
    const patch = { status: how === 'graduate' ? 'graduated' : 'exited', left_on: shanghaiDate(this.ctx.clock.now()), next_stage: how === 'graduate' ? nextStage(r.stage as IncubationStage, incubationParams()) ?? 'market' : null, outcome };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.updateTable('incubation_residents').set(patch).where('id', '=', residentId).where('status', '=', 'resident').execute();
      await recordAudit(trx, actor, { action: `incubation.${how}`, subjectType: 'incubation_resident', subjectId: residentId, before: { status: r.status }, after: patch, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return { ...r, ...patch };
  }

  async stats() {
    const rows = await this.ctx.db.selectFrom('incubation_residents').select('status').execute();
    const carriers = await this.ctx.db.selectFrom('incubation_carriers').select('kind').execute();
    return { carriers: carriers.length, residents: rows.filter((r) => r.status === 'resident').length, graduated: rows.filter((r) => r.status === 'graduated').length };
  }
}
