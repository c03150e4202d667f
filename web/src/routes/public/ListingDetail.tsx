import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Form, Input, Modal, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, LockOutlined, NodeIndexOutlined, SafetyCertificateFilled, UnlockOutlined } from '@ant-design/icons';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, isAchievement, unwrap, type Listing, type ListingKind, type Nda } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useAuth } from '../../lib/auth';
import { indexTaxonomy, useTaxonomy, useTrl } from '../../lib/reference';
import { formatDate, formatDateTime } from '../../lib/format';
import { applyApiError } from '../../lib/form-errors';
import { amountOf, TrlBadge } from '../../components/ListingCard';
import { StatusTag } from '../../components/StatusTag';
import { ErrorBlock, LoadingBlock, NotFound } from '../../components/PageState';
import { ListingActions } from '../../components/ListingActions';
import { NdaAcceptModal } from '../../components/NdaAcceptModal';
import { QualityList } from '../../components/QualityList';
import { StartDealButton } from '../../components/StartDeal';
import { SubscribeButton } from '../../components/SubscribeButton';
import { ModeAdviceCard } from '../../components/ModeAdvice';

// 协调事项: raise a blocker on this listing (the government chunk loads only for signed-in users)
const RaiseCaseButton = lazy(() => import('../gov/RaiseCase').then((m) => ({ default: m.RaiseCaseButton })));
import { MarketTools } from '../../components/MarketTools';

const EDITABLE = ['draft', 'rejected', 'published', 'submitted'];

async function loadListing(kind: ListingKind, id: string): Promise<Listing> {
  return (kind === 'demand'
    ? await unwrap(api.GET('/api/demands/{id}', { params: { path: { id } } }))
    : await unwrap(api.GET('/api/achievements/{id}', { params: { path: { id } } }))) as Listing;
}

function NdaPanel({ listing, onUnlocked }: { listing: Listing; onUnlocked(): void }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const { message } = App.useApp();
  const loc = useLocation();
  const [requesting, setRequesting] = useState(false);
  const [accepting, setAccepting] = useState<Nda | null>(null);
  const [form] = Form.useForm<{ message: string }>();
  const [busy, setBusy] = useState(false);
  const ndas = useAsync(
    async () => (session ? await unwrap(api.GET('/api/ndas', { params: { query: { direction: 'outgoing' } } })) : []),
    [session?.user.id, listing.id],
  );
  const mine = (ndas.data ?? [])
    .filter((n) => n.listingId === listing.id)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];

  if (!session)
    return (
      <Link to={`/login?next=${encodeURIComponent(loc.pathname)}`}>
        <Button type="primary" icon={<LockOutlined />}>
          {t('listing.loginToRequest')}
        </Button>
      </Link>
    );
  if (ndas.loading) return null;

  const open = mine && (mine.status === 'requested' || mine.status === 'approved');
  return (
    <div className="tb-nda-panel" data-testid="nda-panel">
      {mine?.status === 'requested' && <Alert type="info" showIcon title={t('listing.ndaRequested')} />}
      {mine?.status === 'approved' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={t('listing.ndaApproved')} />
          <Button type="primary" icon={<UnlockOutlined />} onClick={() => setAccepting(mine)}>
            {t('listing.readAccept')}
          </Button>
        </Space>
      )}
      {mine?.status === 'rejected' && <Alert type="warning" showIcon title={t('listing.ndaRejected', { reason: mine.decisionReason ?? '' })} style={{ marginBottom: 12 }} />}
      {!open && (
        <Button
          type="primary"
          icon={<LockOutlined />}
          onClick={() => {
            form.resetFields();
            setRequesting(true);
          }}
        >
          {t('listing.requestDetail')}
        </Button>
      )}
      <Modal
        open={requesting}
        title={t('listing.requestDetail')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy }}
        onCancel={() => setRequesting(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          setBusy(true);
          try {
            await unwrap(api.POST('/api/ndas', { body: { listingKind: listing.kind as ListingKind, listingId: listing.id, message: v.message ?? '' } }));
            message.success(t('listing.requestSent'));
            setRequesting(false);
            ndas.reload();
          } catch (e) {
            const top = applyApiError(form, e, (f) => f === 'message');
            if (top) message.error(top);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="message" label={t('listing.requestMessage')}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('listing.requestMessagePh')} />
          </Form.Item>
        </Form>
      </Modal>
      {accepting && (
        <NdaAcceptModal
          nda={accepting}
          open
          onClose={() => setAccepting(null)}
          onAccepted={() => {
            setAccepting(null);
            ndas.reload();
            onUnlocked();
          }}
        />
      )}
    </div>
  );
}

