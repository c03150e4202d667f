/**
 * Local catalog of the supply-chain decline reasons (issue #6) — kept inside the services folder so the shared
 * catalogs stay untouched.
 */
import { format, useI18n } from '../../i18n';

const zh = {
  'chain.decline': '不予采用：{part}',
  'chain.declineOk': '确认不予采用',
  'chain.declineReason': '不予采用理由',
  'chain.trialFail': '样品试用未通过：{part}',
  'chain.trialFailOk': '记录未通过',
} as const;

export type ServicesKey = keyof typeof zh;

const en: Record<ServicesKey, string> = {
  'chain.decline': 'Decline the response: {part}',
  'chain.declineOk': 'Decline',
  'chain.declineReason': 'Reason for declining',
  'chain.trialFail': 'Sample trial failed: {part}',
  'chain.trialFailOk': 'Record as failed',
};

/** `s(key, vars)` for this catalog. */
export function useS() {
  const i = useI18n();
  const cat: Record<ServicesKey, string> = i.lang === 'en' ? en : zh;
  return { s: (key: ServicesKey, vars?: Record<string, string | number>) => format(cat[key], vars) };
}
