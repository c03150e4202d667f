import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams, type HttpApp, Nullable } from '../../kernel/http/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { ListingsService } from '../listings/index.js';
import type { NdaRequestRow } from './ndas.table.js';
import type { NdasService } from './ndas.service.js';


const NdaView = Type.Object({
  id: Type.String(), listingKind: Type.String(), listingId: Type.String(), listingTitle: Type.String(),
  requesterUserId: Type.String(), requesterOrg: Type.Object({ id: Type.String(), name: Type.String() }), message: Type.String(), status: Type.String(),
  ndaVersion: Type.String(), decidedAt: Nullable(Type.String()), decisionReason: Nullable(Type.String()), acceptedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export function ndasRoutes(deps: { ndas: NdasService; organisations: OrganisationsService; demands: ListingsService<'demand'>; achievements: ListingsService<'achievement'> }) {
  const { ndas, organisations } = deps;

  async function present(rows: NdaRequestRow[]) {
    const orgIds = [...new Set(rows.map((r) => r.requester_org_id))];
    const orgs = await organisations.byIds(orgIds);
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const titles = new Map<string, string>();
    for (const r of rows) {
      if (titles.has(r.listing_id)) continue;
      const svc = r.listing_kind === 'demand' ? deps.demands : deps.achievements;
      titles.set(r.listing_id, (await svc.getRow(r.listing_id).catch(() => null))?.title ?? '');
    }
    return rows.map((r) => ({
      id: r.id, listingKind: r.listing_kind, listingId: r.listing_id, listingTitle: titles.get(r.listing_id) ?? '', requesterUserId: r.requester_user_id,
      requesterOrg: { id: r.requester_org_id, name: orgName.get(r.requester_org_id) ?? '' }, message: r.message, status: r.status, ndaVersion: r.nda_version,
      decidedAt: r.decided_at, decisionReason: r.decision_reason, acceptedAt: r.accepted_at, createdAt: r.created_at,
    }));
  }

  return async function (app: HttpApp) {
    app.get('/api/ndas/text', { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags: ['ndas 保密协议'], summary: '当前保密协议文本 / current NDA text', response: { 200: Type.Object({ version: Type.String(), zh: Type.String(), en: Type.String() }) } },
    }, async () => ndas.currentText());

    app.get('/api/ndas', {
      config: { access: { roles: 'signed-in' } }, schema: {
        tags: ['ndas 保密协议'], summary: '我的保密协议申请（incoming：待我审批；outgoing：我发起的）',
        querystring: Type.Object({ direction: Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')]), status: Type.Optional(Type.Union(['requested', 'approved', 'accepted', 'rejected', 'withdrawn'].map((s) => Type.Literal(s)))) }),
        response: { 200: Type.Array(NdaView), ...errorResponses },
      },
    }, async (req) => present(await ndas.list(req.actor, req.query.direction, req.query.status as any)));

    app.post('/api/ndas', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: {
        tags: ['ndas 保密协议'], summary: '申请查看保密详情 / request the confidential detail',
        body: Type.Object({ listingKind: Type.Union([Type.Literal('demand'), Type.Literal('achievement')]), listingId: Type.String({ maxLength: 64 }), message: Type.Optional(Type.String({ maxLength: 1000 })) }),
        response: { 201: NdaView, ...errorResponses },
      },
    }, async (req, reply) => reply.status(201).send((await present([await ndas.request(req.actor, req.body.listingKind, req.body.listingId, req.body.message)]))[0]));

    app.get('/api/ndas/:id', { config: { access: { roles: 'signed-in', owner: true } }, schema: { tags: ['ndas 保密协议'], params: IdParams, response: { 200: NdaView, ...errorResponses } } }, async (req) => (await present([await ndas.get(req.actor, req.params.id)]))[0]);

    app.post('/api/ndas/:id/approve', { config: { access: { roles: ['institution', 'broker', 'service', 'government', 'admin'], owner: true } }, schema: { tags: ['ndas 保密协议'], summary: '所有者或经纪人批准', params: IdParams, response: { 200: NdaView, ...errorResponses } } }, async (req) => (await present([await ndas.approve(req.actor, req.params.id)]))[0]);

    app.post('/api/ndas/:id/reject', {
      config: { access: { roles: ['institution', 'broker', 'service', 'government', 'admin'], owner: true } }, schema: { tags: ['ndas 保密协议'], summary: '拒绝（须说明原因）', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }), response: { 200: NdaView, ...errorResponses } },
    }, async (req) => (await present([await ndas.reject(req.actor, req.params.id, req.body.reason)]))[0]);

    app.post('/api/ndas/:id/accept', {
      config: { access: { roles: 'signed-in', owner: true } }, schema: { tags: ['ndas 保密协议'], summary: '申请方接受保密协议文本（须提交所阅读的版本号）', params: IdParams, body: Type.Object({ ndaVersion: Type.String({ minLength: 1, maxLength: 40 }) }), response: { 200: NdaView, ...errorResponses } },
    }, async (req) => (await present([await ndas.accept(req.actor, req.params.id, req.body.ndaVersion)]))[0]);

    app.post('/api/ndas/:id/withdraw', { config: { access: { roles: ['enterprise', 'broker', 'service', 'government'], owner: true } }, schema: { tags: ['ndas 保密协议'], params: IdParams, response: { 200: NdaView, ...errorResponses } } }, async (req) => (await present([await ndas.withdraw(req.actor, req.params.id)]))[0]);
  };
}