export default function ListingDetail({ kind }: { kind: ListingKind }) {
  const { id = '' } = useParams();
  const { t, lang, pick } = useI18n();
  const { session } = useAuth();
  const res = useAsync(() => loadListing(kind, id), [kind, id, session?.user.id]);
  const taxonomy = useTaxonomy();
  const trlLevels = useTrl();
  const taxIndex = useMemo(() => indexTaxonomy(taxonomy), [taxonomy]);

  if (res.loading && !res.data)
    return (
      <div className="tb-container tb-page">
        <LoadingBlock rows={10} />
      </div>
    );
  if (res.error || !res.data)
    return (
      <div className="tb-container tb-page">
        {res.error && (res.error as { status?: number }).status === 404 ? <NotFound title={t('listing.notFound')} /> : <ErrorBlock error={res.error} onRetry={res.reload} />}
      </div>
    );

  const l = res.data;
  const a = isAchievement(l) ? l : null;
  const d = !isAchievement(l) ? l : null;
  const trl = a ? a.trl : d?.minTrl ?? null;
  const trlInfo = trlLevels?.find((x) => x.level === trl);
  const base = kind === 'demand' ? '/demands' : '/achievements';
  const canEdit = l.owner && EDITABLE.includes(l.status);
  const isAdmin = session?.user.role === 'admin';

  return (
    <div className="tb-container tb-page">
      <Breadcrumb
        className="tb-breadcrumb"
        items={[{ title: <Link to="/">{t('nav.home')}</Link> }, { title: <Link to={base}>{t(kind === 'demand' ? 'nav.demands' : 'nav.achievements')}</Link> }, { title: l.title }]}
      />
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={17}>
          <Card className="tb-detail-head">
            <div className="tb-detail-kind">
              <Tag color={kind === 'demand' ? 'orange' : 'blue'}>{t(`kind.${kind}` as MessageKey)}</Tag>
              {l.status !== 'published' && <StatusTag status={l.status} />}
            </div>
            <h1 className="tb-detail-title">{l.title}</h1>
            <div className="tb-detail-sub">
              <Link to={`/organisations/${l.organisation.id}`}>
                {l.organisation.name} {l.organisation.verified && <SafetyCertificateFilled className="tb-verified" aria-label={t('common.verified')} />}
              </Link>
              {l.regionName && <span>{l.regionName}</span>}
              <span>
                {t('common.publishedAt')}: {formatDate(l.publishedAt, lang)}
              </span>
            </div>
            {session && ['published', 'in_negotiation'].includes(l.status) && (!l.owner || session.user.role === 'broker') && (
              <Space wrap className="tb-detail-cta">
                <StartDealButton kind={kind} id={l.id} title={l.title} />
                <SubscribeButton defaults={{ name: l.title, targetKind: kind === 'demand' ? 'achievement' : 'demand', sourceKind: kind, sourceId: l.id }} />
                {session?.user && (
                  <Suspense fallback={null}>
                    <RaiseCaseButton subjectType={kind} subjectId={l.id} defaultTitle={l.title} />
                  </Suspense>
                )}
              </Space>
            )}
            {l.rejectReason && (l.owner || isAdmin) && (
              <Alert type="error" showIcon title={t('listing.rejectReason')} description={l.rejectReason} style={{ marginTop: 12 }} />
            )}
            {(l.owner || isAdmin) && (
              <div className="tb-detail-owner">
                {l.owner && <span className="tb-muted">{t('listing.ownerHint')}</span>}
                <Space wrap>
                  {canEdit && (
                    <Link to={`/workspace/${kind === 'demand' ? 'demands' : 'achievements'}/${l.id}/edit`}>
                      <Button icon={<EditOutlined />}>{t('action.edit')}</Button>
                    </Link>
                  )}
                  {l.owner && (
                    <Link to={`/workspace/${kind === 'demand' ? 'demands' : 'achievements'}/${l.id}/matches`}>
                      <Button icon={<NodeIndexOutlined />}>{t('action.matches')}</Button>
                    </Link>
                  )}
                  <ListingActions listing={l} onDone={(u) => res.setData(u)} />
                  {l.owner && l.status === 'published' && <MarketTools kind={kind} id={l.id} />}
                </Space>
              </div>
            )}
          </Card>

          <Card title={<h2 className="tb-card-title">{t('listing.summary')}</h2>} className="tb-section-card">
            <Typography.Paragraph className="tb-prewrap">{l.summary}</Typography.Paragraph>
            {l.keywords.length > 0 && (
              <div className="tb-keywords">
                <span className="tb-muted">{t('listing.keywords')}：</span>
                {l.keywords.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </div>
            )}
          </Card>

          {a && <ModeAdviceCard trl={a.trl} />}
          {a && session && a.trl !== null && a.trl >= 4 && a.trl <= 6 && <Card className="tb-section-card"><Space wrap><span className="tb-muted">TRL {a.trl}</span><Link to={`/services/pilot/recommend?achievement=${a.id}`}><Button type="primary" ghost data-testid="pilot-recommend-link">{t('sv.pl.recommendBtn' as MessageKey)}</Button></Link></Space></Card>}

          {a && (a.team.length > 0 || a.ip.length > 0 || a.pilotNeeds) && (
            <Card className="tb-section-card">
              {a.ip.length > 0 && (
                <>
                  <h2 className="tb-card-title">{t('listing.ip')}</h2>
                  <Table
                    size="small"
                    rowKey={(r) => `${r.type}-${r.number}-${r.title}`}
                    pagination={false}
                    dataSource={a.ip}
                    scroll={{ x: true }}
                    columns={[
                      { title: t('form.ipType'), dataIndex: 'type', render: (v: string) => t(`ip.${v}` as MessageKey) },
                      { title: t('form.ipNumber'), dataIndex: 'number', render: (v: string | null) => v ?? '—' },
                      { title: t('form.ipTitle'), dataIndex: 'title' },
                    ]}
                  />
                </>
              )}
              {a.team.length > 0 && (
                <>
                  <h2 className="tb-card-title" style={{ marginTop: 20 }}>
                    {t('listing.team')}
                  </h2>
                  <div className="tb-team">
                    {a.team.map((m, i) => (
                      <div key={i} className="tb-team-member">
                        <strong>{m.name}</strong>
                        <span className="tb-muted">{[m.title, m.role].filter(Boolean).join(' · ')}</span>
                      </div>
                    ))}
                  </div>
                </>
              )}
              {a.pilotNeeds && (
                <>
                  <h2 className="tb-card-title" style={{ marginTop: 20 }}>
                    {t('listing.pilotNeeds')}
                  </h2>
                  <p className="tb-prewrap">{a.pilotNeeds}</p>
                </>
              )}
            </Card>
          )}

          <Card
            title={
              <h2 className="tb-card-title">
                {l.detailVisible ? <UnlockOutlined aria-hidden /> : <LockOutlined aria-hidden />} {t('listing.detail')}
              </h2>
            }
            className="tb-section-card tb-detail-secret"
            data-testid="listing-detail"
          >
            {l.detailVisible ? (
              l.detail ? (
                <div className="tb-prewrap" data-testid="detail-text">
                  {l.detail}
                </div>
              ) : (
                <p className="tb-muted">{t('listing.detailNone')}</p>
              )
            ) : !l.hasDetail ? (
              <p className="tb-muted">{t('listing.detailNone')}</p>
            ) : (
              <Result
                icon={<LockOutlined className="tb-lock-icon" />}
                title={<span className="tb-lock-title">{t('listing.detailLocked')}</span>}
                extra={<NdaPanel listing={l} onUnlocked={res.reload} />}
              />
            )}
          </Card>

          {l.quality && l.quality.length > 0 && (l.owner || isAdmin) && (
            <Card title={<h2 className="tb-card-title">{t('listing.quality')}</h2>} className="tb-section-card">
              <QualityList items={l.quality} />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={7}>
          <Card className="tb-facts" title={<h2 className="tb-card-title">{t('listing.facts')}</h2>}>
            <Descriptions column={1} size="small" colon={false} layout="vertical">
              <Descriptions.Item label={a ? t('listing.price') : t('listing.budget')}>
                <span className="tb-facts-amount">{amountOf(l, t)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={a ? t('listing.trl') : t('listing.minTrl')}>
                {trl ? (
                  <div>
                    <TrlBadge level={trl} />
                    {trlInfo && <div className="tb-muted tb-small">{pick(trlInfo.zh, trlInfo.en)}</div>}
                  </div>
                ) : (
                  t('common.notSet')
                )}
              </Descriptions.Item>
              {l.field && <Descriptions.Item label={t('listing.field')}>{l.field}</Descriptions.Item>}
              {l.industries.length > 0 && (
                <Descriptions.Item label={t('listing.industries')}>
                  <Space size={[4, 4]} wrap>
                    {l.industries.map((c) => {
                      const n = taxIndex.get(c);
                      return <Tag key={c}>{n ? pick(n.name, n.nameEn) : c}</Tag>;
                    })}
                  </Space>
                </Descriptions.Item>
              )}
              {l.modes.length > 0 && (
                <Descriptions.Item label={t('listing.modes')}>
                  <Space size={[4, 4]} wrap>
                    {l.modes.map((m) => (
                      <Tag key={m} color="blue" bordered={false}>
                        {t(`mode.${m}` as MessageKey)}
                      </Tag>
                    ))}
                  </Space>
                </Descriptions.Item>
              )}
              {d?.deadline && <Descriptions.Item label={t('listing.deadline')}>{formatDate(d.deadline, lang)}</Descriptions.Item>}
              <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(l.updatedAt, lang)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
