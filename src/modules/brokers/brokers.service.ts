/**
 * Technology brokers (科技经纪人): profiles they keep themselves, and a public track record computed from deals —
 * never self-reported.
 */
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import { regionByCode, taxonomyNode, regionPrefix } from '../reference/index.js';
import type { AccountsService } from '../accounts/index.js';
import { trackRecordsByBroker, type DealsService, type DealStage, type TrackRecord } from '../deals/index.js';
import type { BrokerProfileRow } from './brokers.table.js';

export interface BrokerProfileInput {
  certificateNo: string;
  specialities: string[];
  regions: string[];
  bio?: string;
  defaultCommissionBp?: number | null;
}

export interface BrokerEntry {
  userId: string;
  name: string;
  organisationId: string | null;
  profile: BrokerProfileRow | null;
  record: TrackRecord;
}

const EMPTY: TrackRecord = { handled: 0, signed: 0, amountFen: 0, medianDaysMatchToContract: null, medianSample: 0, signedWithoutAmount: 0 };

export class BrokersService {
  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: { accounts: AccountsService; deals: DealsService },
  ) {}

  async saveProfile(actor: Actor, input: BrokerProfileInput): Promise<BrokerProfileRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (actor.role !== 'broker') throw new AppError('FORBIDDEN');
    if (!/^[A-Za-z0-9\-]{4,40}$/.test(input.certificateNo.trim())) throw invalidField('certificateNo', '证书编号应为 4–40 位字母、数字或连字符', 'must be 4–40 letters, digits or hyphens');
    for (const s of input.specialities) if (!taxonomyNode(s)) throw invalidField('specialities', `行业代码 ${s} 不存在`, `unknown industry code ${s}`);
    for (const r of input.regions) if (!regionByCode(r)) throw invalidField('regions', `行政区划代码 ${r} 不存在`, `unknown region code ${r}`);
    const row: BrokerProfileRow = {
      user_id: actor.userId, certificate_no: input.certificateNo.trim(), specialities: JSON.stringify(input.specialities), regions: JSON.stringify(input.regions),
      bio: input.bio ?? '', default_commission_bp: input.defaultCommissionBp ?? null, updated_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      const before = await trx.selectFrom('broker_profiles').selectAll().where('user_id', '=', actor.userId).executeTakeFirst();
      if (before) await trx.updateTable('broker_profiles').set(row).where('user_id', '=', actor.userId).execute();
      else await trx.insertInto('broker_profiles').values(row).execute();
      await recordAudit(trx, actor, { action: 'broker.profile', subjectType: 'broker_profile', subjectId: actor.userId, before, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** Track records of every broker, computed from the deals they were assigned to. */
  private async records(): Promise<Map<string, TrackRecord>> {
    const deals = await this.deps.deals.allDeals();
    const times = await this.deps.deals.stageTimesOf(deals.map((d) => d.id));
    const brokers = await this.deps.deals.brokersOf(deals.map((d) => d.id));
    const byDeal = new Map<string, string[]>();
    for (const b of brokers) byDeal.set(b.deal_id, [...(byDeal.get(b.deal_id) ?? []), b.broker_user_id]);
    return trackRecordsByBroker(deals.map((d) => ({ brokerUserIds: byDeal.get(d.id) ?? [], stage: d.stage as DealStage, stageTimes: times.get(d.id) ?? {}, amountFen: d.amount_fen })));
  }

  /** The public broker directory: every active broker account, its profile and its computed track record. */
  async directory(filter: { speciality?: string; region?: string } = {}): Promise<BrokerEntry[]> {
    const { rows: users } = await this.deps.accounts.listUsers({ kind: 'system', process: 'brokers' }, { role: 'broker' }, 1, 1000);
    const profiles = await this.ctx.db.selectFrom('broker_profiles').selectAll().execute();
    const byUser = new Map(profiles.map((p) => [p.user_id, p]));
    const records = await this.records();
    return users
      .filter((u) => u.status === 'active')
      .map((u) => ({ userId: u.id, name: u.name, organisationId: u.organisation_id, profile: byUser.get(u.id) ?? null, record: records.get(u.id) ?? EMPTY }))
      .filter((e) => !filter.speciality || parseJsonArray(e.profile?.specialities).some((s) => s === filter.speciality || s.startsWith(`${filter.speciality}.`)))
      .filter((e) => !filter.region || parseJsonArray(e.profile?.regions).some((r) => r.startsWith(regionPrefix(filter.region!))))
      .sort((a, b) => b.record.signed - a.record.signed || b.record.handled - a.record.handled || a.name.localeCompare(b.name, 'zh-CN'));
  }

  async get(userId: string): Promise<BrokerEntry> {
    const entry = (await this.directory()).find((e) => e.userId === userId);
    if (!entry) throw new AppError('BROKER_NOT_FOUND');
    return entry;
  }
}
