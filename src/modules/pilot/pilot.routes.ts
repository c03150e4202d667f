import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { invalidField } from '../../kernel/errors.js';
import { fenToWan, wanToFen } from '../../kernel/money.js';
import { parseJsonArray } from '../../kernel/context.js';
import { errorResponses, IdParams, type HttpApp, Wan } from '../../kernel/http/index.js';
import { FEE_UNITS, type InstrumentsService } from './instruments.service.js';
import { PILOT_OUTCOMES, type PilotService } from './pilot.service.js';
import { AchievementGapsView, BookingStatus, BookingView, FeeUnit, ParamView, DealGapView, InstrumentDayView, InstrumentView, PilotBaseDetail, PilotBaseView, PilotProjectView, RecommendationsView, UnitCalendarView, UsageHistoryView, UsageView } from './pilot.schemas.js';
import type { CapacityBookingRow, InstrumentRow, InstrumentUsageRow, PilotBaseRow, PilotProjectRow, PilotUnitRow } from './pilot.table.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Param = Type.Object({ key: Text(60, 1), value: Text(100), unit: Type.Optional(Text(20)) });
const Quantity = Type.Object({ item: Text(60, 1), amount: Text(30, 1), unit: Text(20) });
const Decision = Type.Object({ action: Type.Union([Type.Literal('accept'), Type.Literal('decline'), Type.Literal('cancel')]), reason: Type.Optional(Text(500)) });
const Created = { 201: Type.Record(Type.String(), Type.Unknown()), ...errorResponses };

export function presentBase(b: PilotBaseRow, units?: PilotUnitRow[]) {
  return {
    id: b.id, organisationId: b.organisation_id, name: b.name, intro: b.intro, industries: parseJsonArray(b.industries), capabilities: parseJsonArray(b.capabilities),
    equipment: parseJsonArray<{ name: string; model?: string; params?: Static<typeof ParamView>[] }>(b.equipment), certifications: parseJsonArray(b.certifications), scale: b.scale, regionCode: b.region_code, address: b.address,
    trlMin: b.trl_min, trlMax: b.trl_max, status: b.status, createdAt: b.created_at,
    ...(units ? { units: units.map(presentUnit) } : {}),
  };
}
const presentUnit = (u: PilotUnitRow) => ({ id: u.id, baseId: u.base_id, name: u.name, kind: u.kind, description: u.description, params: parseJsonArray<Static<typeof ParamView>>(u.params), status: u.status });
export function presentBooking(b: CapacityBookingRow) {
  return {
    id: b.id, resourceKind: b.resource_kind, resourceId: b.resource_id, ownerOrgId: b.owner_org_id, requesterOrgId: b.requester_org_id, dealId: b.deal_id, achievementId: b.achievement_id,
    subject: b.subject, quantities: parseJsonArray<{ item: string; amount: string; unit: string }>(b.quantities), start: b.start_date, end: b.end_date, status: b.status as Static<typeof BookingStatus>, decisionReason: b.decision_reason, decidedAt: b.decided_at, createdAt: b.created_at,
  };
}
const presentProject = (p: PilotProjectRow) => ({ id: p.id, bookingId: p.booking_id, baseId: p.base_id, achievementId: p.achievement_id, dealId: p.deal_id, outcome: p.outcome as 'succeeded' | 'partial' | 'failed', trlBefore: p.trl_before, trlAfter: p.trl_after, report: p.report, createdAt: p.created_at });
const presentInstrument = (i: InstrumentRow) => ({ id: i.id, organisationId: i.organisation_id, name: i.name, model: i.model, category: i.category, capabilities: parseJsonArray(i.capabilities), feeWan: fenToWan(i.fee_fen)!, feeUnit: i.fee_unit as Static<typeof FeeUnit>, regionCode: i.region_code, address: i.address, status: i.status });
const presentUsage = (u: InstrumentUsageRow) => ({ id: u.id, bookingId: u.booking_id, instrumentId: u.instrument_id, date: u.date, quantity: u.quantity, feeWan: fenToWan(u.fee_fen)!, feeFen: Number(u.fee_fen), note: u.note, createdAt: u.created_at });
const ok = <T extends TSchema>(t: T) => ({ 200: t, ...errorResponses });

