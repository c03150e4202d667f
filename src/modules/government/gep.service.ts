/**
 * GDP + GEP dual accounting (GDP 与 GEP 双核算) for the Liaodong green economic zone and any Liaoning region: physical
 * quantities per region, year and item (with an optional local price), GDP per region and year; results with the
 * breakdown by item and category, the GEP/GDP ratio and year-on-year changes. Prices and which items count:
 * data/reference/gep.json; the calculation: core/gep.ts (computeGep).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import { regionByCode, regionGroups } from '../reference/index.js';
import { computeGep, gepGdpRatio, GepInputError, yoyBp, type GepInput, type GepResult } from './core/index.js';
import { gepParams } from './government.params.js';
import { govDb, requireGovOrAdmin, type GovDB } from './government.db.js';

export interface GepAccount {
  regionCode: string;
  regionName: string;
  year: number;
  gdpFen: number | null;
  gep: GepResult;
  ratio: string | null;
  gdpYoyBp: number | null;
  gepYoyBp: number | null;
}

export class GepService {
  constructor(private readonly ctx: KernelContext<DB>) {}

  private get db(): Kysely<GovDB> {
    return govDb(this.ctx);
  }

  private region(code: string) {
    const r = regionByCode(code);
    if (!r || !r.code.startsWith('21')) throw new AppError('GEP_REGION_INVALID', { code });
    return r;
  }

  /** The regions the zone accounts for (辽东绿色经济区 members), as the default list for the UI. */
  zoneRegions() {
    const g = regionGroups().find((x) => x.code === 'liaodong-green-zone');
    return (g?.members ?? []).map((code) => ({ code, name: regionByCode(code)?.name ?? code }));
  }

  async setGdp(actor: Actor, regionCode: string, year: number, gdpFen: number): Promise<void> {
    requireGovOrAdmin(actor);
    this.region(regionCode);
    const before = await this.db.selectFrom('gdp_values').selectAll().where('region_code', '=', regionCode).where('year', '=', year).executeTakeFirst();
    const row = { region_code: regionCode, year, gdp_fen: gdpFen, entered_by: actor.kind === 'user' ? actor.userId : null, updated_at: nowIso(this.ctx.clock) };
    await inTransaction(this.db, async (trx) => {
      await trx.insertInto('gdp_values').values(row).onConflict((oc) => oc.columns(['region_code', 'year']).doUpdateSet({ gdp_fen: gdpFen, entered_by: row.entered_by, updated_at: row.updated_at })).execute();
      await recordAudit(trx, actor, { action: 'gep.gdp', subjectType: 'region_year', subjectId: `${regionCode}:${year}`, before, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  /** Replaces the physical quantities of a region and year (validated by computing them first). */
  async setQuantities(actor: Actor, regionCode: string, year: number, items: GepInput[]): Promise<GepAccount> {
    requireGovOrAdmin(actor);
    this.region(regionCode);
    const p = gepParams();
    try {
      computeGep(items, p.items, p.options);
    } catch (e) {
      if (e instanceof GepInputError) {
        const i = Math.max(0, items.findIndex((x) => x.code === e.item));
        throw new AppError('GEP_INPUT_INVALID', { item: e.item }, [{ field: `items.${i}`, code: e.code, params: { reasonZh: `项目 ${e.item} 不合法`, reasonEn: `item ${e.item} is invalid` } }]);
      }
      throw e;
    }
    const before = await this.db.selectFrom('gep_quantities').selectAll().where('region_code', '=', regionCode).where('year', '=', year).execute();
    const at = nowIso(this.ctx.clock);
    const rows = items.map((i) => ({ region_code: regionCode, year, item_code: i.code, quantity: i.quantity, price_yuan: i.priceYuan ?? null, entered_by: actor.kind === 'user' ? actor.userId : null, updated_at: at }));
    await inTransaction(this.db, async (trx) => {
      await trx.deleteFrom('gep_quantities').where('region_code', '=', regionCode).where('year', '=', year).execute();
      if (rows.length) await trx.insertInto('gep_quantities').values(rows).execute();
      await recordAudit(trx, actor, { action: 'gep.quantities', subjectType: 'region_year', subjectId: `${regionCode}:${year}`, before, after: rows, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return this.account(regionCode, year);
  }

  private async gepOf(regionCode: string, year: number): Promise<GepResult> {
    const rows = await this.db.selectFrom('gep_quantities').selectAll().where('region_code', '=', regionCode).where('year', '=', year).orderBy('item_code').execute();
    const p = gepParams();
    const known = rows.filter((r) => p.items[r.item_code]); // items removed from the configuration are ignored
    return computeGep(known.map((r) => ({ code: r.item_code, quantity: r.quantity, priceYuan: r.price_yuan })), p.items, p.options);
  }

  private async gdpOf(regionCode: string, year: number): Promise<number | null> {
    return (await this.db.selectFrom('gdp_values').select('gdp_fen').where('region_code', '=', regionCode).where('year', '=', year).executeTakeFirst())?.gdp_fen ?? null;
  }

  async account(regionCode: string, year: number): Promise<GepAccount> {
    const r = this.region(regionCode);
    const [gep, gdp, prevGep, prevGdp] = [await this.gepOf(regionCode, year), await this.gdpOf(regionCode, year), await this.gepOf(regionCode, year - 1), await this.gdpOf(regionCode, year - 1)];
    return {
      regionCode, regionName: r.name, year, gdpFen: gdp, gep, ratio: gepGdpRatio(gep.totalFen, gdp),
      gdpYoyBp: gdp === null ? null : yoyBp(gdp, prevGdp), gepYoyBp: gep.lines.length && prevGep.lines.length ? yoyBp(gep.totalFen, prevGep.totalFen) : null,
    };
  }

  /** Every year with data for a region, oldest first. */
  async series(regionCode: string): Promise<GepAccount[]> {
    this.region(regionCode);
    const years = new Set<number>();
    for (const r of await this.db.selectFrom('gdp_values').select('year').where('region_code', '=', regionCode).execute()) years.add(Number(r.year));
    for (const r of await this.db.selectFrom('gep_quantities').select('year').where('region_code', '=', regionCode).execute()) years.add(Number(r.year));
    const out: GepAccount[] = [];
    for (const y of [...years].sort((a, b) => a - b)) out.push(await this.account(regionCode, y));
    return out;
  }

  validateYear(year: number): void {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalidField('year', '年份应在 2000–2100 之间', 'must be between 2000 and 2100');
  }
}
