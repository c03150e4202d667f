import { lazy, Suspense, useState } from 'react';
import { App, Alert, Breadcrumb, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Grid, Input, Radio, Row, Select, Space, Steps, Table, Tabs, Tag, Timeline } from 'antd';
import { AuditOutlined, CheckCircleOutlined, ClockCircleOutlined, FileProtectOutlined, SafetyCertificateOutlined, SwapOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type Deal, type DealEvent, type DealTask } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useAuth } from '../../lib/auth';
import { formatDate, formatDateTime, WAN_PATTERN } from '../../lib/format';
import { applyApiError } from '../../lib/form-errors';
import { AUTOMATIC_STAGES, OPEN_STAGES } from '../../lib/deals';
import { useCities } from '../../lib/reference';
import { ErrorBlock, LoadingBlock, NotFound } from '../../components/PageState';
import { StageMenu, stageLabel, useStageChange } from './StageControl';
import { Negotiation } from './Negotiation';

// 协调事项: a party raises a blocker on this deal (the government chunk loads only when shown)
const RaiseCaseButton = lazy(() => import('../gov/RaiseCase').then((m) => ({ default: m.RaiseCaseButton })));

function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function DealSteps({ deal }: { deal: Deal }) {
  const { t, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const lost = deal.stage === 'closed_lost';
  const reachedIdx = OPEN_STAGES.reduce((m, s, i) => (deal.stageTimes[s] ? i : m), 0);
  const current = lost ? reachedIdx : Math.max(0, OPEN_STAGES.indexOf(deal.stage as (typeof OPEN_STAGES)[number]));
  return (
    <Steps
      className="tb-deal-steps"
      size="small"
      orientation={screens.lg ? 'horizontal' : 'vertical'}
      titlePlacement={screens.lg ? 'vertical' : 'horizontal'}
      current={current}
      status={lost ? 'error' : deal.stage === 'industrialised' ? 'finish' : 'process'}
      items={OPEN_STAGES.map((s) => {
        const at = deal.stageTimes[s];
        const auto = AUTOMATIC_STAGES.includes(s);
        return {
          title: stageLabel(t, s),
          content: at ? (
            <time dateTime={at} className="tb-step-time">
              {formatDateTime(at, lang)}
            </time>
          ) : auto ? (
            <span className="tb-step-auto" title={s === 'nda_signed' ? t('deal.autoNda') : t('deal.autoRegistered')}>
              {t('deal.automatic')}
            </span>
          ) : undefined,
        };
      })}
    />
  );
}

function TimelineTab({ deal }: { deal: Deal }) {
  const { t, lang } = useI18n();
  const { session } = useAuth();
  const { message } = App.useApp();
  const res = useAsync(() => unwrap(api.GET('/api/deals/{id}/timeline', { params: { path: { id: deal.id } } })), [deal.id, deal.version]);
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const who = (e: DealEvent) => {
    if (!e.actorUserId) return t('deal.ev.system');
    if (e.actorUserId === session?.user.id) return t('deal.ev.me');
    const b = deal.brokers.find((x) => x.userId === e.actorUserId);
    return b ? `${b.name}${t('common.paren', { x: t('deal.role.broker') })}` : t('deal.ev.participant');
  };
  const text = (e: DealEvent): string => {
    const d = e.data as Record<string, unknown>;
    switch (e.kind) {
      case 'stage': {
        const base = t('deal.ev.stage', { s: stageLabel(t, String(d.to)) });
        if (d.ndaId) return `${base} · ${t('deal.ev.viaNda')}`;
        if (d.certificateNo) return `${base} · ${t('deal.ev.viaContract', { no: String(d.certificateNo) })}`;
        if (d.reason) return `${base} · ${t(`deal.lost.${String(d.reason)}` as MessageKey)}${d.note ? t('common.paren', { x: String(d.note) }) : ''}`;
        return base;
      }
      case 'offer': {
        const fen = typeof d.priceFen === 'number' ? d.priceFen : 0;
        return t('deal.ev.offer', { side: t(d.side === 'buyer' ? 'deal.role.buyer' : 'deal.role.seller'), n: Number(d.round ?? 0), price: String(fen / 1_000_000), payment: t(`neg.payment.${String(d.payment)}` as MessageKey) });
      }
      case 'broker':
        return t('deal.ev.broker', { name: String(d.name ?? '') });
      case 'note':
        return String(d.text ?? '');
      default:
        return e.kind;
    }
  };
  const icon = (k: string) => (k === 'stage' ? <CheckCircleOutlined /> : k === 'offer' ? <SwapOutlined /> : k === 'note' ? <AuditOutlined /> : <ClockCircleOutlined />);
  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} lg={14}>
        {res.error ? (
          <ErrorBlock error={res.error} onRetry={res.reload} />
        ) : !res.data ? (
          <LoadingBlock rows={5} card={false} />
        ) : !res.data.length ? (
          <Empty description={t('deal.timeline.empty')} />
        ) : (
          <Timeline
            data-testid="deal-timeline"
            items={[...res.data].reverse().map((e) => ({
              key: e.id,
              icon: icon(e.kind),
              color: e.kind === 'stage' ? 'green' : e.kind === 'offer' ? 'blue' : 'gray',
              title: (
                <span className="tb-muted tb-small">
                  {formatDateTime(e.at, lang)} · {who(e)}
                </span>
              ),
              content: <div className={e.kind === 'note' ? 'tb-note tb-prewrap' : ''}>{text(e)}</div>,
            }))}
          />
        )}
      </Col>
      <Col xs={24} lg={10}>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            setBusy(true);
            try {
              await unwrap(api.POST('/api/deals/{id}/notes', { params: { path: { id: deal.id } }, body: { text: v.text.trim() } }));
              message.success(t('deal.notes.added'));
              form.resetFields();
              res.reload();
            } catch (e) {
              const top = applyApiError(form, e, (f) => f === 'text');
              if (top) message.error(top);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="text" label={t('deal.notes.add')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('deal.notes.add') }) }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('deal.notes.ph')} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {t('deal.notes.add')}
          </Button>
        </Form>
      </Col>
    </Row>
  );
}

