import { uuidv7 } from 'uuidv7';
import { type Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError } from '../../kernel/errors.js';
import { inTransaction, nowIso, type Executor, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { DetailGrants, ListingKind, ListingsService } from '../listings/index.js';
import type { NdaRequestRow } from './ndas.table.js';

/**
 * NDA flow (保密协议): a party requests the confidential detail of a listing → the owner or an assigned broker
 * approves (or rejects with a reason) → the requester accepts the NDA text of the current version → the detail
 * becomes visible to that party's organisation in every endpoint and export.
 */
export type NdaStatus = 'requested' | 'approved' | 'accepted' | 'rejected' | 'withdrawn';

export const NDA_TEXT: Record<string, { zh: string; en: string }> = {
  'NDA-2026-01': {
    zh: '保密协议（平台标准文本 2026-01 版）\n一、接收方仅为评估与对方开展技术合作之目的使用本条目的保密信息，不得向第三方披露，不得用于申请专利或自行实施。\n二、保密义务自接受之日起三年，法律法规另有规定或双方另有约定的除外。\n三、接收方应限定知悉范围为确需知悉的人员，并对其行为负责。\n四、合作未达成时，接收方应删除或返还保密信息。\n五、违反本协议的，依法承担违约责任；平台记录本协议的接受人、时间与版本，作为信用记录依据。',
    en: 'Non-disclosure agreement (platform standard text, version 2026-01)\n1. The recipient uses the confidential information of this listing only to assess a technical cooperation with the other party; it discloses it to no third party, files no patent on it and does not practise it.\n2. The obligation lasts three years from acceptance unless law or a separate agreement says otherwise.\n3. The recipient limits access to the people who need it and answers for them.\n4. If no cooperation follows, the recipient deletes or returns the information.\n5. Breach carries liability under the law; the platform records who accepted which version when, as a credit record.',
  },
};

export class NdasService implements DetailGrants {
  private listings: Partial<Record<ListingKind, ListingsService<any>>> = {};
  private acceptedListeners: ((nda: NdaRequestRow) => Promise<void>)[] = [];

  constructor(private readonly ctx: KernelContext<DB>) {}

  /** Called after an NDA is accepted (deals advance to "NDA signed"). */
  onAccepted(listener: (nda: NdaRequestRow) => Promise<void>): void {
    this.acceptedListeners.push(listener);
  }

  attach(kind: ListingKind, service: ListingsService<any>): void {
    this.listings[kind] = service;
    service.useDetailGrants(this);
  }

  currentText() {
    const version = this.ctx.config.ndaTextVersion;
    return { version, ...(NDA_TEXT[version] ?? NDA_TEXT['NDA-2026-01']) };
  }

  async grantedListingIds(kind: ListingKind, orgId: string, listingIds: string[], db: Executor<DB> = this.ctx.db): Promise<Set<string>> {
    if (!listingIds.length) return new Set();
    const out = new Set<string>();
    for (let i = 0; i < listingIds.length; i += 500) {
      const rows = await db.selectFrom('nda_requests').select('listing_id').where('listing_kind', '=', kind).where('requester_org_id', '=', orgId)
        .where('status', '=', 'accepted').where('listing_id', 'in', listingIds.slice(i, i + 500)).execute();
      for (const r of rows) out.add(r.listing_id);
    }
    return out;
  }

  private service(kind: ListingKind): ListingsService<any> {
    const s = this.listings[kind];
    if (!s) throw new Error(`no listings service for ${kind}`);
    return s;
  }

  private async getRow(id: string, db: Executor<DB> = this.ctx.db): Promise<NdaRequestRow> {
    const row = await db.selectFrom('nda_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NDA_NOT_FOUND');
    return row;
  }

  /** Owner-side deciders: members of the owner organisation, brokers assigned to the listing, admins. */
  private async canDecide(actor: Actor, nda: NdaRequestRow): Promise<boolean> {
    if (actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin')) return true;
    if (actor.kind !== 'user') return false;
    const listing = await this.service(nda.listing_kind as ListingKind).getRow(nda.listing_id);
    if (listing.organisation_id === actor.orgId) return true;
    const brokers = await this.service(nda.listing_kind as ListingKind).repo.brokersOf(this.ctx.db, [listing.id]);
    return (brokers.get(listing.id) ?? []).includes(actor.userId);
  }

  async request(actor: Actor, kind: ListingKind, listingId: string, message = ''): Promise<NdaRequestRow> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    if (!actor.orgId) throw new AppError('NDA_NEEDS_ORGANISATION');
    const view = await this.service(kind).get(actor, listingId); // 404 when not visible
    if (view.owner) throw new AppError('NDA_OWN_LISTING');
    if (view.detailVisible) throw new AppError('NDA_ALREADY_GRANTED');
    return inTransaction(this.ctx.db, async (trx) => {
      const open = await trx.selectFrom('nda_requests').selectAll().where('listing_kind', '=', kind).where('listing_id', '=', listingId)
        .where('requester_org_id', '=', actor.orgId!).where('status', 'in', ['requested', 'approved']).executeTakeFirst();
      if (open) throw new AppError('NDA_ALREADY_REQUESTED');
      const now = nowIso(this.ctx.clock);
      const row: NdaRequestRow = {
        id: uuidv7(), listing_kind: kind, listing_id: listingId, requester_user_id: actor.userId, requester_org_id: actor.orgId!, message: message.trim(),
        status: 'requested', nda_version: this.ctx.config.ndaTextVersion, decided_by: null, decided_at: null, decision_reason: null,
        accepted_by: null, accepted_at: null, created_at: now, updated_at: now,
      };
      await trx.insertInto('nda_requests').values(row).execute();
      await recordAudit(trx, actor, { action: 'nda.request', subjectType: 'nda_request', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
      return row;
    });
  }

  private async move(actor: Actor, id: string, from: NdaStatus[], to: NdaStatus, who: 'owner' | 'requester', patch: Partial<NdaRequestRow>): Promise<NdaRequestRow> {
    // Authorisation reads first (outside the transaction: SQLite has a single connection), then the guarded write.
    const current = await this.getRow(id);
    const isRequester = actor.kind === 'user' && actor.orgId === current.requester_org_id;
    const isDecider = await this.canDecide(actor, current);
    if (!(who === 'owner' ? isDecider : isRequester)) {
      throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : isRequester || isDecider ? 'FORBIDDEN' : 'NDA_NOT_FOUND');
    }
    return inTransaction(this.ctx.db, async (trx) => {
      const before = await this.getRow(id, trx);
      if (!from.includes(before.status as NdaStatus)) throw new AppError('NDA_STATUS_INVALID', { status: before.status, to });
      const now = nowIso(this.ctx.clock);
      await trx.updateTable('nda_requests').set({ ...patch, status: to, updated_at: now }).where('id', '=', id).execute();
      const after = await trx.selectFrom('nda_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: `nda.${to}`, subjectType: 'nda_request', subjectId: id, before, after, requestId: actor.requestId }, this.ctx.clock.now());
      return after;
    });
  }

  async approve(actor: Actor, id: string): Promise<NdaRequestRow> {
    const now = nowIso(this.ctx.clock);
    return this.move(actor, id, ['requested'], 'approved', 'owner', { decided_by: actor.kind === 'user' ? actor.userId : null, decided_at: now });
  }

  async reject(actor: Actor, id: string, reason: string): Promise<NdaRequestRow> {
    if (!reason.trim()) throw new AppError('LISTING_REASON_REQUIRED');
    return this.move(actor, id, ['requested', 'approved'], 'rejected', 'owner', { decided_by: actor.kind === 'user' ? actor.userId : null, decided_at: nowIso(this.ctx.clock), decision_reason: reason.trim() });
  }

  /** The requester accepts the NDA text; the version they saw must be the version on record. */
  async accept(actor: Actor, id: string, version: string): Promise<NdaRequestRow> {
    const row = await this.getRow(id);
    if (row.nda_version !== version) throw new AppError('NDA_VERSION_MISMATCH', { expected: row.nda_version, got: version });
    const done = await this.move(actor, id, ['approved'], 'accepted', 'requester', { accepted_by: actor.kind === 'user' ? actor.userId : null, accepted_at: nowIso(this.ctx.clock) });
    for (const l of this.acceptedListeners) await l(done);
    return done;
  }

  async withdraw(actor: Actor, id: string): Promise<NdaRequestRow> {
    return this.move(actor, id, ['requested', 'approved'], 'withdrawn', 'requester', {});
  }

  async get(actor: Actor, id: string): Promise<NdaRequestRow> {
    const row = await this.getRow(id);
    const mine = actor.kind === 'user' && actor.orgId === row.requester_org_id;
    if (!mine && !(await this.canDecide(actor, row))) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'NDA_NOT_FOUND');
    return row;
  }

  /** Outgoing: my organisation's requests. Incoming: requests on my organisation's listings or listings I broker. */
  async list(actor: Actor, direction: 'incoming' | 'outgoing', status?: NdaStatus): Promise<NdaRequestRow[]> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    let q = this.ctx.db.selectFrom('nda_requests').selectAll();
    if (status) q = q.where('status', '=', status);
    if (direction === 'outgoing') {
      q = q.where('requester_org_id', '=', actor.orgId ?? '');
    } else if (actor.role !== 'admin') {
      const orgId = actor.orgId ?? '';
      q = q.where((eb) => eb.or([
        eb.and([eb('listing_kind', '=', 'demand'), eb('listing_id', 'in', eb.selectFrom('demands').select('id').where('organisation_id', '=', orgId))]),
        eb.and([eb('listing_kind', '=', 'achievement'), eb('listing_id', 'in', eb.selectFrom('achievements').select('id').where('organisation_id', '=', orgId))]),
        // listing ids are UUIDv7, unique across both tables
        eb('listing_id', 'in', eb.selectFrom('listing_brokers').select('listing_id').where('broker_user_id', '=', actor.userId)),
      ]));
    }
    return q.orderBy('created_at', 'desc').limit(500).execute();
  }
}
