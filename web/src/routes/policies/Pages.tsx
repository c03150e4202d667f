import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { useCities } from '../../lib/reference';
import { COMPANY_STAGES, CREDIT_CLASSES, get, ORG_FLAGS, ORG_SIZES, ORG_TYPES, patch, post, put, type Conditions, type Declared, type Evaluation, type Mine, type Policy, type PolicyDetail } from './http';
import { useL, type LKey } from './i18n';
import { ConditionList, IndustryNames, IndustryPick, PageHead } from './shared';

const WAN_PATTERN = /^\d{1,9}(\.\d{1,6})?$/;

function StatusTag({ status }: { status: Policy['status'] }) {
  const { t } = useL();
  const color = { draft: 'default', published: 'green', withdrawn: 'red' }[status];
  return <Tag color={color}>{t(`po.status.${status}` as LKey)}</Tag>;
}

function Effective({ p }: { p: Policy }) {
  const { t } = useL();
  return (
    <span>
      {p.effectiveFrom ?? '—'} ~ {p.effectiveTo ?? t('po.openEnded')}
    </span>
  );
}

function PolicyCard({ e, missedToo = false }: { e: Evaluation & { policy: Policy }; missedToo?: boolean }) {
  const { t } = useL();
  const p = e.policy;
  return (
    <Card size="small" data-testid="po-policy" style={{ marginBottom: 12 }} title={<Link to={`/policies/${p.id}`} style={{ whiteSpace: 'normal' }}>{p.title}</Link>}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
        {p.issuer}
        {p.docNumber ? ` · ${p.docNumber}` : ''} · <Effective p={p} />
      </Typography.Paragraph>
      {p.benefit && (
        <Typography.Paragraph style={{ marginBottom: 6 }}>
          <b>{t('po.benefit')}：</b>
          {p.benefit}
        </Typography.Paragraph>
      )}
      {e.met.length === 0 && e.missed.length === 0 && <Typography.Text type="secondary">{t('po.noConditions')}</Typography.Text>}
      <ConditionList items={e.met} testId="po-met" />
      {missedToo && <ConditionList items={e.missed} missed testId="po-missed" />}
    </Card>
  );
}

// ── 我可享受的政策 ─────────────────────────────────────────────────────────────────────────────

