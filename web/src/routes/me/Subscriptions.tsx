import { App, Button, Card, Empty, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, listingPath, unwrap, type Subscription } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../../components/PageState';

export default function Subscriptions() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const res = useAsync(() => unwrap(api.GET('/api/subscriptions')), []);
  return (
    <div className="tb-container tb-page tb-narrow">
      <h1 className="tb-page-title">{t('sub.list')}</h1>
      <p className="tb-page-sub">{t('sub.listSub')}</p>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Subscription>
            rowKey="id"
            loading={res.loading}
            dataSource={res.data ?? []}
            pagination={false}
            scroll={{ x: 760 }}
            locale={{ emptyText: <Empty description={<><div>{t('sub.empty')}</div><div className="tb-muted tb-small">{t('sub.emptyHint')}</div></>} /> }}
            columns={[
              { title: t('sub.name'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
              { title: t('sub.target'), dataIndex: 'targetKind', width: 110, render: (k: string) => <Tag color={k === 'demand' ? 'orange' : 'blue'}>{t(k === 'demand' ? 'kind.demand' : 'kind.achievement')}</Tag> },
              {
                title: t('sub.source'),
                key: 'src',
                render: (_, s) =>
                  s.sourceId && s.sourceKind ? (
                    <Link to={listingPath(s.sourceKind, s.sourceId)}>{t('sub.fromListing', { kind: t(s.sourceKind === 'demand' ? 'kind.demand' : 'kind.achievement') })}</Link>
                  ) : (
                    <span className="tb-muted">{s.queryText}</span>
                  ),
              },
              { title: t('sub.threshold'), dataIndex: 'threshold', width: 110, align: 'right' },
              { title: t('sub.lastNotified'), dataIndex: 'lastNotifiedAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v, lang) : <span className="tb-muted">{t('sub.never')}</span>) },
              {
                title: t('common.actions'),
                key: 'a',
                width: 110,
                render: (_, s) => (
                  <Button
                    size="small"
                    danger
                    onClick={() =>
                      modal.confirm({
                        title: t('sub.deleteConfirm', { n: s.name }),
                        okText: t('sub.delete'),
                        okButtonProps: { danger: true },
                        cancelText: t('common.cancel'),
                        onOk: async () => {
                          try {
                            await unwrap(api.DELETE('/api/subscriptions/{id}', { params: { path: { id: s.id } } }));
                            message.success(t('sub.deleted'));
                            res.reload();
                          } catch (e) {
                            message.error(e instanceof Error ? e.message : String(e));
                          }
                        },
                      })
                    }
                  >
                    {t('sub.delete')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
