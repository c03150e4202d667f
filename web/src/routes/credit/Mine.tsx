import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { ApiError } from '../../lib/api';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { KindTag, RiskTag, StatusBadges, useDetailText } from './common';
import { DeregList } from './CreditPage';
import { get, post, reasonsOf, type Commitment, type CreditPublicPage, type CreditRecord, type Deregistration } from './http';
import { useT, type ExtraKey } from './i18n';

/** The organisation's own credit: annual report, records with repair, commitments, simplified deregistration. */
export default function Mine() {
  const { t } = useT();
  const { session } = useAuth();
  const orgId = session?.organisation?.id ?? '';
  const page = useAsync(() => (orgId ? get<CreditPublicPage>(`/api/credit/organisations/${orgId}`) : Promise.resolve(null)), [orgId]);
  if (!orgId) return <Empty description={t('cr.me.noOrg')} />;
  return (
    <div className="tb-container tb-page" data-testid="credit-mine">
      <div className="tb-ws-head">
        <div>
          <h1 className="tb-page-title">{t('cr.me.title')}</h1>
          <p className="tb-page-sub tb-page-sub-tight">{t('cr.me.sub')}</p>
        </div>
        <Space wrap>
          <Link to={`/credit/${orgId}`}>{t('cr.me.public')}</Link>
          <Link to="/gov/coordination?scope=mine">{t('x.nav.coordination')}</Link>
        </Space>
      </div>
      {page.error ? (
        <ErrorBlock error={page.error} onRetry={page.reload} />
      ) : (
        page.data && (
          <Card style={{ marginBottom: 16 }}>
            <Space wrap size="large">
              <span>{t('cr.listStatus')}：<StatusBadges s={page.data.status} /></span>
              <span>{t('cr.riskClass')}：<RiskTag cls={page.data.status.riskClass} /></span>
            </Space>
          </Card>
        )
      )}
      <AnnualReport onFiled={page.reload} />
      <MyRecords records={page.data?.records ?? []} loading={page.loading} />
      <Commitments orgId={orgId} />
      {session?.user.orgAdmin && <Deregister orgId={orgId} />}
    </div>
  );
}

