import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type Role, type User } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useAuth } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../../components/PageState';

const ROLES: Role[] = ['enterprise', 'institution', 'broker', 'service', 'government', 'admin'];

export default function Users() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { session } = useAuth();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role>();
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const res = useAsync(() => unwrap(api.GET('/api/admin/users', { params: { query: { q: q || undefined, role, page, pageSize: 20 } } })), [q, role, page]);

  const setStatus = async (u: User, status: 'active' | 'disabled') => {
    setBusy(u.id);
    try {
      const updated = await unwrap(api.PATCH('/api/users/{id}', { params: { path: { id: u.id } }, body: { status } }));
      if (res.data) res.setData({ ...res.data, items: res.data.items.map((x) => (x.id === u.id ? updated : x)) });
      message.success(t('action.done'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div>
      <h1 className="tb-page-title">{t('admin.usersTitle')}</h1>
      <Card>
        <Space wrap className="tb-ws-filter">
          <Input.Search
            allowClear
            placeholder={t('admin.searchUsers')}
            aria-label={t('admin.searchUsers')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            aria-label={t('auth.role')}
            placeholder={t('auth.role')}
            style={{ width: 160 }}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
          />
        </Space>
        {res.error ? (
          <ErrorBlock error={res.error} onRetry={res.reload} />
        ) : (
          <Table<User>
            rowKey="id"
            loading={res.loading}
            dataSource={res.data?.items ?? []}
            scroll={{ x: 820 }}
            pagination={{ current: page, pageSize: 20, total: res.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('auth.name'), dataIndex: 'name' },
              { title: t('auth.email'), dataIndex: 'email' },
              {
                title: t('auth.role'),
                dataIndex: 'role',
                render: (r: string, u) => (
                  <Space size={4}>
                    <Tag>{t(`role.${r}` as MessageKey)}</Tag>
                    {u.orgAdmin && <Tag color="blue">{t('admin.orgAdmin')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (s: string) => <Tag color={s === 'active' ? 'success' : 'default'}>{t(`admin.userStatus.${s}` as MessageKey)}</Tag>,
              },
              { title: t('admin.lastLogin'), dataIndex: 'lastLoginAt', render: (d: string | null) => formatDateTime(d, lang) },
              {
                title: t('common.actions'),
                key: 'a',
                render: (_, u) =>
                  u.id === session?.user.id ? null : u.status === 'active' ? (
                    <Button size="small" danger loading={busy === u.id} onClick={() => setStatus(u, 'disabled')}>
                      {t('admin.disable')}
                    </Button>
                  ) : (
                    <Button size="small" loading={busy === u.id} onClick={() => setStatus(u, 'active')}>
                      {t('admin.enable')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
