/**
 * GDP + GEP dual accounting (GDP 与 GEP 双核算) for the Liaodong green economic zone and any Liaoning region: physical
 * quantities per region, year and item (with an optional local price), GDP per region and year; results with the
 * breakdown by item and category, the GEP/GDP ratio and year-on-year changes. Prices and which items count:
 * data/reference/gep.json; the calculation: core/gep.ts (computeGep).
 */
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import { fenToWan, wanToFen } from '../../kernel/money.js';
import { parseDecimal } from './core/decimal.js';
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

/** One problem in an imported workbook: its row (1-based, as Excel shows it), column and reason. */
export interface GepImportProblem {
  row: number;
  column: 'region' | 'year' | 'item' | 'quantity' | 'price';
  reasonZh: string;
  reasonEn: string;
}

export interface GepImportResult {
  dryRun: boolean;
  rows: number;
  groups: { regionCode: string; regionName: string; year: number; items: number; gdpWan: string | null; gepWan: string | null }[];
}

/** Item names accepted in the workbook's item column for GDP (its quantity is in 万元). */
const GDP_ITEM = new Set(['gdp', '地区生产总值', '地区生产总值gdp', 'gdp（万元）', 'gdp(万元)']);

/** A cell's value as text: numbers printed exactly, rich text flattened, formulas by their result. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'result' in v) return cellText(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  return String(v).trim();
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

  /**
   * Imports a workbook (first sheet; header row optional): columns 地区代码 region | 年度 year | 项目 item (code or
   * Chinese name; "GDP" for GDP in 万元) | 实物量 quantity | 单价（元） price (optional, overrides the default).
   * Every row is checked first; with any problem nothing is written and every problem is reported with its row and
   * column (GEP_IMPORT_INVALID). Each region and year with item rows has its quantities replaced, as in setQuantities.
   */
  async importWorkbook(actor: Actor, file: Buffer, dryRun = false): Promise<GepImportResult> {
    requireGovOrAdmin(actor);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw invalidField('fileBase64', '不是有效的 xlsx 文件', 'is not a valid xlsx workbook');
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw invalidField('fileBase64', '工作簿中没有工作表', 'the workbook has no sheet');
    const p = gepParams();
    const byName = new Map<string, string>();
    for (const it of Object.values(p.items)) {
      byName.set(it.code.toLowerCase(), it.code);
      byName.set(it.zh, it.code);
    }
    const problems: GepImportProblem[] = [];
    const bad = (row: number, column: GepImportProblem['column'], reasonZh: string, reasonEn: string) => problems.push({ row, column, reasonZh, reasonEn });
    type Group = { regionCode: string; year: number; items: { code: string; quantity: string; priceYuan: string | null; row: number }[]; gdpFen: number | null };
    const groups = new Map<string, Group>();
    let rows = 0;
    sheet.eachRow({ includeEmpty: false }, (r, n) => {
      const cells = [1, 2, 3, 4, 5].map((i) => cellText(r.getCell(i).value));
      if (cells.every((c) => c === '')) return;
      // a header row: the first cell is not a region code and the second not a year
      if (n === 1 && !/^\d{6}$/.test(cells[0]) && !/^\d{4}$/.test(cells[1])) return;
      rows++;
      const [regionCode, yearText, itemText, quantity, price] = cells;
      let ok = true;
      const region = regionByCode(regionCode);
      if (!/^\d{6}$/.test(regionCode) || !region || !regionCode.startsWith('21')) {
        bad(n, 'region', `行政区划代码 ${regionCode || '（空）'} 不是辽宁省内的有效代码`, `${regionCode || '(empty)'} is not a Liaoning region code`);
        ok = false;
      }
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100) {
        bad(n, 'year', '年度应为 2000–2100 之间的四位数', 'the year must be a four-digit year 2000–2100');
        ok = false;
      }
      const isGdp = GDP_ITEM.has(itemText.toLowerCase().replace(/\s/g, ''));
      const code = isGdp ? null : byName.get(itemText) ?? byName.get(itemText.toLowerCase()) ?? null;
      if (!isGdp && !code) {
        bad(n, 'item', `未知的核算项目“${itemText || '（空）'}”`, `unknown item "${itemText || '(empty)'}"`);
        ok = false;
      }
      let gdpFen: number | null = null;
      if (isGdp) {
        gdpFen = wanToFen(quantity);
        if (gdpFen === null) {
          bad(n, 'quantity', 'GDP 应为非负的万元金额（最多 6 位小数）', 'GDP must be a non-negative amount in 万元 (at most 6 places)');
          ok = false;
        }
        if (price) {
          bad(n, 'price', 'GDP 行不填单价', 'a GDP row takes no price');
          ok = false;
        }
      } else {
        const q = parseDecimal(quantity, 6);
        if (q === null || q < 0n) {
          bad(n, 'quantity', '实物量应为非负数（最多 6 位小数）', 'the quantity must be a non-negative number (at most 6 places)');
          ok = false;
        }
        if (price) {
          const pr = parseDecimal(price, 6);
          if (pr === null || pr < 0n) {
            bad(n, 'price', '单价应为非负数（元，最多 6 位小数）', 'the price must be a non-negative number of yuan (at most 6 places)');
            ok = false;
          }
        }
      }
      if (!ok) return;
      const key = `${regionCode}:${year}`;
      const g = groups.get(key) ?? { regionCode, year, items: [], gdpFen: null };
      groups.set(key, g);
      if (isGdp) {
        if (g.gdpFen !== null) bad(n, 'item', `${regionCode} ${year} 年的 GDP 重复`, `GDP for ${regionCode} ${year} given twice`);
        else g.gdpFen = gdpFen;
      } else {
        const dup = g.items.find((x) => x.code === code);
        if (dup) bad(n, 'item', `项目 ${itemText} 与第 ${dup.row} 行重复（${regionCode} ${year} 年）`, `item ${itemText} repeats row ${dup.row} (${regionCode} ${year})`);
        else g.items.push({ code: code!, quantity, priceYuan: price || null, row: n });
      }
    });
    if (!rows && !problems.length) throw invalidField('fileBase64', '工作表中没有数据行', 'the sheet has no data rows');
    const results: { g: Group; gep: GepResult | null }[] = [];
    for (const g of groups.values()) {
      let gep: GepResult | null = null;
      if (g.items.length) {
        try {
          gep = computeGep(g.items, p.items, p.options);
        } catch (e) {
          if (!(e instanceof GepInputError)) throw e;
          const row = g.items.find((x) => x.code === e.item)?.row ?? g.items[0].row;
          bad(row, 'quantity', `项目 ${e.item} 的数值超出范围`, `the value of item ${e.item} is out of range`);
        }
      }
      results.push({ g, gep });
    }
    if (problems.length) {
      problems.sort((a, b) => a.row - b.row);
      throw new AppError('GEP_IMPORT_INVALID', { count: problems.length }, problems.map((x) => ({ field: `rows.${x.row}.${x.column}`, code: 'FIELD_INVALID', params: { field: `第 ${x.row} 行 ${x.column}`, reasonZh: x.reasonZh, reasonEn: x.reasonEn } })));
    }
    if (!dryRun) {
      const at = nowIso(this.ctx.clock);
      const by = actor.kind === 'user' ? actor.userId : null;
      await inTransaction(this.db, async (trx) => {
        for (const { g } of results) {
          if (g.items.length) {
            await trx.deleteFrom('gep_quantities').where('region_code', '=', g.regionCode).where('year', '=', g.year).execute();
            await trx.insertInto('gep_quantities').values(g.items.map((i) => ({ region_code: g.regionCode, year: g.year, item_code: i.code, quantity: i.quantity, price_yuan: i.priceYuan, entered_by: by, updated_at: at }))).execute();
          }
          if (g.gdpFen !== null) {
            await trx.insertInto('gdp_values').values({ region_code: g.regionCode, year: g.year, gdp_fen: g.gdpFen, entered_by: by, updated_at: at })
              .onConflict((oc) => oc.columns(['region_code', 'year']).doUpdateSet({ gdp_fen: g.gdpFen!, entered_by: by, updated_at: at })).execute();
          }
          await recordAudit(trx, actor, { action: 'gep.import', subjectType: 'region_year', subjectId: `${g.regionCode}:${g.year}`, after: { items: g.items.map(({ row: _r, ...i }) => i), gdpFen: g.gdpFen }, requestId: actor.requestId }, this.ctx.clock.now());
        }
      });
    }
    return {
      dryRun, rows,
      groups: results.map(({ g, gep }) => ({ regionCode: g.regionCode, regionName: regionByCode(g.regionCode)?.name ?? g.regionCode, year: g.year, items: g.items.length, gdpWan: fenToWan(g.gdpFen), gepWan: gep ? fenToWan(gep.totalFen) : null })),
    };
  }
}