function AnnualReport({ onFiled }: { onFiled(): void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reportYear: number; employees?: number; revenueWan?: string; rdWan?: string }>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ filedOn: string; status: string } | null>(null);
  const [top, setTop] = useState<string | null>(null);
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) - 1;
  return (
    <Card title={t('cr.ar.title')} style={{ marginBottom: 16 }}>
      <p className="tb-muted tb-small">{t('cr.ar.hint')}</p>
      {done && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('cr.ar.filed', { d: done.filedOn, s: t(`cr.ar.status.${done.status}` as ExtraKey) })} data-testid="ar-filed" />}
      {top && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={top} />}
      <Form
        form={form}
        layout="inline"
        initialValues={{ reportYear: year }}
        onFinish={async (v) => {
          setBusy(true);
          setTop(null);
          try {
            const content: Record<string, unknown> = {};
            if (v.employees != null) content.employees = v.employees;
            if (v.revenueWan) content.revenueWan = v.revenueWan;
            if (v.rdWan) content.rdWan = v.rdWan;
            const r = await post<{ filedOn: string; status: string }>('/api/credit/annual-reports', { reportYear: v.reportYear, content });
            setDone(r);
            message.success(t('cr.ar.ok'));
            onFiled();
          } catch (e) {
            const m = applyApiError(form, e, (f) => f === 'reportYear');
            if (m) setTop(m);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="reportYear" label={t('cr.ar.year')} rules={[{ required: true, message: t('cr.required') }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="employees" label={t('cr.ar.employees')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="revenueWan" label={t('cr.ar.revenue')} rules={[{ pattern: /^\d{1,9}(\.\d{1,6})?$/, message: t('cr.wanInvalid') }]}>
          <Input suffix={t('common.wan')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="rdWan" label={t('cr.ar.rd')} rules={[{ pattern: /^\d{1,9}(\.\d{1,6})?$/, message: t('cr.wanInvalid') }]}>
          <Input suffix={t('common.wan')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="ar-submit">
            {t('cr.ar.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function MyRecords({ records, loading }: { records: CreditRecord[]; loading: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const detailText = useDetailText();
  const [target, setTarget] = useState<CreditRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string[] | null>(null);
  const [form] = Form.useForm<{ evidence: string; commitment: string; penaltyCarriedOut: boolean; harmRemoved: boolean }>();
  const repairable = (r: CreditRecord) => ['penalty', 'abnormal_list', 'serious_list', 'commitment', 'inspection', 'platform'].includes(r.kind);
  return (
    <Card title={t('cr.me.records')} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
      <Table<CreditRecord>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={records}
        scroll={{ x: 700 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('cr.noRecords')} /> }}
        columns={[
          { title: t('cr.kind'), dataIndex: 'kind', width: 130, render: (k: string) => <KindTag kind={k} /> },
          { title: t('cr.content'), key: 'c', render: (_, r) => <div>{r.title || '—'}<div className="tb-muted tb-small">{detailText(r)}</div></div> },
          { title: t('cr.date'), dataIndex: 'date', width: 110 },
          { title: t('cr.publicUntil'), dataIndex: 'publicUntil', width: 120, render: (v: string | null) => v ?? t('cr.untilRemoved') },
          {
            title: t('common.actions'),
            key: 'a',
            width: 130,
            render: (_, r) =>
              repairable(r) ? (
                <Button size="small" onClick={() => { form.resetFields(); setTop(null); setTarget(r); }}>
                  {t('cr.repair.apply')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!target}
        title={t('cr.repair.apply')}
        okText={t('cr.repair.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy }}
        onCancel={() => setTarget(null)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          setBusy(true);
          setTop(null);
          try {
            await post(`/api/credit/records/${target!.id}/repairs`, { evidence: v.evidence.trim(), commitment: v.commitment.trim(), penaltyCarriedOut: !!v.penaltyCarriedOut, harmRemoved: !!v.harmRemoved });
            message.success(t('cr.repair.submitted'));
            setTarget(null);
          } catch (e) {
            if (e instanceof ApiError && e.code === 'CREDIT_REPAIR_NOT_ELIGIBLE') setTop(reasonsOf(e.message));
            else {
              const m = applyApiError(form, e, (f) => ['evidence', 'commitment'].includes(f));
              if (m) setTop([m]);
            }
          } finally {
            setBusy(false);
          }
        }}
      >
        {top && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('cr.repair.notEligible')} description={<ul className="tb-plain-list">{top.map((x) => <li key={x}>{x}</li>)}</ul>} />}
        <Form form={form} layout="vertical">
          <Form.Item name="evidence" label={t('cr.evidence')} rules={[{ required: true, whitespace: true, message: t('cr.required') }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="commitment" label={t('cr.commitment')} rules={[{ required: true, whitespace: true, message: t('cr.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="penaltyCarriedOut" valuePropName="checked">
            <Checkbox>{t('cr.penaltyCarriedOut')}</Checkbox>
          </Form.Item>
          <Form.Item name="harmRemoved" valuePropName="checked">
            <Checkbox>{t('cr.harmRemoved')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Commitments({ orgId }: { orgId: string }) {
  const { t } = useT();
  const { message } = App.useApp();
  const res = useAsync(() => get<Commitment[]>('/api/credit/commitments', { organisationId: orgId }), [orgId]);
  const [form] = Form.useForm<{ content: string; dueOn?: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Card title={t('cr.cm.title')} style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          try {
            await post('/api/credit/commitments', { content: v.content.trim(), ...(v.dueOn ? { dueOn: v.dueOn } : {}) });
            message.success(t('cr.cm.saved'));
            form.resetFields();
            res.reload();
          } catch (e) {
            const m = applyApiError(form, e, (f) => ['content', 'dueOn'].includes(f));
            if (m) message.error(m);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="content" label={t('cr.cm.content')} rules={[{ required: true, whitespace: true, min: 2, message: t('cr.required') }]}>
          <Input.TextArea rows={2} maxLength={2000} showCount />
        </Form.Item>
        <Space wrap align="end">
          <Form.Item name="dueOn" label={t('cr.cm.dueOn')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('cr.cm.make')}
            </Button>
          </Form.Item>
        </Space>
      </Form>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Table<Commitment>
          rowKey="id"
          size="small"
          loading={res.loading}
          dataSource={res.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 560 }}
          locale={{ emptyText: <Empty description={t('cr.cm.empty')} /> }}
          columns={[
            { title: t('cr.cm.content'), dataIndex: 'content' },
            { title: t('cr.cm.madeOn'), dataIndex: 'made_on', width: 110 },
            { title: t('cr.cm.dueOn'), dataIndex: 'due_on', width: 110, render: (v: string | null) => v ?? '—' },
            { title: t('common.status'), dataIndex: 'outcome', width: 110, render: (v: string | null) => (v ? <Tag color={v === 'kept' ? 'green' : 'red'}>{t(`cr.outcome.${v}` as ExtraKey)}</Tag> : <Tag>{t('cr.cm.pending')}</Tag>) },
          ]}
        />
      )}
    </Card>
  );
}

function Deregister({ orgId }: { orgId: string }) {
  const { t } = useT();
  const { message, modal } = App.useApp();
  const list = useAsync(() => get<Deregistration[]>('/api/credit/deregistrations', { organisationId: orgId }), [orgId]);
  const [form] = Form.useForm<{ equityFrozenOrPledged: boolean; underInvestigation: boolean; unfinishedPenalties: boolean; confirm: boolean }>();
  const [busy, setBusy] = useState(false);
  const [reasons, setReasons] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<{ startsOn?: string; endsOn?: string } | null>(null);
  return (
    <Card title={t('cr.dereg.title')} style={{ marginBottom: 16 }}>
      <p className="tb-muted tb-small">{t('cr.dereg.hint')}</p>
      {reasons && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('cr.dereg.notEligible')}
          description={<ul className="tb-plain-list" data-testid="dereg-reasons">{reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
        />
      )}
      {notice && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('cr.dereg.inNotice', { from: notice.startsOn ?? '', to: notice.endsOn ?? '' })} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ equityFrozenOrPledged: false, underInvestigation: false, unfinishedPenalties: false }}
        onFinish={(v) => {
          modal.confirm({
            title: t('cr.dereg.apply'),
            content: t('cr.dereg.confirm'),
            okText: t('cr.dereg.apply'),
            okButtonProps: { danger: true },
            cancelText: t('common.cancel'),
            onOk: async () => {
              setBusy(true);
              setReasons(null);
              try {
                const r = await post<{ notice: { startsOn?: string; endsOn?: string } }>('/api/credit/deregistrations', {
                  equityFrozenOrPledged: !!v.equityFrozenOrPledged,
                  underInvestigation: !!v.underInvestigation,
                  unfinishedPenalties: !!v.unfinishedPenalties,
                });
                setNotice(r.notice);
                message.success(t('cr.dereg.applied'));
                list.reload();
              } catch (e) {
                if (e instanceof ApiError && e.code === 'CREDIT_DEREGISTRATION_NOT_ELIGIBLE') setReasons(reasonsOf(e.message));
                else setReasons([e instanceof Error ? e.message : String(e)]);
              } finally {
                setBusy(false);
              }
            },
          });
        }}
      >
        <Form.Item name="equityFrozenOrPledged" valuePropName="checked">
          <Checkbox>{t('cr.dereg.equity')}</Checkbox>
        </Form.Item>
        <Form.Item name="underInvestigation" valuePropName="checked">
          <Checkbox>{t('cr.dereg.investigation')}</Checkbox>
        </Form.Item>
        <Form.Item name="unfinishedPenalties" valuePropName="checked">
          <Checkbox>{t('cr.dereg.penalties')}</Checkbox>
        </Form.Item>
        <Button danger htmlType="submit" loading={busy}>
          {t('cr.dereg.apply')}
        </Button>
      </Form>
      {(list.data ?? []).length > 0 && (
        <div style={{ marginTop: 16 }}>
          <DeregList items={list.data ?? []} onChanged={list.reload} />
        </div>
      )}
    </Card>
  );
}
