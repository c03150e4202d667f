import { useState } from 'react';
import { Button, Card, Empty, Select, Space, Table, Tooltip } from 'antd';
import { EditOutlined, NodeIndexOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, listingPath, unwrap, type Listing, type ListingKind, type DemandQuery } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { formatDateTime } from '../../lib/format';
import { StatusTag } from '../../components/StatusTag';
import { ListingActions } from '../../components/ListingActions';
import { ErrorBlock } from '../../components/PageState';

const STATUSES = ['draft', 'submitted', 'rejected', 'published', 'in_negotiation', 'solved', 'closed', 'expired'] as const;
const EDITABLE = ['draft', 'rejected', 'published', 'submitted'];

export default function MyListings({ kind, scope = 'mine' }: { kind: ListingKind; scope?: 'mine' | 'brokered' }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<DemandQuery['status']>();
  const [page, setPage] = useState(1);
  const plural = kind === 'demand' ? 'demands' : 'achievements';
  const res = useAsync(async () => {
    const query: DemandQuery = { scope, status, page, pageSize: 10, sort: 'updated' };
    return (kind === 'demand'
      ? await unwrap(api.GET('/api/demands', { params: { query } }))
      : await unwrap(api.GET('/api/achievements', { params: { query } }))) as { items: Listing[]; total: number };
  }, [kind, scope, status, page]);

  const title = scope === 'brokered' ? t('ws.brokered') : kind === 'demand' ? t('ws.myDemands') : t('ws.myAchievements');
  const replace = (u: Listing) => res.data && res.setData({ ...res.data, items: res.data.items.map((x) => (x.id === u.id ? u : x)) });

  return (
    <div>
      <div className="tb-ws-head">
        <h1 className="tb-page-title">{title}</h1>
        {scope === 'mine' && (
          <Link to={`/workspace/${plural}/new`}>
            <Button type="primary" icon={<PlusOutlined />}>
              {t(kind === 'demand' ? 'nav.newDemand' : 'nav.newAchievement')}
            </Button>
          </Link>
        )}
      </div>
      <Card>
        <Space className="tb-ws-filter" wrap>
          <label htmlFor="status-filter">{t('common.status')}</label>
          <Select
            id="status-filter"
            allowClear
            placeholder={t('common.all')}
            style={{ minWidth: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as MessageKey) }))}
          />
        </Space>
        {res.error ? (
          <ErrorBlock error={res.error} onRetry={res.reload} />
        ) : (
          <Table<Listing>
            rowKey="id"
            loading={res.loading}
            dataSource={res.data?.items ?? []}
            scroll={{ x: 860 }}
            locale={{
              emptyText: (
                <Empty
                  description={scope === 'brokered' ? t('ws.emptyBrokered') : kind === 'demand' ? t('ws.emptyDemands') : t('ws.emptyAchievements')}
                />
              ),
            }}
            pagination={{ current: page, pageSize: 10, total: res.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              {
                title: t('common.title'),
                dataIndex: 'title',
                render: (_, l) => (
                  <div>
                    <Link to={listingPath(l.kind, l.id)} className="tb-table-title">
                      {l.title}
                    </Link>
                    {l.status === 'rejected' && l.rejectReason && (
                      <div className="tb-reject-reason">
                        {t('listing.rejectReason')}：{l.rejectReason}
                      </div>
                    )}
                  </div>
                ),
              },
              { title: t('common.status'), dataIndex: 'status', width: 110, render: (s: string) => <StatusTag status={s} /> },
              { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (d: string) => formatDateTime(d, lang) },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 340,
                render: (_, l) => (
                  <Space wrap size={[8, 8]}>
                    {l.owner && EDITABLE.includes(l.status) && (
                      <Tooltip title={t('action.edit')}>
                        <Link to={`/workspace/${plural}/${l.id}/edit`} aria-label={`${t('action.edit')} ${l.title}`}>
                          <Button size="small" icon={<EditOutlined />}>
                            {t('action.edit')}
                          </Button>
                        </Link>
                      </Tooltip>
                    )}
                    <Link to={`/workspace/${plural}/${l.id}/matches`}>
                      <Button size="small" icon={<NodeIndexOutlined />}>
                        {t('action.matches')}
                      </Button>
                    </Link>
                    <ListingActions listing={l} size="small" onDone={replace} only={['submit', 'withdraw', 'negotiate', 'resume', 'solve', 'reopen', 'close']} />
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
