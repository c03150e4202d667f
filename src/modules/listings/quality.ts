/**
 * Listing-quality checklist (发布质量检查), shown to the owner before submission.
 * `error` items block submission; `warning` and `info` items are advice.
 */
export type QualitySeverity = 'error' | 'warning' | 'info';

export interface QualityItem {
  code: string;
  field: string;
  severity: QualitySeverity;
  zh: string;
  en: string;
}

export interface QualityInput {
  kind: 'demand' | 'achievement';
  title: string;
  summary: string;
  detail: string;
  industries: string[];
  keywords: string[];
  regionCode: string | null;
  modes: string[];
  trl?: number | null;
  minTrl?: number | null;
  ipCount?: number;
  priceNegotiable?: boolean;
  priceMinFen?: number | null;
  priceMaxFen?: number | null;
  budgetMaxFen?: number | null;
  deadline?: string | null;
}

// Words that say nothing on their own; a summary made mostly of them is vague.
const VAGUE_WORDS = ['技术', '研究', '系统', '开发', '先进', '高性能', '智能', '创新', '领先', '国际', '国内', '重要', '广泛', '应用', '前景', '优势'];

export const MIN_SUMMARY_CHARS = 80;
export const MIN_SUMMARY_CHARS_TO_SUBMIT = 30;

export function qualityChecklist(l: QualityInput): QualityItem[] {
  const items: QualityItem[] = [];
  const add = (code: string, field: string, severity: QualitySeverity, zh: string, en: string) => items.push({ code, field, severity, zh, en });
  const summaryLabel = l.kind === 'demand' ? '需求描述' : '成果简介';
  const title = l.title.trim();
  const summary = l.summary.trim();

  if (title.length < 6) add('title_short', 'title', 'error', '标题过短（至少 6 个字），请写明具体技术或产品', 'Title too short (at least 6 characters): name the technology or product');
  if (summary.length < MIN_SUMMARY_CHARS_TO_SUBMIT) add('summary_missing', 'summary', 'error', `${summaryLabel}过短（至少 ${MIN_SUMMARY_CHARS_TO_SUBMIT} 字）`, `Description too short (at least ${MIN_SUMMARY_CHARS_TO_SUBMIT} characters)`);
  else if (summary.length < MIN_SUMMARY_CHARS) add('summary_short', 'summary', 'warning', `${summaryLabel}偏短（建议 ${MIN_SUMMARY_CHARS} 字以上），匹配效果会变差`, `Description is short (${MIN_SUMMARY_CHARS}+ characters recommended); matching suffers`);
  if (summary && !/\d/.test(summary)) add('summary_no_figures', 'summary', 'warning', `${summaryLabel}没有量化指标（如精度、温度、效率、产能），请补充`, 'No quantitative indicators (accuracy, temperature, efficiency, capacity …) in the description');
  if (summary) {
    const vague = VAGUE_WORDS.reduce((n, w) => n + (summary.split(w).length - 1) * w.length, 0);
    if (vague / summary.length > 0.25) add('summary_vague', 'summary', 'warning', `${summaryLabel}空泛词较多（技术、系统、智能……），请写具体的工艺、参数和应用场景`, 'The description is mostly generic words; state processes, parameters and use cases');
  }
  if (!l.regionCode) add('no_region', 'regionCode', 'error', '请选择所在地区', 'Choose the region');
  if (l.industries.length === 0) add('no_industry', 'industries', 'error', '请选择所属产业链（行业分类）', 'Choose at least one industry chain');
  if (l.modes.length === 0) add('no_modes', 'modes', 'warning', '请选择合作/转化方式', 'Choose the cooperation or transformation modes');
  if (!l.detail.trim()) add('no_detail', 'detail', 'info', '可补充保密详情（仅签署保密协议后可见），有助于意向方评估', 'Add confidential detail (visible after an NDA) to help serious parties assess');

  if (l.kind === 'achievement') {
    if (l.trl == null) add('no_trl', 'trl', 'warning', '未填写技术成熟度（TRL），请用自评向导确定等级', 'No technology readiness level: use the self-assessment wizard');
    if (!l.ipCount) add('no_ip', 'ip', 'warning', '未列出知识产权（专利、软件著作权或技术秘密）', 'No intellectual property listed (patents, software copyright or know-how)');
    if (l.keywords.length < 3) add('few_keywords', 'keywords', 'warning', '关键词少于 3 个', 'Fewer than 3 keywords');
    if (!l.priceNegotiable && l.priceMinFen == null && l.priceMaxFen == null) add('no_price', 'price', 'info', '未填写意向价格，可选择“面议”', 'No asking price; you may choose "negotiable"');
  } else {
    if (l.minTrl == null) add('no_min_trl', 'minTrl', 'info', '可设置可接受的最低技术成熟度，匹配更精准', 'Set the minimum acceptable TRL for sharper matches');
    if (l.budgetMaxFen == null) add('no_budget', 'budget', 'info', '未填写预算，技术方难以判断是否匹配', 'No budget given; suppliers cannot judge the fit');
    if (!l.deadline) add('no_deadline', 'deadline', 'info', '可设置需求截止日期', 'You may set a deadline');
  }
  return items;
}

export function blocksSubmission(items: QualityItem[]): boolean {
  return items.some((i) => i.severity === 'error');
}
