import { Type, type Static } from '@sinclair/typebox';
import { AppError } from '../../kernel/errors.js';
import { errorResponses, IdParams, OkResponse, type HttpApp } from '../../kernel/http/index.js';
import { AchievementView, DemandView } from '../listings/listings.schemas.js';
import { presentListing, type ListingKind } from '../listings/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { MatchingService, MatchOutcome } from './matching.service.js';
import type { MatchSubscriptionRow } from './matching.table.js';

const Reason = Type.Object({ kind: Type.String(), contribution: Type.Number(), detail: Type.Record(Type.String(), Type.Unknown()) });
const MatchItem = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  score: Type.Number(),
  textScore: Type.Number(),
  summary: Type.Object({ zh: Type.String(), en: Type.String() }),
  reasons: Type.Array(Reason),
  listing: Type.Union([DemandView, AchievementView]),
  ownerCredit: Type.Union([Type.Object({ riskClass: Type.Union([Type.String(), Type.Null()]), abnormal: Type.Boolean(), serious: Type.Boolean() }), Type.Null()]),
});
const MatchResponseSchema = Type.Object({
  items: Type.Array(MatchItem),
  code: Type.String({ description: 'OK | QUERY_ONLY_GENERIC (only generic words: empty result) | QUERY_NO_TERMS' }),
  notice: Type.Union([Type.String(), Type.Null()]),
  truncated: Type.Boolean(),
  queryTerms: Type.Array(Type.Object({ term: Type.String(), surface: Type.String(), weight: Type.Number(), synonym: Type.Boolean() })),
});

const Region = Type.String({ pattern: '^\\d{6}$' });
const Trl = Type.Integer({ minimum: 1, maximum: 9 });
const MatchQuerystring = Type.Object({
  demand: Type.Optional(Type.String({ maxLength: 64 })),
  achievement: Type.Optional(Type.String({ maxLength: 64 })),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  region: Type.Optional(Region),
  minTrl: Type.Optional(Trl),
  hardTrl: Type.Optional(Type.Boolean()),
});
const MatchBody = Type.Object({
  text: Type.String({ maxLength: 20000, description: '查询文本；超过 10,000 字的部分被截断（truncated=true）' }),
  kind: Type.Optional(Type.Union([Type.Literal('achievements'), Type.Literal('demands')], { default: 'achievements' })),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  region: Type.Optional(Region),
  minTrl: Type.Optional(Trl),
  hardTrl: Type.Optional(Type.Boolean()),
});
const SubscriptionBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  targetKind: Type.Union([Type.Literal('achievement'), Type.Literal('demand')]),
  queryText: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  sourceKind: Type.Optional(Type.Union([Type.Literal('achievement'), Type.Literal('demand'), Type.Null()])),
  sourceId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  regionCode: Type.Optional(Type.Union([Region, Type.Null()])),
  minTrl: Type.Optional(Type.Union([Trl, Type.Null()])),
  threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
const SubscriptionView = Type.Object({
  id: Type.String(), name: Type.String(), targetKind: Type.String(), queryText: Type.Union([Type.String(), Type.Null()]), sourceKind: Type.Union([Type.String(), Type.Null()]),
  sourceId: Type.Union([Type.String(), Type.Null()]), regionCode: Type.Union([Type.String(), Type.Null()]), minTrl: Type.Union([Type.Integer(), Type.Null()]),
  threshold: Type.Integer(), createdAt: Type.String(), lastNotifiedAt: Type.Union([Type.String(), Type.Null()]),
});

const NOTICES: Record<string, { zh: string; en: string }> = {
  QUERY_ONLY_GENERIC: { zh: '查询只包含“技术、系统、研究”等泛化词，请写出具体的技术、产品或参数', en: 'The query has only generic words (technology, system, research …); name a specific technology, product or parameter' },
  QUERY_NO_TERMS: { zh: '查询中没有可检索的词', en: 'The query has no searchable terms' },
};

function presentSubscription(s: MatchSubscriptionRow) {
  return {
    id: s.id, name: s.name, targetKind: s.target_kind, queryText: s.query_text, sourceKind: s.source_kind, sourceId: s.source_id, regionCode: s.region_code,
    minTrl: s.min_trl, threshold: s.threshold, createdAt: s.created_at, lastNotifiedAt: s.last_notified_at,
  };
}

type CreditStatus = { riskClass: string | null; abnormal: boolean; serious: boolean };

