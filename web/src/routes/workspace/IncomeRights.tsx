import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table, Tabs, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, getOptional, unwrap, type Achievement, type Distribution, type IncomePlan, type IncomePlanInput, type RightsGrant, type RightsGrantInput } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { applyApiError } from '../../lib/form-errors';
import { formatDate, WAN_PATTERN } from '../../lib/format';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { ModeAdviceCard } from '../../components/ModeAdvice';

const PCT = { pattern: /^\d{1,3}(\.\d{1,2})?$/ };
const MODES = ['transfer', 'license', 'equity', 'own_implementation'] as const;

function DistributionView({ planId, version }: { planId: string; version: number }) {
  const { t } = useI18n();
  const res = useAsync(() => getOptional<Distribution>(`/api/income/plans/${encodeURIComponent(planId)}/distribution`), [planId, version]);
  if (res.error) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  if (!res.data) return <LoadingBlock rows={3} card={false} />;
  const d = res.data;
  if (!d.receipts.length) return <p className="tb-muted">{t('inc.noReceipts')}</p>;
  const parties = d.receipts[0].parties.map((p) => p.party);
  return (
    <>
      <h4 className="tb-subhead">{t('inc.distribution')}</h4>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 640 }}
        dataSource={d.receipts}
        columns={[
          { title: t('inc.receiptDate'), dataIndex: 'date', width: 110 },
          { title: t('inc.gross'), dataIndex: 'grossWan', align: 'right' },
          { title: t('inc.net'), dataIndex: 'netWan', align: 'right', render: (v: string) => <strong>{v}</strong> },
          ...parties.map((p) => ({
            title: p === 'team' ? t('inc.team') : p,
            key: p,
            align: 'right' as const,
            render: (_: unknown, r: Distribution['receipts'][number]) => {
              const x = r.parties.find((y) => y.party === p);
              return x ? `${x.amountWan}${t('common.paren', { x: `${x.sharePercent}%` })}` : '—';
            },
          })),
        ]}
      />
      <h4 className="tb-subhead">{t('inc.statements')}</h4>
      <Row gutter={[12, 12]}>
        {d.statements.map((s) => (
          <Col xs={24} md={12} xl={8} key={s.contributorId}>
            <Card size="small" title={`${s.name || s.contributorId}`} extra={<strong>{s.totalWan} {t('common.wan')}</strong>}>
              <ul className="tb-plain-list tb-small">
                {s.lines.map((l) => (
                  <li key={l.receiptId}>
                    {l.date} · {l.sharePercent}% × {l.teamAmountWan} = <strong>{l.amountWan}</strong>
                  </li>
                ))}
              </ul>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}

function ReceiptModal({ plan, onDone, onClose }: { plan: IncomePlan; onDone(): void; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ date: Dayjs; grossWan: string; costs: { label?: string; amountWan?: string }[] }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t('inc.addReceipt')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          await unwrap(
            api.POST('/api/income/plans/{id}/receipts', {
              params: { path: { id: plan.id } },
              body: { date: v.date.format('YYYY-MM-DD'), grossWan: v.grossWan.trim(), costs: (v.costs ?? []).filter((c) => c?.label).map((c) => ({ label: c.label!.trim(), amountWan: (c.amountWan ?? '').trim() })) },
            }),
          );
          message.success(t('inc.receiptAdded'));
          onDone();
        } catch (e) {
          const top = applyApiError(form, e, (f) => /^(date|grossWan|costs)/.test(f));
          if (top) message.error(top);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ date: dayjs(), costs: [] }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="date" label={t('inc.receiptDate')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="grossWan" label={t('inc.gross')} rules={[{ required: true, pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="costs">
          {(fields, { add, remove }) => (
            <fieldset className="tb-fieldset">
              <legend>{t('inc.costs')}</legend>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap className="tb-inline-row">
                  <Form.Item name={[f.name, 'label']} label={t('inc.costLabel')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={60} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amountWan']} label={t('inc.costAmount')} rules={[{ required: true, pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
                    <Input inputMode="decimal" style={{ width: 130 }} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} className="tb-row-remove" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                {t('inc.addCost')}
              </Button>
            </fieldset>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function Plans({ achievementId }: { achievementId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const plans = useAsync(() => getOptional<IncomePlan[]>(`/api/income/plans?achievement=${encodeURIComponent(achievementId)}`), [achievementId]);
  const [form] = Form.useForm<{ mode: IncomePlanInput['mode']; teamSharePercent: string; otherParties: { party?: string; sharePercent?: string }[]; contributors: { id?: string; name?: string; sharePercent?: string }[]; years?: number | null }>();
  const mode = Form.useWatch('mode', form);
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const [receiptFor, setReceiptFor] = useState<IncomePlan | null>(null);
  const [version, setVersion] = useState(0);
  const pct = { ...PCT, message: t('val.percentPattern') };

  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} xl={13}>
        {plans.error ? (
          <ErrorBlock error={plans.error} onRetry={plans.reload} />
        ) : !plans.data ? (
          <LoadingBlock rows={4} card={false} />
        ) : !plans.data.length ? (
          <Empty description={t('inc.noPlans')} />
        ) : (
          plans.data.map((p) => (
            <Card
              key={p.id}
              size="small"
              className="tb-plan"
              title={
                <Space wrap>
                  <Tag color="blue">{t(`inc.mode.${p.mode}` as MessageKey)}</Tag>
                  <span>
                    {t('inc.team')} {p.teamSharePercent}%
                  </span>
                  <span className="tb-muted tb-small">{formatDate(p.createdAt)}</span>
                </Space>
              }
              extra={<Button size="small" onClick={() => setReceiptFor(p)}>{t('inc.addReceipt')}</Button>}
            >
              <div className="tb-small">
                {p.otherParties.map((o) => `${o.party} ${o.sharePercent}%`).join('；')}
                {p.otherParties.length > 0 && ' · '}
                {p.contributors.map((c) => `${c.name || c.id} ${c.sharePercent}%`).join('、')}
                {p.years ? ` · ${p.years} ${t('inc.grantYears')}` : ''}
              </div>
              <DistributionView planId={p.id} version={version} />
            </Card>
          ))
        )}
      </Col>
      <Col xs={24} xl={11}>
        <Card title={<h3 className="tb-card-title">{t('inc.newPlan')}</h3>}>
          {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ mode: 'license', teamSharePercent: '70', otherParties: [{ party: '学校', sharePercent: '30' }], contributors: [{ id: 'c1', name: '', sharePercent: '100' }] }}
            onFinish={async (v) => {
              setTop(null);
              setBusy(true);
              try {
                await unwrap(
                  api.POST('/api/income/plans', {
                    body: {
                      achievementId,
                      mode: v.mode,
                      teamSharePercent: v.teamSharePercent.trim(),
                      otherParties: (v.otherParties ?? []).filter((o) => o?.party).map((o) => ({ party: o.party!.trim(), sharePercent: (o.sharePercent ?? '').trim() })),
                      contributors: (v.contributors ?? []).map((c, i) => ({ id: c.id?.trim() || `c${i + 1}`, name: c.name?.trim() ?? '', sharePercent: (c.sharePercent ?? '').trim() })),
                      years: v.mode === 'own_implementation' ? (v.years ?? null) : null,
                    },
                  }),
                );
                message.success(t('inc.created'));
                plans.reload();
              } catch (e) {
                const msg = applyApiError(form, e, (f) => /^(mode|teamSharePercent|otherParties|contributors|years)/.test(f));
                if (msg) setTop(msg);
              } finally {
                setBusy(false);
              }
            }}
          >
            <Form.Item name="mode" label={t('inc.mode')}>
              <Radio.Group optionType="button" options={MODES.map((m) => ({ value: m, label: t(`inc.mode.${m}` as MessageKey) }))} />
            </Form.Item>
            <Form.Item name="teamSharePercent" label={t('inc.teamShare')} rules={[{ required: true, message: t('auth.required', { f: t('inc.teamShare') }) }, pct]} extra={t('inc.sub')}>
              <Input inputMode="decimal" suffix="%" style={{ maxWidth: 180 }} />
            </Form.Item>
            {mode === 'own_implementation' && (
              <Form.Item name="years" label={t('inc.years')}>
                <InputNumber min={1} max={20} precision={0} />
              </Form.Item>
            )}
            <Form.List name="otherParties">
              {(fields, { add, remove }) => (
                <fieldset className="tb-fieldset">
                  <legend>{t('inc.otherParties')}</legend>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap className="tb-inline-row">
                      <Form.Item name={[f.name, 'party']} label={t('inc.party')} rules={[{ required: true, whitespace: true }]}>
                        <Input placeholder={t('inc.partyPh')} maxLength={40} style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'sharePercent']} label={t('inc.share')} rules={[{ required: true }, pct]}>
                        <Input inputMode="decimal" suffix="%" style={{ width: 110 }} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} className="tb-row-remove" />
                    </Space>
                  ))}
                  <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('inc.addParty')}
                  </Button>
                </fieldset>
              )}
            </Form.List>
            <Form.List name="contributors">
              {(fields, { add, remove }, { errors }) => (
                <fieldset className="tb-fieldset">
                  <legend>{t('inc.contributors')}</legend>
                  <p className="tb-muted tb-small">{t('inc.contributorsHint')}</p>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap className="tb-inline-row">
                      <Form.Item name={[f.name, 'name']} label={t('inc.contributorName')} rules={[{ required: true, whitespace: true }]}>
                        <Input maxLength={60} style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'sharePercent']} label={t('inc.share')} rules={[{ required: true }, pct]}>
                        <Input inputMode="decimal" suffix="%" style={{ width: 110 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'id']} hidden>
                        <Input />
                      </Form.Item>
                      {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} className="tb-row-remove" />}
                    </Space>
                  ))}
                  <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ id: `c${Date.now().toString(36)}` })}>
                    {t('inc.addContributor')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </fieldset>
              )}
            </Form.List>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('inc.create')}
            </Button>
          </Form>
        </Card>
      </Col>
      {receiptFor && (
        <ReceiptModal
          plan={receiptFor}
          onClose={() => setReceiptFor(null)}
          onDone={() => {
            setReceiptFor(null);
            setVersion((x) => x + 1);
          }}
        />
      )}
    </Row>
  );
}