export function MinePage() {
  const { t } = useL();
  const mine = useAsync(() => get<Mine>('/api/policies/mine', { nearMisses: true }), []);
  const [editing, setEditing] = useState(false);
  if (mine.loading && !mine.data) return <LoadingBlock />;
  if (mine.error) return <ErrorBlock error={mine.error} onRetry={mine.reload} />;
  const m = mine.data!;
  const f = m.facts;
  return (
    <>
      <PageHead title={t('po.mine')} sub={t('po.mineSub')} extra={<Button onClick={() => setEditing(true)}>{t('po.factsEdit')}</Button>} />
      <Card size="small" title={t('po.facts')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('po.size')}>{f.size ? t(`po.size.${f.size}` as LKey) : <Typography.Text type="warning">{t('po.sizeUnknown')}</Typography.Text>}</Descriptions.Item>
          <Descriptions.Item label={t('po.flags')}>{f.flags.length ? f.flags.map((x) => <Tag key={x}>{x}</Tag>) : t('po.none')}</Descriptions.Item>
          <Descriptions.Item label={t('po.c.industry')}>{f.industries.length ? <IndustryNames codes={f.industries} /> : t('po.none')}</Descriptions.Item>
          <Descriptions.Item label={t('po.trlRange')}>{f.trlRange ? `TRL ${f.trlRange.min}–${f.trlRange.max}` : t('po.none')}</Descriptions.Item>
          <Descriptions.Item label={t('po.stage')}>{f.stage ? t(`po.stage.${f.stage}` as LKey) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('po.creditClass')}>{f.creditClass ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <h3 data-testid="po-qualify-count">{t('po.qualifyCount', { n: m.qualifying.length })}</h3>
      <div data-testid="po-qualifying">
        {m.qualifying.length ? m.qualifying.map((e) => <PolicyCard key={e.policy.id} e={e} />) : <Empty description={t('po.noneQualify')} />}
      </div>
      {m.nearMisses.length > 0 && (
        <>
          <h3 style={{ marginTop: 24 }}>{t('po.nearMisses')}</h3>
          <div data-testid="po-near">
            {m.nearMisses.map((e) => (
              <PolicyCard key={e.policy.id} e={e} missedToo />
            ))}
          </div>
        </>
      )}
      <FactsModal open={editing} onClose={() => setEditing(false)} onDone={() => { setEditing(false); mine.reload(); }} />
    </>
  );
}

function FactsModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useL();
  const [form] = Form.useForm<{ employees?: number | null; revenueWan?: string; stage?: string | null }>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const cur = useAsync(async () => (open ? get<Declared>('/api/policies/facts') : null), [open]);
  const d = cur.data?.declared;
  return (
    <Modal open={open} onCancel={onClose} title={t('po.factsEdit')} okText={t('po.save')} cancelText={t('po.cancel')} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
      {top && <Alert type="error" title={top} style={{ marginBottom: 12 }} />}
      {cur.data !== undefined && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ employees: d?.employees ?? null, revenueWan: d?.revenueWan ?? '', stage: d?.stage ?? null }}
          onFinish={async (v) => {
            setBusy(true);
            setTop(null);
            try {
              await put('/api/policies/facts', { employees: v.employees ?? null, revenueWan: v.revenueWan ? v.revenueWan : null, stage: v.stage ?? null });
              onDone();
            } catch (e) {
              setTop(applyApiError(form, e) ?? null);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="employees" label={t('po.employees')}>
            <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="revenueWan" label={t('po.revenueWan')} rules={[{ pattern: WAN_PATTERN, message: '—' }]}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="stage" label={t('po.stage')}>
            <Select allowClear options={COMPANY_STAGES.map((s) => ({ value: s, label: t(`po.stage.${s}` as LKey) }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

// ── 政策库 (public) ───────────────────────────────────────────────────────────────────────────

export function LibraryPage() {
  const { t } = useL();
  const [q, setQ] = useState('');
  const list = useAsync(() => get<Policy[]>('/api/policies', { q }), [q]);
  return (
    <>
      <PageHead title={t('po.library')} extra={<Input.Search allowClear placeholder={t('po.search')} onSearch={setQ} style={{ maxWidth: 320 }} />} />
      {list.error ? (
        <ErrorBlock error={list.error} onRetry={list.reload} />
      ) : (
        <List
          loading={list.loading}
          dataSource={list.data ?? []}
          locale={{ emptyText: t('po.empty') }}
          renderItem={(p) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/policies/${p.id}`}>{p.title}</Link>}
                description={
                  <>
                    {p.issuer}
                    {p.docNumber ? ` · ${p.docNumber}` : ''} · <Effective p={p} />
                    {p.benefit && <div style={{ marginTop: 4, color: 'rgba(0,0,0,.75)' }}>{p.benefit}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

// ── detail ─────────────────────────────────────────────────────────────────────────────────────

export function DetailPage() {
  const { id } = useParams();
  const { t } = useL();
  const { session } = useAuth();
  const d = useAsync(() => get<PolicyDetail>(`/api/policies/${id}`), [id, session?.user.id]);
  if (d.loading && !d.data) return <LoadingBlock />;
  if (d.error) return <ErrorBlock error={d.error} onRetry={d.reload} />;
  const { policy: p, mine, qualifying, inForce } = d.data!;
  return (
    <>
      <PageHead title={p.title} sub={<Space wrap><StatusTag status={p.status} />{!inForce && <Tag color="orange">{t('po.notInForce')}</Tag>}<span>{t('po.version', { v: p.version })}</span></Space>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('po.issuer')}>{p.issuer}</Descriptions.Item>
          <Descriptions.Item label={t('po.docNumber')}>{p.docNumber || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('po.effective')}><Effective p={p} /></Descriptions.Item>
          {p.link && <Descriptions.Item label={t('po.link')}><a href={p.link} target="_blank" rel="noreferrer">{p.link}</a></Descriptions.Item>}
          {p.scope && <Descriptions.Item label={t('po.scope')} span={2}>{p.scope}</Descriptions.Item>}
        </Descriptions>
        {p.summary && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.summary}</Typography.Paragraph>}
        {p.benefit && <Alert type="success" title={<><b>{t('po.benefit')}：</b>{p.benefit}</>} />}
      </Card>
      <Card size="small" title={t('po.conditions')} style={{ marginBottom: 16 }}>
        <ConditionsView c={p.conditions} />
      </Card>
      {mine ? (
        <Card size="small" title={<Space>{t('po.myEvaluation')}<Tag color={mine.qualifies ? 'green' : 'red'}>{mine.qualifies ? t('po.qualifies') : t('po.notQualifies')}</Tag></Space>} style={{ marginBottom: 16 }} data-testid="po-my-evaluation">
          <ConditionList items={mine.met} />
          <ConditionList items={mine.missed} missed />
        </Card>
      ) : (
        !session && <Alert type="info" title={t('po.loginToMatch')} style={{ marginBottom: 16 }} />
      )}
      {qualifying && (
        <Card size="small" title={`${t('po.qualifyingOrgs')} · ${qualifying.length}`}>
          <List size="small" dataSource={qualifying} renderItem={(o) => <List.Item><Link to={`/organisations/${o.organisationId}`}>{o.name}</Link></List.Item>} />
        </Card>
      )}
    </>
  );
}

function ConditionsView({ c }: { c: Conditions }) {
  const { t } = useL();
  const rows: [LKey, React.ReactNode][] = [];
  if (c.regions.length) rows.push(['po.c.region', c.regions.join('、')]);
  if (c.orgTypes.length) rows.push(['po.c.orgType', c.orgTypes.map((x) => t(`po.type.${x}` as LKey)).join('、')]);
  if (c.sizes.length) rows.push(['po.c.size', c.sizes.map((x) => t(`po.size.${x}` as LKey)).join('、')]);
  if (c.industries.length) rows.push(['po.c.industry', <IndustryNames key="i" codes={c.industries} />]);
  if (c.flagsAll.length) rows.push(['po.c.flagsAll', c.flagsAll.join(' + ')]);
  if (c.flagsAny.length) rows.push(['po.c.flagsAny', c.flagsAny.join(' / ')]);
  if (c.trlMin !== null || c.trlMax !== null) rows.push(['po.c.trl', `TRL ${c.trlMin ?? 1}–${c.trlMax ?? 9}`]);
  if (c.stages.length) rows.push(['po.c.stage', c.stages.map((x) => t(`po.stage.${x}` as LKey)).join('、')]);
  if (c.creditClasses.length) rows.push(['po.c.creditClass', c.creditClasses.join(' / ')]);
  if (!rows.length) return <Typography.Text type="secondary">{t('po.noConditions')}</Typography.Text>;
  return (
    <Descriptions size="small" column={1}>
      {rows.map(([k, v]) => (
        <Descriptions.Item key={k} label={t(k)}>{v}</Descriptions.Item>
      ))}
    </Descriptions>
  );
}

// ── 政策管理 (government) ─────────────────────────────────────────────────────────────────────

export function ManagePage() {
  const { t } = useL();
  const { message } = App.useApp();
  const list = useAsync(() => get<Policy[]>('/api/policies', { scope: 'all' }), []);
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  const act = async (p: Policy, what: 'publish' | 'withdraw') => {
    try {
      const r = await post<{ notifiedOrganisations?: number }>(`/api/policies/${p.id}/${what}`);
      void message.success(what === 'publish' ? t('po.published', { n: r.notifiedOrganisations ?? 0 }) : t('po.saved'));
      list.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <PageHead title={t('po.manage')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="po-new">{t('po.new')}</Button>} />
      {list.error ? (
        <ErrorBlock error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Policy>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          scroll={{ x: 640 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('po.title'), dataIndex: 'title', render: (v: string, p) => <Link to={`/policies/${p.id}`}>{v}</Link> },
            { title: t('po.issuer'), dataIndex: 'issuer', responsive: ['md'] },
            { title: t('po.effective'), key: 'eff', render: (_: unknown, p) => <Effective p={p} />, responsive: ['lg'] },
            { title: '', key: 'st', render: (_: unknown, p) => <Space size={4}><StatusTag status={p.status} /><Typography.Text type="secondary">v{p.version}</Typography.Text></Space> },
            {
              title: '',
              key: 'act',
              render: (_: unknown, p) => (
                <Space wrap size={4}>
                  {p.status !== 'withdrawn' && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>{t('po.edit')}</Button>}
                  {p.status === 'draft' && <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => act(p, 'publish')} data-testid={`po-publish-${p.title}`}>{t('po.publish')}</Button>}
                  {p.status === 'published' && <Button size="small" danger icon={<StopOutlined />} onClick={() => act(p, 'withdraw')}>{t('po.withdraw')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && <PolicyEditor policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); list.reload(); }} />}
    </>
  );
}

interface EditorForm {
  title: string;
  issuer: string;
  docNumber?: string;
  summary?: string;
  scope?: string;
  benefit?: string;
  link?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  conditions: Conditions;
}

const EMPTY: Conditions = { regions: [], orgTypes: [], sizes: [], industries: [], flagsAll: [], flagsAny: [], trlMin: null, trlMax: null, stages: [], creditClasses: [] };

/** The policy editor with a structured condition builder: every condition a typed control, none free text. */
function PolicyEditor({ policy, onClose, onDone }: { policy: Policy | null; onClose: () => void; onDone: () => void }) {
  const { t } = useL();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorForm>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const cities = useCities();
  const regionOptions = [{ value: '210000', label: '210000 辽宁省' }, ...(cities ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))];
  const opts = (xs: readonly string[], prefix: string) => xs.map((x) => ({ value: x, label: t(`${prefix}.${x}` as LKey) }));
  const initial: EditorForm = policy
    ? { title: policy.title, issuer: policy.issuer, docNumber: policy.docNumber, summary: policy.summary, scope: policy.scope, benefit: policy.benefit, link: policy.link ?? '', effectiveFrom: policy.effectiveFrom ?? '', effectiveTo: policy.effectiveTo ?? '', conditions: policy.conditions }
    : { title: '', issuer: '', conditions: { ...EMPTY, regions: ['210000'], orgTypes: ['enterprise'] } };
  const submit = async (v: EditorForm) => {
    setBusy(true);
    setTop(null);
    const body = { ...v, link: v.link || null, effectiveFrom: v.effectiveFrom || null, effectiveTo: v.effectiveTo || null, conditions: { ...EMPTY, ...v.conditions, trlMin: v.conditions.trlMin ?? null, trlMax: v.conditions.trlMax ?? null } };
    try {
      if (policy) {
        const r = await patch<{ notifiedOrganisations: number }>(`/api/policies/${policy.id}`, body);
        void message.success(policy.status === 'published' ? t('po.published', { n: r.notifiedOrganisations }) : t('po.saved'));
      } else await post('/api/policies', body);
      onDone();
    } catch (e) {
      setTop(applyApiError(form, e) ?? null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open onCancel={onClose} title={policy ? t('po.edit') : t('po.new')} okText={t('po.save')} cancelText={t('po.cancel')} confirmLoading={busy} onOk={() => form.submit()} width={760} destroyOnHidden okButtonProps={{ 'data-testid': 'po-save' } as Record<string, string>}>
      {top && <Alert type="error" title={top} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={t('po.title')} rules={[{ required: true, min: 2 }]}>
              <Input data-testid="po-f-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="docNumber" label={t('po.docNumber')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuer" label={t('po.issuer')} rules={[{ required: true, min: 2 }]}>
              <Input data-testid="po-f-issuer" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="effectiveFrom" label={t('po.effectiveFrom')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
              <Input placeholder="2026-01-01" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="effectiveTo" label={t('po.effectiveTo')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
              <Input placeholder="2027-12-31" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label={t('po.summary')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="benefit" label={t('po.benefit')}>
          <Input.TextArea rows={2} data-testid="po-f-benefit" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="scope" label={t('po.scope')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="link" label={t('po.link')} rules={[{ pattern: /^https?:\/\//, message: 'http(s)://' }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Card size="small" title={t('po.conditions')}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('po.conditionsHint')}</Typography.Paragraph>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name={['conditions', 'regions']} label={t('po.c.region')}>
                <Select mode="tags" options={regionOptions} placeholder={t('po.regionPh')} data-testid="po-c-regions" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['conditions', 'orgTypes']} label={t('po.c.orgType')}>
                <Select mode="multiple" options={opts(ORG_TYPES, 'po.type')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['conditions', 'sizes']} label={t('po.c.size')}>
                <Select mode="multiple" options={opts(ORG_SIZES, 'po.size')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['conditions', 'industries']} label={t('po.c.industry')}>
                <IndustryPick />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['conditions', 'flagsAll']} label={t('po.c.flagsAll')}>
                <Select mode="multiple" options={ORG_FLAGS.map((f) => ({ value: f, label: f }))} data-testid="po-c-flagsAll" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['conditions', 'flagsAny']} label={t('po.c.flagsAny')}>
                <Select mode="multiple" options={ORG_FLAGS.map((f) => ({ value: f, label: f }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={['conditions', 'trlMin']} label={`TRL ${t('po.trlMin')}`}>
                <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={['conditions', 'trlMax']} label={`TRL ${t('po.trlMax')}`}>
                <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name={['conditions', 'stages']} label={t('po.c.stage')}>
                <Select mode="multiple" options={opts(COMPANY_STAGES, 'po.stage')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name={['conditions', 'creditClasses']} label={t('po.c.creditClass')}>
                <Select mode="multiple" options={CREDIT_CLASSES.map((c) => ({ value: c, label: c }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
    </Modal>
  );
}
