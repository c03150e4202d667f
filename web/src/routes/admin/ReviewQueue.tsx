import { useState } from 'react';
import { Badge, Card, Empty, Table, Tabs, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, listingPath, unwrap, type Listing, type ListingKind } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { formatDateTime } from '../../lib/format';
import { ListingActions } from '../../components/ListingActions';
import { QualityList } from '../../components/QualityList';
import { ErrorBlock } from '../../components/PageState';

function Queue({ kind, onCount }: { kind: ListingKind; onCount(n: number): void }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const res = useAsync(async () => {
    const query = { scope: 'review' as const, page, pageSize: 20, sort: 'updated' as const };
    const r = (kind === 'demand'
      ? await unwrap(api.GET('/api/demands', { params: { query } }))
      : await unwrap(api.GET('/api/achievements', { params: { query } }))) as { items: Listing[]; total: number };
    onCount(r.total);
    return r;
  }, [kind, page]);
  if (res.error) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  return (
    <Table<Listing>
      rowKey="id"
      loading={res.loading}
      dataSource={res.data?.items ?? []}
      scroll={{ x: 800 }}
      locale={{ emptyText: <Empty description={t('admin.reviewEmpty')} /> }}
      pagination={{ current: page, pageSize: 20, total: res.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
      expandable={{
        expandedRowRender: (l) => (
          <div className="tb-review-expand">
            <p className="tb-prewrap">{l.summary}</p>
            {l.quality && <QualityList items={l.quality} />}
          </div>
        ),
      }}
      columns={[
        {
          title: t('common.title'),
          dataIndex: 'title',
          render: (_, l) => (
            <Link to={listingPath(l.kind, l.id)} className="tb-table-title">
              {l.title}
            </Link>
          ),
        },
        {
          title: t('common.organisation'),
          key: 'org',
          width: 220,
          render: (_, l) => (
            <span>
              {l.organisation.name} {!l.organisation.verified && <Tag>{t('common.unverified')}</Tag>}
            </span>
          ),
        },
        {
          title: t('listing.quality'),
          key: 'q',
          width: 130,
          render: (_, l) => {
            const errors = (l.quality ?? []).filter((q) => q.severity === 'error').length;
            const warnings = (l.quality ?? []).filter((q) => q.severity === 'warning').length;
            return (
              <span>
                {errors > 0 && <Tag color="red">{errors}</Tag>}
                {warnings > 0 && <Tag color="orange">{warnings}</Tag>}
                {errors + warnings === 0 && <Tag color="green">OK</Tag>}
              </span>
            );
          },
        },
        { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
        {
          title: t('common.actions'),
          key: 'a',
          width: 190,
          render: (_, l) => <ListingActions listing={l} size="small" only={['approve', 'reject']} onDone={() => res.reload()} />,
        },
      ]}
    />
  );
}

export default function ReviewQueue() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const [counts, setCounts] = useState<Record<string, number>>({});
  const tab = sp.get('tab') === 'achievement' ? 'achievement' : 'demand';
  return (
    <div>
      <h1 className="tb-page-title">{t('admin.reviewTitle')}</h1>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setSp({ tab: k })}
          items={(['demand', 'achievement'] as const).map((k) => ({
            key: k,
            label: (
              <span>
                {t(k === 'demand' ? 'nav.demands' : 'nav.achievements')} <Badge count={counts[k] ?? 0} showZero={false} />
              </span>
            ),
            children: <Queue kind={k} onCount={(n) => setCounts((c) => (c[k] === n ? c : { ...c, [k]: n }))} />,
          }))}
        />
      </Card>
    </div>
  );
}
