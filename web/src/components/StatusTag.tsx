import { Tag } from 'antd';
import { useI18n, type MessageKey } from '../i18n';

const COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  rejected: 'error',
  published: 'success',
  in_negotiation: 'gold',
  solved: 'purple',
  closed: 'default',
  expired: 'default',
  requested: 'processing',
  approved: 'gold',
  accepted: 'success',
  withdrawn: 'default',
};

export function StatusTag({ status, prefix = 'status' }: { status: string; prefix?: 'status' | 'nda.status' }) {
  const { t } = useI18n();
  return <Tag color={COLORS[status] ?? 'default'}>{t(`${prefix}.${status}` as MessageKey)}</Tag>;
}
