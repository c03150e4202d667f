import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { DOCUMENT_TYPES, FIRSTKIND_KINDS, get, post, type CompApplication, type DocumentMeta, type FirstkindParams, type Indicator, type PotentialUser, type Product } from '../policies/http';
import { useL, type LKey } from '../policies/i18n';
import { ConditionList, IndustryNames, IndustryPick, PageHead } from '../policies/shared';

const WAN_PATTERN = /^\d{1,9}(\.\d{1,6})?$/;
const GOV = ['government', 'admin'];

function KindTag({ kind }: { kind: string }) {
  const { t } = useL();
  const color: Record<string, string> = { equipment: 'geekblue', material: 'purple', software: 'cyan' };
  return <Tag color={color[kind]}>{t(`fk.kind.${kind}` as LKey)}</Tag>;
}
function StatusTag({ status, product = false }: { status: string; product?: boolean }) {
  const { t } = useL();
  const color: Record<string, string> = { proposed: 'gold', approved: 'green', rejected: 'red', submitted: 'blue', under_review: 'processing', returned: 'orange', declined: 'red', paid: 'green', withdrawn: 'default' };
  const key = (product ? `fk.status.${status}` : `fk.st.${status}`) as LKey;
  return <Tag color={color[status]}>{t(key)}</Tag>;
}

// ── catalogue ─────────────────────────────────────────────────────────────────────────────────

