import { Type } from '@sinclair/typebox';
import { invalidField } from '../../kernel/errors.js';
import { fenToWan } from '../../kernel/money.js';
import { bpToPercent } from '../../kernel/percent.js';
import { parseJsonArray } from '../../kernel/context.js';
import { errorResponses, IdParams, type HttpApp, Nullable, Percent, Wan, bpFromPercent as bp, fenFromWan as fen } from '../../kernel/http/index.js';
import { INCOME_MODES, type RightsGrant } from './core/index.js';
import type { IncomeService } from './income.service.js';
import type { IncomePlanRow, RightsGrantRow } from './income.table.js';


function presentPlan(p: IncomePlanRow) {
  return {
    id: p.id, achievementId: p.achievement_id, dealId: p.deal_id, mode: p.mode, ruleset: p.ruleset, teamSharePercent: bpToPercent(p.team_share_bp),
    otherParties: parseJsonArray<{ party: string; shareBp: number }>(p.other_parties).map((o) => ({ party: o.party, sharePercent: bpToPercent(o.shareBp) })),
    contributors: parseJsonArray<{ id: string; name?: string; shareBp: number }>(p.contributors).map((c) => ({ id: c.id, name: c.name ?? '', sharePercent: bpToPercent(c.shareBp) })),
    years: p.years, createdAt: p.created_at,
  };
}

function presentGrant(g: RightsGrantRow) {
  return { id: g.id, achievementId: g.achievement_id, kind: g.kind, teamSharePercent: bpToPercent(g.team_share_bp), years: g.years, remainingProtectionYears: g.remaining_protection_years, note: g.note, createdAt: g.created_at };
}

