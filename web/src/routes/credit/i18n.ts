import { useI18n, type MessageKey } from '../../i18n';
import type extraZh from '../../i18n/extra.zh-CN';

export type ExtraKey = keyof typeof extraZh;

/** useI18n with the keys of the extra catalogs (credit, government, services) accepted too. */
export function useT() {
  const i = useI18n();
  const t = (key: ExtraKey | MessageKey, vars?: Record<string, string | number>) => i.t(key as MessageKey, vars);
  return { ...i, t };
}
