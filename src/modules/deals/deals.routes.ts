import { Type, type Static } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { invalidField } from '../../kernel/errors.js';
import { fenToWan } from '../../kernel/money.js';
import { bpToPercent } from '../../kernel/percent.js';
import { errorResponses, IdParams, OkResponse, Page, type HttpApp, Nullable, Percent, Wan, bpFromPercent as bp, fenFromWan as fen } from '../../kernel/http/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { AccountsService } from '../accounts/index.js';
import type { ListingsService } from '../listings/index.js';
import { DEAL_STAGES, LOST_REASONS, LOST_REASON_LABELS, type LostReason, type StageChange } from './core/stages.js';
import { DEAL_MODES, EXCLUSIVITY, PAYMENT_TERMS, parseOfferJson, type DealsService, type DealView } from './deals.service.js';
import type { DealOfferRow } from './deals.table.js';

const Ref = Type.Object({ id: Type.String(), name: Type.String(), creditFlag: Type.Optional(Type.Union([Type.Literal('abnormal'), Type.Literal('serious'), Type.Null()])) });

const DealViewSchema = Type.Object({
  id: Type.String(), title: Type.String(),
  demand: Nullable(Type.Object({ id: Type.String(), title: Type.String() })),
  achievement: Nullable(Type.Object({ id: Type.String(), title: Type.String() })),
  buyer: Ref, seller: Ref, mode: Type.String(), stage: Type.String(), stageTimes: Type.Record(Type.String(), Type.String()),
  openedVia: Type.String(), matchScore: Nullable(Type.Number()), amountWan: Nullable(Type.String()),
  lostReason: Nullable(Type.String()), lostReasonLabel: Nullable(Type.Object({ zh: Type.String(), en: Type.String() })), lostNote: Nullable(Type.String()),
  industrialised: Nullable(Type.Object({ inLiaoning: Type.Boolean(), regionCode: Type.String() })),
  brokers: Type.Array(Type.Object({ userId: Type.String(), name: Type.String(), commissionType: Type.String(), commissionPercent: Nullable(Type.String()), commissionWan: Nullable(Type.String()) })),
  roles: Type.Array(Type.String()), nextStages: Type.Array(Type.String()), createdAt: Type.String(), updatedAt: Type.String(), version: Type.Integer(),
}, { $id: 'Deal' });

const OfferSchema = Type.Object({
  id: Type.String(), round: Type.Integer(), side: Type.String(), byUserId: Type.String(), priceWan: Type.String(), payment: Type.String(),
  royaltyPercent: Nullable(Type.String()), equityPercent: Nullable(Type.String()), instalments: Type.Array(Type.Object({ dueDate: Type.String(), amountWan: Type.String() })),
  exclusivity: Type.String(), termMonths: Nullable(Type.Integer()), territory: Type.String(), milestones: Type.Array(Type.Object({ title: Type.String(), dueDate: Type.Optional(Type.String()) })),
  note: Type.String(), valuation: Nullable(Type.Record(Type.String(), Type.Unknown())), status: Type.String(), createdAt: Type.String(),
});

const OfferBody = Type.Object({
  priceWan: Wan,
  payment: Type.Union(PAYMENT_TERMS.map((p) => Type.Literal(p))),
  royaltyPercent: Type.Optional(Nullable(Percent)),
  equityPercent: Type.Optional(Nullable(Percent)),
  instalments: Type.Optional(Type.Array(Type.Object({ dueDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), amountWan: Wan }), { maxItems: 60 })),
  exclusivity: Type.Union(EXCLUSIVITY.map((e) => Type.Literal(e))),
  termMonths: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 600 }))),
  territory: Type.Optional(Type.String({ maxLength: 200 })),
  milestones: Type.Optional(Type.Array(Type.Object({ title: Type.String({ minLength: 1, maxLength: 200 }), dueDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }), { maxItems: 50 })),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  valuation: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
});

const StageBody = Type.Object({
  to: Type.Union([...DEAL_STAGES, 'closed_lost'].map((s) => Type.Literal(s))),
  reason: Type.Optional(Type.Union(LOST_REASONS.map((r) => Type.Literal(r)))),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
  where: Type.Optional(Type.Object({ inLiaoning: Type.Boolean(), regionCode: Type.String({ pattern: '^\\d{6}$' }) })),
});

export function presentOffer(o: DealOfferRow) {
  const j = parseOfferJson(o);
  return {
    id: o.id, round: o.round, side: o.side, byUserId: o.by_user_id, priceWan: fenToWan(o.price_fen)!, payment: o.payment,
    royaltyPercent: bpToPercent(o.royalty_bp), equityPercent: bpToPercent(o.equity_bp),
    instalments: j.instalments.map((i) => ({ dueDate: i.dueDate, amountWan: fenToWan(i.amountFen)! })),
    exclusivity: o.exclusivity, termMonths: o.term_months, territory: o.territory, milestones: j.milestones, note: o.note,
    valuation: j.valuation, status: o.status, createdAt: o.created_at,
  };
}

