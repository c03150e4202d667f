import { Alert, List, Tag } from 'antd';
import { useI18n, type MessageKey } from '../i18n';
import type { Listing } from '../lib/api';

type Item = NonNullable<Listing['quality']>[number];
const COLOR: Record<string, string> = { error: 'red', warning: 'orange', info: 'blue' };
const RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** The listing-quality checklist the server computes for owners and admins. */
export function QualityList({ items }: { items: Item[] }) {
  const { t, pick } = useI18n();
  if (!items.length) return <Alert type="success" showIcon title={t('listing.qualityOk')} />;
  const sorted = [...items].sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
  return (
    <List
      size="small"
      dataSource={sorted}
      data-testid="quality-list"
      renderItem={(q) => (
        <List.Item>
          <Tag color={COLOR[q.severity] ?? 'default'}>{t(`form.severity.${q.severity}` as MessageKey)}</Tag>
          <span>{pick(q.zh, q.en)}</span>
        </List.Item>
      )}
    />
  );
}
