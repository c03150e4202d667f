import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorBlock } from '../../components/PageState';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { KindTag, SourceText, useDetailText } from './common';
import { ABNORMAL_REASONS, PENALTY_SEVERITIES, RECORD_KINDS, get, post, type AbnormalEntry, type CreditRecord, type RecordKind, type Repair } from './http';
import { useT, type ExtraKey } from './i18n';

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

function OrgLink({ r }: { r: Pick<CreditRecord, 'organisationId' | 'uscc'> }) {
  const { t } = useT();
  return r.organisationId ? (
    <Link to={`/credit/${r.organisationId}`}>
      <span className="tb-mono">{r.uscc ?? r.organisationId}</span>
    </Link>
  ) : (
    <span className="tb-mono" title={t('cr.offPlatform')}>
      {r.uscc ?? '—'}
    </span>
  );
}

interface EntryValues {
  uscc: string;
  kind: RecordKind;
  title: string;
  severity?: string;
  reason?: string;
  legalBasis?: string;
  sourceType: 'authority' | 'platform' | 'self_declared';
  sourceName: string;
  documentNo?: string;
  date: string;
  publicationMonths?: number | null;
}

/** 信用记录: search by USCC / kind, and the entry form (kind-specific fields). */
export function Records() {
  const { t } = useT();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<{ uscc?: string; kind?: string; current?: boolean }>({ current: true });
  const res = useAsync(() => get<CreditRecord[]>('/api/credit/records', filter), [filter.uscc, filter.kind, filter.current]);
  const detailText = useDetailText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<EntryValues>();
  const kind = Form.useWatch('kind', form);
  const [top, setTop] = useState<string | null>(null);

  const submit = async (v: EntryValues) => {
    setBusy(true);
    setTop(null);
    const detail: Record<string, string> = {};
    if (v.kind === 'penalty' && v.severity) detail.severity = v.severity;
    if (v.kind === 'abnormal_list' && v.reason) detail.reason = v.reason;
    if (v.kind === 'serious_list') detail.legalBasis = v.legalBasis?.trim() ?? '';
    try {
      await post('/api/credit/records', {
        uscc: v.uscc.trim().toUpperCase(),
        kind: v.kind,
        detail,
        title: v.title?.trim() || undefined,
        source: { type: v.sourceType, name: v.sourceName.trim(), ...(v.documentNo?.trim() ? { documentNo: v.documentNo.trim() } : {}) },
        date: v.date,
        ...(v.publicationMonths != null ? { publicationMonths: v.publicationMonths } : {}),
      });
      message.success(t('cr.recordSaved'));
      setOpen(false);
      form.resetFields();
      res.reload();
    } catch (e) {
      const map: Record<string, string> = { 'source.name': 'sourceName', 'source.documentNo': 'documentNo', 'detail.legalBasis': 'legalBasis' };
      const err = e as { fields?: { field: string }[] };
      if (err.fields) for (const f of err.fields) f.field = map[f.field] ?? f.field;
      const msg = applyApiError(form, e, (f) => ['uscc', 'title', 'date', 'sourceName', 'documentNo', 'legalBasis', 'publicationMonths', 'kind'].includes(f));
      if (msg) setTop(msg);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{t('cr.gov.records')}</h2>
          <p className="tb-page-sub tb-page-sub-tight">{t('cr.gov.recordsSub')}</p>
        </div>
        <Button type="primary" onClick={() => { setTop(null); setOpen(true); }} data-testid="record-new">
          {t('cr.gov.newRecord')}
        </Button>
      </div>
      <Card style={{ marginBottom: 12 }}>
        <Form layout="inline" onFinish={(v: { uscc?: string; kind?: string; current?: boolean }) => setFilter({ uscc: v.uscc?.trim() || undefined, kind: v.kind || undefined, current: v.current })} initialValues={{ current: true }}>
          <Form.Item name="uscc" label={t('cr.uscc')}>
            <Input allowClear maxLength={18} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('cr.kind')}>
            <Select allowClear style={{ width: 160 }} options={RECORD_KINDS.map((k) => ({ value: k, label: t(`cr.kind.${k}` as ExtraKey) }))} />
          </Form.Item>
          <Form.Item name="current" label={t('cr.currentOnly')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">{t('common.search')}</Button>
          </Form.Item>
        </Form>
      </Card>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<CreditRecord>
            rowKey="id"
            size="small"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('cr.noRecords')} /> }}
            columns={[
              { title: t('cr.uscc'), key: 'o', width: 190, render: (_, r) => <OrgLink r={r} /> },
              { title: t('cr.kind'), dataIndex: 'kind', width: 130, render: (k: string) => <KindTag kind={k} /> },
              { title: t('cr.content'), key: 'c', render: (_, r) => <div>{r.title || '—'}<div className="tb-muted tb-small">{detailText(r)}</div></div> },
              { title: t('cr.source'), key: 's', width: 200, render: (_, r) => <SourceText s={r.source} /> },
              { title: t('cr.date'), dataIndex: 'date', width: 110 },
              {
                title: t('common.status'),
                key: 'st',
                width: 120,
                render: (_, r) => (r.repairedOn ? <Tag color="green">{t('cr.repairedOn', { d: r.repairedOn })}</Tag> : r.removedOn ? <Tag>{t('cr.removedOn', { d: r.removedOn })}</Tag> : <Tag color="processing">{t('cr.current')}</Tag>),
              },
            ]}
          />
        </Card>
      )}
      <Modal open={open} title={t('cr.gov.newRecord')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden width={640}>
        <Form<EntryValues> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'penalty', sourceType: 'authority', severity: 'ordinary' }}>
          {top && <div role="alert" className="ant-form-item-explain-error" style={{ marginBottom: 12 }}>{top}</div>}
          <Form.Item name="uscc" label={t('cr.uscc')} rules={[{ required: true, message: t('cr.required') }, { pattern: USCC, message: t('cr.usccInvalid') }]} normalize={(v: string) => v?.toUpperCase()}>
            <Input maxLength={18} className="tb-mono" />
          </Form.Item>
          <Form.Item name="kind" label={t('cr.kind')} rules={[{ required: true }]}>
            <Select options={RECORD_KINDS.map((k) => ({ value: k, label: t(`cr.kind.${k}` as ExtraKey) }))} />
          </Form.Item>
          {kind === 'penalty' && (
            <Form.Item name="severity" label={t('cr.severity')} rules={[{ required: true, message: t('cr.required') }]}>
              <Select options={PENALTY_SEVERITIES.map((s) => ({ value: s, label: t(`cr.sev.${s}` as ExtraKey) }))} />
            </Form.Item>
          )}
          {kind === 'abnormal_list' && (
            <Form.Item name="reason" label={t('cr.abnormalReason')} rules={[{ required: true, message: t('cr.required') }]}>
              <Select options={ABNORMAL_REASONS.map((s) => ({ value: s, label: t(`cr.reason.${s}` as ExtraKey) }))} />
            </Form.Item>
          )}
          {kind === 'serious_list' && (
            <Form.Item name="legalBasis" label={t('cr.legalBasis')} rules={[{ required: true, whitespace: true, message: t('cr.legalBasisRequired') }]} extra={t('cr.legalBasisHint')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
          <Form.Item name="title" label={t('cr.recordTitle')}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item name="sourceType" label={t('cr.sourceType')} rules={[{ required: true }]}>
              <Select style={{ width: 160 }} options={(['authority', 'platform', 'self_declared'] as const).map((s) => ({ value: s, label: t(`cr.src.${s}` as ExtraKey) }))} />
            </Form.Item>
            <Form.Item name="sourceName" label={t('cr.sourceName')} rules={[{ required: true, whitespace: true, message: t('cr.required') }]}>
              <Input maxLength={100} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="documentNo" label={t('cr.documentNo')}>
              <Input maxLength={100} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="date" label={t('cr.date')} rules={[{ required: true, message: t('cr.required') }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="publicationMonths" label={t('cr.publicationMonths')} extra={t('cr.publicationMonthsHint')}>
              <InputNumber min={0} max={120} />
            </Form.Item>
          </Space>
          <div className="tb-form-actions">
            <Space>
              <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('common.save')}
              </Button>
            </Space>
          </div>
        </Form>
      </Modal>
    </div>
  );
}

/** 经营异常名录: removal due dates after a cure, notice and move dates to the serious list; removal decision. */
export function Abnormal() {
  const { t } = useT();
  const { message } = App.useApp();
  const res = useAsync(() => get<AbnormalEntry[]>('/api/credit/abnormal'), []);
  const [target, setTarget] = useState<AbnormalEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ curedOn?: string }>();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const detailText = useDetailText();
  return (
    <div>
      <h2 className="tb-page-title">{t('cr.gov.abnormal')}</h2>
      <p className="tb-page-sub tb-page-sub-tight">{t('cr.gov.abnormalSub')}</p>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<AbnormalEntry>
            rowKey="id"
            size="small"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('cr.abnormalEmpty')} /> }}
            rowClassName={(r) => (r.removalDue && r.removalDue < today ? 'tb-row-overdue' : '')}
            columns={[
              { title: t('cr.uscc'), key: 'o', width: 190, render: (_, r) => <OrgLink r={r} /> },
              { title: t('cr.content'), key: 'c', render: (_, r) => <div>{r.title || '—'}<div className="tb-muted tb-small">{detailText(r)}</div></div> },
              { title: t('cr.listedOn'), dataIndex: 'date', width: 110 },
              { title: t('cr.curedOn'), dataIndex: 'curedOn', width: 110, render: (v: string | null) => v ?? '—' },
              { title: t('cr.removalDue'), dataIndex: 'removalDue', width: 130, render: (v: string | null) => (v ? <span>{v} {v < today && <Tag color="red">{t('cr.overdue')}</Tag>}</span> : '—') },
              { title: t('cr.noticeOn'), dataIndex: 'noticeOn', width: 110 },
              { title: t('cr.moveOn'), dataIndex: 'moveOn', width: 110 },
              {
                title: t('common.actions'),
                key: 'a',
                width: 120,
                render: (_, r) => (
                  <Button size="small" onClick={() => { form.setFieldsValue({ curedOn: r.curedOn ?? undefined }); setTarget(r); }}>
                    {t('cr.remove')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Modal
        open={!!target}
        title={t('cr.remove')}
        okText={t('cr.remove')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy }}
        onCancel={() => setTarget(null)}
        onOk={async () => {
          const v = await form.validateFields();
          setBusy(true);
          try {
            await post(`/api/credit/records/${target!.id}/remove`, v.curedOn ? { curedOn: v.curedOn } : {});
            message.success(t('cr.removed'));
            setTarget(null);
            res.reload();
          } catch (e) {
            const top = applyApiError(form, e, (f) => f === 'curedOn');
            if (top) message.error(top);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="curedOn" label={t('cr.curedOn')} extra={t('cr.curedOnHint')}>
            <Input type="date" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** 信用修复申请: approve, or reject with a reason. */
export function Repairs() {
  const { t } = useT();
  const { message } = App.useApp();
  const [status, setStatus] = useState('submitted');
  const res = useAsync(() => get<Repair[]>('/api/credit/repairs', { status }), [status]);
  const [target, setTarget] = useState<Repair | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const decide = async (r: Repair, approve: boolean, reason = '') => {
    setBusy(true);
    try {
      await post(`/api/credit/repairs/${r.id}/decision`, { approve, ...(reason ? { reason } : {}) });
      message.success(approve ? t('cr.repairApproved') : t('cr.repairRejected'));
      setTarget(null);
      res.reload();
    } catch (e) {
      const top = applyApiError(form, e, (f) => f === 'reason');
      if (top) message.error(top);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{t('cr.gov.repairs')}</h2>
          <p className="tb-page-sub tb-page-sub-tight">{t('cr.gov.repairsSub')}</p>
        </div>
        <Select
          aria-label={t('common.status')}
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={['submitted', 'approved', 'rejected'].map((s) => ({ value: s, label: t(`cr.repair.${s}` as ExtraKey) }))}
        />
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Repair>
            rowKey="id"
            size="small"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 860 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('cr.repairsEmpty')} /> }}
            columns={[
              { title: t('common.organisation'), key: 'o', width: 120, render: (_, r) => <Link to={`/credit/${r.organisation_id}`}>{t('cr.viewCredit')}</Link> },
              { title: t('cr.evidence'), dataIndex: 'evidence', render: (v: string) => <div className="tb-prewrap">{v}</div> },
              { title: t('cr.commitment'), dataIndex: 'commitment', render: (v: string) => <div className="tb-prewrap">{v}</div> },
              {
                title: t('cr.conditions'),
                key: 'k',
                width: 170,
                render: (_, r) => (
                  <div className="tb-small">
                    <div>{t('cr.penaltyCarriedOut')}：{r.penalty_carried_out ? t('common.yes') : t('common.no')}</div>
                    <div>{t('cr.harmRemoved')}：{r.harm_removed ? t('common.yes') : t('common.no')}</div>
                  </div>
                ),
              },
              { title: t('common.createdAt'), dataIndex: 'created_at', width: 110, render: (v: string) => v.slice(0, 10) },
              {
                title: t('common.actions'),
                key: 'a',
                width: 170,
                render: (_, r) =>
                  r.status === 'submitted' ? (
                    <Space>
                      <Button size="small" type="primary" loading={busy} onClick={() => void decide(r, true)}>
                        {t('cr.approve')}
                      </Button>
                      <Button size="small" danger onClick={() => { form.resetFields(); setTarget(r); }}>
                        {t('cr.reject')}
                      </Button>
                    </Space>
                  ) : (
                    <span className="tb-small">{r.reason ?? t(`cr.repair.${r.status}` as ExtraKey)}</span>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <Modal
        open={!!target}
        title={t('cr.reject')}
        okText={t('cr.reject')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('common.cancel')}
        onCancel={() => setTarget(null)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          await decide(target!, false, v.reason.trim());
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('cr.required') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
