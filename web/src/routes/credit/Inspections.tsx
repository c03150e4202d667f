import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { RiskTag } from './common';
import { INSPECTION_RESULTS, get, orgName, post, type InspectionPlan, type InspectionPlanSummary, type Selection } from './http';
import { useT, type ExtraKey } from './i18n';

interface GovUser {
  id: string;
  name: string;
  email: string;
}

/** Government users as inspector candidates — the user list is an administrator's endpoint. */
function useInspectors(isAdmin: boolean) {
  return useAsync(async () => (isAdmin ? (await get<{ items: GovUser[] }>('/api/admin/users', { role: 'government', pageSize: 100 })).items : []), [isAdmin]);
}

function OrgNameCell({ id }: { id: string }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void orgName(id).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [id]);
  return <Link to={`/credit/${id}`}>{name ?? id.slice(0, 8) + '…'}</Link>;
}

interface PlanValues {
  name: string;
  seed: string;
  regionPrefix?: string;
  industry?: string;
  items?: string[];
  inspectorUserIds: string[];
  causeOrgIds?: string[];
}

/** 双随机抽查计划 list and the form that draws a new plan. */
export function InspectionList() {
  const { t } = useT();
  const nav = useNavigate();
  const { session } = useAuth();
  const isAdmin = session?.user.role === 'admin';
  const res = useAsync(() => get<InspectionPlanSummary[]>('/api/credit/inspections'), []);
  const inspectors = useInspectors(isAdmin);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const [form] = Form.useForm<PlanValues>();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  const submit = async (v: PlanValues) => {
    setBusy(true);
    setTop(null);
    try {
      const plan = await post<InspectionPlan>('/api/credit/inspections', {
        name: v.name.trim(),
        seed: v.seed.trim(),
        ...(v.regionPrefix?.trim() ? { regionPrefix: v.regionPrefix.trim() } : {}),
        ...(v.industry?.trim() ? { industry: v.industry.trim() } : {}),
        ...(v.items?.length ? { items: v.items } : {}),
        inspectorUserIds: v.inspectorUserIds.map((s) => s.trim()).filter(Boolean),
        ...(v.causeOrgIds?.length ? { causeOrgIds: v.causeOrgIds } : {}),
      });
      setOpen(false);
      nav(`/credit/gov/inspections/${plan.id}`);
    } catch (e) {
      const m = applyApiError(form, e, (f) => ['name', 'seed', 'regionPrefix', 'industry', 'items', 'inspectorUserIds', 'causeOrgIds'].includes(f.split('.')[0]));
      if (m) setTop(m);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{t('cr.gov.inspections')}</h2>
          <p className="tb-page-sub tb-page-sub-tight">{t('cr.gov.inspectionsSub')}</p>
        </div>
        <Button
          type="primary"
          data-testid="plan-new"
          onClick={() => {
            setTop(null);
            form.setFieldsValue({ seed: `${today}-${Math.random().toString(36).slice(2, 8)}`, inspectorUserIds: session && !isAdmin ? [session.user.id] : [] });
            setOpen(true);
          }}
        >
          {t('cr.plan.new')}
        </Button>
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<InspectionPlanSummary>
            rowKey="id"
            size="small"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 760 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('cr.plan.empty')} /> }}
            columns={[
              { title: t('cr.plan.name'), dataIndex: 'name', render: (v: string, p) => <Link to={`/credit/gov/inspections/${p.id}`} className="tb-table-title">{v}</Link> },
              { title: t('cr.plan.seed'), dataIndex: 'seed', width: 200, render: (v: string) => <span className="tb-mono">{v}</span> },
              { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag color={s === 'published' ? 'green' : 'processing'}>{t(`cr.plan.status.${s}` as ExtraKey)}</Tag> },
              { title: t('common.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: string) => v.slice(0, 10) },
            ]}
          />
        </Card>
      )}
      <Modal open={open} title={t('cr.plan.new')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden width={640}>
        <Form<PlanValues> form={form} layout="vertical" onFinish={submit}>
          {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
          <Form.Item name="name" label={t('cr.plan.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('cr.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="seed" label={t('cr.plan.seed')} extra={t('cr.plan.seedHint')} rules={[{ required: true, whitespace: true, message: t('cr.required') }]}>
            <Input maxLength={200} className="tb-mono" />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="regionPrefix" label={t('cr.plan.region')} rules={[{ pattern: /^\d{2,6}$/, message: t('cr.plan.regionInvalid') }]}>
              <Input maxLength={6} style={{ width: 160 }} placeholder="2102" />
            </Form.Item>
            <Form.Item name="industry" label={t('cr.plan.industry')}>
              <Input maxLength={40} style={{ width: 200 }} placeholder="EQ.ROB" />
            </Form.Item>
          </Space>
          <Form.Item name="items" label={t('cr.plan.items')}>
            <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item
            name="inspectorUserIds"
            label={t('cr.plan.inspectors')}
            extra={isAdmin ? t('cr.plan.inspectorsHintAdmin') : t('cr.plan.inspectorsHint')}
            rules={[{ required: true, type: 'array', min: 2, message: t('cr.plan.inspectorsMin') }]}
          >
            {isAdmin ? (
              <Select
                mode="multiple"
                loading={inspectors.loading}
                optionFilterProp="label"
                options={(inspectors.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.email}）` }))}
                data-testid="inspector-picker"
              />
            ) : (
              <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} suffixIcon={null} data-testid="inspector-ids" />
            )}
          </Form.Item>
          <Form.Item name="causeOrgIds" label={t('cr.plan.cause')} extra={t('cr.plan.causeHint')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} />
          </Form.Item>
          <div className="tb-form-actions">
            <Space>
              <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="plan-draw">
                {t('cr.plan.draw')}
              </Button>
            </Space>
          </div>
        </Form>
      </Modal>
    </div>
  );
}

/** One plan: strata per class, the drawn targets with inspectors, 复核抽取, result entry and publication. */
export function InspectionPlanPage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { message, modal } = App.useApp();
  const { session } = useAuth();
  const isGov = session?.user.role === 'government' || session?.user.role === 'admin';
  const res = useAsync(() => get<InspectionPlan>(`/api/credit/inspections/${encodeURIComponent(id)}`), [id]);
  const inspectors = useInspectors(session?.user.role === 'admin');
  const [verify, setVerify] = useState<{ ok: boolean; mismatches: string[] } | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [entered, setEntered] = useState<Record<string, { result: string; note: string }>>({});
  const [drafts, setDrafts] = useState<Record<string, { result?: string; note?: string }>>({});
  const [saving, setSaving] = useState<string | null>(null);

  if (res.loading) return <LoadingBlock rows={8} />;
  if (res.error || !res.data) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  const p = res.data;
  const published = p.status === 'published';
  const published_ = new Map(p.results.map((r) => [r.organisation_id, r]));
  const inspectorName = (uid: string) => (uid === session?.user.id ? session.user.name : (inspectors.data ?? []).find((u) => u.id === uid)?.name ?? uid.slice(0, 8) + '…');

  const doVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await get<{ ok: boolean; mismatches: string[] }>(`/api/credit/inspections/${id}/verify`));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setVerifying(false);
    }
  };
  const save = async (s: Selection) => {
    const d = drafts[s.orgId] ?? {};
    if (!d.result) {
      message.warning(t('cr.plan.pickResult'));
      return;
    }
    setSaving(s.orgId);
    try {
      await post(`/api/credit/inspections/${id}/results`, { organisationId: s.orgId, result: d.result, ...(d.note?.trim() ? { note: d.note.trim() } : {}) });
      setEntered((e) => ({ ...e, [s.orgId]: { result: d.result!, note: d.note ?? '' } }));
      message.success(t('cr.plan.resultSaved'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(null);
    }
  };
  const publish = () =>
    modal.confirm({
      title: t('cr.plan.publish'),
      content: t('cr.plan.publishConfirm', { n: Object.keys(entered).length }),
      okText: t('cr.plan.publish'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await post(`/api/credit/inspections/${id}/publish`);
          message.success(t('cr.plan.published'));
          res.reload();
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  return (
    <div data-testid="plan-page">
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{p.name}</h2>
          <Tag color={published ? 'green' : 'processing'}>{t(`cr.plan.status.${p.status ?? 'drawn'}` as ExtraKey)}</Tag>
        </div>
        <Space wrap>
          <Button onClick={() => void doVerify()} loading={verifying} data-testid="plan-verify">
            {t('cr.plan.verify')}
          </Button>
          {isGov && !published && (
            <Button type="primary" onClick={publish} data-testid="plan-publish">
              {t('cr.plan.publish')}
            </Button>
          )}
        </Space>
      </div>
      {verify && (
        <Alert
          data-testid="verify-result"
          type={verify.ok ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          title={verify.ok ? t('cr.plan.verifyOk') : t('cr.plan.verifyBad')}
          description={verify.ok ? t('cr.plan.verifyOkHint', { seed: p.seed }) : verify.mismatches.map((m) => <div key={m}>{m}</div>)}
        />
      )}
      <Card style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('cr.plan.seed')}>
            <span className="tb-mono" data-testid="plan-seed">{p.seed}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cr.plan.algorithm')}>
            <span className="tb-mono">{p.algorithm}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cr.plan.digest')} span={2}>
            <span className="tb-mono" style={{ wordBreak: 'break-all' }}>{p.digest}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('cr.plan.strata')} style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
        <Table
          rowKey="class"
          size="small"
          pagination={false}
          dataSource={p.strata}
          scroll={{ x: 520 }}
          data-testid="plan-strata"
          columns={[
            { title: t('cr.riskClass'), dataIndex: 'class', render: (c: 'A') => <RiskTag cls={c} /> },
            { title: t('cr.plan.pool'), dataIndex: 'poolSize', align: 'right' },
            { title: t('cr.plan.eligible'), dataIndex: 'eligibleSize', align: 'right' },
            { title: t('cr.plan.ratio'), dataIndex: 'ratioBp', align: 'right', render: (v: number) => `${(v / 100).toFixed(v % 100 ? 2 : 0)}%` },
            { title: t('cr.plan.sample'), dataIndex: 'sampleSize', align: 'right', render: (v: number) => <strong>{v}</strong> },
          ]}
        />
      </Card>
      <Card title={t('cr.plan.selections', { n: p.selections.length })} styles={{ body: { padding: 0 } }}>
        <Table<Selection>
          rowKey="orgId"
          size="small"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={p.selections}
          scroll={{ x: 980 }}
          data-testid="plan-selections"
          locale={{ emptyText: <Empty description={t('cr.plan.noSelections')} /> }}
          columns={[
            { title: '#', key: 'n', width: 48, render: (_, __, i) => i + 1 },
            { title: t('common.organisation'), key: 'o', render: (_, s) => <OrgNameCell id={s.orgId} /> },
            { title: t('cr.riskClass'), dataIndex: 'class', width: 130, render: (c: 'A', s) => <span><RiskTag cls={c} />{s.hasCause && <Tag color="purple">{t('cr.plan.withCause')}</Tag>}</span> },
            { title: t('common.region'), dataIndex: 'regionCode', width: 90 },
            { title: t('cr.plan.inspectors'), dataIndex: 'inspectorIds', width: 180, render: (ids: string[]) => ids.map((i) => <Tag key={i}>{inspectorName(i)}</Tag>) },
            {
              title: t('cr.plan.result'),
              key: 'r',
              width: 360,
              render: (_, s) => {
                const pub = published_.get(s.orgId);
                if (pub) return <span><Tag color={pub.result === 'pass' ? 'green' : pub.result === 'fail' ? 'red' : 'orange'}>{t(`cr.result.${pub.result}` as ExtraKey)}</Tag><span className="tb-small">{pub.note}</span></span>;
                if (published || !isGov) return '—';
                const d = drafts[s.orgId] ?? entered[s.orgId] ?? {};
                return (
                  <Space.Compact style={{ width: '100%' }}>
                    <Select
                      aria-label={t('cr.plan.result')}
                      style={{ width: 130 }}
                      value={d.result}
                      placeholder={t('cr.plan.result')}
                      onChange={(v) => setDrafts((x) => ({ ...x, [s.orgId]: { ...x[s.orgId], result: v } }))}
                      options={INSPECTION_RESULTS.map((r) => ({ value: r, label: t(`cr.result.${r}` as ExtraKey) }))}
                      data-testid="result-select"
                    />
                    <Input aria-label={t('cr.plan.note')} placeholder={t('cr.plan.note')} value={d.note} maxLength={2000} onChange={(e) => setDrafts((x) => ({ ...x, [s.orgId]: { ...x[s.orgId], note: e.target.value } }))} />
                    <Button onClick={() => void save(s)} loading={saving === s.orgId} type={entered[s.orgId] ? 'default' : 'primary'} data-testid="result-save">
                      {entered[s.orgId] ? t('cr.plan.saved') : t('common.save')}
                    </Button>
                  </Space.Compact>
                );
              },
            },
          ]}
        />
      </Card>
    </div>
  );
}