function TasksTab({ deal }: { deal: Deal }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const res = useAsync(() => unwrap(api.GET('/api/deals/{id}/tasks', { params: { path: { id: deal.id } } })), [deal.id]);
  const [form] = Form.useForm<{ title: string; dueDate: import('dayjs').Dayjs }>();
  const [busy, setBusy] = useState<string | null>(null);
  const isBroker = deal.roles.includes('broker');
  const today = shanghaiToday();
  return (
    <div>
      {isBroker && (
        <Form
          form={form}
          layout="inline"
          className="tb-task-form"
          onFinish={async (v) => {
            setBusy('add');
            try {
              await unwrap(api.POST('/api/deals/{id}/tasks', { params: { path: { id: deal.id } }, body: { title: v.title.trim(), dueDate: v.dueDate.format('YYYY-MM-DD') } }));
              form.resetFields();
              res.reload();
            } catch (e) {
              const top = applyApiError(form, e, (f) => f === 'title' || f === 'dueDate');
              if (top) message.error(top);
            } finally {
              setBusy(null);
            }
          }}
        >
          <Form.Item name="title" label={t('deal.tasks.title')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('deal.tasks.title') }) }]}>
            <Input maxLength={200} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="dueDate" label={t('deal.tasks.due')} rules={[{ required: true, message: t('auth.required', { f: t('deal.tasks.due') }) }]}>
            <DatePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'add'}>
            {t('deal.tasks.add')}
          </Button>
        </Form>
      )}
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Table<DealTask>
          size="small"
          rowKey="id"
          loading={res.loading}
          dataSource={res.data ?? []}
          pagination={false}
          locale={{ emptyText: t('deal.tasks.empty') }}
          style={{ marginTop: 16 }}
          columns={[
            { title: t('deal.tasks.title'), dataIndex: 'title' },
            {
              title: t('deal.tasks.due'),
              dataIndex: 'dueDate',
              width: 160,
              render: (d: string, r) => (
                <span>
                  {d} {!r.doneAt && d < today && <Tag color="red">{t('deal.tasks.overdue')}</Tag>}
                  {!r.doneAt && r.remindedAt && <Tag>{t('deal.tasks.reminded')}</Tag>}
                </span>
              ),
            },
            {
              title: t('common.status'),
              key: 'done',
              width: 140,
              render: (_, r) =>
                r.doneAt ? (
                  <Tag color="success">{t('deal.tasks.done')}</Tag>
                ) : isBroker ? (
                  <Button
                    size="small"
                    loading={busy === r.id}
                    onClick={async () => {
                      setBusy(r.id);
                      try {
                        await unwrap(api.POST('/api/tasks/{id}/done', { params: { path: { id: r.id } } }));
                        res.reload();
                      } catch (e) {
                        message.error(e instanceof Error ? e.message : String(e));
                      } finally {
                        setBusy(null);
                      }
                    }}
                  >
                    {t('deal.tasks.markDone')}
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
    </div>
  );
}

function BrokersTab({ deal, onDeal }: { deal: Deal; onDeal(d: Deal): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canAssign = deal.roles.some((r) => r === 'buyer' || r === 'seller' || r === 'admin');
  const directory = useAsync(async () => (canAssign ? await unwrap(api.GET('/api/brokers')) : []), [canAssign]);
  const [form] = Form.useForm<{ brokerUserId: string; commissionType: 'percent' | 'fixed'; commissionPercent?: string; commissionWan?: string }>();
  const type = Form.useWatch('commissionType', form);
  const [busy, setBusy] = useState(false);
  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} lg={12}>
        <Table
          size="small"
          rowKey="userId"
          pagination={false}
          dataSource={deal.brokers}
          locale={{ emptyText: t('deal.noBroker') }}
          columns={[
            { title: t('deal.brokerUser'), dataIndex: 'name' },
            {
              title: t('deal.commissionType'),
              key: 'c',
              render: (_, b) => (b.commissionType === 'fixed' ? `${b.commissionWan ?? '—'} ${t('common.wan')}` : b.commissionPercent ? `${b.commissionPercent}%` : '—'),
            },
          ]}
        />
      </Col>
      {canAssign && (
        <Col xs={24} lg={12}>
          <Card size="small" title={t('deal.brokerAssign')}>
            <Form
              form={form}
              layout="vertical"
              initialValues={{ commissionType: 'percent' }}
              onFinish={async (v) => {
                setBusy(true);
                try {
                  const d = await unwrap(
                    api.POST('/api/deals/{id}/brokers', {
                      params: { path: { id: deal.id } },
                      body: { brokerUserId: v.brokerUserId, commissionType: v.commissionType, ...(v.commissionType === 'percent' ? { commissionPercent: v.commissionPercent } : { commissionWan: v.commissionWan }) },
                    }),
                  );
                  message.success(t('deal.assigned'));
                  form.resetFields();
                  onDeal(d);
                } catch (e) {
                  const top = applyApiError(form, e, (f) => ['brokerUserId', 'commissionPercent', 'commissionWan'].includes(f));
                  if (top) message.error(top);
                } finally {
                  setBusy(false);
                }
              }}
            >
              <Form.Item name="brokerUserId" label={t('deal.brokerUser')} rules={[{ required: true, message: t('deal.brokerUserPh') }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={directory.loading}
                  placeholder={t('deal.brokerUserPh')}
                  options={(directory.data ?? []).map((b) => ({ value: b.userId, label: `${b.name}${b.certificateNo ? ` · ${b.certificateNo}` : ''}` }))}
                />
              </Form.Item>
              <Form.Item name="commissionType" label={t('deal.commissionType')}>
                <Radio.Group options={[{ value: 'percent', label: t('deal.commission.percent') }, { value: 'fixed', label: t('deal.commission.fixed') }]} />
              </Form.Item>
              {type === 'fixed' ? (
                <Form.Item name="commissionWan" label={t('deal.commissionWan')} rules={[{ required: true, pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
                  <Input inputMode="decimal" style={{ maxWidth: 200 }} />
                </Form.Item>
              ) : (
                <Form.Item name="commissionPercent" label={t('deal.commissionPercent')} rules={[{ required: true, pattern: /^\d{1,3}(\.\d{1,2})?$/, message: t('val.percentPattern') }]}>
                  <Input inputMode="decimal" suffix="%" style={{ maxWidth: 200 }} />
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('deal.brokerAssign')}
              </Button>
            </Form>
          </Card>
        </Col>
      )}
    </Row>
  );
}

export default function DealPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const cities = useCities();
  const res = useAsync(() => unwrap(api.GET('/api/deals/{id}', { params: { path: { id } } })), [id]);
  const stage = useStageChange((d) => res.setData(d));
  const [tab, setTab] = useState('negotiation');

  if (res.error) return <div className="tb-container tb-page">{(res.error as { status?: number }).status === 404 ? <NotFound /> : <ErrorBlock error={res.error} onRetry={res.reload} />}</div>;
  if (!res.data)
    return (
      <div className="tb-container tb-page">
        <LoadingBlock rows={10} />
      </div>
    );
  const deal = res.data;
  const isSeller = deal.roles.includes('seller');
  const listingLink = deal.achievement ? `/achievements/${deal.achievement.id}` : deal.demand ? `/demands/${deal.demand.id}` : null;
  const where = deal.industrialised
    ? deal.industrialised.inLiaoning
      ? (cities?.find((c) => c.code === deal.industrialised!.regionCode)?.name ?? deal.industrialised.regionCode)
      : t('deal.outsideLiaoning', { code: deal.industrialised.regionCode })
    : null;
  const reached = [...OPEN_STAGES].reverse().find((s) => deal.stageTimes[s]);

  const tabs = [
    { key: 'negotiation', label: t('deal.tabs.negotiation'), children: <Negotiation deal={deal} onDeal={res.setData} /> },
    { key: 'timeline', label: t('deal.tabs.timeline'), children: <TimelineTab deal={deal} /> },
    ...(deal.roles.includes('broker') || deal.roles.includes('admin') ? [{ key: 'tasks', label: t('deal.tabs.tasks'), children: <TasksTab deal={deal} /> }] : []),
    { key: 'brokers', label: t('deal.tabs.brokers'), children: <BrokersTab deal={deal} onDeal={res.setData} /> },
  ];

  return (
    <div className="tb-container tb-page">
      <Breadcrumb className="tb-breadcrumb" items={[{ title: <Link to="/deals">{t('deal.title')}</Link> }, { title: deal.title }]} />
      <Card className="tb-deal-head" data-testid="deal-head">
        <div className="tb-deal-head-top">
          <div className="tb-deal-head-main">
            <Space size={[6, 6]} wrap className="tb-detail-kind">
              <Tag color="blue">{t(`deal.modeName.${deal.mode}` as MessageKey)}</Tag>
              <Tag>{t(`deal.via.${deal.openedVia}` as MessageKey)}</Tag>
              <Tag color={deal.stage === 'closed_lost' ? 'red' : 'processing'} data-testid="deal-stage">
                {stageLabel(t, deal.stage)}
              </Tag>
            </Space>
            <h1 className="tb-detail-title">{deal.title}</h1>
          </div>
          <Space wrap className="tb-deal-actions">
            {deal.stage === 'contract_signed' && isSeller && (
              <Link to={`/contracts/new?deal=${deal.id}`}>
                <Button type="primary" icon={<FileProtectOutlined />} data-testid="register-contract">
                  {t('deal.registerContract')}
                </Button>
              </Link>
            )}
            <StageMenu deal={deal} onRequest={(to) => stage.request(deal, to)} />
            {deal.achievement && <Link to={`/services/pilot/recommend?deal=${deal.id}`}><Button data-testid="deal-pilot">{t('sv.pl.bookPilot' as MessageKey)}</Button></Link>}
            <Suspense fallback={null}>
              <RaiseCaseButton subjectType="deal" subjectId={deal.id} defaultTitle={deal.title} />
            </Suspense>
          </Space>
        </div>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} colon={false} layout="vertical" className="tb-deal-facts">
          <Descriptions.Item label={t('deal.buyer')}>
            <Link to={`/organisations/${deal.buyer.id}`}>{deal.buyer.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('deal.seller')}>
            <Link to={`/organisations/${deal.seller.id}`}>{deal.seller.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('deal.brokers')}>{deal.brokers.length ? deal.brokers.map((b) => b.name).join('、') : t('deal.noBroker')}</Descriptions.Item>
          <Descriptions.Item label={t('deal.amount')}>
            {deal.amountWan ? (
              <span className="tb-facts-amount" data-testid="deal-amount">
                {deal.amountWan} {t('common.wan')}
              </span>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('deal.listings')}>
            <Space direction="vertical" size={2}>
              {deal.demand && <Link to={`/demands/${deal.demand.id}`}>{t('kind.demand')}{t('common.colon')}{deal.demand.title}</Link>}
              {deal.achievement && <Link to={`/achievements/${deal.achievement.id}`}>{t('kind.achievement')}{t('common.colon')}{deal.achievement.title}</Link>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('deal.ndaState')}>
            {deal.stageTimes.nda_signed ? (
              <Tag icon={<SafetyCertificateOutlined />} color="success">
                {t('deal.stage.nda_signed')} · {formatDate(deal.stageTimes.nda_signed, lang)}
              </Tag>
            ) : listingLink ? (
              <Link to={listingLink}>{t('deal.ndaLink')}</Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('deal.myRoles')}>{deal.roles.map((r) => t(`deal.role.${r}` as MessageKey)).join('、')}</Descriptions.Item>
          {deal.matchScore !== null && <Descriptions.Item label={t('deal.matchScore')}>{deal.matchScore.toFixed(2)}</Descriptions.Item>}
        </Descriptions>
        {deal.stage === 'closed_lost' && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={t('deal.lostAt', { s: stageLabel(t, reached ?? 'matched'), r: deal.lostReasonLabel ? (lang === 'en' ? deal.lostReasonLabel.en : deal.lostReasonLabel.zh) : t('deal.lost.unspecified') })}
            description={deal.lostNote ?? undefined}
          />
        )}
        {where && <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('deal.industrialisedAt', { where })} />}
      </Card>
      <Card className="tb-section-card" title={<h2 className="tb-card-title">{t('deal.steps')}</h2>}>
        <DealSteps deal={deal} />
      </Card>
      <Card className="tb-section-card">
        <Tabs activeKey={tab} onChange={setTab} items={tabs} />
      </Card>
      {stage.modal}
    </div>
  );
}
