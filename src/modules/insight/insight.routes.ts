/** HTTP routes of demand insight (需求洞察): government and admins only (checked in the service). */
import { Type } from '@sinclair/typebox';
import { errorResponses, Nullable, type HttpApp } from '../../kernel/http/index.js';
import type { InsightService } from './insight.service.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Asia/Shanghai date YYYY-MM-DD (inclusive)' });

export const InsightQuery = Type.Object({
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
  chain: Type.Optional(Type.String({ pattern: '^[A-Z]{2,4}(\\.[A-Z0-9]{2,6}){0,2}$', description: '产业链代码 / industry chain code, e.g. NE or EQ.ROB' })),
  city: Type.Optional(Type.String({ pattern: '^21\\d{2}00$', description: '辽宁地级市代码 / Liaoning city code 210100–211400' })),
}, { additionalProperties: false });

const Named = Type.Object({ code: Type.String(), name: Type.String(), count: Type.Integer() });
const Best = Type.Object({ achievementId: Type.String(), title: Type.String(), score: Type.Number({ minimum: 0, maximum: 1, description: '主题关键词覆盖度 / coverage of the topic’s weighted terms' }) });

export const InsightTopicSchema = Type.Object({
  id: Type.String(), label: Type.String(), terms: Type.Array(Type.String()), demandCount: Type.Integer(),
  demands: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })), chains: Type.Array(Type.String()), cities: Type.Array(Named),
  supplyCount: Type.Integer(), best: Nullable(Best), gap: Type.Boolean(),
});

const Series = Type.Record(Type.String(), Type.Array(Type.Integer()));
const Period = Type.Object({ from: Type.String(), to: Type.String() });
const Totals = Type.Object({ demands: Type.Integer(), topics: Type.Integer(), gaps: Type.Integer(), supply: Type.Integer() });

export const InsightReportSchema = Type.Object({
  period: Period, chain: Nullable(Type.String()), city: Nullable(Type.String()), generatedAt: Type.String(), totals: Totals,
  byChain: Type.Array(Named), byCity: Type.Array(Named), topics: Type.Array(InsightTopicSchema),
  trend: Type.Object({ months: Type.Array(Type.String()), total: Type.Array(Type.Integer()), byChain: Series, byCity: Series, byTopic: Series }),
  rules: Type.Object({ zh: Type.String(), en: Type.String() }),
});

export const InsightGapsSchema = Type.Object({ period: Period, chain: Nullable(Type.String()), city: Nullable(Type.String()), totals: Totals, gaps: Type.Array(InsightTopicSchema) });

export function insightRoutes(deps: { insight: InsightService }) {
  const { insight } = deps;
  return async function (app: HttpApp) {
    const tags = ['insight 需求洞察'];
    app.get('/api/insight/demands', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags, summary: '（政府、管理员）需求洞察：按产业链、技术主题、城市汇总公开需求，主题的省内供给与缺口，月度趋势 / demand insight',
        querystring: InsightQuery, response: { 200: InsightReportSchema, ...errorResponses },
      },
    }, async (req) => insight.demandInsight(req.actor, req.query));

    app.get('/api/insight/gaps', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags, summary: '（政府、管理员）省内无匹配供给的需求主题（缺口，建议立项） / topics with no provincial supply',
        querystring: InsightQuery, response: { 200: InsightGapsSchema, ...errorResponses },
      },
    }, async (req) => insight.gaps(req.actor, req.query));

    app.get('/api/insight/export', {
      config: { access: { roles: ['government', 'admin'] } }, schema: {
        tags, summary: '（政府、管理员）导出需求洞察 xlsx：主题、缺口、按产业链、按市、趋势 / export as xlsx',
        querystring: Type.Object({ ...InsightQuery.properties, format: Type.Optional(Type.Literal('xlsx', { default: 'xlsx' })) }, { additionalProperties: false }),
      },
    }, async (req, reply) => {
      const { format: _format, ...f } = req.query;
      const buf = await insight.xlsx(req.actor, f);
      const p = insight.period(f);
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="demand-insight-${p.from}-${p.to}.xlsx"`).send(buf);
    });
  };
}
