import { Alert, Button, List, Tag } from 'antd';
import { useI18n, type MessageKey } from '../i18n';
import type { Listing } from '../lib/api';

type Item = NonNullable<Listing['quality']>[number];
const COLOR: Record<string, string> = { error: 'red', warning: 'orange', info: 'blue' };
const RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** The listing-quality checklist the server computes for owners and admins. */
export function QualityList({ items, onFix }: { items: Item[]; onFix?: (field: string) => void }) {
  const { t, pick } = useI18n();
  if (!items.length) return <Alert type="success" showIcon title={t('listing.qualityOk')} />;
  const sorted = [...items].sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
  return (
    <List
      size="small"
      dataSource={sorted}
      data-testid="quality-list"
      className="tb-quality"
      renderItem={(q) => (
        <List.Item
          data-severity={q.severity}
          extra={
            onFix && q.field ? (
              <Button type="link" size="small" onClick={() => onFix(q.field)}>
                {t('form.fix')}
              </Button>
            ) : undefined
          }
        >
          <Tag color={COLOR[q.severity] ?? 'default'}>{t(`form.severity.${q.severity}` as MessageKey)}</Tag>
          <span className="tb-quality-text">{pick(q.zh, q.en)}</span>
        </List.Item>
      )}
    />
  );
}
