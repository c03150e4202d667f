/** Texts of the demand-insight page (需求洞察), kept here so the shared catalogs stay untouched. */
import { useCallback } from 'react';
import { format, useI18n } from '../../i18n';

const zh = {
  title: '需求洞察',
  sub: '按产业链、技术主题和城市汇总企业公开需求，找出省内没有匹配供给的主题（建议立项的方向）。',
  period: '期间',
  'period.3': '近 3 个月',
  'period.6': '近 6 个月',
  'period.12': '近 12 个月',
  'period.24': '近 24 个月',
  'period.year': '今年',
  'period.lastYear': '去年',
  chain: '产业链',
  allChains: '全部产业链',
  city: '城市',
  allCities: '全省',
  export: '导出 Excel',
  'stat.demands': '需求数',
  'stat.topics': '技术主题',
  'stat.gaps': '供给缺口',
  'stat.supply': '省内成果（供给）',
  byChain: '按产业链',
  byCity: '按城市',
  trend: '月度趋势',
  total: '合计',
  demands: '需求',
  topics: '技术主题',
  onlyGaps: '只看缺口',
  'col.topic': '主题',
  'col.demands': '需求数',
  'col.cities': '城市',
  'col.supply': '省内供给',
  'col.best': '最佳匹配成果',
  'col.status': '状态',
  gap: '缺口 — 建议立项',
  covered: '有供给',
  coverage: '覆盖度 {p}%',
  noBest: '无相近成果',
  members: '该主题的需求',
  empty: '该期间没有符合条件的公开需求',
  rules: '口径说明',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'Demand insight',
  sub: 'Public enterprise demands by industry chain, technology topic and city, and the topics with no matching supply in the province (where research should be commissioned).',
  period: 'Period',
  'period.3': 'Last 3 months',
  'period.6': 'Last 6 months',
  'period.12': 'Last 12 months',
  'period.24': 'Last 24 months',
  'period.year': 'This year',
  'period.lastYear': 'Last year',
  chain: 'Industry chain',
  allChains: 'All chains',
  city: 'City',
  allCities: 'Whole province',
  export: 'Export Excel',
  'stat.demands': 'Demands',
  'stat.topics': 'Topics',
  'stat.gaps': 'Supply gaps',
  'stat.supply': 'Provincial achievements',
  byChain: 'By industry chain',
  byCity: 'By city',
  trend: 'Monthly trend',
  total: 'Total',
  demands: 'Demands',
  topics: 'Topics',
  onlyGaps: 'Gaps only',
  'col.topic': 'Topic',
  'col.demands': 'Demands',
  'col.cities': 'Cities',
  'col.supply': 'Provincial supply',
  'col.best': 'Best matching achievement',
  'col.status': 'Status',
  gap: 'Gap — commission research',
  covered: 'Supplied',
  coverage: 'coverage {p}%',
  noBest: 'No close achievement',
  members: 'Demands in this topic',
  empty: 'No public demands match in this period',
  rules: 'How it is counted',
};

export type InsightKey = Key;

export function useInsightT() {
  const i = useI18n();
  // stable per language, so chart options built with it are not rebuilt on every render
  const tt = useCallback(
    (key: Key, vars?: Record<string, string | number>) => format((i.lang === 'en' ? en : zh)[key], vars),
    [i.lang],
  );
  return { ...i, tt };
}
