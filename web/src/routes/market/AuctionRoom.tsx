import { useEffect, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Empty, Form, Input, List, Row, Space, Tag } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { compareDecimal, formatDateTime, WAN_PATTERN } from '../../lib/format';
import { ErrorBlock, LoadingBlock, NotFound } from '../../components/PageState';
import { auctionPhase, countdown, currentPrice, PhaseTag, useNow } from './auctionCommon';

export default function AuctionRoom() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { session } = useAuth();
  const { message } = App.useApp();
  const loc = useLocation();
  const res = useAsync(() => unwrap(api.GET('/api/auctions/{id}', { params: { path: { id } } })), [id, session?.user.id]);
  const now = useNow();
  const [live, setLive] = useState<'on' | 'off' | 'connecting'>('connecting');
  const [form] = Form.useForm<{ amountWan: string }>();
  const [busy, setBusy] = useState(false);
  const reload = res.reload;

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/auctions/${encodeURIComponent(id)}/events`);
    es.onopen = () => setLive('on');
    es.onerror = () => setLive(es.readyState === EventSource.CLOSED ? 'off' : 'connecting');
    const refresh = () => reload();
    es.addEventListener('bid', refresh);
    es.addEventListener('closed', refresh);
    return () => es.close();
  }, [id, reload]);

  const a = res.data;
  const next = a?.minimumNextBidWan;
  useEffect(() => {
    // keep the suggested amount at or above the minimum next bid as other bids arrive
    const cur = form.getFieldValue('amountWan') as string | undefined;
    if (next && (!cur || !WAN_PATTERN.test(cur) || compareDecimal(cur, next) < 0)) form.setFieldsValue({ amountWan: next });
  }, [next, form]);

  if (res.error) return <div className="tb-container tb-page">{(res.error as { status?: number }).status === 404 ? <NotFound /> : <ErrorBlock error={res.error} onRetry={res.reload} />}</div>;
  if (!a) return <div className="tb-container tb-page"><LoadingBlock rows={8} /></div>;
  const phase = auctionPhase(a, now);
  const price = currentPrice(a);
  const own = !!session?.organisation && session.organisation.id === a.sellerOrgId;
  const bids = [...a.bids].sort((x, y) => y.seq - x.seq);

  const bid = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const after = await unwrap(api.POST('/api/auctions/{id}/bids', { params: { path: { id: a.id } }, body: { amountWan: v.amountWan.trim() } }));
      message.success(t('auc.bidDone'));
      res.setData(after);
      form.resetFields();
      form.setFieldsValue({ amountWan: after.minimumNextBidWan });
    } catch (e) {
      const top = applyApiError(form, e, (f) => f === 'amountWan');
      if (top) form.setFields([{ name: 'amountWan', errors: [top] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tb-container tb-page">
      <Breadcrumb className="tb-breadcrumb" items={[{ title: <Link to="/auctions">{t('auc.title')}</Link> }, { title: a.title }]} />
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={15}>
          <Card className="tb-detail-head">
            <Space size={6} wrap className="tb-detail-kind">
              <PhaseTag phase={phase} />
              <Tag color={live === 'on' ? 'green' : 'orange'} icon={<ThunderboltOutlined />}>
                {live === 'on' ? t('auc.live') : t('auc.reconnecting')}
              </Tag>
            </Space>
            <h1 className="tb-detail-title">{a.title}</h1>
            <Link to={`/achievements/${a.achievementId}`}>{t('kind.achievement')} →</Link>
            <div className="tb-auction-stats" aria-live="polite">
              <div className="tb-auction-stat tb-auction-stat-main">
                <div className="tb-muted tb-small">{price ? t('auc.current') : t('auc.starting')}</div>
                <div className="tb-auction-price" data-testid="auction-current">
                  {price ?? a.startingPriceWan} <span className="tb-position-unit">{t('common.wan')}</span>
                </div>
              </div>
              <div className="tb-auction-stat">
                <div className="tb-muted tb-small">{t('auc.nextMin')}</div>
                <div className="tb-auction-value" data-testid="auction-next">
                  {a.minimumNextBidWan} {t('common.wan')}
                </div>
                <div className="tb-muted tb-small">
                  {t('auc.increment')} {a.minIncrementWan} {t('common.wan')}
                </div>
              </div>
              <div className="tb-auction-stat">
                <div className="tb-muted tb-small">{phase === 'scheduled' ? t('auc.startsIn') : t('auc.endsIn')}</div>
                <div className="tb-auction-value tb-mono" role="timer" data-testid="auction-countdown">
                  {phase === 'closed' ? '—' : countdown(Date.parse(phase === 'scheduled' ? a.startAt : a.endAt) - now, t)}
                </div>
                <div className="tb-muted tb-small">
                  {t('auc.endsAt')} {formatDateTime(a.endAt, lang)}
                </div>
              </div>
              <div className="tb-auction-stat">
                <div className="tb-muted tb-small">{t('auc.reserve')}</div>
                <div className="tb-auction-value">
                  {a.reservePriceWan ? `${a.reservePriceWan} ${t('common.wan')}` : <span className="tb-small">{t('auc.reserveHidden')}</span>}
                </div>
                <Tag color={a.reserveMet ? 'green' : 'default'} data-testid="auction-reserve">
                  {a.reserveMet ? t('auc.reserveMet') : t('auc.reserveNotMet')}
                </Tag>
              </div>
            </div>
            {a.extensions > 0 && <Alert type="warning" showIcon title={t('auc.extended', { n: a.extensions })} description={t('auc.extendRule')} style={{ marginTop: 12 }} />}
            {a.extensions === 0 && phase === 'open' && <p className="tb-muted tb-small" style={{ marginTop: 12 }}>{t('auc.extendRule')}</p>}
            {phase === 'closed' && (
              <Alert
                type={a.outcome === 'won' ? 'success' : 'info'}
                showIcon
                style={{ marginTop: 12 }}
                title={`${t('auc.closedNotice')}${a.outcome ? ` · ${t(`auc.outcome.${a.outcome}` as MessageKey)}` : ''}`}
                action={a.dealId && session ? <Link to={`/deals/${a.dealId}`}>{t('auc.dealLink')}</Link> : undefined}
              />
            )}
          </Card>
          {phase === 'open' && (
            <Card className="tb-section-card" title={<h2 className="tb-card-title">{t('auc.bid')}</h2>}>
              {!session ? (
                <Link to={`/login?next=${encodeURIComponent(loc.pathname)}`}>
                  <Button type="primary">{t('auc.loginToBid')}</Button>
                </Link>
              ) : own ? (
                <Alert type="info" showIcon title={t('auc.ownAuction')} />
              ) : (
                <Form form={form} layout="vertical" onFinish={bid} className="tb-bid-form">
                  <Form.Item label={t('auc.bidAmount')} required style={{ marginBottom: 0 }}>
                    <Space.Compact className="tb-bid-compact">
                      <Form.Item name="amountWan" noStyle rules={[{ required: true, pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
                        <Input inputMode="decimal" suffix={t('common.wan')} aria-label={t('auc.bidAmount')} data-testid="bid-input" size="large" />
                      </Form.Item>
                      <Button type="primary" htmlType="submit" loading={busy} data-testid="bid-submit" size="large">
                        {t('auc.bid')}
                      </Button>
                    </Space.Compact>
                  </Form.Item>
                </Form>
              )}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card title={<h2 className="tb-card-title">{t('auc.bids')}</h2>} extra={<span className="tb-muted">{bids.length}</span>}>
            {!bids.length ? (
              <Empty description={t('auc.noBids')} />
            ) : (
              <List
                size="small"
                data-testid="auction-bids"
                dataSource={bids}
                renderItem={(b, i) => (
                  <List.Item className={i === 0 ? 'tb-bid-top' : ''}>
                    <span>
                      {t('auc.bidder', { n: b.bidder })}
                      {b.mine && <strong className="tb-bid-mine"> {t('auc.mine')}</strong>}
                      <div className="tb-muted tb-small">{formatDateTime(b.at, lang)}</div>
                    </span>
                    <strong className="tb-bid-amount">
                      {b.amountWan} {t('common.wan')}
                    </strong>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
