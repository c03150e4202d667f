import { useState } from 'react';
import { App, Button, Card, Empty, List, Segmented, Space, Tag } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type AppNotification } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { NOTIFICATIONS_CHANGED } from '../../components/NotificationBell';

const KINDS = ['deal', 'task', 'match', 'nda', 'auction', 'contract'];

export default function Notifications() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [filter, setFilter] = useState<'unread' | 'all'>('all');
  const res = useAsync(() => unwrap(api.GET('/api/notifications', { params: { query: filter === 'unread' ? { unread: true } : {} } })), [filter]);
  const changed = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
  const read = async (n: AppNotification) => {
    if (n.readAt) return;
    await unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id: n.id } } }));
    changed();
  };
  return (
    <div className="tb-container tb-page tb-narrow">
      <div className="tb-ws-head">
        <h1 className="tb-page-title">{t('ntf.title')}</h1>
        <Space wrap>
          <Segmented<'unread' | 'all'> aria-label={t('ntf.title')} value={filter} onChange={setFilter} options={[{ value: 'all', label: t('ntf.all') }, { value: 'unread', label: t('ntf.unread') }]} />
          <Button
            icon={<CheckOutlined />}
            disabled={!res.data?.unread}
            onClick={async () => {
              try {
                await unwrap(api.POST('/api/notifications/read-all'));
                changed();
                res.reload();
              } catch (e) {
                message.error(e instanceof Error ? e.message : String(e));
              }
            }}
          >
            {t('ntf.readAll')}
          </Button>
        </Space>
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <LoadingBlock rows={6} />
      ) : !res.data.items.length ? (
        <Card>
          <Empty description={t('ntf.empty')} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: '4px 16px' } }}>
          <List
            dataSource={res.data.items}
            data-testid="notifications"
            renderItem={(n) => (
              <List.Item
                className={`tb-ntf${n.readAt ? '' : ' tb-ntf-unread'}`}
                actions={
                  n.readAt
                    ? []
                    : [
                        <Button
                          key="r"
                          size="small"
                          type="link"
                          onClick={async () => {
                            await read(n).catch(() => undefined);
                            res.reload();
                          }}
                        >
                          {t('ntf.read')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      {!n.readAt && <span className="tb-dot" aria-label={t('ntf.unread')} />}
                      <Tag>{t(`ntf.kind.${KINDS.includes(n.kind) ? n.kind : 'other'}` as MessageKey)}</Tag>
                      {n.link ? (
                        <a
                          href={n.link}
                          onClick={async (e) => {
                            e.preventDefault();
                            await read(n).catch(() => undefined);
                            nav(n.link!);
                          }}
                        >
                          {n.title}
                        </a>
                      ) : (
                        <span>{n.title}</span>
                      )}
                    </Space>
                  }
                  description={
                    <>
                      <div className="tb-ntf-body">{n.body}</div>
                      <div className="tb-muted tb-small">{formatDateTime(n.createdAt, lang)}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
