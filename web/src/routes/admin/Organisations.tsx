import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type Organisation } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { ErrorBlock } from '../../components/PageState';

const TYPES = ['enterprise', 'university', 'institute', 'broker_agency', 'pilot_base', 'demonstration_base', 'incubator', 'bank', 'guarantee', 'insurer', 'investor', 'government'] as const;

export default function Organisations() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [type, setType] = useState<(typeof TYPES)[number]>();
  const [verified, setVerified] = useState<string>();
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const res = useAsync(
    () => unwrap(api.GET('/api/organisations', { params: { query: { q: q || undefined, type, verified: verified as never, page, pageSize: 20 } } })),
    [q, type, verified, page],
  );

  const verify = async (o: Organisation, v: boolean) => {
    setBusy(o.id);
    try {
      const updated = await unwrap(api.POST('/api/organisations/{id}/verify', { params: { path: { id: o.id } }, body: { verified: v } }));
      if (res.data) res.setData({ ...res.data, items: res.data.items.map((x) => (x.id === o.id ? updated : x)) });
      message.success(t('action.done'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div>
      <h1 className="tb-page-title">{t('admin.orgsTitle')}</h1>
      <Card>
        <Space wrap className="tb-ws-filter">
          <Input.Search
            allowClear
            placeholder={t('admin.searchOrgs')}
            aria-label={t('admin.searchOrgs')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            aria-label={t('admin.orgType')}
            placeholder={t('admin.orgType')}
            style={{ width: 200 }}
            value={type}
            onChange={(v) => {
              setType(v);
              setPage(1);
            }}
            options={TYPES.map((x) => ({ value: x, label: t(`orgType.${x}` as MessageKey) }))}
          />
          <Select
            allowClear
            aria-label={t('common.status')}
            placeholder={t('common.status')}
            style={{ width: 140 }}
            value={verified}
            onChange={(v) => {
              setVerified(v);
              setPage(1);
            }}
            options={[
              { value: 'true', label: t('common.verified') },
              { value: 'false', label: t('common.unverified') },
            ]}
          />
        </Space>
        {res.error ? (
          <ErrorBlock error={res.error} onRetry={res.reload} />
        ) : (
          <Table<Organisation>
            rowKey="id"
            loading={res.loading}
            dataSource={res.data?.items ?? []}
            scroll={{ x: 820 }}
            pagination={{ current: page, pageSize: 20, total: res.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('auth.orgName'), dataIndex: 'name', render: (n: string, o) => <Link to={`/organisations/${o.id}`}>{n}</Link> },
              { title: t('org.type'), dataIndex: 'type', render: (x: string) => t(`orgType.${x}` as MessageKey) },
              { title: t('org.uscc'), dataIndex: 'uscc', render: (x: string | null) => <code>{x ?? '—'}</code> },
              { title: t('common.region'), dataIndex: 'regionName', render: (x: string | null) => x ?? '—' },
              {
                title: t('common.status'),
                dataIndex: 'verified',
                render: (v: boolean) => <Tag color={v ? 'success' : 'default'}>{v ? t('common.verified') : t('common.unverified')}</Tag>,
              },
              {
                title: t('common.actions'),
                key: 'a',
                render: (_, o) => (
                  <Button size="small" type={o.verified ? 'default' : 'primary'} loading={busy === o.id} onClick={() => verify(o, !o.verified)}>
                    {o.verified ? t('admin.unverify') : t('admin.verify')}
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
