import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Space, Table, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, listingPath, unwrap, type Nda } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { formatDateTime } from '../../lib/format';
import { applyApiError } from '../../lib/form-errors';
import { StatusTag } from '../../components/StatusTag';
import { NdaAcceptModal } from '../../components/NdaAcceptModal';
import { ErrorBlock } from '../../components/PageState';

function NdaTable({ direction }: { direction: 'incoming' | 'outgoing' }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const res = useAsync(() => unwrap(api.GET('/api/ndas', { params: { query: { direction } } })), [direction]);
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Nda | null>(null);
  const [accepting, setAccepting] = useState<Nda | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const act = async (n: Nda, action: 'approve' | 'withdraw') => {
    setBusy(n.id + action);
    try {
      if (action === 'approve') await unwrap(api.POST('/api/ndas/{id}/approve', { params: { path: { id: n.id } } }));
      else await unwrap(api.POST('/api/ndas/{id}/withdraw', { params: { path: { id: n.id } } }));
      message.success(t('action.done'));
      res.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  if (res.error) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  const rows = [...(res.data ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return (
    <>
      <Table<Nda>
        rowKey="id"
        loading={res.loading}
        dataSource={rows}
        scroll={{ x: 820 }}
        locale={{ emptyText: <Empty description={direction === 'incoming' ? t('nda.emptyIncoming') : t('nda.emptyOutgoing')} /> }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          {
            title: t('nda.listing'),
            dataIndex: 'listingTitle',
            render: (_, n) => (
              <div>
                <Link to={listingPath(n.listingKind, n.listingId)} className="tb-table-title">
                  {n.listingTitle}
                </Link>
                <div className="tb-muted tb-small">{t(n.listingKind === 'demand' ? 'kind.demand' : 'kind.achievement')}</div>
              </div>
            ),
          },
          ...(direction === 'incoming'
            ? [
                {
                  title: t('nda.requester'),
                  key: 'req',
                  render: (_: unknown, n: Nda) => <Link to={`/organisations/${n.requesterOrg.id}`}>{n.requesterOrg.name}</Link>,
                },
              ]
            : []),
          { title: t('nda.message'), dataIndex: 'message', ellipsis: true, render: (m: string) => m || '—' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: string, n) => (
              <div>
                <StatusTag status={s} prefix="nda.status" />
                {n.decisionReason && <div className="tb-muted tb-small">{n.decisionReason}</div>}
              </div>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_, n) => (
              <Space wrap>
                {direction === 'incoming' && n.status === 'requested' && (
                  <>
                    <Button size="small" type="primary" loading={busy === n.id + 'approve'} onClick={() => act(n, 'approve')} data-testid="nda-approve">
                      {t('nda.approve')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => {
                        form.resetFields();
                        setRejecting(n);
                      }}
                    >
                      {t('nda.reject')}
                    </Button>
                  </>
                )}
                {direction === 'outgoing' && n.status === 'approved' && (
                  <Button size="small" type="primary" onClick={() => setAccepting(n)} data-testid="nda-accept">
                    {t('nda.accept')}
                  </Button>
                )}
                {direction === 'outgoing' && (n.status === 'requested' || n.status === 'approved') && (
                  <Button size="small" loading={busy === n.id + 'withdraw'} onClick={() => act(n, 'withdraw')}>
                    {t('nda.withdraw')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!rejecting}
        title={t('nda.reject')}
        okText={t('nda.reject')}
        okButtonProps={{ danger: true, loading: busy === 'reject' }}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
        onOk={async () => {
          if (!rejecting) return;
          const v = await form.validateFields();
          setBusy('reject');
          try {
            await unwrap(api.POST('/api/ndas/{id}/reject', { params: { path: { id: rejecting.id } }, body: { reason: v.reason } }));
            setRejecting(null);
            res.reload();
          } catch (e) {
            const top = applyApiError(form, e, (f) => f === 'reason');
            if (top) message.error(top);
          } finally {
            setBusy(null);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('nda.rejectReason')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('nda.rejectReason') }) }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
      {accepting && (
        <NdaAcceptModal
          nda={accepting}
          open
          onClose={() => setAccepting(null)}
          onAccepted={() => {
            setAccepting(null);
            res.reload();
          }}
        />
      )}
    </>
  );
}

export default function Ndas() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') === 'outgoing' ? 'outgoing' : 'incoming';
  return (
    <div>
      <h1 className="tb-page-title">{t('nda.title')}</h1>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setSp({ tab: k })}
          items={[
            { key: 'incoming', label: t('nda.incoming'), children: <NdaTable direction="incoming" /> },
            { key: 'outgoing', label: t('nda.outgoing'), children: <NdaTable direction="outgoing" /> },
          ]}
          destroyOnHidden
        />
      </Card>
    </div>
  );
}
