/** Export demands or achievements to a file (CLI): the same record shape as the API export and the import contract. */
import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { systemActor, ANONYMOUS } from '../kernel/auth/index.js';
import type { Services } from '../platform.js';
import { EXPORT_COLUMNS, formatFromPath, presentListing, toCells, toExportRecord, type ListingKind } from '../modules/listings/index.js';
import { AppError } from '../kernel/errors.js';

export async function exportListings(services: Services, kind: ListingKind, file: string, opts: { includeDetail: boolean; scope: 'public' | 'all' }): Promise<number> {
  const format = file === '-' ? 'jsonl' : formatFromPath(file);
  if (!format) throw new AppError('IMPORT_FORMAT_UNKNOWN', { file });
  // Public exports read as an anonymous visitor, and detail is dropped unless asked for: nothing confidential leaks by default.
  const reader = opts.scope === 'all' || opts.includeDetail ? systemActor('cli-export') : ANONYMOUS;
  const listings = kind === 'demand' ? services.demands : services.achievements;
  const records: Record<string, unknown>[] = [];
  for await (const batch of listings.exportRows(reader, { scope: opts.scope })) {
    // each view carries its organisation (read with the rows)
    for (const v of batch) {
      const view = presentListing(kind, { ...v, detailVisible: v.detailVisible && opts.includeDetail });
      records.push(toExportRecord(kind, view as any));
    }
  }
  if (format === 'jsonl') {
    const text = records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
    if (file === '-') process.stdout.write(text);
    else fs.writeFileSync(file, text);
  } else if (format === 'csv') {
    fs.writeFileSync(file, `\uFEFF${stringify([EXPORT_COLUMNS[kind], ...records.map((r) => toCells(kind, r))])}`);
  } else {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(kind === 'demand' ? '技术需求' : '科技成果');
    ws.addRow(EXPORT_COLUMNS[kind]);
    for (const r of records) ws.addRow(toCells(kind, r));
    await wb.xlsx.writeFile(file);
  }
  return records.length;
}