export function incomeRoutes(deps: { income: IncomeService }) {
  const { income } = deps;
  return async function (app: HttpApp) {
    const tags = ['income 收益分配与赋权'];
    app.post('/api/income/plans', {
      config: { access: { roles: 'signed-in', owner: true, note: 'the listing / deal must be the caller organisation’s' } }, schema: {
        tags, summary: '收益分配方案（辽宁：研发团队不低于 70%；国家下限可配置）',
        body: Type.Object({
          achievementId: Type.String({ maxLength: 64 }), dealId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
          mode: Type.Union(INCOME_MODES.map((m) => Type.Literal(m))), ruleset: Type.Optional(Type.String({ maxLength: 40 })),
          unitRulePercent: Type.Optional(Type.Record(Type.String({ maxLength: 30 }), Percent, { description: 'the unit’s own floors per mode' })),
          teamSharePercent: Percent,
          otherParties: Type.Array(Type.Object({ party: Type.String({ minLength: 1, maxLength: 40 }), sharePercent: Percent }), { maxItems: 10 }),
          contributors: Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), name: Type.Optional(Type.String({ maxLength: 60 })), sharePercent: Percent }), { minItems: 1, maxItems: 100 }),
          years: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 20 }))),
        }),
        response: { 201: Type.Record(Type.String(), Type.Unknown()), ...errorResponses },
      },
    }, async (req, reply) => {
      const b = req.body;
      const unitRule = b.unitRulePercent ? { teamShareMinBp: Object.fromEntries(Object.entries(b.unitRulePercent).map(([m, v]) => [m, bp(`unitRulePercent.${m}`, v)])) } : null;
      const row = await income.createPlan(req.actor, {
        achievementId: b.achievementId, dealId: b.dealId, mode: b.mode, ruleset: b.ruleset, unitRule, teamShareBp: bp('teamSharePercent', b.teamSharePercent),
        otherParties: b.otherParties.map((o, i) => ({ party: o.party, shareBp: bp(`otherParties.${i}.sharePercent`, o.sharePercent) })),
        contributors: b.contributors.map((c, i) => ({ id: c.id, name: c.name, shareBp: bp(`contributors.${i}.sharePercent`, c.sharePercent) })), years: b.years,
      });
      return reply.status(201).send(presentPlan(row));
    });

    app.get('/api/income/plans', { config: { access: { roles: 'signed-in' } }, schema: { tags, querystring: Type.Object({ achievement: Type.String({ maxLength: 64 }) }) } }, async (req) => (await income.plans(req.actor, req.query.achievement)).map(presentPlan));

    app.post('/api/income/plans/:id/receipts', {
      config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '登记转化收入（净收入 = 收入 − 可扣除成本）', params: IdParams, body: Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), grossWan: Wan, costs: Type.Optional(Type.Array(Type.Object({ label: Type.String({ minLength: 1, maxLength: 60 }), amountWan: Wan }), { maxItems: 20 })), note: Type.Optional(Type.String({ maxLength: 500 })) }) },
    }, async (req, reply) => {
      const b = req.body;
      const r = await income.addReceipt(req.actor, req.params.id, { date: b.date, grossFen: fen('grossWan', b.grossWan), costs: (b.costs ?? []).map((c, i) => ({ label: c.label, amountFen: fen(`costs.${i}.amountWan`, c.amountWan) })), note: b.note });
      return reply.status(201).send({ id: r.id, date: r.date, grossWan: fenToWan(r.gross_fen), netWan: fenToWan(r.net_fen) });
    });

    app.get('/api/income/plans/:id/distribution', { config: { access: { roles: 'signed-in' } }, schema: { tags, summary: '分配明细与每位贡献人的收益单（精确到分）', params: IdParams } }, async (req) => {
      const d = await income.distribution(req.actor, req.params.id);
      return {
        plan: presentPlan(d.plan),
        receipts: d.receipts.map(({ receipt, split }) => ({
          id: receipt.id, date: receipt.date, grossWan: fenToWan(receipt.gross_fen), netWan: fenToWan(receipt.net_fen),
          parties: split.parties.map((p) => ({ party: p.party, sharePercent: bpToPercent(p.shareBp), amountWan: fenToWan(p.amountFen) })),
          contributors: split.contributors.map((c) => ({ id: c.id, name: c.name ?? '', sharePercent: bpToPercent(c.shareBp), amountWan: fenToWan(c.amountFen) })),
        })),
        statements: d.statements.map((s) => ({ contributorId: s.contributorId, name: s.name ?? '', totalWan: fenToWan(s.totalFen), lines: s.lines.map((l) => ({ receiptId: l.receiptId, date: l.date, teamAmountWan: fenToWan(l.teamAmountFen), sharePercent: bpToPercent(l.shareBp), amountWan: fenToWan(l.amountFen) })) })),
      };
    });

    app.post('/api/rights-grants', {
      config: { access: { roles: 'signed-in' } }, schema: {
        tags, summary: '职务科技成果赋权：共有（团队份额）、长期使用权（≥10 年）、独占许可',
        body: Type.Object({ achievementId: Type.String({ maxLength: 64 }), kind: Type.Union([Type.Literal('co_ownership'), Type.Literal('long_term_use'), Type.Literal('exclusive_licence')]), teamSharePercent: Type.Optional(Percent), years: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })), remainingProtectionYears: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 50 }))), note: Type.Optional(Type.String({ maxLength: 1000 })) }),
      },
    }, async (req, reply) => {
      const b = req.body;
      let grant: RightsGrant;
      if (b.kind === 'co_ownership') {
        if (!b.teamSharePercent) throw invalidField('teamSharePercent', '共有须约定团队份额', 'co-ownership needs the team share');
        grant = { kind: 'co_ownership', teamShareBp: bp('teamSharePercent', b.teamSharePercent) };
      } else {
        if (!b.years) throw invalidField('years', '须填写年限', 'give the term in years');
        grant = { kind: b.kind, years: b.years, remainingProtectionYears: b.remainingProtectionYears ?? null };
      }
      return reply.status(201).send(presentGrant(await income.grantRights(req.actor, b.achievementId, grant, b.note)));
    });

    app.get('/api/rights-grants', { config: { access: { roles: 'signed-in' } }, schema: { tags, querystring: Type.Object({ achievement: Type.String({ maxLength: 64 }) }) } }, async (req) => (await income.grants(req.actor, req.query.achievement)).map(presentGrant));
  };
}
