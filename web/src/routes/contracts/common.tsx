import { Tag } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { getOptional, type ContractTypes } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';

const COLOR: Record<string, string> = { draft: 'default', submitted: 'processing', registered: 'success', rejected: 'error', cancelled: 'default' };

export function ContractStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={COLOR[status] ?? 'default'}>{t(`ct.status.${status}` as MessageKey)}</Tag>;
}

let typesPromise: Promise<ContractTypes | null> | null = null;
export function useContractTypes() {
  return useAsync(() => (typesPromise ??= getOptional<ContractTypes>('/api/contracts/types')), []);
}

export function typeLabel(types: ContractTypes | null | undefined, type: string, subtype: string, pick: (zh: string, en: string) => string): string {
  const ty = types?.types.find((x) => x.type === type);
  const st = ty?.subtypes.find((s) => s.code === subtype);
  return ty ? `${pick(ty.zh, ty.en)}${st ? ` · ${pick(st.zh, st.en)}` : ''}` : `${type} · ${subtype}`;
}

export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Calendar days from today (Asia/Shanghai) to a YYYY-MM-DD date. */
export function daysUntil(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${shanghaiToday()}T00:00:00Z`)) / 86_400_000);
}