function Grants({ achievementId }: { achievementId: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const res = useAsync(() => getOptional<RightsGrant[]>(`/api/rights-grants?achievement=${encodeURIComponent(achievementId)}`), [achievementId]);
  const [form] = Form.useForm<{ kind: RightsGrantInput['kind']; teamSharePercent?: string; years?: number; remainingProtectionYears?: number; note?: string }>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState(false);
  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} xl={13}>
        <Table<RightsGrant>
          size="small"
          rowKey="id"
          loading={res.loading}
          dataSource={res.data ?? []}
          pagination={false}
          locale={{ emptyText: t('inc.noGrants') }}
          columns={[
            { title: t('inc.grantKind'), dataIndex: 'kind', render: (k: string) => t(`inc.grant.${k}` as MessageKey) },
            { title: t('inc.teamShare'), dataIndex: 'teamSharePercent', render: (v: string | null) => (v ? `${v}%` : '—') },
            { title: t('inc.grantYears'), dataIndex: 'years', render: (v: number | null) => v ?? '—' },
            { title: t('inc.grantNote'), dataIndex: 'note', ellipsis: true },
            { title: t('common.createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v, lang) },
          ]}
        />
      </Col>
      <Col xs={24} xl={11}>
        <Card title={<h3 className="tb-card-title">{t('inc.newGrant')}</h3>}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ kind: 'co_ownership', teamSharePercent: '70' }}
            onFinish={async (v) => {
              setBusy(true);
              try {
                const body: RightsGrantInput =
                  v.kind === 'co_ownership'
                    ? { achievementId, kind: v.kind, teamSharePercent: v.teamSharePercent?.trim(), note: v.note?.trim() }
                    : { achievementId, kind: v.kind, years: v.years, remainingProtectionYears: v.remainingProtectionYears ?? null, note: v.note?.trim() };
                await unwrap(api.POST('/api/rights-grants', { body }));
                message.success(t('inc.grantCreated'));
                res.reload();
              } catch (e) {
                const top = applyApiError(form, e, (f) => ['kind', 'teamSharePercent', 'years', 'remainingProtectionYears', 'note'].includes(f));
                if (top) message.error(top);
              } finally {
                setBusy(false);
              }
            }}
          >
            <Form.Item name="kind" label={t('inc.grantKind')}>
              <Radio.Group className="tb-radio-col" options={(['co_ownership', 'long_term_use', 'exclusive_licence'] as const).map((k) => ({ value: k, label: t(`inc.grant.${k}`) }))} />
            </Form.Item>
            {kind === 'co_ownership' ? (
              <Form.Item name="teamSharePercent" label={t('inc.teamShare')} rules={[{ required: true }, { ...PCT, message: t('val.percentPattern') }]}>
                <Input inputMode="decimal" suffix="%" style={{ maxWidth: 180 }} />
              </Form.Item>
            ) : (
              <Space wrap>
                <Form.Item name="years" label={t('inc.grantYears')} rules={[{ required: true, message: t('auth.required', { f: t('inc.grantYears') }) }]}>
                  <InputNumber min={1} max={50} precision={0} />
                </Form.Item>
                <Form.Item name="remainingProtectionYears" label={t('inc.remainingYears')}>
                  <InputNumber min={0} max={50} precision={0} />
                </Form.Item>
              </Space>
            )}
            <Form.Item name="note" label={t('inc.grantNote')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}

export default function IncomeRights() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const list = useAsync(() => unwrap(api.GET('/api/achievements', { params: { query: { scope: 'mine', pageSize: 100, sort: 'updated' } } })), []);
  const items = (list.data?.items ?? []) as Achievement[];
  const selected = sp.get('achievement') ?? items[0]?.id ?? null;
  const a = items.find((x) => x.id === selected);
  return (
    <div>
      <h1 className="tb-page-title">{t('inc.title')}</h1>
      <p className="tb-page-sub">{t('inc.sub')}</p>
      {list.error ? (
        <ErrorBlock error={list.error} onRetry={list.reload} />
      ) : list.loading ? (
        <LoadingBlock rows={4} />
      ) : !items.length ? (
        <Card>
          <Empty description={t('inc.none')} />
        </Card>
      ) : (
        <>
          <Form layout="vertical" className="tb-ws-filter">
            <Form.Item label={t('inc.pick')} style={{ maxWidth: 560 }}>
              <Select value={selected ?? undefined} onChange={(v) => setSp({ achievement: v })} placeholder={t('inc.pickPh')} options={items.map((x) => ({ value: x.id, label: x.title }))} showSearch optionFilterProp="label" />
            </Form.Item>
          </Form>
          {selected && (
            <Card>
              <Tabs
                destroyOnHidden
                items={[
                  { key: 'plans', label: t('inc.plans'), children: <Plans achievementId={selected} /> },
                  { key: 'grants', label: t('inc.grants'), children: <Grants achievementId={selected} /> },
                  { key: 'modes', label: t('inc.modes'), children: <ModeAdviceCard trl={a?.trl ?? null} compact /> },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
