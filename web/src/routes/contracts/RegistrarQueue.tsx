import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, unwrap, type Contract } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { applyApiError } from '../../lib/form-errors';
import { ErrorBlock } from '../../components/PageState';
import { ContractFacts } from './ContractDetail';
import { ContractStatus, daysUntil, typeLabel, useContractTypes } from './common';

/** 准予登记 / 不予登记 buttons for one submitted contract. */
export function RegistrarActions({ c, onDone, size = 'middle' }: { c: Contract; onDone(c: Contract): void; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <>
      <Space wrap>
        <Button
          size={size}
          type="primary"
          data-testid="contract-register"
          onClick={() =>
            modal.confirm({
              title: t('ct.register'),
              content: t('ct.registerConfirm', { t: c.title }),
              okText: t('ct.register'),
              cancelText: t('common.cancel'),
              onOk: async () => {
                try {
                  const after = await unwrap(api.POST('/api/contracts/{id}/register', { params: { path: { id: c.id } } }));
                  message.success({ content: t('ct.registered', { no: after.certificateNo ?? '' }), duration: 8 });
                  onDone(after);
                } catch (e) {
                  message.error(e instanceof Error ? e.message : String(e));
                }
              },
            })
          }
        >
          {t('ct.register')}
        </Button>
        <Button
          size={size}
          danger
          onClick={() => {
            form.resetFields();
            setRejecting(true);
          }}
        >
          {t('ct.reject')}
        </Button>
      </Space>
      <Modal
        open={rejecting}
        title={t('ct.rejectTitle', { t: c.title })}
        okText={t('ct.reject')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          setBusy(true);
          try {
            const after = await unwrap(api.POST('/api/contracts/{id}/reject', { params: { path: { id: c.id } }, body: { reason: v.reason.trim() } }));
            message.success(t('ct.rejected'));
            setRejecting(false);
            onDone(after);
          } catch (e) {
            const top = applyApiError(form, e, (f) => f === 'reason');
            if (top) message.error(top);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('ct.rejectReason')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('ct.rejectReason') }) }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type Status = 'submitted' | 'registered' | 'rejected';

export default function RegistrarQueue() {
  const { t, pick } = useI18n();
  const [sp, setSp] = useSearchParams();
  const status = (['submitted', 'registered', 'rejected'].includes(sp.get('status') ?? '') ? sp.get('status') : 'submitted') as Status;
  const res = useAsync(() => unwrap(api.GET('/api/contracts', { params: { query: { scope: 'registrar', status } } })), [status]);
  const types = useContractTypes();
  const replace = () => res.reload();
  return (
    <div className="tb-container tb-page">
      <div className="tb-ws-head">
        <div>
          <h1 className="tb-page-title">{t('ct.registrar')}</h1>
          <p className="tb-page-sub tb-page-sub-tight">{t('ct.registrarSub')}</p>
        </div>
        <Segmented<Status>
          aria-label={t('ct.status')}
          value={status}
          onChange={(v) => setSp({ status: v })}
          options={(['submitted', 'registered', 'rejected'] as const).map((s) => ({ value: s, label: t(`ct.status.${s}`) }))}
        />
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Contract>
            rowKey="id"
            loading={res.loading}
            dataSource={res.data ?? []}
            data-testid="registrar-queue"
            scroll={{ x: 980 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('ct.registrarEmpty')} /> }}
            rowClassName={(c) => (c.status === 'submitted' && c.dueDate && daysUntil(c.dueDate) < 0 ? 'tb-row-overdue' : '')}
            expandable={{ expandedRowRender: (c) => <div className="tb-review-expand"><ContractFacts c={c} /></div> }}
            columns={[
              {
                title: t('ct.name'),
                dataIndex: 'title',
                render: (v: string, c) => (
                  <div>
                    <Link to={`/contracts/${c.id}`} className="tb-table-title">
                      {v}
                    </Link>
                    <div className="tb-muted tb-small">{typeLabel(types.data, c.type, c.subtype, pick)}</div>
                  </div>
                ),
              },
              { title: t('ct.applicant'), key: 'seller', render: (_, c) => c.parties.find((p) => p.role === (c.direction === 'import' ? 'buyer' : 'seller'))?.name ?? '—' },
              { title: t('ct.amountShort'), dataIndex: 'amountWan', align: 'right', width: 110, render: (v: string) => `${v}` },
              { title: t('ct.techTrade'), dataIndex: 'techTradeWan', align: 'right', width: 120, render: (v: string) => <strong>{v}</strong> },
              { title: t('ct.acceptedOn'), dataIndex: 'acceptedOn', width: 110, render: (v: string | null) => v ?? '—' },
              {
                title: t('ct.dueDate'),
                dataIndex: 'dueDate',
                width: 150,
                render: (v: string | null, c) => {
                  if (!v) return '—';
                  if (c.status !== 'submitted') return v;
                  const d = daysUntil(v);
                  return (
                    <span>
                      {v}{' '}
                      {d < 0 ? <Tag color="red">{t('ct.overdue')}</Tag> : d <= 3 ? <Tag color="orange">{t('ct.daysLeft', { n: d })}</Tag> : <span className="tb-muted tb-small">{t('ct.daysLeft', { n: d })}</span>}
                    </span>
                  );
                },
              },
              ...(status === 'submitted'
                ? [{ title: t('common.actions'), key: 'a', width: 210, render: (_: unknown, c: Contract) => <RegistrarActions c={c} onDone={replace} size="small" /> }]
                : [
                    { title: t('ct.status'), dataIndex: 'status', width: 110, render: (s: string) => <ContractStatus status={s} /> },
                    { title: t('ct.certificateNo'), dataIndex: 'certificateNo', width: 160, render: (v: string | null) => v ?? '—' },
                  ]),
            ]}
          />
        </Card>
      )}
    </div>
  );
}
