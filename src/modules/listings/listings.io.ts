/**
 * Import and export formats for demands and achievements: JSON Lines (the contract outside tools use), CSV and .xlsx.
 * Parsing and validation are pure here; the import workflow writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { wanToFen } from '../../kernel/money.js';
import { resolveRegion } from '../reference/index.js';
import { isPatentProblem, parsePatentNumber } from '../achievements/patent-number.js';
import type { ListingKind } from './listings.repository.js';
import { IP_TYPES, LISTING_MODES, type IpInput, type ListingInput } from './listings.service.js';

export type FileFormat = 'jsonl' | 'csv' | 'xlsx';

export interface RawRecord {
  line: number;
  record: Record<string, unknown>;
}

export interface RowProblem {
  line: number;
  field: string;
  reason: string;
  externalId?: string;
}

export interface ParsedListing {
  line: number;
  externalId: string;
  orgName: string;
  input: ListingInput;
}

export function formatFromPath(file: string): FileFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  return null;
}

/** Reads a file into raw records with their line (row) numbers; unparseable lines become problems. */
export async function readRecords(file: string, format: FileFormat): Promise<{ records: RawRecord[]; problems: RowProblem[] }> {
  const records: RawRecord[] = [];
  const problems: RowProblem[] = [];
  if (format === 'jsonl') {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      try {
        const value = JSON.parse(line);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) problems.push({ line: i + 1, field: '-', reason: '不是 JSON 对象 / not a JSON object' });
        else records.push({ line: i + 1, record: value });
      } catch {
        problems.push({ line: i + 1, field: '-', reason: 'JSON 解析失败 / invalid JSON' });
      }
    });
  } else if (format === 'csv') {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    try {
      const rows = parseCsv(text, { columns: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as { record: Record<string, string>; info: { lines: number } }[];
      for (const r of rows) records.push({ line: r.info.lines, record: r.record });
    } catch (e) {
      problems.push({ line: Number((e as { lines?: number }).lines ?? 0), field: '-', reason: `CSV 解析失败 / invalid CSV: ${(e as Error).message}` });
    }
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    if (ws) {
      const header: string[] = [];
      ws.getRow(1).eachCell((cell, col) => (header[col] = String(cell.text).trim()));
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const rec: Record<string, unknown> = {};
        header.forEach((h, col) => {
          if (!h) return;
          const t = row.getCell(col).text;
          if (t !== '') rec[h] = t;
        });
        if (Object.keys(rec).length) records.push({ line: n, record: rec });
      });
    }
  }
  return { records, problems };
}

const MODE_ALIASES: Record<string, string> = {
  转让: 'transfer', 技术转让: 'transfer', 许可: 'license', 技术许可: 'license', 合作开发: 'co_development', 共同开发: 'co_development',
  委托开发: 'commissioned', 作价入股: 'equity', 股权: 'equity', '现金+股权': 'equity', 企业培育: 'incubation', 孵化: 'incubation',
  技术服务: 'service', 技术咨询: 'service', 共建实验室: 'joint_lab', 共建平台: 'joint_lab', 战略合作: 'strategic',
};

const IP_ALIASES: Record<string, string> = {
  发明专利: 'invention_patent', 实用新型: 'utility_patent', 实用新型专利: 'utility_patent', 外观设计: 'design_patent',
  软件著作权: 'software_copyright', 软著: 'software_copyright', 技术秘密: 'know_how', 专有技术: 'know_how',
};

function listOf(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  const s = String(v).trim();
  if (s.startsWith('[')) {
    try {
      const arr = JSON.parse(s);
      if (Array.isArray(arr)) return arr.map((x) => String(x).trim()).filter(Boolean);
    } catch {
      /* fall through to splitting */
    }
  }
  return s.split(/[;；,，|、]/).map((x) => x.trim()).filter(Boolean);
}

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