export function dealsRoutes(deps: { deals: DealsService; organisations: OrganisationsService; accounts: AccountsService; demands: ListingsService<'demand'>; achievements: ListingsService<'achievement'>; credit?: { status(orgId: string): Promise<{ abnormal: boolean; serious: boolean }> } }) {
  const { deals, organisations, accounts } = deps;

  async function present(views: DealView[]) {
    const orgIds = [...new Set(views.flatMap((v) => [v.row.buyer_org_id, v.row.seller_org_id]))];
    const rows = await organisations.byIds(orgIds);
    const orgName = new Map(rows.map((o) => [o.id, o.name]));
    const flag = new Map<string, 'abnormal' | 'serious' | null>();
    for (const id of orgIds) {
      const s = deps.credit ? await deps.credit.status(id).catch(() => null) : null;
      flag.set(id, s?.serious ? 'serious' : s?.abnormal ? 'abnormal' : null);
    }
    const userName = new Map<string, string>();
    const title = async (kind: 'demand' | 'achievement', id: string | null) => {
      if (!id) return null;
      const row = await (kind === 'demand' ? deps.demands : deps.achievements).getRow(id).catch(() => null);
      return row ? { id, title: row.title } : null;
    };
    const out = [];
    for (const v of views) {
      const r = v.row;
      const brokers = [];
      for (const b of v.brokers) {
        if (!userName.has(b.userId)) userName.set(b.userId, (await accounts.getUser(b.userId).catch(() => null))?.name ?? '');
        brokers.push({ userId: b.userId, name: userName.get(b.userId)!, commissionType: b.commissionType, commissionPercent: bpToPercent(b.commissionBp), commissionWan: fenToWan(b.commissionFen) });
      }
      out.push({
        id: r.id, title: r.title, demand: await title('demand', r.demand_id), achievement: await title('achievement', r.achievement_id),
        buyer: { id: r.buyer_org_id, name: orgName.get(r.buyer_org_id) ?? '', creditFlag: flag.get(r.buyer_org_id) ?? null },
        seller: { id: r.seller_org_id, name: orgName.get(r.seller_org_id) ?? '', creditFlag: flag.get(r.seller_org_id) ?? null },
        mode: r.mode, stage: r.stage, stageTimes: v.stageTimes, openedVia: r.opened_via, matchScore: r.match_score, amountWan: fenToWan(r.amount_fen),
        lostReason: r.lost_reason, lostReasonLabel: r.lost_reason ? LOST_REASON_LABELS[r.lost_reason as LostReason] : null, lostNote: r.lost_note,
        industrialised: r.industrialised_region ? { inLiaoning: r.industrialised_in_liaoning === 1, regionCode: r.industrialised_region } : null,
        brokers, roles: v.roles, nextStages: v.nextStages, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
      });
    }
    return out;
  }

  return async function (app: HttpApp) {
    const tags = ['deals 对接项目'];
    app.get('/api/deals', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: {
        tags, summary: '我的对接项目（mine：本单位为买方或卖方；brokered：我经纪的；all：管理员）',
        querystring: Type.Object({
          scope: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('brokered'), Type.Literal('all')])),
          stage: Type.Optional(Type.Union([...DEAL_STAGES, 'closed_lost'].map((s) => Type.Literal(s)))),
          listing: Type.Optional(Type.String({ maxLength: 64 })),
          page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
        response: { 200: Page(DealViewSchema), ...errorResponses },
      },
    }, async (req) => {
      const r = await deals.list(req.actor, { scope: req.query.scope, stage: req.query.stage, listingId: req.query.listing, page: req.query.page, pageSize: req.query.pageSize });
      return { ...r, items: await present(r.items) };
    });

    app.post('/api/deals', {
      config: { access: { roles: 'signed-in' } }, schema: {
        tags, summary: '建立对接项目（由匹配、由一方或由经纪人发起）',
        body: Type.Object({
          demandId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))), achievementId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
          mode: Type.Optional(Type.Union(DEAL_MODES.map((m) => Type.Literal(m)))), title: Type.Optional(Type.String({ maxLength: 200 })),
          matchScore: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
        }),
        response: { 201: DealViewSchema, ...errorResponses },
      },
    }, async (req, reply) => reply.status(201).send((await present([await deals.open(req.actor, req.body)]))[0]));

    const FunnelQuery = Type.Object({
      from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'first day (Asia/Shanghai)' }),
      to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'last day, inclusive (Asia/Shanghai)' }),
      basis: Type.Optional(Type.Union([Type.Literal('cohort'), Type.Literal('activity')], { default: 'cohort' })),
      city: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
      industry: Type.Optional(Type.String({ maxLength: 40 })),
      by: Type.Optional(Type.Union([Type.Literal('city'), Type.Literal('industry')])),
      format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], { default: 'json' })),
    });
    app.get('/api/deals/funnel', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '成交漏斗（政府、管理员）：各阶段数量、转化率、阶段停留中位天数、未成交原因；可导出 CSV/xlsx', querystring: FunnelQuery },
    }, async (req, reply) => {
      const q = req.query;
      for (const f of ['from', 'to'] as const) {
        // the pattern admits 2026-13-45: only real calendar days go on (an invalid Date would be a 500)
        const t = Date.parse(`${q[f]}T00:00:00Z`);
        if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== q[f]) throw invalidField(f, '不是有效的日期', 'is not a valid date');
      }
      if (q.to < q.from) throw invalidField('to', '结束日期不能早于开始日期', 'must not be before from');
      // Shanghai calendar days → UTC instants: a day starts at 16:00 UTC the day before
      const start = new Date(Date.parse(`${q.from}T00:00:00+08:00`)).toISOString();
      const end = new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000).toISOString();
      const result = await deals.funnel(req.actor, { from: start, to: end }, { basis: q.basis, cityCode: q.city, industry: q.industry, by: q.by });
      const format = q.format ?? 'json';
      if (format === 'json') return result;
      const rows: (string | number)[][] = [['group', 'stage', 'reached', 'conversion_%', 'median_days_in_stage']];
      const pushFunnel = (group: string, f: typeof result.overall) => {
        for (const st of f.stages) rows.push([group, st.stage, st.reached, st.conversionBp === null ? '' : (st.conversionBp / 100).toFixed(2), st.medianDaysInStage ?? '']);
        for (const r of f.lost.reasons) rows.push([group, `lost:${r.reason}`, r.count, '', '']);
      };
      pushFunnel('all', result.overall);
      for (const g of result.groups) pushFunnel(g.key, g.funnel);
      const name = `deal-funnel-${q.from}-${q.to}`;
      if (format === 'csv') {
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(`\uFEFF${stringify(rows)}`);
      }
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('成交漏斗');
      for (const r of rows) ws.addRow(r);
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`).send(Buffer.from(await wb.xlsx.writeBuffer()));
    });

    app.get('/api/deals/:id', { config: { access: { roles: 'signed-in', owner: true } }, schema: { tags, params: IdParams, response: { 200: DealViewSchema, ...errorResponses } } }, async (req) => (await present([await deals.view(req.actor, req.params.id)]))[0]);

    app.post('/api/deals/:id/stage', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'], owner: true } }, schema: { tags, summary: '推进阶段（签署保密协议与登记由相应流程自动推进；未成交须选择原因）', params: IdParams, body: StageBody, response: { 200: DealViewSchema, ...errorResponses } },
    }, async (req) => {
      const b = req.body as Static<typeof StageBody>;
      let change: StageChange;
      if (b.to === 'closed_lost') {
        if (!b.reason) throw invalidField('reason', '请选择未成交原因', 'choose why the deal was lost');
        change = { to: 'closed_lost', reason: b.reason, note: b.note };
      } else if (b.to === 'industrialised') {
        if (!b.where) throw invalidField('where', '请填写产业化地点', 'say where it was industrialised');
        change = { to: 'industrialised', where: b.where };
      } else change = { to: b.to } as StageChange;
      return (await present([await deals.moveStage(req.actor, req.params.id, change)]))[0];
    });

    app.post('/api/deals/:id/brokers', {
      config: { access: { roles: ['enterprise', 'institution', 'service', 'government', 'admin'], owner: true } }, schema: {
        tags, summary: '指派经纪人及佣金条款（成交额百分比或固定金额）', params: IdParams,
        body: Type.Object({ brokerUserId: Type.String({ maxLength: 64 }), commissionType: Type.Union([Type.Literal('percent'), Type.Literal('fixed')]), commissionPercent: Type.Optional(Percent), commissionWan: Type.Optional(Wan) }),
        response: { 200: DealViewSchema, ...errorResponses },
      },
    }, async (req) => {
      const b = req.body;
      const view = await deals.assignBroker(req.actor, req.params.id, b.brokerUserId, { type: b.commissionType, bp: b.commissionPercent ? bp('commissionPercent', b.commissionPercent) : null, fen: b.commissionWan ? fen('commissionWan', b.commissionWan) : null });
      return (await present([view]))[0];
    });

    app.get('/api/deals/:id/timeline', {
      config: { access: { roles: 'signed-in', owner: true } }, schema: { tags, summary: '时间线', params: IdParams, response: { 200: Type.Array(Type.Object({ id: Type.String(), at: Type.String(), actorUserId: Nullable(Type.String()), kind: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) })), ...errorResponses } },
    }, async (req) => deals.timeline(req.actor, req.params.id));

    app.post('/api/deals/:id/notes', {
      config: { access: { roles: 'signed-in', owner: true } }, schema: { tags, summary: '添加记录', params: IdParams, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }), response: { 201: OkResponse, ...errorResponses } },
    }, async (req, reply) => {
      await deals.addNote(req.actor, req.params.id, req.body.text);
      return reply.status(201).send({ ok: true });
    });

    const TaskView = Type.Object({ id: Type.String(), title: Type.String(), dueDate: Type.String(), doneAt: Nullable(Type.String()), remindedAt: Nullable(Type.String()) });
    const presentTask = (t: { id: string; title: string; due_date: string; done_at: string | null; reminded_at: string | null }) => ({ id: t.id, title: t.title, dueDate: t.due_date, doneAt: t.done_at, remindedAt: t.reminded_at });
    app.get('/api/deals/:id/tasks', { config: { access: { roles: ['broker', 'service', 'government', 'admin'], owner: true } }, schema: { tags, summary: '经纪人任务', params: IdParams, response: { 200: Type.Array(TaskView), ...errorResponses } } }, async (req) => (await deals.tasks(req.actor, req.params.id)).map(presentTask));
    app.post('/api/deals/:id/tasks', {
      config: { access: { roles: ['broker', 'service', 'government'], owner: true } }, schema: { tags, summary: '新建任务（到期提醒）', params: IdParams, body: Type.Object({ title: Type.String({ minLength: 1, maxLength: 200 }), dueDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }), response: { 201: TaskView, ...errorResponses } },
    }, async (req, reply) => reply.status(201).send(presentTask(await deals.addTask(req.actor, req.params.id, req.body.title, req.body.dueDate))));
    app.post('/api/tasks/:id/done', { config: { access: { roles: 'signed-in' } }, schema: { tags, params: IdParams, response: { 200: OkResponse, ...errorResponses } } }, async (req) => {
      await deals.completeTask(req.actor, req.params.id);
      return { ok: true };
    });

    app.get('/api/deals/:id/offers', {
      config: { access: { roles: 'signed-in', owner: true } }, schema: { tags, summary: '磋商记录与双方最新立场', params: IdParams, response: { 200: Type.Object({ offers: Type.Array(OfferSchema), latest: Type.Object({ buyer: Nullable(OfferSchema), seller: Nullable(OfferSchema) }) }), ...errorResponses } },
    }, async (req) => {
      const r = await deals.offers(req.actor, req.params.id);
      return { offers: r.offers.map(presentOffer), latest: { buyer: r.latest.buyer ? presentOffer(r.latest.buyer) : null, seller: r.latest.seller ? presentOffer(r.latest.seller) : null } };
    });

    app.post('/api/deals/:id/offers', {
      config: { access: { roles: ['enterprise', 'institution', 'service', 'government'], owner: true } }, schema: { tags, summary: '报价或还价（买卖双方）', params: IdParams, body: OfferBody, response: { 201: OfferSchema, ...errorResponses } },
    }, async (req, reply) => {
      const b = req.body as Static<typeof OfferBody>;
      const row = await deals.makeOffer(req.actor, req.params.id, {
        priceFen: fen('priceWan', b.priceWan), payment: b.payment, royaltyBp: bp('royaltyPercent', b.royaltyPercent), equityBp: bp('equityPercent', b.equityPercent),
        instalments: b.instalments?.map((i, n) => ({ dueDate: i.dueDate, amountFen: fen(`instalments.${n}.amountWan`, i.amountWan) })), exclusivity: b.exclusivity,
        termMonths: b.termMonths, territory: b.territory, milestones: b.milestones, note: b.note, valuation: b.valuation,
      });
      return reply.status(201).send(presentOffer(row));
    });

    app.post('/api/deals/:id/offers/:offerId/accept', {
      config: { access: { roles: ['enterprise', 'institution', 'service', 'government'], owner: true } }, schema: { tags, summary: '接受对方最新报价：项目进入“达成一致”', params: Type.Object({ id: Type.String({ maxLength: 64 }), offerId: Type.String({ maxLength: 64 }) }), response: { 200: DealViewSchema, ...errorResponses } },
    }, async (req) => (await present([await deals.acceptOffer(req.actor, req.params.id, req.params.offerId)]))[0]);
  };
}

