/**
 * Import demands or achievements from JSON Lines, CSV or .xlsx (spans organisations + listings).
 * Every row is validated first and every bad row reported with its line, field and reason. Good rows are written in
 * batches, one transaction each; a row never lands half-written. Idempotent by external id: a re-import updates.
 */
import { sql, type Transaction } from 'kysely';
import type { Actor } from '../kernel/auth/index.js';
import { inTransaction } from '../kernel/context.js';
import type { KernelContext } from '../kernel/context.js';
import type { DB } from '../schema.js';
import type { Services } from '../platform.js';
import { formatFromPath, parseListingRecord, readRecords, type FileFormat, type ListingKind, type ListingStatus, type ParsedListing, type RowProblem } from '../modules/listings/index.js';
import type { OrganisationType } from '../modules/organisations/index.js';
import { AppError } from '../kernel/errors.js';

export interface ImportOptions {
  dryRun?: boolean;
  /** refuse the whole file when any row is bad */
  strict?: boolean;
  /** lifecycle state of newly created listings (imports come from trusted operators; default published) */
  status?: ListingStatus;
  format?: FileFormat;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** PostgreSQL: refresh the touched tables' planner statistics once this many rows were written (default ANALYZE_AFTER_ROWS) */
  analyzeAfterRows?: number;
}

export interface ImportReport {
  kind: ListingKind;
  file: string;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  organisationsCreated: number;
  dryRun: boolean;
  problems: RowProblem[];
}

/** A guess at the type of an organisation known only by name (imports create them unverified). */
export function guessOrganisationType(name: string, kind: ListingKind): OrganisationType {
  if (/大学|学院|学校/.test(name)) return 'university';
  if (/研究所|研究院|科学院|研究中心|实验室/.test(name)) return 'institute';
  return kind === 'demand' ? 'enterprise' : 'enterprise';
}

export async function importListings(ctx: KernelContext<DB>, services: Services, actor: Actor, kind: ListingKind, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const format = opts.format ?? formatFromPath(file);
  if (!format) throw new AppError('IMPORT_FORMAT_UNKNOWN', { file });
  const listings = kind === 'demand' ? services.demands : services.achievements;
  const { records, problems } = await readRecords(file, format);
  const report: ImportReport = { kind, file, total: records.length + problems.length, created: 0, updated: 0, unchanged: 0, skipped: 0, organisationsCreated: 0, dryRun: Boolean(opts.dryRun), problems: [...problems] };
  const year = ctx.clock.now().getUTCFullYear();
  const good: ParsedListing[] = [];
  const seen = new Map<string, number>();
  for (const raw of records) {
    const parsed = parseListingRecord(kind, raw, year);
    if (Array.isArray(parsed)) {
      report.problems.push(...parsed);
      continue;
    }
    const firstLine = seen.get(parsed.externalId);
    if (firstLine !== undefined) {
      report.problems.push({ line: raw.line, field: 'id', reason: `外部编号与第 ${firstLine} 行重复 / duplicate external id (first on line ${firstLine})`, externalId: parsed.externalId });
      continue;
    }
    seen.set(parsed.externalId, raw.line);
    good.push(parsed);
  }
  const badLines = new Set(report.problems.map((p) => p.line));
  report.skipped = badLines.size;
  if (opts.dryRun || (opts.strict && badLines.size > 0)) {
    if (opts.strict && badLines.size > 0) report.skipped = report.total;
    opts.onProgress?.(report.total, report.total);
    return report;
  }

  const batchSize = opts.batchSize ?? 200;
  const touched: string[] = [];
  let done = report.problems.length;
  const writeOne = async (trx: Transaction<DB>, p: ParsedListing) => {
    const org = await services.organisations.findOrCreateByName(actor, p.orgName, p.input.regionCode ?? null, guessOrganisationType(p.orgName, kind), trx);
    const result = await listings.upsertImported(actor, trx, p.externalId, org.row.id, p.input, opts.status ?? 'published');
    return { org, result };
  };
  for (let i = 0; i < good.length; i += batchSize) {
    const batch = good.slice(i, i + batchSize);
    try {
      const outcomes = await inTransaction(ctx.db, async (trx) => {
        const out = [];
        for (const p of batch) out.push(await writeOne(trx, p));
        return out;
      });
      for (const o of outcomes) {
        report[o.result.outcome] += 1;
        if (o.org.created) report.organisationsCreated += 1;
        if (o.result.outcome !== 'unchanged') touched.push(o.result.id);
      }
    } catch {
      // One row failed in the database: retry the batch row by row so the others land and the culprit is reported.
      for (const p of batch) {
        try {
          const o = await inTransaction(ctx.db, (trx) => writeOne(trx, p));
          report[o.result.outcome] += 1;
          if (o.org.created) report.organisationsCreated += 1;
          if (o.result.outcome !== 'unchanged') touched.push(o.result.id);
        } catch (e) {
          const reason = e instanceof AppError ? `${e.code} ${JSON.stringify(e.fields ?? e.params)}` : (e as Error).message;
          report.problems.push({ line: p.line, field: '-', reason, externalId: p.externalId });
          report.skipped += 1;
        }
      }
    }
    done += batch.length;
    opts.onProgress?.(done, report.total);
  }
  await listings.notifyChanged(touched);
  // PostgreSQL plans from table statistics that autovacuum refreshes only later (or never, where it is off): after a
  // bulk load they still describe the tables before it, and the planner can pick an index that walks every row.
  if (ctx.dialect === 'postgres' && report.created + report.updated >= (opts.analyzeAfterRows ?? ANALYZE_AFTER_ROWS)) {
    const tables = kind === 'demand' ? ['demands', 'demand_industries', 'organisations'] : ['achievements', 'achievement_industries', 'ip_items', 'organisations'];
    await sql.raw(`analyze ${tables.join(', ')}`).execute(ctx.db);
  }
  report.problems.sort((a, b) => a.line - b.line);
  return report;
}

/** Rows written by one import from which the touched tables' planner statistics are refreshed (PostgreSQL). */
export const ANALYZE_AFTER_ROWS = 1000;
