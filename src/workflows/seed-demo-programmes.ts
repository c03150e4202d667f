/**
 * A demo challenge programme (揭榜挂帅): the provincial science department publishes a programme and one open
 * challenge made from three published enterprise demands of the demo set, each with its co-funding and a measurable
 * indicator, so that demo teams can apply. Idempotent by programme title. The texts are written for the demo.
 */
import { sql } from 'kysely';
import { systemActor } from '../kernel/auth/index.js';
import { shanghaiDate, type Clock } from '../kernel/clock.js';
import type { KernelContext } from '../kernel/context.js';
import type { DB } from '../schema.js';
import type { Services } from '../platform.js';

const TITLE = '2026 年辽宁省科技成果本地转化揭榜挂帅专项（演示）';

export async function seedDemoProgrammes(ctx: KernelContext<DB>, services: Services, clock: Clock): Promise<{ programmes: number; challenges: number }> {
  if ((await services.programmes.programmes()).some((p) => p.title === TITLE)) return { programmes: 0, challenges: 0 };
  // three published enterprise demands of one industry, from at least two enterprises
  const rows = await ctx.db.selectFrom('demands').innerJoin('organisations', 'organisations.id', 'demands.organisation_id').innerJoin('demand_industries', 'demand_industries.listing_id', 'demands.id')
    .select(['demands.id', 'demands.title', 'demands.organisation_id', 'demand_industries.code']).where('demands.status', '=', 'published').where('organisations.type', '=', 'enterprise')
    .orderBy(sql`demands.published_at`).orderBy('demands.id').execute();
  const byIndustry = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byIndustry.get(r.code) ?? [];
    if (!list.some((x) => x.id === r.id)) list.push(r);
    byIndustry.set(r.code, list);
  }
  const group = [...byIndustry.values()].find((l) => l.length >= 3 && new Set(l.slice(0, 3).map((x) => x.organisation_id)).size >= 2);
  if (!group) return { programmes: 0, challenges: 0 };
  const picked = group.slice(0, 3);
  const system = systemActor('seed');
  const today = shanghaiDate(clock.now());
  const until = shanghaiDate(new Date(clock.now().getTime() + 90 * 86_400_000));
  const programme = await services.programmes.createProgramme(system, {
    title: TITLE, issuerName: '辽宁省科学技术厅', description: '围绕企业真实技术需求张榜，企业出题并配套经费，能者揭榜，按里程碑验收拨付。', budgetFen: 2_000 * 1_000_000,
    applyFrom: today, applyUntil: until, schedule: [{ label: '揭榜截止', date: until }],
  });
  await services.programmes.createChallenge(system, programme.id, {
    title: '面向本地产业链的关键技术攻关揭榜', description: '由三家省内企业的技术需求组成，揭榜团队须同时满足各项验收指标。', budgetFen: 300 * 1_000_000,
    demands: picked.map((d, i) => ({ demandId: d.id, cofundFen: (i === 2 ? 100 : 50) * 1_000_000, indicators: [{ name: `${d.title.slice(0, 12)}·中试验证`, unit: '批次', target: '1', comparator: '>=' as const }] })),
  });
  return { programmes: 1, challenges: 1 };
}