/** Validates one record against the JSON Lines contract; returns the listing or every problem found. */
export function parseListingRecord(kind: ListingKind, raw: RawRecord, currentYear: number): ParsedListing | RowProblem[] {
  const r = raw.record;
  const problems: RowProblem[] = [];
  const bad = (field: string, zh: string, en: string) => problems.push({ line: raw.line, field, reason: `${zh} / ${en}` });
  const externalId = text(r.id);
  if (!externalId) bad('id', '缺少外部编号', 'missing external id');
  else if (externalId.length > 64) bad('id', '外部编号超过 64 个字符', 'external id longer than 64 characters');
  const title = text(r.title);
  if (!title) bad('title', '缺少标题', 'missing title');
  else if (title.length > 120) bad('title', '标题超过 120 个字符', 'title longer than 120 characters');
  const summaryKey = kind === 'demand' ? 'description' : 'summary';
  const summary = text(r[summaryKey]);
  if (!summary) bad(summaryKey, kind === 'demand' ? '缺少需求描述' : '缺少成果简介', `missing ${summaryKey}`);
  else if (summary.length > 5000) bad(summaryKey, '超过 5000 个字符', 'longer than 5000 characters');
  const orgName = text(r.org);
  if (!orgName) bad('org', '缺少单位名称', 'missing organisation');
  let regionCode: string | null = null;
  if (text(r.region)) {
    const region = resolveRegion(text(r.region));
    if (!region) bad('region', `无法识别的地区“${text(r.region)}”`, `unknown region "${text(r.region)}"`);
    else regionCode = region.code;
  }
  const trlKey = kind === 'demand' ? 'min_trl' : 'trl';
  let trl: number | null = null;
  if (r[trlKey] !== undefined && r[trlKey] !== null && r[trlKey] !== '') {
    const n = Number(r[trlKey]);
    if (!Number.isInteger(n) || n < 1 || n > 9) bad(trlKey, '技术成熟度应为 1–9 的整数或空', 'TRL must be an integer 1–9 or null');
    else trl = n;
  }
  const modes: string[] = [];
  for (const m of listOf(r.modes)) {
    const code = (LISTING_MODES as readonly string[]).includes(m) ? m : MODE_ALIASES[m];
    if (!code) bad('modes', `未知转化方式“${m}”`, `unknown mode "${m}"`);
    else modes.push(code);
  }
  const input: ListingInput = {
    title, summary, detail: text(r.detail), field: text(r.field), keywords: listOf(r.keywords), regionCode, modes,
  };
  if (kind === 'demand') {
    input.minTrl = trl;
    for (const [key, target] of [['budget_wan', 'budgetMaxFen'], ['budget_min_wan', 'budgetMinFen']] as const) {
      const v = r[key];
      if (v === undefined || v === null || v === '') continue;
      const fen = wanToFen(v as string | number);
      if (fen === null) bad(key, '预算应为非负金额（万元）', 'budget must be a non-negative amount in 万元');
      else input[target] = fen;
    }
    if (text(r.deadline)) {
      const d = text(r.deadline);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) bad('deadline', '日期应为 YYYY-MM-DD', 'date must be YYYY-MM-DD');
      else input.deadline = d;
    }
  } else {
    input.trl = trl;
    const price = r.price;
    if (price === 'negotiable' || price === '面议') input.priceNegotiable = true;
    else if (price !== undefined && price !== null && price !== '') {
      let min: unknown = price;
      let max: unknown = price;
      if (typeof price === 'object') {
        min = (price as Record<string, unknown>).min_wan;
        max = (price as Record<string, unknown>).max_wan;
      } else if (typeof price === 'string' && /[-~～]/.test(price)) {
        [min, max] = price.split(/[-~～]/);
      }
      const minFen = min === undefined || min === null ? null : wanToFen(min as string | number);
      const maxFen = max === undefined || max === null ? null : wanToFen(max as string | number);
      if ((min != null && minFen === null) || (max != null && maxFen === null)) bad('price', '价格应为万元金额、区间或 "negotiable"', 'price must be an amount in 万元, a range, or "negotiable"');
      else if (minFen != null && maxFen != null && minFen > maxFen) bad('price', '价格下限大于上限', 'price minimum exceeds maximum');
      else {
        input.priceMinFen = minFen;
        input.priceMaxFen = maxFen;
      }
    }
    if (r.ip !== undefined && r.ip !== null && r.ip !== '') {
      let items: unknown[] = [];
      if (Array.isArray(r.ip)) items = r.ip;
      else {
        try {
          const parsed = JSON.parse(String(r.ip));
          items = Array.isArray(parsed) ? parsed : [parsed];
        } catch {
          items = listOf(r.ip);
        }
      }
      const ip: IpInput[] = [];
      items.forEach((it, i) => {
        let type: string;
        let number: string | null = null;
        let title = '';
        if (typeof it === 'string') {
          const parsed = parsePatentNumber(it, currentYear);
          if (isPatentProblem(parsed)) {
            bad(`ip.${i}`, `专利号“${it}”不合法（${parsed}）`, `patent number "${it}" is invalid (${parsed})`);
            return;
          }
          type = { invention: 'invention_patent', pct_invention: 'invention_patent', utility: 'utility_patent', pct_utility: 'utility_patent', design: 'design_patent' }[parsed.kind];
          number = it;
        } else if (it && typeof it === 'object') {
          const o = it as Record<string, unknown>;
          type = IP_ALIASES[text(o.type)] ?? text(o.type);
          number = text(o.number) || null;
          title = text(o.title);
        } else {
          bad(`ip.${i}`, '知识产权条目格式错误', 'malformed IP item');
          return;
        }
        if (!(IP_TYPES as readonly string[]).includes(type)) {
          bad(`ip.${i}.type`, `未知知识产权类型“${type}”`, `unknown IP type "${type}"`);
          return;
        }
        if (type.endsWith('_patent')) {
          const parsed = number ? parsePatentNumber(number, currentYear) : 'format';
          if (isPatentProblem(parsed)) {
            bad(`ip.${i}.number`, `专利申请号“${number ?? ''}”不合法（${parsed}）`, `patent application number "${number ?? ''}" is invalid (${parsed})`);
            return;
          }
        }
        ip.push({ type: type as IpInput['type'], number, title });
      });
      input.ip = ip;
    }
    if (Array.isArray(r.team)) input.team = (r.team as Record<string, unknown>[]).filter((m) => m && text(m.name)).map((m) => ({ name: text(m.name), title: text(m.title), role: text(m.role) }));
    if (text(r.pilot_needs)) input.pilotNeeds = text(r.pilot_needs);
  }
  if (problems.length) return problems.map((p) => ({ ...p, externalId: externalId || undefined }));
  return { line: raw.line, externalId, orgName, input };
}