export function pilotRoutes(deps: { pilot: PilotService; instruments: InstrumentsService }) {
  const { pilot, instruments } = deps;
  return async function (app: HttpApp) {
    const tags = ['pilot 中试基地'];
    app.get('/api/pilot/bases', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '中试基地目录', querystring: Type.Object({ industry: Type.Optional(Text(40)), region: Type.Optional(Text(12)), q: Type.Optional(Text(100)) }), response: ok(Type.Array(PilotBaseView)) } },
      async (req) => (await pilot.listBases(req.query)).map((b) => presentBase(b)));
    app.get('/api/pilot/bases/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, params: IdParams, response: ok(PilotBaseDetail) } }, async (req) => {
      const { base, units } = await pilot.getBase(req.params.id);
      return { ...presentBase(base), units: units.map(presentUnit) };
    });
    app.post('/api/pilot/bases', {
      config: { access: { roles: ['enterprise', 'institution', 'service'] } }, schema: {
        tags, summary: '登记中试基地（产业领域、工艺能力、设备及参数、资质、规模、位置、承接 TRL）',
        body: Type.Object({
          organisationId: Type.Optional(Text(64)), name: Text(100, 1), intro: Type.Optional(Text(4000)), industries: Type.Array(Text(40, 1), { maxItems: 20 }), capabilities: Type.Array(Text(100, 1), { maxItems: 50 }),
          equipment: Type.Optional(Type.Array(Type.Object({ name: Text(100, 1), model: Type.Optional(Text(100)), params: Type.Optional(Type.Array(Param, { maxItems: 30 })) }), { maxItems: 100 })),
          certifications: Type.Optional(Type.Array(Text(100, 1), { maxItems: 30 })), scale: Type.Optional(Text(500)), regionCode: Type.Optional(Type.Union([Text(12), Type.Null()])), address: Type.Optional(Text(200)),
          trlMin: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })), trlMax: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })),
        }),
        response: Created,
      },
    }, async (req, reply) => reply.status(201).send(presentBase(await pilot.createBase(req.actor, req.body))));
    app.post('/api/pilot/bases/:id/units', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '新增可预约产线/装置', params: IdParams, body: Type.Object({ name: Text(100, 1), kind: Type.Optional(Text(20)), description: Type.Optional(Text(1000)), params: Type.Optional(Type.Array(Param, { maxItems: 30 })) }), response: Created },
    }, async (req, reply) => reply.status(201).send(presentUnit(await pilot.addUnit(req.actor, req.params.id, req.body))));
    app.get('/api/pilot/bases/:id/calendar', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '产能日历（按日）', params: IdParams, querystring: Type.Object({ from: DateStr, to: DateStr }), response: ok(Type.Array(UnitCalendarView)) } },
      async (req) => pilot.calendar(req.actor, req.params.id, { start: req.query.from, end: req.query.to }));
    app.get('/api/pilot/bases/:id/projects', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags, summary: '中试项目记录（结果、TRL 前后）', params: IdParams, response: ok(Type.Array(PilotProjectView)) } },
      async (req) => (await pilot.projects(req.params.id)).map(presentProject));

    app.post('/api/pilot/bookings', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: {
        tags, summary: '中试预约申请（关联对接项目或科技成果；申请即占用时段，拒绝或取消后释放）',
        body: Type.Object({ unitId: Text(64, 1), dealId: Type.Optional(Text(64)), achievementId: Type.Optional(Text(64)), subject: Text(500, 1), quantities: Type.Optional(Type.Array(Quantity, { maxItems: 20 })), start: DateStr, end: DateStr }),
        response: Created,
      },
    }, async (req, reply) => reply.status(201).send(presentBooking(await pilot.requestBooking(req.actor, req.body))));
    app.get('/api/pilot/bookings', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags, querystring: Type.Object({ scope: Type.Union([Type.Literal('requested'), Type.Literal('received')], { default: 'requested' }) }), response: ok(Type.Array(BookingView)) } },
      async (req) => (await pilot.bookings(req.actor, req.query.scope)).map(presentBooking));
    app.get('/api/pilot/bookings/:id', { config: { access: { roles: 'signed-in' } }, schema: { tags, params: IdParams, response: ok(BookingView) } }, async (req) => presentBooking(await pilot.booking(req.actor, req.params.id)));
    app.post('/api/pilot/bookings/:id/decision', { config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '基地接受/拒绝（须说明理由），申请方取消', params: IdParams, body: Decision } },
      async (req) => presentBooking(await pilot.decide(req.actor, req.params.id, req.body.action, req.body.reason)));
    app.post('/api/pilot/bookings/:id/project', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '登记中试项目结果（TRL 前后）', params: IdParams, body: Type.Object({ outcome: Type.Union(PILOT_OUTCOMES.map((o) => Type.Literal(o))), trlBefore: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })), trlAfter: Type.Integer({ minimum: 1, maximum: 9 }), report: Type.Optional(Text(4000)) }), response: Created },
    }, async (req, reply) => reply.status(201).send(presentProject(await pilot.recordProject(req.actor, req.params.id, req.body))));

    app.get('/api/pilot/recommendations', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: 'TRL 缺口导流：为 TRL 4–6 的成果或因缺少中试条件未成交的对接项目推荐中试基地（附理由）', querystring: Type.Object({ achievement: Type.Optional(Text(64)), deal: Type.Optional(Text(64)) }), response: ok(RecommendationsView) },
    }, async (req) => {
      if (!req.query.achievement === !req.query.deal) throw invalidField('achievement', '请指定 achievement 或 deal 之一', 'give exactly one of achievement or deal');
      const r = req.query.achievement ? await pilot.recommendForAchievement(req.actor, req.query.achievement) : await pilot.recommendForDeal(req.actor, req.query.deal!);
      return { ...r, recommendations: r.recommendations.map((x) => ({ base: presentBase(x.base), score: x.score, reasons: x.reasons })) };
    });
    app.get('/api/pilot/gaps/achievements', { config: { access: { roles: ['service', 'government', 'admin'] } }, schema: { tags, summary: 'TRL 缺口（4–6）的已发布成果及推荐中试基地与理由，最新在前（政府、服务机构）', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }), response: ok(AchievementGapsView) } }, async (req) => {
      const r = await pilot.achievementGapQueue(req.actor, req.query.limit ?? 50);
      return { total: r.total, items: r.items.map((g) => ({ achievement: g.achievement, reason: g.reason, recommendations: g.recommendations.map((x) => ({ baseId: x.baseId, name: x.base.name, score: x.score, reasons: x.reasons })) })) };
    });
    app.get('/api/pilot/gaps', { config: { access: { roles: ['service', 'government', 'admin'] } }, schema: { tags, summary: '因缺少中试条件未成交的对接项目及推荐基地（政府、服务机构）', response: ok(Type.Array(DealGapView)) } }, async (req) =>
      (await pilot.pilotGapQueue(req.actor)).map((g) => ({ deal: g.deal, recommendations: g.recommendations.map((x) => ({ baseId: x.baseId, name: x.base.name, score: x.score, reasons: x.reasons })) })));

    const itags = ['instruments 科技资源共享'];
    const fee = (v: string) => {
      const f = wanToFen(v);
      if (f === null) throw invalidField('feeWan', '金额格式不正确', 'is not a valid amount');
      return f;
    };
    app.get('/api/instruments', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: itags, summary: '共享仪器目录', querystring: Type.Object({ q: Type.Optional(Text(100)), region: Type.Optional(Text(12)) }), response: ok(Type.Array(InstrumentView)) } },
      async (req) => (await instruments.list(req.query)).map(presentInstrument));
    app.get('/api/instruments/:id', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: itags, params: IdParams, response: ok(InstrumentView) } }, async (req) => presentInstrument(await instruments.get(req.params.id)));
    app.post('/api/instruments', {
      config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags: itags, summary: '登记共享仪器（型号、能力、收费、位置）', body: Type.Object({ organisationId: Type.Optional(Text(64)), name: Text(100, 1), model: Type.Optional(Text(100)), category: Type.Optional(Text(60)), capabilities: Type.Array(Text(100, 1), { maxItems: 30 }), feeWan: Wan, feeUnit: Type.Union(FEE_UNITS.map((u) => Type.Literal(u))), regionCode: Type.Optional(Type.Union([Text(12), Type.Null()])), address: Type.Optional(Text(200)) }), response: Created },
    }, async (req, reply) => reply.status(201).send(presentInstrument(await instruments.create(req.actor, { ...req.body, feeFen: fee(req.body.feeWan) }))));
    app.get('/api/instruments/:id/calendar', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: itags, params: IdParams, querystring: Type.Object({ from: DateStr, to: DateStr }), response: ok(Type.Array(InstrumentDayView)) } },
      async (req) => instruments.calendar(req.params.id, { start: req.query.from, end: req.query.to }));
    app.post('/api/instruments/:id/bookings', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags: itags, summary: '预约共享仪器（按日，不重复预约）', params: IdParams, body: Type.Object({ subject: Text(500, 1), start: DateStr, end: DateStr, samples: Type.Optional(Text(30)) }), response: Created } },
      async (req, reply) => reply.status(201).send(presentBooking(await instruments.book(req.actor, req.params.id, req.body))));
    app.get('/api/instrument-bookings', { config: { access: { roles: ['enterprise', 'institution', 'broker', 'service', 'government'] } }, schema: { tags: itags, querystring: Type.Object({ scope: Type.Union([Type.Literal('requested'), Type.Literal('received')], { default: 'requested' }) }), response: ok(Type.Array(BookingView)) } },
      async (req) => (await instruments.bookings(req.actor, req.query.scope)).map(presentBooking));
    app.post('/api/instrument-bookings/:id/decision', { config: { access: { roles: 'signed-in' } }, schema: { tags: itags, params: IdParams, body: Decision } },
      async (req) => presentBooking(await instruments.decide(req.actor, req.params.id, req.body.action, req.body.reason)));
    app.post('/api/instrument-bookings/:id/usages', { config: { access: { roles: 'signed-in' } }, schema: { tags: itags, summary: '登记使用记录（费用 = 数量 × 单价）', params: IdParams, body: Type.Object({ date: DateStr, quantity: Type.Integer({ minimum: 1, maximum: 10000 }), note: Type.Optional(Text(500)) }), response: Created } },
      async (req, reply) => reply.status(201).send(presentUsage(await instruments.recordUsage(req.actor, req.params.id, req.body))));
    app.get('/api/instrument-bookings/:id/usages', { config: { access: { roles: 'signed-in' } }, schema: { tags: itags, params: IdParams, response: ok(Type.Array(UsageView)) } }, async (req) => (await instruments.usages(req.actor, req.params.id)).map(presentUsage));
    app.get('/api/instruments/:id/usages', { config: { access: { roles: 'signed-in' } }, schema: { tags: itags, summary: '（仪器所属单位）使用记录：日期、数量、使用单位、用途、费用 / usage history of an instrument', params: IdParams, response: ok(UsageHistoryView) } }, async (req) => {
      const inst = await instruments.get(req.params.id);
      const rows = await instruments.usageHistory(req.actor, req.params.id);
      const totalFeeFen = rows.reduce((s, u) => s + Number(u.fee_fen), 0);
      return {
        instrument: presentInstrument(inst), totalQuantity: rows.reduce((s, u) => s + Number(u.quantity), 0), totalFeeWan: fenToWan(totalFeeFen)!, totalFeeFen,
        items: rows.map((u) => ({ id: u.id, bookingId: u.booking_id, date: u.date, quantity: Number(u.quantity), feeWan: fenToWan(u.fee_fen)!, feeFen: Number(u.fee_fen), note: u.note, userOrgId: u.requester_org_id, purpose: u.subject, createdAt: u.created_at })),
      };
    });
  };
}