export function matchingRoutes(deps: {
  matching: MatchingService;
  organisations: OrganisationsService;
  /** `statusMany` (one query per table for all owners), when the credit module offers it, replaces per-owner `status` */
  credit?: { status(orgId: string): Promise<CreditStatus>; statusMany?(orgIds: string[]): Promise<Map<string, CreditStatus>> };
}) {
  const { matching, organisations } = deps;

  async function present(kind: ListingKind, out: MatchOutcome, locale: string) {
    const orgIds = [...new Set(out.results.map((r) => r.view.row.organisation_id))];
    const notice = NOTICES[out.code];
    // owners on the abnormal or serious list are flagged in results (their rank is already lowered through the credit class)
    const credit = new Map<string, CreditStatus | null>();
    const pick = (s: CreditStatus) => ({ riskClass: s.riskClass, abnormal: s.abnormal, serious: s.serious });
    if (deps.credit?.statusMany && orgIds.length) {
      const many = await deps.credit.statusMany(orgIds).catch(() => new Map<string, CreditStatus>());
      for (const id of orgIds) credit.set(id, many.has(id) ? pick(many.get(id)!) : null);
    } else {
      for (const id of orgIds) credit.set(id, deps.credit ? await deps.credit.status(id).then(pick).catch(() => null) : null);
    }
    return {
      code: out.code,
      notice: notice ? (locale === 'en' ? notice.en : notice.zh) : null,
      truncated: out.truncated,
      queryTerms: out.queryTerms,
      items: out.results.map((r) => ({
        id: r.id, kind, title: r.view.row.title, score: Number(r.score.toFixed(4)), textScore: Number(r.textScore.toFixed(4)), summary: r.summary,
        reasons: r.reasons as { kind: string; contribution: number; detail: Record<string, unknown> }[],
        listing: presentListing(kind, r.view),
        ownerCredit: credit.get(r.view.row.organisation_id) ?? null,
      })),
    };
  }

  return async function (app: HttpApp) {
    app.get('/api/matches', { config: { access: { roles: 'everyone' }, public: true },
      schema: {
        tags: ['matching 撮合'], summary: '为需求匹配成果（demand=ID）或为成果匹配需求（achievement=ID），带理由 / explained matches',
        querystring: MatchQuerystring, response: { 200: MatchResponseSchema, ...errorResponses },
      },
    }, async (req) => {
      const q = req.query;
      if (Boolean(q.demand) === Boolean(q.achievement)) throw new AppError('MATCH_SOURCE_REQUIRED');
      const kind: ListingKind = q.demand ? 'demand' : 'achievement';
      const out = await matching.matchListing(req.actor, kind, (q.demand ?? q.achievement)!, { top: q.top, regionCode: q.region, minTrl: q.minTrl, hardTrl: q.hardTrl });
      return present(kind === 'demand' ? 'achievement' : 'demand', out, req.locale);
    });

    app.post('/api/match', { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags: ['matching 撮合'], summary: '自由文本匹配 / free-text matching', body: MatchBody, response: { 200: MatchResponseSchema, ...errorResponses } },
    }, async (req) => {
      const b = req.body as Static<typeof MatchBody>;
      const kind: ListingKind = b.kind === 'demands' ? 'demand' : 'achievement';
      const out = await matching.matchText(req.actor, b.text, kind, { top: b.top, regionCode: b.region, minTrl: b.minTrl, hardTrl: b.hardTrl });
      return present(kind, out, req.locale);
    });

    app.get('/api/matches/similar', { config: { access: { roles: 'everyone' }, public: true },
      schema: {
        tags: ['matching 撮合'], summary: '相似条目 / similar listings',
        querystring: Type.Object({ kind: Type.Union([Type.Literal('demand'), Type.Literal('achievement')]), id: Type.String({ maxLength: 64 }), top: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 5 })) }),
        response: { 200: MatchResponseSchema, ...errorResponses },
      },
    }, async (req) => present(req.query.kind, await matching.similar(req.actor, req.query.kind, req.query.id, { top: req.query.top }), req.locale));

    app.get('/api/matches/experts', { config: { access: { roles: 'everyone' }, public: true },
      schema: {
        tags: ['matching 撮合'], summary: '需求 → 专家与团队 / experts and teams for a demand',
        querystring: Type.Object({ demand: Type.String({ maxLength: 64 }), top: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) }),
        response: {
          200: Type.Array(Type.Object({
            organisation: Type.Object({ id: Type.String(), name: Type.String(), type: Type.String(), regionCode: Type.Union([Type.String(), Type.Null()]) }),
            score: Type.Number(),
            achievements: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), score: Type.Number() })),
            team: Type.Array(Type.Object({ name: Type.String(), title: Type.Optional(Type.String()), role: Type.Optional(Type.String()), achievementId: Type.String() })),
          })),
          ...errorResponses,
        },
      },
    }, async (req) => {
      const experts = await matching.experts(req.actor, req.query.demand, req.query.top);
      const rows = await organisations.byIds(experts.map((e) => e.orgId));
      const orgs = new Map(rows.map((o) => [o.id, o]));
      return experts.map((e) => {
        const o = orgs.get(e.orgId);
        return { organisation: { id: e.orgId, name: o?.name ?? '', type: o?.type ?? '', regionCode: o?.region_code ?? null }, score: Number(e.score.toFixed(4)), achievements: e.achievements, team: e.team };
      });
    });

    app.get('/api/matching/stats', {
      config: { access: { roles: ['admin'] } }, schema: { tags: ['matching 撮合'], summary: '匹配索引规模与内存（管理员） / index size and memory (admins)' },
    }, async (req) => {
      const a = req.actor;
      if (!(a.kind === 'system' || (a.kind === 'user' && a.role === 'admin'))) throw new AppError(a.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      await matching.ensureBuilt();
      const mem = process.memoryUsage();
      return { ...matching.stats(), process: { rssMB: Math.round(mem.rss / 1_048_576), heapUsedMB: Math.round(mem.heapUsed / 1_048_576) } };
    });

    app.get('/api/subscriptions', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['matching 撮合'], summary: '我的匹配订阅', response: { 200: Type.Array(SubscriptionView), ...errorResponses } } }, async (req) => (await matching.subscriptions(req.actor)).map(presentSubscription));

    app.post('/api/subscriptions', {
      config: { access: { roles: 'signed-in' } }, schema: { tags: ['matching 撮合'], summary: '订阅：新的或更新的条目匹配时发站内通知', body: SubscriptionBody, response: { 201: SubscriptionView, ...errorResponses } },
    }, async (req, reply) => reply.status(201).send(presentSubscription(await matching.subscribe(req.actor, req.body))));

    app.delete('/api/subscriptions/:id', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['matching 撮合'], params: IdParams, response: { 200: OkResponse, ...errorResponses } } }, async (req) => {
      await matching.unsubscribe(req.actor, req.params.id);
      return { ok: true };
    });
  };
}
