/** Decision aids: transformation-mode advice by TRL, the valuation calculator, the pre-filing patent assessment. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Wan, fenFromWan as fen } from '../../kernel/http/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { fenToWan } from '../../kernel/money.js';
import type { HttpApp } from '../../kernel/http/index.js';
import { recommendTransformationModes } from '../deals/index.js';
import { assessPatentFiling, recommendationLabel, valuate, ValuationError, type ValuationInput } from './core/index.js';
import { patentAssessmentParams, valuationParams } from './valuation.params.js';

const Rate = Type.String({ pattern: '^0?\\.\\d{1,6}$|^[01](\\.0{1,6})?$', description: 'decimal fraction, "0.03" = 3%' });
const RateInput = Type.Union([Rate, Type.Object({ low: Rate, high: Rate })]);

const ValuationBody = Type.Object({
  trl: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 9 }))),
  industry: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'industry key or taxonomy code' }))),
  income: Type.Optional(Nullable(Type.Object({
    revenueForecastWan: Type.Array(Wan, { minItems: 1, maxItems: 30, description: 'forecast sales of products using the technology, per year' }),
    remainingPatentYears: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 30 }))),
    royaltyRate: Type.Optional(Nullable(RateInput)),
    operatingMargin: Type.Optional(Nullable(RateInput)),
    profitShare: Type.Optional(Nullable(RateInput)),
    riskFreeRate: Type.Optional(Nullable(Rate)),
    riskPremium: Type.Optional(Nullable(RateInput)),
    trlRiskDiscount: Type.Optional(Nullable(RateInput)),
  }))),
  cost: Type.Optional(Nullable(Type.Object({ replacementCostWan: Wan, obsolescence: Type.Optional(Nullable(RateInput)) }))),
  market: Type.Optional(Nullable(Type.Object({
    comparables: Type.Array(Type.Object({ label: Type.Optional(Type.String({ maxLength: 100 })), priceWan: Wan, adjustments: Type.Array(Type.Object({ label: Type.String({ maxLength: 100 }), factor: Type.String({ pattern: '^\\d{1,3}(\\.\\d{1,6})?$' }) }), { maxItems: 10 }) }), { minItems: 1, maxItems: 10 }),
  }))),
});

const PatentBody = Type.Object({
  noveltySearch: Type.Union([Type.Literal('none'), Type.Literal('similar'), Type.Literal('identical')]),
  marketSize: Type.Union([Type.Literal('small'), Type.Literal('medium'), Type.Literal('large')]),
  claimBreadth: Type.Union([Type.Literal('narrow'), Type.Literal('medium'), Type.Literal('broad')]),
  enterpriseInquiries: Type.Integer({ minimum: 0, maximum: 1000 }),
  lettersOfIntent: Type.Integer({ minimum: 0, maximum: 1000 }),
  licenseeIdentified: Type.Boolean(),
  estimatedCostWan: Wan,
  productStructure: Type.Boolean(),
  infringementDetectable: Type.Boolean(),
});

const range = (r: { lowFen: number; highFen: number } | null) => (r ? { lowWan: fenToWan(r.lowFen)!, highWan: fenToWan(r.highFen)! } : null);

export function valuationRoutes() {
  return async function (app: HttpApp) {
    const tags = ['decision aids 决策辅助'];
    app.get('/api/decision/modes', { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags, summary: '按技术成熟度推荐转化方式（含理由；TRL 4–6 通常需要中试）', querystring: Type.Object({ trl: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })) }) },
    }, async (req) => recommendTransformationModes(req.query.trl ?? null));

    app.post('/api/valuation', { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags, summary: '价值评估计算器（收益法、成本法、市场法；给出区间与全部假设，可附在报价中）', body: ValuationBody },
    }, async (req) => {
      const b = req.body as Static<typeof ValuationBody>;
      if (!b.income && !b.cost && !b.market) throw invalidField('income', '至少填写一种评估方法的数据', 'fill in at least one approach');
      const input: ValuationInput = {
        trl: b.trl ?? null,
        industry: b.industry ?? null,
        income: b.income ? { ...b.income, revenueForecastFen: b.income.revenueForecastWan.map((w, i) => fen(`income.revenueForecastWan.${i}`, w)) } : null,
        cost: b.cost ? { replacementCostFen: fen('cost.replacementCostWan', b.cost.replacementCostWan), obsolescence: b.cost.obsolescence } : null,
        market: b.market ? { comparables: b.market.comparables.map((c, i) => ({ label: c.label, priceFen: fen(`market.comparables.${i}.priceWan`, c.priceWan), adjustments: c.adjustments })) } : null,
      };
      try {
        const r = valuate(input, valuationParams());
        return {
          income: r.income ? { ...range(r.income), years: r.income.years } : null,
          cost: range(r.cost),
          market: r.market ? { ...range(r.market), adjustedPricesWan: r.market.adjustedPricesFen.map((f) => fenToWan(f)) } : null,
          combined: r.combined ? { ...range(r.combined), method: r.combined.method, weightsBp: r.combined.weightsBp } : null,
          assumptions: r.assumptions,
          warnings: r.warnings,
        };
      } catch (e) {
        if (e instanceof ValuationError) throw new AppError('VALUATION_INPUT_INVALID', { problems: JSON.stringify(e.details) });
        throw e;
      }
    });

    app.post('/api/patent-assessment', { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags, summary: '专利申请前评估（查新、市场、权利要求范围、商业意向、成本 → 申请发明/实用新型、作为技术秘密或不申请）', body: PatentBody },
    }, async (req) => {
      const b = req.body;
      const r = assessPatentFiling({
        noveltySearch: b.noveltySearch, marketSize: b.marketSize, claimBreadth: b.claimBreadth,
        signals: { enterpriseInquiries: b.enterpriseInquiries, lettersOfIntent: b.lettersOfIntent, licenseeIdentified: b.licenseeIdentified },
        estimatedCostFen: fen('estimatedCostWan', b.estimatedCostWan), productStructure: b.productStructure, infringementDetectable: b.infringementDetectable,
      }, patentAssessmentParams());
      return { ...r, label: recommendationLabel(r.recommendation) };
    });
  };
}


