/**
 * Import credit records (信用记录) for entities on or off the platform, from .jsonl, .csv or .xlsx, keyed by
 * 统一社会信用代码. Every bad row is reported with its line, field and reason; good rows land one by one.
 * Columns / fields: uscc, kind, severity (penalty), reason (abnormal_list), legal_basis (serious_list), outcome
 * (commitment), result (inspection), behaviour (platform), title, source_type, source_name, document_no, date,
 * publication_months.
 */
import { systemActor } from '../kernel/auth/index.js';
import { AppError } from '../kernel/errors.js';
import type { Services } from '../platform.js';
import { formatFromPath, readRecords, type RowProblem } from '../modules/listings/index.js';
import { validateUscc } from '../modules/organisations/index.js';
import { RECORD_KINDS, type RecordInput } from '../modules/credit/index.js';

const DETAIL_FIELD: Record<string, { key: string; allowed: string[] | null }> = {
  penalty: { key: 'severity', allowed: ['minor', 'ordinary', 'serious'] },
  abnormal_list: { key: 'reason', allowed: ['annual_report_not_filed', 'instant_info_not_published', 'concealed_or_false_info', 'unreachable_at_address'] },
  serious_list: { key: 'legal_basis', allowed: null },
  commitment: { key: 'outcome', allowed: ['kept', 'broken'] },
  inspection: { key: 'result', allowed: ['pass', 'problems', 'fail'] },
  platform: { key: 'behaviour', allowed: ['deal_abandoned_after_nda', 'upheld_complaint'] },
};

export async function importCredit(services: Services, file: string, opts: { dryRun?: boolean } = {}) {
  const format = formatFromPath(file);
  if (!format) throw new AppError('IMPORT_FORMAT_UNKNOWN', { file });
  const { records, problems } = await readRecords(file, format);
  const report = { total: records.length + problems.length, created: 0, skipped: 0, problems: [...problems] as RowProblem[] };
  const good: { line: number; input: RecordInput }[] = [];
  for (const { line, record: r } of records) {
    const bad: RowProblem[] = [];
    const s = (k: string) => (r[k] === undefined || r[k] === null ? '' : String(r[k]).trim());
    const uscc = s('uscc').toUpperCase();
    if (!uscc || validateUscc(uscc)) bad.push({ line, field: 'uscc', reason: '统一社会信用代码缺失或不正确 / missing or invalid unified social credit code' });
    const kind = s('kind');
    if (!(RECORD_KINDS as readonly string[]).includes(kind)) bad.push({ line, field: 'kind', reason: `未知记录类型“${kind}” / unknown kind` });
    const detail: Record<string, string> = {};
    const spec = DETAIL_FIELD[kind];
    if (spec) {
      const v = s(spec.key);
      if (!v || (spec.allowed && !spec.allowed.includes(v))) bad.push({ line, field: spec.key, reason: `应为 ${spec.allowed?.join(' / ') ?? '非空文本'} / must be ${spec.allowed?.join(', ') ?? 'non-empty'}` });
      detail[spec.key === 'legal_basis' ? 'legalBasis' : spec.key] = v;
    }
    const date = s('date');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) bad.push({ line, field: 'date', reason: '日期应为 YYYY-MM-DD / date must be YYYY-MM-DD' });
    const sourceType = s('source_type') || 'authority';
    if (!['authority', 'platform', 'self_declared'].includes(sourceType)) bad.push({ line, field: 'source_type', reason: 'authority / platform / self_declared' });
    if (!s('source_name')) bad.push({ line, field: 'source_name', reason: '缺少来源机关 / missing source' });
    const months = s('publication_months');
    if (months && !/^\d{1,3}$/.test(months)) bad.push({ line, field: 'publication_months', reason: '应为整数月数 / whole months' });
    if (bad.length) {
      report.problems.push(...bad);
      continue;
    }
    good.push({ line, input: { uscc, kind: kind as RecordInput['kind'], detail, title: s('title'), source: { type: sourceType as 'authority', name: s('source_name'), ...(s('document_no') ? { documentNo: s('document_no') } : {}) }, date, publicationMonths: months ? Number(months) : null } });
  }
  report.skipped = new Set(report.problems.map((p) => p.line)).size;
  if (opts.dryRun) return report;
  for (const g of good) {
    try {
      await services.credit.addRecord(systemActor('credit-import'), g.input);
      report.created++;
    } catch (e) {
      report.problems.push({ line: g.line, field: '-', reason: e instanceof AppError ? e.code : (e as Error).message });
      report.skipped++;
    }
  }
  report.problems.sort((a, b) => a.line - b.line);
  return report;
}
