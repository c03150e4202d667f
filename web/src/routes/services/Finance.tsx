import { useState } from 'react';
import { App, Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { BankOutlined, CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { TrlSelect } from '../../components/TrlSelect';
import { api, unwrap } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { formatDateTime, WAN_PATTERN } from '../../lib/format';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { EmptyBlock, Head, Industries, IndustrySelect, OrgName, Reasons, useT, Wan, type ExtraKey } from './common';
import { COLLATERALS, COMPANY_STAGES, FINANCE_KINDS, get, INSTITUTION_KINDS, post, type ApplicationStatus, type FinanceApplication, type FinanceMatches, type FinancingRequest, type Institution, type Product } from './http';
import { todayCn } from './Pilot';

const wanRule = (t: (k: ExtraKey) => string) => ({ pattern: WAN_PATTERN, message: t('sv.fi.wanInvalid') });

function KindTag({ kind }: { kind: string }) {
  const { t } = useT();
  const color: Record<string, string> = { credit_loan: 'blue', ip_pledge_loan: 'purple', guarantee: 'cyan', tech_insurance: 'geekblue', equity: 'gold' };
  return <Tag color={color[kind]}>{t(`sv.fi.kind.${kind}` as ExtraKey)}</Tag>;
}

function ProductTerms({ p }: { p: Product }) {
  const { t } = useT();
  const c = p.conditions;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label={t('sv.fi.amount')}><span className="sv-num">{c.amountMinWan}–{c.amountMaxWan} {t('common.wan')}</span></Descriptions.Item>
      <Descriptions.Item label={t('sv.fi.term')}>{c.termMinMonths}–{c.termMaxMonths} {t('sv.fi.months')}</Descriptions.Item>
      {(c.rateMinPercent || c.rateMaxPercent) && <Descriptions.Item label={t('sv.fi.rate')}>{c.rateMinPercent ?? '—'}%–{c.rateMaxPercent ?? '—'}%</Descriptions.Item>}
      {(c.trlMin || c.trlMax) && <Descriptions.Item label="TRL">{c.trlMin ?? 1}–{c.trlMax ?? 9}</Descriptions.Item>}
      <Descriptions.Item label={t('sv.fi.collateral')}>{t(`sv.fi.coll.${c.collateral}` as ExtraKey)}</Descriptions.Item>
      {c.creditClasses.length > 0 && <Descriptions.Item label={t('sv.fi.creditClasses')}>{c.creditClasses.join(' / ')}</Descriptions.Item>}
      {c.stages.length > 0 && <Descriptions.Item label={t('sv.fi.stages')}>{c.stages.map((s) => t(`sv.fi.stage.${s}` as ExtraKey)).join('、')}</Descriptions.Item>}
      {c.industries.length > 0 && <Descriptions.Item label={t('sv.industries')}><Industries codes={c.industries} /></Descriptions.Item>}
    </Descriptions>
  );
}

interface ProductForm {
  kind: string;
  name: string;
  description?: string;
  amountMinWan: string;
  amountMaxWan: string;
  termMinMonths: number;
  termMaxMonths: number;
  rateMinPercent?: string;
  rateMaxPercent?: string;
  trlMin?: number | null;
  trlMax?: number | null;
  collateral: string;
  creditClasses?: string[];
  stages?: string[];
  industries?: string[];
}

function ProductModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<ProductForm>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const submit = async (v: ProductForm) => {
    setBusy(true);
    setTop(null);
    try {
      const { kind, name, description, ...c } = v;
      await post('/api/finance/products', { kind, name, description, conditions: { ...c, rateMinPercent: c.rateMinPercent || null, rateMaxPercent: c.rateMaxPercent || null, trlMin: c.trlMin ?? null, trlMax: c.trlMax ?? null } });
      form.resetFields();
      onDone();
    } catch (e) {
      setTop(applyApiError(form, e, (f) => !f.startsWith('conditions.')) ?? null);
      // condition fields are flattened in this form
      const fields = (e as { fields?: { field: string; message?: string }[] }).fields ?? [];
      form.setFields(fields.filter((f) => f.field.startsWith('conditions.')).map((f) => ({ name: f.field.slice(11) as keyof ProductForm, errors: [f.message ?? ''] })));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('sv.fi.newProduct')} width={760} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('sv.publish')} destroyOnHidden>
      {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'ip_pledge_loan', collateral: 'ip_pledge', termMinMonths: 6, termMaxMonths: 36 }} data-testid="product-form">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('sv.fi.kind')} rules={[{ required: true }]}>
              <Select options={FINANCE_KINDS.map((k) => ({ value: k, label: t(`sv.fi.kind.${k}` as ExtraKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('sv.fi.productName')} rules={[{ required: true, message: t('sv.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('sv.fi.description')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} md={6}><Form.Item name="amountMinWan" label={t('sv.fi.amountMin')} rules={[{ required: true, message: t('sv.required') }, wanRule(t)]}><Input suffix={t('common.wan')} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="amountMaxWan" label={t('sv.fi.amountMax')} rules={[{ required: true, message: t('sv.required') }, wanRule(t)]}><Input suffix={t('common.wan')} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="termMinMonths" label={t('sv.fi.termMin')} rules={[{ required: true, message: t('sv.required') }]}><InputNumber min={0} max={600} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="termMaxMonths" label={t('sv.fi.termMax')} rules={[{ required: true, message: t('sv.required') }]}><InputNumber min={0} max={600} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="rateMinPercent" label={t('sv.fi.rateMin')}><Input suffix="%" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="rateMaxPercent" label={t('sv.fi.rateMax')}><Input suffix="%" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="trlMin" label={t('sv.pl.trlMin')}><TrlSelect /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="trlMax" label={t('sv.pl.trlMax')}><TrlSelect /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="collateral" label={t('sv.fi.collateral')}><Select options={COLLATERALS.map((c) => ({ value: c, label: t(`sv.fi.coll.${c}` as ExtraKey) }))} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="creditClasses" label={t('sv.fi.creditClasses')}><Select mode="multiple" options={['A', 'B', 'C', 'D'].map((c) => ({ value: c, label: c }))} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="stages" label={t('sv.fi.stages')}><Select mode="multiple" options={COMPANY_STAGES.map((s) => ({ value: s, label: t(`sv.fi.stage.${s}` as ExtraKey) }))} /></Form.Item></Col>
        </Row>
        <Form.Item name="industries" label={t('sv.industries')}>
          <IndustrySelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 金融机构与产品目录；金融机构用户在此登记机构、发布产品 */
export function FinanceCatalogue() {
  const { t } = useT();
  const { message } = App.useApp();
  const { session } = useAuth();
  const [kind, setKind] = useState<string>('all');
  const insts = useAsync(() => get<Institution[]>('/api/finance/institutions'), []);
  const prods = useAsync(() => get<Product[]>('/api/finance/products', { kind: kind === 'all' ? undefined : kind }), [kind]);
  const [open, setOpen] = useState(false);
  const [rf] = Form.useForm<{ kind: string; intro?: string }>();
  const orgId = session?.organisation?.id;
  const myInst = insts.data?.find((i) => i.organisationId === orgId);
  const isService = session?.user.role === 'service';
  const instName = new Map((insts.data ?? []).map((i) => [i.id, i.name]));
  const register = async (v: { kind: string; intro?: string }) => {
    try {
      await post('/api/finance/institutions', v);
      message.success(t('sv.saved'));
      insts.reload();
    } catch (e) {
      const top = applyApiError(rf, e);
      if (top) message.error(top);
    }
  };
  return (
    <div>
      <Head
        title={t('x.nav.finance')}
        sub={t('sv.fi.sub')}
        extra={
          <>
            {session?.user.role === 'enterprise' && <Link to="/services/finance/requests"><Button type="primary">{t('sv.fi.raise')}</Button></Link>}
            {myInst && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="product-new">{t('sv.fi.newProduct')}</Button>}
          </>
        }
      />
      {isService && insts.data && !myInst && (
        <Card title={<Space><BankOutlined />{t('sv.fi.registerInst')}</Space>} style={{ marginBottom: 16 }}>
          <Form form={rf} layout="inline" onFinish={register} initialValues={{ kind: 'bank' }} style={{ rowGap: 8 }}>
            <Form.Item name="kind" label={t('sv.fi.instKind')}>
              <Select style={{ width: 180 }} options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`sv.fi.inst.${k}` as ExtraKey) }))} />
            </Form.Item>
            <Form.Item name="intro">
              <Input placeholder={t('sv.fi.instIntro')} style={{ width: 320 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">{t('sv.fi.registerInstBtn')}</Button>
          </Form>
        </Card>
      )}
      <Card title={t('sv.fi.institutions')} style={{ marginBottom: 16 }} loading={insts.loading}>
        {!insts.data?.length ? (
          <EmptyBlock text={t('sv.fi.noInstitutions')} />
        ) : (
          <div className="sv-tags">
            {insts.data.map((i) => (
              <Tag key={i.id} className="sv-inst-tag" icon={<BankOutlined />}>
                {i.name} · {t(`sv.fi.inst.${i.kind}` as ExtraKey)}
              </Tag>
            ))}
          </div>
        )}
      </Card>
      <Card
        title={t('sv.fi.products')}
        extra={<Segmented size="small" value={kind} onChange={(v) => setKind(String(v))} options={[{ value: 'all', label: t('sv.all') }, ...FINANCE_KINDS.map((k) => ({ value: k, label: t(`sv.fi.kind.${k}` as ExtraKey) }))]} />}
      >
        {prods.error ? (
          <ErrorBlock error={prods.error} onRetry={prods.reload} />
        ) : prods.loading ? (
          <LoadingBlock rows={3} card={false} />
        ) : !prods.data?.length ? (
          <EmptyBlock text={t('sv.fi.noProducts')} action={myInst ? <Button type="primary" onClick={() => setOpen(true)}>{t('sv.fi.newProduct')}</Button> : undefined} />
        ) : (
          <Row gutter={[16, 16]} data-testid="finance-products">
            {prods.data.map((p) => (
              <Col xs={24} lg={12} key={p.id}>
                <Card type="inner" title={<Space wrap><KindTag kind={p.kind} /><span>{p.name}</span></Space>} extra={<span className="tb-muted">{instName.get(p.institutionId)}</span>}>
                  {p.description && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{p.description}</Typography.Paragraph>}
                  <ProductTerms p={p} />
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <ProductModal open={open} onClose={() => setOpen(false)} onDone={() => { setOpen(false); message.success(t('sv.saved')); prods.reload(); }} />
    </div>
  );
}

interface RequestForm {
  title: string;
  amountWan: string;
  termMonths: number;
  purpose: string;
  stage?: string;
  trl?: number | null;
  industries?: string[];
  preferredKinds?: string[];
  collateral?: string[];
  achievementIds?: string[];
  patents?: { number: string; title?: string }[];
}

/** 本单位融资需求与发布表单 */
export function FinanceRequests() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const nav = useNavigate();
  const list = useAsync(() => get<FinancingRequest[]>('/api/finance/requests'), []);
  const mine = useAsync(() => unwrap(api.GET('/api/achievements', { params: { query: { scope: 'mine', pageSize: 100, sort: 'updated' } } })).catch(() => null), []);
  const achOptions = ((mine.data as { items?: { id: string; title: string }[] } | null)?.items ?? []).map((a) => ({ value: a.id, label: a.title }));
  const [form] = Form.useForm<RequestForm>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const [showForm, setShowForm] = useState(false);
  const submit = async (v: RequestForm) => {
    setBusy(true);
    setTop(null);
    try {
      const r = await post<FinancingRequest>('/api/finance/requests', { ...v, trl: v.trl ?? null, stage: v.stage ?? null, patents: (v.patents ?? []).filter((p) => p?.number) });
      message.success(t('sv.saved'));
      nav(`/services/finance/requests/${r.id}`);
    } catch (e) {
      setTop(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };
  const formOpen = showForm || (list.data && list.data.length === 0);
  return (
    <div>
      <Head title={t('sv.fi.requests')} sub={t('sv.fi.requestsSub')} extra={!formOpen && <Button type="primary" icon={<PlusOutlined />} onClick={() => setShowForm(true)}>{t('sv.fi.raise')}</Button>} />
      {list.error ? <ErrorBlock error={list.error} onRetry={list.reload} /> : list.loading ? <LoadingBlock rows={3} /> : list.data!.length > 0 && (
        <Card styles={{ body: { padding: 0 } }} style={{ marginBottom: 16 }}>
          <Table<FinancingRequest>
            rowKey="id"
            dataSource={list.data}
            pagination={false}
            scroll={{ x: 700 }}
            columns={[
              { title: t('sv.fi.reqTitle'), dataIndex: 'title', render: (v: string, r) => <Link to={`/services/finance/requests/${r.id}`} className="tb-table-title">{v}</Link> },
              { title: t('sv.fi.amount'), dataIndex: 'amountWan', width: 130, render: (v: string) => <Wan v={v} /> },
              { title: t('sv.fi.term'), dataIndex: 'termMonths', width: 100, render: (v: number) => `${v} ${t('sv.fi.months')}` },
              { title: t('sv.submittedAt'), dataIndex: 'createdAt', width: 160, render: (d: string) => formatDateTime(d, lang) },
              { title: '', key: 'm', width: 120, render: (_, r) => <Link to={`/services/finance/requests/${r.id}`}>{t('sv.fi.viewMatches')}</Link> },
            ]}
          />
        </Card>
      )}
      {formOpen && (
        <Card title={t('sv.fi.raise')}>
          {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ termMonths: 24, patents: [{ number: '' }] }} data-testid="request-form">
            <Row gutter={12}>
              <Col xs={24} md={12}><Form.Item name="title" label={t('sv.fi.reqTitle')} rules={[{ required: true, message: t('sv.required') }]}><Input maxLength={100} /></Form.Item></Col>
              <Col xs={12} md={6}><Form.Item name="amountWan" label={t('sv.fi.amount')} rules={[{ required: true, message: t('sv.required') }, wanRule(t)]}><Input suffix={t('common.wan')} /></Form.Item></Col>
              <Col xs={12} md={6}><Form.Item name="termMonths" label={t('sv.fi.termMonths')} rules={[{ required: true, message: t('sv.required') }]}><InputNumber min={1} max={600} style={{ width: '100%' }} /></Form.Item></Col>
            </Row>
            <Form.Item name="purpose" label={t('sv.fi.purpose')} rules={[{ required: true, message: t('sv.required') }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
            <Row gutter={12}>
              <Col xs={12} md={6}><Form.Item name="stage" label={t('sv.fi.stage')}><Select allowClear options={COMPANY_STAGES.map((s) => ({ value: s, label: t(`sv.fi.stage.${s}` as ExtraKey) }))} /></Form.Item></Col>
              <Col xs={12} md={6}><Form.Item name="trl" label="TRL"><TrlSelect /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="industries" label={t('sv.industries')}><IndustrySelect /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="preferredKinds" label={t('sv.fi.preferredKinds')}><Select mode="multiple" options={FINANCE_KINDS.map((k) => ({ value: k, label: t(`sv.fi.kind.${k}` as ExtraKey) }))} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="collateral" label={t('sv.fi.collateralOffered')}><Select mode="multiple" options={COLLATERALS.filter((c) => c !== 'none').map((c) => ({ value: c, label: t(`sv.fi.coll.${c}` as ExtraKey) }))} /></Form.Item></Col>
            </Row>
            <Form.Item name="achievementIds" label={t('sv.fi.linkedAchievements')}>
              <Select mode="multiple" options={achOptions} notFoundContent={t('sv.pl.noAchievements')} />
            </Form.Item>
            <div className="ant-form-item-label"><label>{t('sv.fi.patents')}</label></div>
            <Form.List name="patents">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'number']}><Input placeholder={t('sv.fi.patentNo')} aria-label={t('sv.fi.patentNo')} style={{ width: 220 }} /></Form.Item>
                      <Form.Item name={[f.name, 'title']}><Input placeholder={t('sv.fi.patentTitle')} aria-label={t('sv.fi.patentTitle')} style={{ width: 320 }} /></Form.Item>
                      <Button type="link" onClick={() => remove(f.name)}>{t('sv.remove')}</Button>
                    </Space>
                  ))}
                  <Form.Item><Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>{t('sv.fi.addPatent')}</Button></Form.Item>
                </>
              )}
            </Form.List>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="request-submit">{t('sv.fi.submitRequest')}</Button>
          </Form>
        </Card>
      )}
    </div>
  );
}

interface ApplyForm {
  pledgedPatents?: string[];
  replacementCostWan?: string;
  obsolescence?: number;
}

/** 一项融资需求：匹配的产品（附理由）、被排除的产品（未满足的硬条件），申请 */
export function FinanceRequestPage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { message } = App.useApp();
  const nav = useNavigate();
  const req = useAsync(() => get<FinancingRequest>(`/api/finance/requests/${encodeURIComponent(id)}`), [id]);
  const m = useAsync(() => get<FinanceMatches>(`/api/finance/requests/${encodeURIComponent(id)}/matches`), [id]);
  const [applying, setApplying] = useState<Product | null>(null);
  const [form] = Form.useForm<ApplyForm>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  if (req.loading) return <LoadingBlock rows={6} />;
  if (req.error || !req.data) return <ErrorBlock error={req.error} onRetry={req.reload} />;
  const r = req.data;
  const apply = async (v: ApplyForm) => {
    setBusy(true);
    setTop(null);
    try {
      let valuation: unknown = undefined;
      if (v.replacementCostWan) valuation = await post('/api/valuation', { trl: r.trl ?? undefined, cost: { replacementCostWan: v.replacementCostWan, obsolescence: v.obsolescence ?? 0 } });
      await post('/api/finance/applications', { requestId: r.id, productId: applying!.id, pledgedPatents: v.pledgedPatents?.length ? v.pledgedPatents : undefined, valuation });
      message.success(t('sv.fi.applied'));
      nav('/services/finance/applications?scope=mine');
    } catch (e) {
      setTop(applyApiError(form, e, (f) => f === 'pledgedPatents'));
    } finally {
      setBusy(false);
    }
  };
  const isPledge = applying?.conditions.collateral === 'ip_pledge' || applying?.kind === 'ip_pledge_loan';
  return (
    <div data-testid="finance-request">
      <Head title={r.title} sub={t('sv.fi.requestHead', { amount: r.amountWan ?? '—', term: r.termMonths })} extra={<Link to="/services/finance/requests"><Button>{t('common.back')}</Button></Link>} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('sv.fi.amount')}><Wan v={r.amountWan} /></Descriptions.Item>
          <Descriptions.Item label={t('sv.fi.term')}>{r.termMonths} {t('sv.fi.months')}</Descriptions.Item>
          <Descriptions.Item label="TRL">{r.trl ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('sv.fi.purpose')} span={3}>{r.purpose}</Descriptions.Item>
          {r.patents.length > 0 && <Descriptions.Item label={t('sv.fi.patents')} span={3}>{r.patents.map((p) => <Tag key={p.number}>{p.number}{p.title ? ` ${p.title}` : ''}</Tag>)}</Descriptions.Item>}
          {m.data?.creditClass && <Descriptions.Item label={t('sv.fi.creditClass')}>{m.data.creditClass}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {m.error ? (
        <ErrorBlock error={m.error} onRetry={m.reload} />
      ) : m.loading || !m.data ? (
        <LoadingBlock rows={4} />
      ) : (
        <>
          <Typography.Title level={4} className="sv-section-title">{t('sv.fi.matched', { n: m.data.eligible.length })}</Typography.Title>
          {!m.data.eligible.length ? (
            <Card><EmptyBlock text={t('sv.fi.noMatches')} /></Card>
          ) : (
            <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="finance-eligible">
              {m.data.eligible.map((e, i) => (
                <Card key={e.product.id} className="sv-card" title={<Space wrap><span className="sv-rank">{i + 1}</span><KindTag kind={e.product.kind} />{e.product.name}</Space>} extra={<Button type="primary" onClick={() => setApplying(e.product)} data-testid="finance-apply">{t('sv.fi.apply')}</Button>}>
                  <Row gutter={16}>
                    <Col xs={24} md={14}><ProductTerms p={e.product} /></Col>
                    <Col xs={24} md={10}><div className="sv-subtle-title">{t('sv.whyRecommended')}</div><Reasons reasons={e.reasons} /></Col>
                  </Row>
                </Card>
              ))}
            </Space>
          )}
          {m.data.excluded.length > 0 && (
            <Card title={t('sv.fi.excluded', { n: m.data.excluded.length })} className="tb-section-card" data-testid="finance-excluded">
              {m.data.excluded.map((e) => (
                <div key={e.product.id} className="sv-excluded">
                  <Space wrap><KindTag kind={e.product.kind} /><strong>{e.product.name}</strong></Space>
                  <Reasons reasons={e.failed} bad />
                </div>
              ))}
            </Card>
          )}
        </>
      )}
      <Modal open={!!applying} title={t('sv.fi.applyTitle', { name: applying?.name ?? '' })} onCancel={() => setApplying(null)} onOk={() => form.submit()} okText={t('sv.fi.submitApply')} confirmLoading={busy} destroyOnHidden width={620}>
        {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={apply} initialValues={{ pledgedPatents: isPledge ? r.patents.map((p) => p.number) : [] }} data-testid="apply-form">
          {isPledge && (
            <>
              <Form.Item name="pledgedPatents" label={t('sv.fi.pledged')} rules={[{ required: true, message: t('sv.fi.pledgeRequired') }]}>
                <Checkbox.Group options={r.patents.map((p) => ({ value: p.number, label: `${p.number}${p.title ? ` ${p.title}` : ''}` }))} />
              </Form.Item>
              <div className="sv-subtle-title"><CalculatorOutlined /> {t('sv.fi.valuation')}</div>
              <Typography.Paragraph type="secondary">{t('sv.fi.valuationHint')} <Link to="/valuation" target="_blank">{t('sv.fi.valuationLink')}</Link></Typography.Paragraph>
              <Space wrap>
                <Form.Item name="replacementCostWan" label={t('sv.fi.replacementCost')} rules={[wanRule(t)]}><Input suffix={t('common.wan')} style={{ width: 180 }} /></Form.Item>
                <Form.Item name="obsolescence" label={t('sv.fi.obsolescence')}><InputNumber min={0} max={0.99} step={0.05} style={{ width: 120 }} /></Form.Item>
              </Space>
            </>
          )}
          {!isPledge && <Typography.Paragraph>{t('sv.fi.applyConfirm')}</Typography.Paragraph>}
        </Form>
      </Modal>
    </div>
  );
}

export function AppStatusTag({ s }: { s: ApplicationStatus }) {
  const { t } = useT();
  const color = { submitted: 'processing', under_review: 'blue', approved: 'green', declined: 'red', disbursed: 'gold', withdrawn: 'default' }[s];
  return <Tag color={color}>{t(`sv.fi.status.${s}` as ExtraKey)}</Tag>;
}

type ActionKind = 'approve' | 'decline' | 'disburse';
interface ActForm {
  amountWan?: string;
  ratePercent?: string;
  termMonths?: number;
  reason?: string;
  date?: Dayjs;
}

/** 融资申请：本单位提交的，或向本机构提交的（受理、批准、拒绝、放款） */
export function FinanceApplications() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const { session } = useAuth();
  const [sp, setSp] = useSearchParams();
  const scope = sp.get('scope') === 'received' || (!sp.get('scope') && session?.user.role === 'service') ? 'received' : 'mine';
  const res = useAsync(() => get<FinanceApplication[]>('/api/finance/applications', { scope }), [scope]);
  const prods = useAsync(() => get<Product[]>('/api/finance/products'), []);
  const prodName = new Map((prods.data ?? []).map((p) => [p.id, p]));
  const [acting, setActing] = useState<{ a: FinanceApplication; kind: ActionKind } | null>(null);
  const [form] = Form.useForm<ActForm>();
  const [busy, setBusy] = useState(false);
  const simple = async (a: FinanceApplication, action: 'review' | 'withdraw') => {
    try {
      await post(`/api/finance/applications/${a.id}/actions`, { action });
      message.success(t('sv.done'));
      res.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const submit = async (v: ActForm) => {
    setBusy(true);
    try {
      const body = acting!.kind === 'decline' ? { action: 'decline', reason: v.reason } : acting!.kind === 'approve' ? { action: 'approve', amountWan: v.amountWan, ratePercent: v.ratePercent || undefined, termMonths: v.termMonths } : { action: 'disburse', amountWan: v.amountWan, date: v.date?.format('YYYY-MM-DD') };
      await post(`/api/finance/applications/${acting!.a.id}/actions`, body);
      message.success(t('sv.done'));
      setActing(null);
      form.resetFields();
      res.reload();
    } catch (e) {
      const top = applyApiError(form, e, (f) => ['amountWan', 'ratePercent', 'termMonths', 'reason', 'date'].includes(f));
      if (top) message.error(top);
    } finally {
      setBusy(false);
    }
  };
  const open = (a: FinanceApplication, kind: ActionKind) => {
    setActing({ a, kind });
    form.setFieldsValue({ amountWan: kind === 'disburse' ? a.approvedAmountWan ?? undefined : undefined, termMonths: undefined, reason: undefined });
  };
  return (
    <div>
      <Head title={t('sv.fi.applications')} sub={scope === 'received' ? t('sv.fi.queueSub') : t('sv.fi.mineSub')} extra={<Segmented value={scope} onChange={(v) => setSp({ scope: String(v) })} options={[{ value: 'received', label: t('sv.fi.received') }, { value: 'mine', label: t('sv.fi.mine') }]} />} />
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<FinanceApplication>
            rowKey="id"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 980 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="finance-applications"
            locale={{ emptyText: <EmptyBlock text={scope === 'received' ? t('sv.fi.noReceived') : t('sv.fi.noMine')} /> }}
            expandable={{
              rowExpandable: (a) => a.pledgedPatents.length > 0 || !!a.valuation || a.flags.length > 0,
              expandedRowKeys: (res.data ?? []).filter((a) => a.pledgedPatents.length > 0 || !!a.valuation || a.flags.length > 0).map((a) => a.id),
              showExpandColumn: false,
              expandedRowRender: (a) => (
                <Descriptions size="small" column={1}>
                  {a.pledgedPatents.length > 0 && <Descriptions.Item label={t('sv.fi.pledged')}>{a.pledgedPatents.map((p) => <Tag key={p.number} color="purple">{p.number}{p.title ? ` ${p.title}` : ''}</Tag>)}</Descriptions.Item>}
                  {a.valuation && <Descriptions.Item label={t('sv.fi.valuation')}><ValuationSummary v={a.valuation} /></Descriptions.Item>}
                  {a.flags.length > 0 && <Descriptions.Item label={t('sv.fi.flags')}><Reasons reasons={a.flags} bad /></Descriptions.Item>}
                </Descriptions>
              ),
            }}
            columns={[
              { title: t('sv.fi.product'), key: 'p', render: (_, a) => <div><div className="tb-table-title">{prodName.get(a.productId)?.name ?? a.productId}</div>{prodName.get(a.productId) && <KindTag kind={prodName.get(a.productId)!.kind} />}</div> },
              { title: scope === 'received' ? t('sv.fi.applicant') : t('sv.fi.institution'), key: 'o', width: 200, render: (_, a) => <OrgName id={scope === 'received' ? a.applicantOrgId : a.institutionOrgId} /> },
              { title: t('common.status'), key: 's', width: 190, render: (_, a) => <><AppStatusTag s={a.status} />{a.declineReason && <div className="tb-muted">{a.declineReason}</div>}{a.approvedAmountWan && <div className="tb-muted">{t('sv.fi.approvedLine', { amount: a.approvedAmountWan, rate: a.approvedRatePercent ?? '—', term: a.approvedTermMonths ?? '—' })}</div>}{a.disbursedOn && <div className="tb-muted">{t('sv.fi.disbursedLine', { amount: a.disbursedAmountWan ?? '', date: a.disbursedOn })}</div>}</> },
              { title: t('sv.submittedAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
              {
                title: t('sv.actions'),
                key: 'a',
                width: 220,
                render: (_, a) => (
                  <Space wrap size={4}>
                    {scope === 'received' && a.status === 'submitted' && <Button size="small" onClick={() => simple(a, 'review')} data-testid="app-review">{t('sv.fi.review')}</Button>}
                    {scope === 'received' && a.status === 'under_review' && <Button size="small" type="primary" onClick={() => open(a, 'approve')} data-testid="app-approve">{t('sv.fi.approve')}</Button>}
                    {scope === 'received' && ['submitted', 'under_review'].includes(a.status) && <Button size="small" danger onClick={() => open(a, 'decline')}>{t('sv.fi.decline')}</Button>}
                    {scope === 'received' && a.status === 'approved' && <Button size="small" type="primary" onClick={() => open(a, 'disburse')} data-testid="app-disburse">{t('sv.fi.disburse')}</Button>}
                    {scope === 'mine' && ['submitted', 'under_review'].includes(a.status) && <Button size="small" onClick={() => simple(a, 'withdraw')}>{t('sv.fi.withdraw')}</Button>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Modal open={!!acting} title={acting ? t(`sv.fi.${acting.kind}` as ExtraKey) : ''} onCancel={() => setActing(null)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ date: undefined }} data-testid="app-action-form">
          {acting?.kind === 'decline' ? (
            <Form.Item name="reason" label={t('sv.reason')} rules={[{ required: true, message: t('sv.reasonRequired') }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
          ) : (
            <>
              <Form.Item name="amountWan" label={acting?.kind === 'disburse' ? t('sv.fi.disburseAmount') : t('sv.fi.approvedAmount')} rules={[{ required: true, message: t('sv.required') }, wanRule(t)]}><Input suffix={t('common.wan')} /></Form.Item>
              {acting?.kind === 'approve' && (
                <Space>
                  <Form.Item name="ratePercent" label={t('sv.fi.rate')}><Input suffix="%" style={{ width: 140 }} /></Form.Item>
                  <Form.Item name="termMonths" label={t('sv.fi.termMonths')}><InputNumber min={1} max={600} /></Form.Item>
                </Space>
              )}
              {acting?.kind === 'disburse' && <Form.Item name="date" label={t('sv.fi.disburseDate')} rules={[{ required: true, message: t('sv.required') }]}><DatePicker style={{ width: '100%' }} /></Form.Item>}
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}

function ValuationSummary({ v }: { v: Record<string, unknown> }) {
  const { t } = useT();
  const pick = (k: string) => v[k] as { lowWan?: string; highWan?: string } | null | undefined;
  const r = pick('combined') ?? pick('cost') ?? pick('income') ?? pick('market');
  return r?.lowWan ? <span className="sv-num">{r.lowWan}–{r.highWan} {t('common.wan')}</span> : <span>{t('sv.fi.valuationAttached')}</span>;
}

