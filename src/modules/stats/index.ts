/** Platform counts: the CLI's `stats --json` and the public headline figures. */
import { Type } from '@sinclair/typebox';
import type { HttpApp } from '../../kernel/http/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { AccountsService } from '../accounts/index.js';
import type { ListingsService } from '../listings/index.js';
import { PUBLIC_STATUSES } from '../listings/index.js';
import { servicesStats } from '../../workflows/services-stats.js';
import { fenToWan } from '../../kernel/money.js';
import { shanghaiDate, systemClock, type Clock } from '../../kernel/clock.js';

/** The deal-layer figures for the headline (optional: the CLI's stats need only the registries). */
export interface DealFigures {
  deals?: { allDeals(): Promise<{ stage: string }[]> };
  contracts?: { flowStats(level: 'province'): Promise<{ counted: number; output: { contractAmountFen: number }[] }> };
  government?: { plan: { compute(c: 'local_conversion_rate', period: { from: string; to: string }): Promise<{ value: string | null }> } };
}

export interface StatsDeps extends DealFigures {
  clock?: Clock;
  services?: Parameters<typeof servicesStats>[0];
  organisations: OrganisationsService;
  accounts: AccountsService;
  demands: ListingsService<'demand'>;
  achievements: ListingsService<'achievement'>;
}

function withTotal(byStatus: Record<string, number>): Record<string, number> {
  return { ...byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) };
}

export async function platformStats(d: StatsDeps) {
  return {
    organisations: await d.organisations.count(),
    users: await d.accounts.countUsers(),
    demands: withTotal(await d.demands.countByStatus()),
    achievements: withTotal(await d.achievements.countByStatus()),
  };
}

export function statsRoutes(d: StatsDeps) {
  return async function (app: HttpApp) {
    app.get('/api/stats/by-city', { config: { public: true, access: { roles: 'everyone' } },
      schema: {
        tags: ['stats'], summary: '各市公开需求与成果数量 / public listings per city',
        response: { 200: Type.Array(Type.Object({ cityCode: Type.String(), demands: Type.Integer(), achievements: Type.Integer() })) },
      },
    }, async () => {
      const dem = await d.demands.countByCity();
      const ach = await d.achievements.countByCity();
      const codes = [...new Set([...Object.keys(dem), ...Object.keys(ach)])].sort();
      return codes.map((cityCode) => ({ cityCode, demands: dem[cityCode] ?? 0, achievements: ach[cityCode] ?? 0 }));
    });

    app.get('/api/stats/monthly', { config: { public: true, access: { roles: 'everyone' } },
      schema: {
        tags: ['stats'], summary: '近 12 个月发布趋势（北京时间） / listings published per month',
        response: { 200: Type.Array(Type.Object({ month: Type.String(), demands: Type.Integer(), achievements: Type.Integer() })) },
      },
    }, async () => {
      const dem = await d.demands.publishedByMonth(12);
      const ach = await d.achievements.publishedByMonth(12);
      return dem.map((m, i) => ({ month: m.month, demands: m.count, achievements: ach[i].count }));
    });

    if (d.services) {
      const services = d.services;
      app.get('/api/stats/services', {
        config: { public: true, access: { roles: 'everyone' } },
        schema: { tags: ['stats'], summary: '中试预约、科技金融放款、省内配套覆盖、孵化数量 / service counts for the dashboard' },
      }, async () => servicesStats(services));
    }

    app.get('/api/stats/headline', { config: { public: true, access: { roles: 'everyone' } },
      schema: {
        tags: ['stats'], summary: '首页概览数字 / headline figures',
        response: {
          200: Type.Object({
            organisations: Type.Integer(), demandsPublic: Type.Integer(), achievementsPublic: Type.Integer(), solved: Type.Integer(),
            dealsSigned: Type.Integer({ description: '签订合同的对接项目数（合同已签及以后阶段）' }),
            contractAmountWan: Type.String({ description: '已登记技术合同成交额（万元）' }),
            localConversionRatePercent: Type.Union([Type.String(), Type.Null()], { description: '本年度科技成果本地转化率（%），无产业化项目时为 null' }),
          }),
        },
      },
    }, async () => {
      const s = await platformStats(d);
      const pub = (x: Record<string, number>) => PUBLIC_STATUSES.reduce((n, st) => n + (x[st] ?? 0), 0);
      const signedStages = new Set(['contract_signed', 'registered', 'implementing', 'industrialised']);
      const dealsSigned = d.deals ? (await d.deals.allDeals()).filter((x) => signedStages.has(x.stage)).length : 0;
      const flow = d.contracts ? await d.contracts.flowStats('province') : null;
      const year = shanghaiDate((d.clock ?? systemClock).now()).slice(0, 4);
      const rate = d.government ? (await d.government.plan.compute('local_conversion_rate', { from: `${year}-01-01`, to: `${year}-12-31` })).value : null;
      return {
        organisations: s.organisations, demandsPublic: pub(s.demands), achievementsPublic: pub(s.achievements), solved: (s.demands.solved ?? 0) + (s.achievements.solved ?? 0),
        dealsSigned, contractAmountWan: fenToWan(flow ? flow.output.reduce((n, b) => n + b.contractAmountFen, 0) : 0)!, localConversionRatePercent: rate,
      };
    });
  };
}
