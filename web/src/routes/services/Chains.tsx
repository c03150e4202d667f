import { useMemo, useState } from 'react';
import { App, Alert, Button, Card, Col, Form, Input, InputNumber, Progress, Radio, Row, Select, Space, Statistic, Table, Tag, Timeline, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { applyApiError } from '../../lib/form-errors';
import { indexTaxonomy, useTaxonomy, type TaxonomyNode } from '../../lib/reference';
import { useAsync } from '../../lib/useAsync';
import { EmptyBlock, Head, OrgName, ReasonModal, Reasons, SpecEditor, SpecList, toSpecs, useT, type ExtraKey, type SpecRow, type TreeNode } from './common';
import { get, post, type Capability, type ChainResponse, type ChainView, type Part, type PartMatch } from './http';
import { useS } from './i18n';

function chainTree(nodes: TaxonomyNode[] | undefined, pick: (zh: string, en: string) => string): TreeNode[] {
  return (nodes ?? []).map((n) => ({ title: pick(n.name, n.nameEn), value: n.code, children: n.children ? chainTree(n.children, pick) : undefined }));
}
function ChainSelect({ value, onChange, id, multiple }: { value?: string | string[]; onChange?: (v: string | string[]) => void; id?: string; multiple?: boolean }) {
  const { t, pick } = useT();
  const tax = useTaxonomy();
  const data = useMemo(() => chainTree(tax, pick), [tax, pick]);
  return <TreeSelect id={id} value={value} onChange={onChange} treeData={data} multiple={multiple} allowClear showSearch={{ treeNodeFilterProp: 'title' }} placeholder={t('sv.ch.chainPh')} style={{ width: '100%', minWidth: 220 }} />;
}
function useChainName() {
  const { pick } = useT();
  const tax = useTaxonomy();
  const idx = useMemo(() => indexTaxonomy(tax), [tax]);
  return (code: string) => (idx.get(code) ? pick(idx.get(code)!.name, idx.get(code)!.nameEn) : code);
}

function PartStatus({ s }: { s: string }) {
  const { t } = useT();
  return <Tag color={s === 'localised' ? 'green' : s === 'open' ? 'processing' : 'default'}>{t(`sv.ch.partStatus.${s}` as ExtraKey)}</Tag>;
}

/** 产业链配套：配套需求清单与产业链视图（本地配套率、断点） */
export function ChainsHome() {
  const { t } = useT();
  const { session } = useAuth();
  const [sp, setSp] = useSearchParams();
  const chain = sp.get('chain') ?? undefined;
  const chainName = useChainName();
  const parts = useAsync(() => get<Part[]>('/api/chains/parts', { chain }), [chain]);
  const view = useAsync(() => (chain ? get<ChainView>('/api/chains/view', { chain }) : Promise.resolve(null)), [chain]);
  const canPublish = session?.user.role === 'enterprise';
  return (
    <div>
      <Head
        title={t('x.nav.chains')}
        sub={t('sv.ch.sub')}
        extra={
          <>
            <div style={{ width: 260 }}><ChainSelect value={chain} onChange={(v) => setSp(v ? { chain: String(v) } : {})} /></div>
            {canPublish && <Link to="/services/chains/parts/new"><Button type="primary" icon={<PlusOutlined />} data-testid="part-new">{t('sv.ch.publish')}</Button></Link>}
          </>
        }
      />
      {chain && view.data && (
        <Card title={t('sv.ch.view', { chain: view.data.chainName ?? chainName(chain) })} style={{ marginBottom: 16 }} data-testid="chain-view">
          <Row gutter={16}>
            <Col xs={12} md={6}><Statistic title={t('sv.ch.parts')} value={view.data.parts} /></Col>
            <Col xs={12} md={6}><Statistic title={t('sv.ch.covered')} value={view.data.covered} /></Col>
            <Col xs={12} md={6}><Statistic title={t('sv.ch.partial')} value={view.data.partial} /></Col>
            <Col xs={12} md={6}><div className="sv-subtle-title">{t('sv.ch.localCoverage')}</div><Progress type="dashboard" size={88} percent={Number(view.data.localCoveragePercent)} format={() => `${view.data!.localCoveragePercent}%`} /></Col>
          </Row>
          <div className="sv-subtle-title" style={{ marginTop: 12 }}>{t('sv.ch.gaps')}</div>
          {view.data.gaps.length ? (
            <div className="sv-tags">{view.data.gaps.map((g) => <Link key={g.id} to={`/services/chains/parts/${g.id}`}><Tag color="red">{g.name} · {t(`sv.ch.source.${g.currentSource}` as ExtraKey)}</Tag></Link>)}</div>
          ) : (
            <Typography.Text type="secondary">{t('sv.ch.noGaps')}</Typography.Text>
          )}
        </Card>
      )}
      {parts.error ? (
        <ErrorBlock error={parts.error} onRetry={parts.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Part>
            rowKey="id"
            loading={parts.loading}
            dataSource={parts.data ?? []}
            scroll={{ x: 820 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyBlock text={t('sv.ch.noParts')} action={canPublish ? <Link to="/services/chains/parts/new"><Button type="primary">{t('sv.ch.publish')}</Button></Link> : undefined} /> }}
            columns={[
              { title: t('sv.ch.partName'), dataIndex: 'name', render: (v: string, p) => <Link to={`/services/chains/parts/${p.id}`} className="tb-table-title">{v}</Link> },
              { title: t('sv.ch.chain'), dataIndex: 'chainCode', width: 180, render: (c: string) => <Tag color="blue">{chainName(c)}</Tag> },
              { title: t('sv.ch.headEnterprise'), dataIndex: 'organisationId', width: 200, render: (o: string) => <OrgName id={o} /> },
              { title: t('sv.ch.currentSource'), dataIndex: 'currentSource', width: 110, render: (s: string) => <Tag color={s === 'imported' ? 'volcano' : 'orange'}>{t(`sv.ch.source.${s}` as ExtraKey)}</Tag> },
              { title: t('sv.ch.volume'), key: 'v', width: 110, render: (_, p) => (p.annualVolume ? `${p.annualVolume} ${p.volumeUnit ?? ''}` : '—') },
              { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string) => <PartStatus s={s} /> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

interface PartForm {
  chainCode: string;
  name: string;
  description?: string;
  currentSource: 'imported' | 'other_province';
  annualVolume?: number | null;
  volumeUnit?: string;
  specs: SpecRow[];
}

/** 发布配套需求：产品及带单位、范围、公差的技术参数 */
export function PartNew() {
  const { t } = useT();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PartForm>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const submit = async (v: PartForm) => {
    setBusy(true);
    setTop(null);
    try {
      const p = await post<Part>('/api/chains/parts', { ...v, annualVolume: v.annualVolume ?? null, specs: toSpecs(v.specs) });
      message.success(t('sv.saved'));
      nav(`/services/chains/parts/${p.id}`);
    } catch (e) {
      setTop(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Head title={t('sv.ch.publish')} sub={t('sv.ch.publishSub')} />
      <Card>
        {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ currentSource: 'imported', specs: [{ type: 'number' }] }} data-testid="part-form">
          <Row gutter={12}>
            <Col xs={24} md={12}><Form.Item name="name" label={t('sv.ch.partName')} rules={[{ required: true, message: t('sv.required') }]}><Input maxLength={100} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="chainCode" label={t('sv.ch.chain')} rules={[{ required: true, message: t('sv.required') }]}><ChainSelect /></Form.Item></Col>
          </Row>
          <Form.Item name="description" label={t('sv.ch.description')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={10}><Form.Item name="currentSource" label={t('sv.ch.currentSource')}><Radio.Group optionType="button" options={(['imported', 'other_province'] as const).map((s) => ({ value: s, label: t(`sv.ch.source.${s}` as ExtraKey) }))} /></Form.Item></Col>
            <Col xs={12} md={7}><Form.Item name="annualVolume" label={t('sv.ch.volume')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={7}><Form.Item name="volumeUnit" label={t('sv.ch.volumeUnit')}><Input maxLength={10} placeholder="套" /></Form.Item></Col>
          </Row>
          <div className="sv-subtle-title">{t('sv.ch.specs')}</div>
          <Typography.Paragraph type="secondary">{t('sv.ch.specsHintNeed')}</Typography.Paragraph>
          <SpecEditor mode="need" />
          <div style={{ marginTop: 16 }}><Button type="primary" htmlType="submit" loading={busy} data-testid="part-submit">{t('sv.publish')}</Button></div>
        </Form>
      </Card>
    </div>
  );
}

function ResponseStatus({ s }: { s: string }) {
  const { t } = useT();
  const color: Record<string, string> = { submitted: 'processing', shortlisted: 'blue', sampling: 'purple', qualified: 'cyan', supplying: 'green', declined: 'red', withdrawn: 'default' };
  return <Tag color={color[s]}>{t(`sv.ch.resp.${s}` as ExtraKey)}</Tag>;
}

/** 一项配套需求：参数、匹配的省内供应商（按覆盖度）、响应与样品试用 */
export function PartPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { message } = App.useApp();
  const { session } = useAuth();
  const chainName = useChainName();
  const part = useAsync(() => get<Part>(`/api/chains/parts/${encodeURIComponent(id)}`), [id]);
  const own = !!part.data && session?.organisation?.id === part.data.organisationId;
  const matches = useAsync(() => (session ? get<PartMatch[]>(`/api/chains/parts/${encodeURIComponent(id)}/matches`) : Promise.resolve(null)), [id, !!session]);
  const responses = useAsync(() => (session ? get<ChainResponse[]>(`/api/chains/parts/${encodeURIComponent(id)}/responses`) : Promise.resolve([])), [id, !!session]);
  const myCaps = useAsync(() => (session?.organisation ? get<Capability[]>('/api/chains/capabilities', { organisation: session.organisation.id }) : Promise.resolve([])), [session?.organisation?.id]);
  const [rf] = Form.useForm<{ capabilityId?: string; message?: string }>();
  const [trialNote, setTrialNote] = useState('');
  // declining a response and failing a sample both need a reason the supplier sees
  const [declining, setDeclining] = useState<ChainResponse | null>(null);
  const [failing, setFailing] = useState<ChainResponse | null>(null);
  const { s } = useS();
  if (part.loading) return <LoadingBlock rows={6} />;
  if (part.error || !part.data) return <ErrorBlock error={part.error} onRetry={part.reload} />;
  const p = part.data;
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('sv.done'));
      responses.reload();
      part.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const respond = async (v: { capabilityId?: string; message?: string }) => {
    try {
      await post(`/api/chains/parts/${p.id}/responses`, { capabilityId: v.capabilityId ?? null, message: v.message });
      rf.resetFields();
      message.success(t('sv.ch.responded'));
      responses.reload();
    } catch (e) {
      const top = applyApiError(rf, e);
      if (top) message.error(top);
    }
  };
  const myResponse = (responses.data ?? []).find((r) => r.supplierOrgId === session?.organisation?.id);
  return (
    <div data-testid="part-page">
      <Head title={p.name} sub={<><OrgName id={p.organisationId} /> · {chainName(p.chainCode)}</>} extra={<><Tag color={p.currentSource === 'imported' ? 'volcano' : 'orange'}>{t(`sv.ch.source.${p.currentSource}` as ExtraKey)}</Tag><PartStatus s={p.status} /></>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('sv.ch.specs')}>
            {p.description && <Typography.Paragraph type="secondary">{p.description}</Typography.Paragraph>}
            <SpecList specs={p.specs} />
            {p.annualVolume ? <div className="sv-meta">{t('sv.ch.volume')}：{p.annualVolume} {p.volumeUnit ?? ''}</div> : null}
          </Card>
          {session && !own && (
            <Card title={t('sv.ch.respond')} className="tb-section-card">
              {myResponse ? (
                <Space direction="vertical">
                  <span>{t('sv.ch.yourResponse')} <ResponseStatus s={myResponse.status} /></span>
                  {myResponse.declineReason && <Alert type="warning" showIcon title={`${s('chain.declineReason')}：${myResponse.declineReason}`} data-testid="chain-my-decline-reason" />}
                  {myResponse.status === 'sampling' && <Space.Compact><Input placeholder={t('sv.ch.trialNote')} value={trialNote} onChange={(e) => setTrialNote(e.target.value)} /><Button onClick={() => run(() => post(`/api/chains/responses/${myResponse.id}/trials`, { status: 'sent', note: trialNote || undefined }))}>{t('sv.ch.sampleSent')}</Button></Space.Compact>}
                  {!['withdrawn', 'declined', 'supplying'].includes(myResponse.status) && <Button size="small" onClick={() => run(() => post(`/api/chains/responses/${myResponse.id}/actions`, { action: 'withdraw' }))}>{t('sv.ch.withdraw')}</Button>}
                </Space>
              ) : (
                <Form form={rf} layout="vertical" onFinish={respond}>
                  <Form.Item name="capabilityId" label={t('sv.ch.withCapability')} extra={!myCaps.data?.length ? <Link to="/services/chains/capabilities">{t('sv.ch.declareFirst')}</Link> : undefined}>
                    <Select allowClear options={(myCaps.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
                  </Form.Item>
                  <Form.Item name="message" label={t('sv.ch.message')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
                  <Button type="primary" htmlType="submit">{t('sv.ch.respondBtn')}</Button>
                </Form>
              )}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('sv.ch.matches')} data-testid="part-matches">
            {!session ? (
              <Link to={`/login?next=${encodeURIComponent(`/services/chains/parts/${p.id}`)}`}><Button>{t('sv.loginToSee')}</Button></Link>
            ) : matches.error ? (
              <ErrorBlock error={matches.error} onRetry={matches.reload} />
            ) : matches.loading ? (
              <LoadingBlock rows={3} card={false} />
            ) : !matches.data?.length ? (
              <EmptyBlock text={t('sv.ch.noMatches')} />
            ) : (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                {matches.data.map((m, i) => (
                  <div key={m.capability.id} className="sv-match" data-testid="part-match">
                    <div className="sv-match-head">
                      <Space wrap>
                        <span className="sv-rank">{i + 1}</span>
                        <strong><OrgName id={m.capability.organisationId} /></strong>
                        <span className="tb-muted">{m.capability.name}</span>
                        {m.fullyCovered && <Tag color="green">{t('sv.ch.fullyCovered')}</Tag>}
                      </Space>
                      <Progress percent={Number(m.coveragePercent)} size="small" style={{ width: 160, margin: 0 }} format={() => `${m.coveragePercent}%`} status={m.fullyCovered ? 'success' : 'normal'} />
                    </div>
                    <Row gutter={12}>
                      <Col xs={24} md={12}><SpecList specs={m.capability.specs} /></Col>
                      <Col xs={24} md={12}><Reasons reasons={m.reasons} /></Col>
                    </Row>
                  </div>
                ))}
              </Space>
            )}
          </Card>
          {session && (own || (responses.data ?? []).length > 0) && (
            <Card title={t('sv.ch.responses')} className="tb-section-card">
              {!(responses.data ?? []).length ? (
                <EmptyBlock text={t('sv.ch.noResponses')} />
              ) : (
                <Table<ChainResponse>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={responses.data}
                  scroll={{ x: 640 }}
                  columns={[
                    { title: t('sv.ch.supplier'), dataIndex: 'supplierOrgId', render: (o: string, r) => <div><OrgName id={o} />{r.message && <div className="tb-muted">{r.message}</div>}</div> },
                    { title: t('common.status'), dataIndex: 'status', width: 160, render: (st: string, r) => <><ResponseStatus s={st} />{r.declineReason && <div className="tb-muted" data-testid="chain-decline-reason">{s('chain.declineReason')}：{r.declineReason}</div>}</> },
                    {
                      title: t('sv.ch.trials'),
                      key: 'tr',
                      render: (_, r) =>
                        r.trials.length ? (
                          <Timeline items={r.trials.map((x) => ({ color: x.status === 'passed' ? 'green' : x.status === 'failed' ? 'red' : 'blue', content: `${formatDate(x.date, lang)} ${t(`sv.ch.trial.${x.status}` as ExtraKey)}${x.note ? ` · ${x.note}` : ''}` }))} />
                        ) : '—',
                    },
                    {
                      title: t('sv.actions'),
                      key: 'a',
                      width: 220,
                      render: (_, r) =>
                        own ? (
                          <Space wrap size={4}>
                            {r.status === 'submitted' && <Button size="small" onClick={() => run(() => post(`/api/chains/responses/${r.id}/actions`, { action: 'shortlist' }))}>{t('sv.ch.act.shortlist')}</Button>}
                            {['submitted', 'shortlisted'].includes(r.status) && <Button size="small" onClick={() => run(() => post(`/api/chains/responses/${r.id}/actions`, { action: 'request_sample' }))}>{t('sv.ch.act.request_sample')}</Button>}
                            {r.status === 'sampling' && r.trials.some((x) => x.status === 'sent') && (
                              <>
                                <Button size="small" type="primary" onClick={() => run(() => post(`/api/chains/responses/${r.id}/trials`, { status: 'passed' }))}>{t('sv.ch.trialPassed')}</Button>
                                <Button size="small" danger onClick={() => setFailing(r)} data-testid="chain-trial-failed">{t('sv.ch.trialFailed')}</Button>
                              </>
                            )}
                            {r.status === 'sampling' && r.trials.some((x) => x.status === 'passed') && <Button size="small" onClick={() => run(() => post(`/api/chains/responses/${r.id}/actions`, { action: 'qualify' }))}>{t('sv.ch.act.qualify')}</Button>}
                            {r.status === 'qualified' && <Button size="small" type="primary" onClick={() => run(() => post(`/api/chains/responses/${r.id}/actions`, { action: 'award' }))}>{t('sv.ch.act.award')}</Button>}
                            {!['declined', 'withdrawn', 'supplying'].includes(r.status) && <Button size="small" danger type="text" onClick={() => setDeclining(r)} data-testid="chain-decline">{t('sv.ch.act.decline')}</Button>}
                          </Space>
                        ) : null,
                    },
                  ]}
                />
              )}
            </Card>
          )}
        </Col>
      </Row>
      <ReasonModal
        open={!!declining}
        title={s('chain.decline', { part: p.name })}
        okText={s('chain.declineOk')}
        onCancel={() => setDeclining(null)}
        onSubmit={async (reason) => {
          await post(`/api/chains/responses/${declining!.id}/actions`, { action: 'decline', reason });
          setDeclining(null);
          message.success(t('sv.done'));
          responses.reload();
        }}
      />
      <ReasonModal
        open={!!failing}
        title={s('chain.trialFail', { part: p.name })}
        okText={s('chain.trialFailOk')}
        onCancel={() => setFailing(null)}
        onSubmit={async (reason) => {
          await post(`/api/chains/responses/${failing!.id}/trials`, { status: 'failed', note: reason });
          setFailing(null);
          message.success(t('sv.done'));
          responses.reload();
        }}
      />
    </div>
  );
}

interface CapForm {
  name: string;
  description?: string;
  chainCodes?: string[];
  specs: SpecRow[];
}

/** 省内供应商配套能力：目录与声明表单 */
export function Capabilities() {
  const { t } = useT();
  const { message } = App.useApp();
  const { session } = useAuth();
  const list = useAsync(() => get<Capability[]>('/api/chains/capabilities'), []);
  const chainName = useChainName();
  const [form] = Form.useForm<CapForm>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const canDeclare = session?.user.role === 'enterprise' || session?.user.role === 'institution';
  const submit = async (v: CapForm) => {
    setBusy(true);
    setTop(null);
    try {
      await post('/api/chains/capabilities', { ...v, specs: toSpecs(v.specs) });
      form.resetFields();
      setOpen(false);
      message.success(t('sv.saved'));
      list.reload();
    } catch (e) {
      setTop(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Head title={t('sv.ch.capabilities')} sub={t('sv.ch.capSub')} extra={canDeclare && !open && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="cap-new">{t('sv.ch.declare')}</Button>} />
      {open && (
        <Card title={t('sv.ch.declare')} style={{ marginBottom: 16 }}>
          {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ specs: [{ type: 'number' }] }} data-testid="cap-form">
            <Row gutter={12}>
              <Col xs={24} md={12}><Form.Item name="name" label={t('sv.ch.capName')} rules={[{ required: true, message: t('sv.required') }]}><Input maxLength={100} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="chainCodes" label={t('sv.ch.chain')}><ChainSelect multiple /></Form.Item></Col>
            </Row>
            <Form.Item name="description" label={t('sv.ch.description')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
            <div className="sv-subtle-title">{t('sv.ch.specs')}</div>
            <Typography.Paragraph type="secondary">{t('sv.ch.specsHintOffer')}</Typography.Paragraph>
            <SpecEditor mode="offer" />
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="cap-submit">{t('sv.save')}</Button>
              <Button onClick={() => setOpen(false)}>{t('sv.cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
      {list.error ? (
        <ErrorBlock error={list.error} onRetry={list.reload} />
      ) : list.loading ? (
        <LoadingBlock rows={3} />
      ) : !list.data?.length ? (
        <Card><EmptyBlock text={t('sv.ch.noCaps')} /></Card>
      ) : (
        <Row gutter={[16, 16]}>
          {list.data.map((c) => (
            <Col xs={24} md={12} key={c.id}>
              <Card className="sv-card" title={c.name} extra={<OrgName id={c.organisationId} />}>
                {c.description && <Typography.Paragraph type="secondary">{c.description}</Typography.Paragraph>}
                <div className="sv-tags">{c.chainCodes.map((x) => <Tag key={x} color="blue">{chainName(x)}</Tag>)}</div>
                <SpecList specs={c.specs} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}

