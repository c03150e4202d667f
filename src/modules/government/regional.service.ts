/**
 * Regional statistics by city and by the 一圈一带两区 groupings, per industry chain and period: listings published,
 * deals reaching each stage, registered contract amounts (输出 by seller region, 吸纳 by buyer region). Counting rule
 * (a record counts once in every group it belongs to; groups overlap) in core/regional.ts. Public aggregates.
 */
import ExcelJS from 'exceljs';
import type { KernelContext } from '../../kernel/context.js';
import { shanghaiDate } from '../../kernel/clock.js';
import { fenToWan } from '../../kernel/money.js';
import type { DB } from '../../schema.js';
import { DEAL_STAGES, type DealsService } from '../deals/index.js';
import type { ContractsService } from '../contracts/index.js';
import type { ListingsService } from '../listings/index.js';
import { regionByCode, regionGroups } from '../reference/index.js';
import { inPeriod, regionalTotals, type Period, type RegionalRecord } from './core/index.js';
import { periodInstants } from './plan.service.js';

export interface RegionalDeps {
  deals: DealsService;
  contracts: ContractsService;
  demands: ListingsService<'demand'>;
  achievements: ListingsService<'achievement'>;
}

export interface RegionFigures {
  demands: number;
  achievements: number;
  /** deals that reached each stage in the period (by the Shanghai date of the stage time) */
  dealsByStage: Record<string, number>;
  /** null when filtered by industry chain: contracts carry no industry */
  contracts: { outputCount: number; outputWan: string; absorptionCount: number; absorptionWan: string } | null;
}

export const COUNTING_RULE = {
  zh: '按行政区划代码前四位归入所在市；一个市（或辽东绿色经济区所列的县）属于几个区域板块，就在每个板块中各计一次（锦州、葫芦岛同属沿海经济带和辽西先导区），所以各板块之和不等于全省合计，全省合计每条记录只计一次。技术合同按登记决定时间计入期间，输出按卖方所在地、吸纳按买方所在地；按产业链筛选时不统计技术合同（合同不带产业分类）。',
  en: 'A record belongs to a city by the first four digits of its region code; it counts once in every grouping that lists its city (or, for 辽东绿色经济区, its county), so groupings overlap (锦州 and 葫芦岛 are in both the coastal belt and the 辽西 pilot zone) and their sum is not the province total, which counts each record once. Contracts count by registration decision time, 输出 by seller region and 吸纳 by buyer region; with an industry-chain filter contracts are left out (contracts carry no industry).',
};

export class RegionalService {
  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: RegionalDeps,
  ) {}

  async stats(period: Period, chain?: string | null) {
    const records: RegionalRecord[] = [];
    const inChain = (codes: readonly (string | null)[]) => !chain || codes.some((c) => !!c && (c === chain || c.startsWith(`${chain}.`)));
    for (const [key, svc] of [['demands', this.deps.demands], ['achievements', this.deps.achievements]] as const) {
      for await (const batch of (svc as ListingsService<'demand' | 'achievement'>).scanPublished()) {
        for (const { row, industries } of batch) {
          if (!row.published_at || !inPeriod(shanghaiDate(new Date(row.published_at)), period) || !inChain(industries)) continue;
          records.push({ regionCode: row.region_code, values: { [key]: 1 } });
        }
      }
    }
    const deals = (await this.deps.deals.allDeals()).filter((d) => inChain([d.industry]));
    const times = await this.deps.deals.stageTimesOf(deals.map((d) => d.id));
    for (const d of deals) {
      const values: Record<string, number> = {};
      for (const [stage, at] of Object.entries(times.get(d.id) ?? {})) if (inPeriod(shanghaiDate(new Date(at)), period)) values[`deal:${stage}`] = 1;
      if (Object.keys(values).length) records.push({ regionCode: d.city_code, values });
    }
    if (!chain) {
      const flow = await this.deps.contracts.flowStats('county', periodInstants(period));
      for (const b of flow.output) records.push({ regionCode: b.regionCode === 'unknown' ? null : b.regionCode, values: { outputCount: b.count, outputFen: b.contractAmountFen } });
      for (const b of flow.absorption) records.push({ regionCode: b.regionCode === 'unknown' ? null : b.regionCode, values: { absorptionCount: b.count, absorptionFen: b.contractAmountFen } });
    }
    const totals = regionalTotals(records, regionGroups());
    const figures = (v: Record<string, number> | undefined): RegionFigures => {
      const x = v ?? {};
      return {
        demands: x.demands ?? 0, achievements: x.achievements ?? 0,
        dealsByStage: Object.fromEntries([...DEAL_STAGES, 'closed_lost'].map((s) => [s, x[`deal:${s}`] ?? 0])),
        contracts: chain ? null : { outputCount: x.outputCount ?? 0, outputWan: fenToWan(x.outputFen ?? 0)!, absorptionCount: x.absorptionCount ?? 0, absorptionWan: fenToWan(x.absorptionFen ?? 0)! },
      };
    };
    const cityCodes = [...new Set([...totals.cities.keys()])].sort();
    return {
      period, chain: chain ?? null, countingRule: COUNTING_RULE,
      cities: cityCodes.map((code) => ({ code, name: regionByCode(code)?.name ?? code, ...figures(totals.cities.get(code)) })),
      groups: regionGroups().map((g) => ({ code: g.code, name: g.name, nameEn: g.nameEn, members: [...g.members], ...figures(totals.groups.get(g.code)) })),
      province: figures(totals.province),
      elsewhere: figures(totals.elsewhere),
    };
  }

  /** The same figures as a workbook: one sheet by city, one by grouping. */
  async xlsx(period: Period, chain?: string | null): Promise<Buffer> {
    const s = await this.stats(period, chain);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'TechBridge';
    const stages = [...DEAL_STAGES, 'closed_lost'];
    const header = ['代码 code', '名称 name', '需求 demands', '成果 achievements', ...stages.map((st) => `对接:${st}`), '输出合同数', '输出成交额(万元)', '吸纳合同数', '吸纳成交额(万元)'];
    const line = (code: string, name: string, f: RegionFigures) => [code, name, f.demands, f.achievements, ...stages.map((st) => f.dealsByStage[st]),
      f.contracts?.outputCount ?? '', f.contracts ? Number(f.contracts.outputWan) : '', f.contracts?.absorptionCount ?? '', f.contracts ? Number(f.contracts.absorptionWan) : ''];
    const cities = wb.addWorksheet('按市 by city');
    cities.addRow([`期间 ${s.period.from} — ${s.period.to}${s.chain ? `，产业链 ${s.chain}` : ''}`]);
    cities.addRow(header);
    for (const c of s.cities) cities.addRow(line(c.code, c.name, c));
    cities.addRow(line('210000', '全省合计 province', s.province));
    const groups = wb.addWorksheet('按区域板块 by grouping');
    groups.addRow([COUNTING_RULE.zh]);
    groups.addRow(header);
    for (const g of s.groups) groups.addRow(line(g.code, g.name, g));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