export function CataloguePage() {
  const { t } = useL();
  const { session } = useAuth();
  const role = session?.user.role;
  const gov = !!role && GOV.includes(role);
  const [kind, setKind] = useState<string>('');
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const list = useAsync(() => get<Product[]>('/api/firstkind/products', { kind, q }), [kind, q]);
  const pending = useAsync(async () => (gov ? get<Product[]>('/api/firstkind/products', { scope: 'all', status: 'proposed' }) : role === 'enterprise' ? get<Product[]>('/api/firstkind/products', { scope: 'mine' }) : []), [gov, role]);
  return (
    <>
      <PageHead
        title={t('fk.catalogue')}
        sub={t('fk.catalogueSub')}
        extra={(gov || role === 'enterprise') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="fk-new">{gov ? t('fk.new') : t('fk.propose')}</Button>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={kind} onChange={(v) => setKind(String(v))} options={[{ value: '', label: t('po.all') }, ...FIRSTKIND_KINDS.map((k) => ({ value: k, label: t(`fk.kind.${k}` as LKey) }))]} />
        <Input.Search allowClear placeholder={t('fk.search')} onSearch={setQ} style={{ maxWidth: 260 }} />
      </Space>
      {list.error ? (
        <ErrorBlock error={list.error} onRetry={list.reload} />
      ) : (
        <Row gutter={[12, 12]}>
          {(list.data ?? []).map((p) => (
            <Col xs={24} md={12} key={p.id}>
              <Card size="small" title={<Link to={`/firstkind/${p.id}`} style={{ whiteSpace: 'normal' }}>{p.name}</Link>} extra={<KindTag kind={p.kind} />} data-testid="fk-product">
                <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
                  {p.makerName ?? '—'}
                  {p.recognitionYear ? ` · ${p.recognitionYear}` : ''}
                  {p.batch ? ` · ${p.batch}` : ''}
                </Typography.Paragraph>
                <Space wrap size={[4, 4]}>
                  {p.indicatorTexts.slice(0, 4).map((x) => (
                    <Tag key={x}>{x}</Tag>
                  ))}
                </Space>
              </Card>
            </Col>
          ))}
          {!list.loading && !(list.data ?? []).length && (
            <Col span={24}>
              <Empty description={t('fk.empty')} />
            </Col>
          )}
        </Row>
      )}
      {(pending.data ?? []).length > 0 && (
        <Card size="small" title={gov ? t('fk.proposals') : t('fk.propose')} style={{ marginTop: 16 }}>
          <List
            size="small"
            dataSource={pending.data ?? []}
            renderItem={(p) => (
              <List.Item extra={<StatusTag status={p.status} product />}>
                <Link to={`/firstkind/${p.id}`}>{p.name}</Link>&nbsp;<Typography.Text type="secondary">{p.makerName}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
      {adding && <ProductModal gov={gov} onClose={() => setAdding(false)} onDone={() => { setAdding(false); list.reload(); pending.reload(); }} />}
    </>
  );
}

interface ProductForm {
  kind: string;
  name: string;
  makerOrgId?: string;
  industries?: string[];
  recognitionYear?: number | null;
  batch?: string;
  description?: string;
  indicators?: { key: string; type: 'number' | 'text'; comparator?: '=' | '>=' | '<='; num?: number; text?: string; unit?: string }[];
}

function OrgPick({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [opts, setOpts] = useState<{ value: string; label: string }[]>([]);
  const search = async (q: string) => {
    const r = await get<{ items: { id: string; name: string }[] }>('/api/organisations', { q, type: 'enterprise', pageSize: 20 });
    setOpts(r.items.map((o) => ({ value: o.id, label: o.name })));
  };
  return <Select showSearch={{ filterOption: false, onSearch: (q) => void search(q) }} value={value} onChange={onChange} options={opts} onFocus={() => void search('')} data-testid="fk-maker" />;
}

function ProductModal({ gov, onClose, onDone }: { gov: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useL();
  const [form] = Form.useForm<ProductForm>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const submit = async (v: ProductForm) => {
    setBusy(true);
    setTop(null);
    const indicators: Indicator[] = (v.indicators ?? []).map((x) => (x.type === 'text' ? { key: x.key, type: 'text', value: x.text ?? '' } : { key: x.key, type: 'number', value: Number(x.num), unit: x.unit ?? '', comparator: x.comparator ?? '=' }));
    try {
      await post('/api/firstkind/products', { ...v, indicators, recognitionYear: v.recognitionYear ?? null });
      onDone();
    } catch (e) {
      setTop(applyApiError(form, e, (f) => !f.startsWith('indicators')) ?? null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open onCancel={onClose} title={gov ? t('fk.new') : t('fk.propose')} okText={t('po.save')} cancelText={t('po.cancel')} confirmLoading={busy} onOk={() => form.submit()} width={760} destroyOnHidden>
      {top && <Alert type="error" title={top} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'equipment', indicators: [{ key: '', type: 'number', comparator: '=' }] }} onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('fk.kind')} rules={[{ required: true }]}>
              <Select options={FIRSTKIND_KINDS.map((k) => ({ value: k, label: t(`fk.kind.${k}` as LKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('fk.name')} rules={[{ required: true, min: 2 }]}>
              <Input />
            </Form.Item>
          </Col>
          {gov && (
            <Col xs={24} md={12}>
              <Form.Item name="makerOrgId" label={t('fk.maker')} rules={[{ required: true }]}>
                <OrgPick />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={6}>
            <Form.Item name="recognitionYear" label={t('fk.year')}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="batch" label={t('fk.batch')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="industries" label={t('fk.industries')}>
          <IndustryPick />
        </Form.Item>
        <Form.Item name="description" label={t('fk.description')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Typography.Text strong>{t('fk.indicators')}</Typography.Text>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, message: t('fk.indicatorKey') }]} noStyle>
                    <Input placeholder={t('fk.indicatorKey')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'type']} noStyle>
                    <Select style={{ width: 84 }} options={[{ value: 'number', label: '123' }, { value: 'text', label: 'Aa' }]} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['indicators', f.name, 'type']) === 'text' ? (
                        <Form.Item name={[f.name, 'text']} noStyle>
                          <Input placeholder={t('fk.value')} style={{ width: 180 }} />
                        </Form.Item>
                      ) : (
                        <Space size={4}>
                          <Form.Item name={[f.name, 'comparator']} noStyle>
                            <Select style={{ width: 64 }} options={[{ value: '=', label: '=' }, { value: '>=', label: '≥' }, { value: '<=', label: '≤' }]} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'num']} noStyle>
                            <InputNumber placeholder={t('fk.value')} style={{ width: 100 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'unit']} noStyle>
                            <Input placeholder={t('fk.unit')} style={{ width: 80 }} />
                          </Form.Item>
                        </Space>
                      )
                    }
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ key: '', type: 'number', comparator: '=' })} icon={<PlusOutlined />} style={{ marginTop: 8 }}>
                {t('fk.addIndicator')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

// ── product detail ────────────────────────────────────────────────────────────────────────────

export function ProductPage() {
  const { id } = useParams();
  const { t } = useL();
  const { message } = App.useApp();
  const { session } = useAuth();
  const role = session?.user.role;
  const gov = !!role && GOV.includes(role);
  const d = useAsync(() => get<Product>(`/api/firstkind/products/${id}`), [id, session?.user.id]);
  const maker = !!d.data && session?.organisation?.id === d.data.makerOrgId;
  const users = useAsync(async () => (d.data && (gov || maker) && d.data.status === 'approved' ? get<PotentialUser[]>(`/api/firstkind/products/${id}/potential-users`) : null), [d.data?.id, gov, maker]);
  const [applying, setApplying] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const nav = useNavigate();
  if (d.loading && !d.data) return <LoadingBlock />;
  if (d.error) return <ErrorBlock error={d.error} onRetry={d.reload} />;
  const p = d.data!;
  const decide = async (decision: 'approve' | 'reject', reason?: string) => {
    try {
      await post(`/api/firstkind/products/${p.id}/decision`, { decision, reason });
      d.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <PageHead
        title={p.name}
        sub={<Space wrap><KindTag kind={p.kind} /><StatusTag status={p.status} product /><Link to="/firstkind">{t('fk.backToCatalogue')}</Link></Space>}
        extra={
          <>
            {p.status === 'approved' && (role === 'enterprise' || role === 'institution') && <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setApplying(true)} data-testid="fk-apply">{t('fk.apply')}</Button>}
            {gov && p.status === 'proposed' && (
              <>
                <Button type="primary" onClick={() => decide('approve')}>{t('fk.approve')}</Button>
                <Button danger onClick={() => setRejecting(true)}>{t('fk.reject')}</Button>
              </>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('fk.maker')}><Link to={`/organisations/${p.makerOrgId}`}>{p.makerName ?? '—'}</Link></Descriptions.Item>
          <Descriptions.Item label={t('fk.year')}>{p.recognitionYear ?? '—'} {p.batch}</Descriptions.Item>
          {p.industries.length > 0 && <Descriptions.Item label={t('fk.industries')} span={2}><IndustryNames codes={p.industries} /></Descriptions.Item>}
        </Descriptions>
        {p.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph>}
        {p.decisionReason && <Alert type="warning" title={`${t('fk.reason')}：${p.decisionReason}`} />}
      </Card>
      <Card size="small" title={t('fk.indicators')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={p.indicators}
          columns={[
            { title: t('fk.indicatorKey'), dataIndex: 'key' },
            { title: t('fk.value'), key: 'v', render: (_: unknown, x: Indicator) => (x.type === 'text' ? x.value : `${x.comparator === '>=' ? '≥ ' : x.comparator === '<=' ? '≤ ' : ''}${x.value}`) },
            { title: t('fk.unit'), key: 'u', render: (_: unknown, x: Indicator) => (x.type === 'number' ? x.unit : '') },
          ]}
        />
      </Card>
      {users.data && (
        <Card size="small" title={t('fk.potentialUsers')} data-testid="fk-users">
          <Typography.Paragraph type="secondary">{t('fk.potentialUsersSub')}</Typography.Paragraph>
          <List
            dataSource={users.data}
            locale={{ emptyText: t('fk.noUsers') }}
            renderItem={(u) => (
              <List.Item>
                <List.Item.Meta
                  title={<Space wrap><Link to={`/organisations/${u.organisationId}`}>{u.name}</Link><Tag>{t('fk.score')} {Math.round(u.score * 100)}</Tag></Space>}
                  description={<ConditionList items={u.reasons} />}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      {applying && <ApplyModal product={p} maker={maker} onClose={() => setApplying(false)} onDone={(id) => { setApplying(false); void message.success(t('fk.submitted')); nav(`/firstkind/applications/${id}`); }} />}
      {rejecting && <ReasonModal title={t('fk.reject')} onClose={() => setRejecting(false)} onOk={async (reason) => { await decide('reject', reason); setRejecting(false); }} />}
    </>
  );
}

function ReasonModal({ title, onClose, onOk, amount = false, initialAmount }: { title: string; onClose: () => void; onOk: (reason: string, amountWan?: string) => Promise<void>; amount?: boolean; initialAmount?: string }) {
  const { t } = useL();
  const [form] = Form.useForm<{ reason?: string; amountWan?: string }>();
  return (
    <Modal open onCancel={onClose} title={title} onOk={() => form.submit()} okText={title} cancelText={t('po.cancel')} destroyOnHidden okButtonProps={{ 'data-testid': 'fk-modal-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" initialValues={{ amountWan: initialAmount }} onFinish={(v) => onOk(v.reason ?? '', v.amountWan)}>
        {amount ? (
          <Form.Item name="amountWan" label={t('fk.amountWan')} rules={[{ required: true, pattern: WAN_PATTERN }]}>
            <Input inputMode="decimal" data-testid="fk-amount" />
          </Form.Item>
        ) : (
          <Form.Item name="reason" label={t('fk.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="fk-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

async function sha256Hex(file: File): Promise<string> {
  const buf = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The documents as metadata: each chosen file is hashed in the browser; only name, type, size and digest are sent. */
function DocumentsInput({ value, onChange, params }: { value?: DocumentMeta[]; onChange?: (v: DocumentMeta[]) => void; params: FirstkindParams }) {
  const { t } = useL();
  const docs = value ?? [];
  const pick = async (type: string, files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    const meta: DocumentMeta = { type, name: f.name, mime: f.type || 'application/octet-stream', size: f.size, sha256: await sha256Hex(f) };
    onChange?.([...docs.filter((d) => d.type !== type), meta]);
  };
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('fk.documentsHint', { mb: params.maxMegabytes })}</Typography.Paragraph>
      {DOCUMENT_TYPES.map((type) => {
        const d = docs.find((x) => x.type === type);
        const required = params.requiredDocuments.includes(type);
        return (
          <div key={type} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 6 }}>
            <span style={{ minWidth: 96 }}>
              {t(`fk.doc.${type}` as LKey)}
              {required && <Tag color="red" style={{ marginLeft: 4 }}>{t('fk.required')}</Tag>}
            </span>
            <label className="ant-btn ant-btn-default ant-btn-sm" style={{ cursor: 'pointer' }}>
              <UploadOutlined /> {t('fk.chooseFile')}
              <input type="file" accept={params.mimes.join(',')} hidden data-testid={`fk-doc-${type}`} onChange={(e) => void pick(type, e.target.files)} />
            </label>
            {d && <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>{d.name} · {fileSize(d.size)} · {d.sha256.slice(0, 12)}…</Typography.Text>}
          </div>
        );
      })}
    </div>
  );
}

function ApplyModal({ product, maker, onClose, onDone }: { product: Product; maker: boolean; onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useL();
  const params = useAsync(() => get<FirstkindParams>('/api/firstkind/params'), []);
  const [form] = Form.useForm<{ applicantRole: 'maker' | 'buyer'; insurer: string; policyNumber?: string; premiumWan: string; documents: DocumentMeta[] }>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  return (
    <Modal open onCancel={onClose} title={`${t('fk.apply')} · ${product.name}`} okText={t('fk.submit')} cancelText={t('po.cancel')} confirmLoading={busy} onOk={() => form.submit()} width={640} destroyOnHidden okButtonProps={{ 'data-testid': 'fk-submit' } as Record<string, string>}>
      {top && <Alert type="error" title={top} style={{ marginBottom: 12 }} data-testid="fk-error" />}
      {params.data && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ applicantRole: maker ? 'maker' : 'buyer', documents: [] }}
          onFinish={async (v) => {
            setBusy(true);
            setTop(null);
            try {
              const r = await post<CompApplication>('/api/firstkind/applications', { ...v, productId: product.id });
              onDone(r.id);
            } catch (e) {
              setTop(applyApiError(form, e) ?? null);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Alert type="info" title={t('fk.ruleHint', { rate: params.data.rateBp / 100, cap: params.data.capWan })} style={{ marginBottom: 12 }} />
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="applicantRole" label={t('fk.role')}>
                <Select options={[{ value: 'maker', label: t('fk.role.maker'), disabled: !maker }, { value: 'buyer', label: t('fk.role.buyer'), disabled: maker }]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="premiumWan" label={t('fk.premiumWan')} rules={[{ required: true, pattern: WAN_PATTERN }]}>
                <Input inputMode="decimal" data-testid="fk-premium" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="insurer" label={t('fk.insurer')} rules={[{ required: true, min: 2 }]}>
                <Input data-testid="fk-insurer" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="policyNumber" label={t('fk.policyNumber')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="documents" label={t('fk.documents')}>
            <DocumentsInput params={params.data} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

// ── applications ──────────────────────────────────────────────────────────────────────────────

export function ApplicationsPage() {
  const { t } = useL();
  const { session } = useAuth();
  const gov = !!session && GOV.includes(session.user.role);
  const [scope, setScope] = useState<'mine' | 'review'>(gov ? 'review' : 'mine');
  const list = useAsync(() => get<CompApplication[]>('/api/firstkind/applications', { scope }), [scope]);
  const nav = useNavigate();
  return (
    <>
      <PageHead title={gov ? t('fk.reviewQueue') : t('fk.myApplications')} extra={gov && <Segmented value={scope} onChange={(v) => setScope(v as 'mine' | 'review')} options={[{ value: 'review', label: t('fk.reviewQueue') }, { value: 'mine', label: t('fk.myApplications') }]} />} />
      {list.error ? (
        <ErrorBlock error={list.error} onRetry={list.reload} />
      ) : (
        <Table<CompApplication>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          scroll={{ x: 560 }}
          locale={{ emptyText: t('fk.empty') }}
          onRow={(a) => ({ onClick: () => nav(`/firstkind/applications/${a.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('fk.product'), key: 'p', render: (_: unknown, a) => <Link to={`/firstkind/applications/${a.id}`}>{a.productName ?? a.productId.slice(0, 8)}</Link> },
            { title: t('fk.applicant'), dataIndex: 'applicantName', responsive: ['sm'] },
            { title: t('fk.role'), dataIndex: 'applicantRole', render: (v: string) => t(`fk.role.${v}` as LKey), responsive: ['md'] },
            { title: t('fk.premiumWan'), dataIndex: 'premiumWan', responsive: ['md'] },
            { title: t('fk.requestedWan'), dataIndex: 'requestedWan' },
            { title: '', dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          ]}
        />
      )}
    </>
  );
}

export function ApplicationPage() {
  const { id } = useParams();
  const { t } = useL();
  const { message } = App.useApp();
  const { session } = useAuth();
  const gov = !!session && GOV.includes(session.user.role);
  const d = useAsync(() => get<CompApplication>(`/api/firstkind/applications/${id}`), [id]);
  const [modal, setModal] = useState<null | 'return' | 'decline' | 'approve'>(null);
  if (d.loading && !d.data) return <LoadingBlock />;
  if (d.error) return <ErrorBlock error={d.error} onRetry={d.reload} />;
  const a = d.data!;
  const act = async (action: string, extra: Record<string, unknown> = {}) => {
    try {
      d.setData(await post<CompApplication>(`/api/firstkind/applications/${a.id}/actions`, { action, ...extra }));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const govActions = gov && (
    <>
      {a.status === 'submitted' && <Button type="primary" onClick={() => act('review')} data-testid="fk-act-review">{t('fk.act.review')}</Button>}
      {a.status === 'under_review' && <Button type="primary" onClick={() => setModal('approve')} data-testid="fk-act-approve">{t('fk.act.approve')}</Button>}
      {['submitted', 'under_review'].includes(a.status) && <Button onClick={() => setModal('return')}>{t('fk.act.return')}</Button>}
      {['submitted', 'under_review'].includes(a.status) && <Button danger onClick={() => setModal('decline')}>{t('fk.act.decline')}</Button>}
      {a.status === 'approved' && <Button type="primary" onClick={() => act('pay')} data-testid="fk-act-pay">{t('fk.act.pay')}</Button>}
    </>
  );
  const applicantActions = !gov && (
    <>
      {a.status === 'returned' && <Button type="primary" onClick={() => act('resubmit')}>{t('fk.act.resubmit')}</Button>}
      {['submitted', 'returned'].includes(a.status) && <Button onClick={() => act('withdraw')}>{t('fk.act.withdraw')}</Button>}
    </>
  );
  return (
    <>
      <PageHead title={`${t('fk.applications')} · ${a.productName ?? ''}`} sub={<span data-testid="fk-app-status"><StatusTag status={a.status} /></span>} extra={<>{govActions}{applicantActions}</>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('fk.applicant')}><Link to={`/organisations/${a.applicantOrgId}`}>{a.applicantName ?? '—'}</Link></Descriptions.Item>
          <Descriptions.Item label={t('fk.role')}>{t(`fk.role.${a.applicantRole}` as LKey)}</Descriptions.Item>
          <Descriptions.Item label={t('fk.product')}><Link to={`/firstkind/${a.productId}`}>{a.productName ?? '—'}</Link></Descriptions.Item>
          <Descriptions.Item label={t('fk.insurer')}>{a.insurer} {a.policyNumber}</Descriptions.Item>
          <Descriptions.Item label={t('fk.premiumWan')}>{a.premiumWan}</Descriptions.Item>
          <Descriptions.Item label={t('fk.requestedWan')}>{a.requestedWan}</Descriptions.Item>
          {a.approvedWan && <Descriptions.Item label={t('fk.approvedWan')}><span data-testid="fk-approved">{a.approvedWan}</span></Descriptions.Item>}
          {a.paidWan && <Descriptions.Item label={t('fk.paidWan')}>{a.paidWan} · {a.paidOn}</Descriptions.Item>}
        </Descriptions>
        {a.reason && <Alert type="warning" title={`${t('fk.reason')}：${a.reason}`} />}
      </Card>
      <Card size="small" title={t('fk.documents')}>
        <List size="small" dataSource={a.documents} renderItem={(doc) => <List.Item><Space wrap><Tag>{t(`fk.doc.${doc.type}` as LKey)}</Tag>{doc.name}<Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>{fileSize(doc.size)} · SHA-256 {doc.sha256}</Typography.Text></Space></List.Item>} />
      </Card>
      {modal && (
        <ReasonModal
          title={t(`fk.act.${modal}` as LKey)}
          amount={modal === 'approve'}
          initialAmount={a.requestedWan}
          onClose={() => setModal(null)}
          onOk={async (reason, amountWan) => {
            await act(modal, modal === 'approve' ? { amountWan } : { reason });
            setModal(null);
          }}
        />
      )}
    </>
  );
}