/** Columns of CSV and .xlsx exports (also accepted by import). */
export const EXPORT_COLUMNS: Record<ListingKind, string[]> = {
  achievement: ['id', 'title', 'summary', 'detail', 'field', 'org', 'region', 'trl', 'keywords', 'ip', 'price', 'modes', 'status'],
  demand: ['id', 'title', 'description', 'detail', 'field', 'org', 'region', 'min_trl', 'budget_wan', 'deadline', 'modes', 'status'],
};

export interface ExportRecord {
  [key: string]: unknown;
}

/** A listing in the JSON Lines contract shape. `detail` is present only when the exporter may read it. */
export function toExportRecord(kind: ListingKind, v: { id: string; externalId: string | null; title: string; summary: string; detail: string | null; field: string; organisation: { name: string }; regionName: string | null; regionCode: string | null; keywords: string[]; modes: string[]; status: string } & Record<string, any>): ExportRecord {
  const base: ExportRecord = { id: v.externalId ?? v.id, title: v.title };
  if (kind === 'demand') {
    Object.assign(base, {
      description: v.summary, field: v.field, org: v.organisation.name, region: v.regionName ?? v.regionCode, min_trl: v.minTrl ?? null,
      budget_wan: v.budgetMaxWan ?? null, deadline: v.deadline ?? undefined, modes: v.modes,
    });
  } else {
    Object.assign(base, {
      summary: v.summary, field: v.field, org: v.organisation.name, region: v.regionName ?? v.regionCode, trl: v.trl ?? null, keywords: v.keywords,
      ip: (v.ip as { type: string; number: string | null; title: string }[]).map((i) => ({ type: i.type, number: i.number, title: i.title })),
      price: v.priceNegotiable ? 'negotiable' : v.priceMinWan || v.priceMaxWan ? { min_wan: v.priceMinWan, max_wan: v.priceMaxWan } : null,
      modes: v.modes,
    });
  }
  if (v.detail !== null) base.detail = v.detail;
  base.status = v.status;
  return base;
}

/** Flattens an export record for CSV/xlsx cells. */
export function toCells(kind: ListingKind, rec: ExportRecord): string[] {
  return EXPORT_COLUMNS[kind].map((col) => {
    const v = rec[col];
    if (v === undefined || v === null) return '';
    if (col === 'keywords' || col === 'modes') return (v as string[]).join(';');
    if (col === 'price' && typeof v === 'object') {
      const p = v as { min_wan: string | null; max_wan: string | null };
      return p.min_wan === p.max_wan ? String(p.min_wan ?? '') : `${p.min_wan ?? ''}-${p.max_wan ?? ''}`;
    }
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  });
}
