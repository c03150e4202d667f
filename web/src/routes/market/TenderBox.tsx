import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Table, Tag } from 'antd';
import { LockOutlined, TrophyOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, listingPath, unwrap, type Listing, type Tender } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { formatDateTime, WAN_PATTERN } from '../../lib/format';
import { ErrorBlock, LoadingBlock, NotFound } from '../../components/PageState';
import { countdown, useNow } from './auctionCommon';

type TenderOffer = Tender['offers'][number];

export default function TenderBox() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { session } = useAuth();
  const { message, modal } = App.useApp();
  const nav = useNavigate();
  const loc = useLocation();
  const now = useNow();
  const res = useAsync(async () => {
    const tender = await unwrap(api.GET('/api/tenders/{id}', { params: { path: { id } } }));
    const listing = (tender.listingKind === 'demand'
      ? await unwrap(api.GET('/api/demands/{id}', { params: { path: { id: tender.listingId } } }))
      : await unwrap(api.GET('/api/achievements/{id}', { params: { path: { id: tender.listingId } } }))) as Listing;
    return { tender, listing };
  }, [id, session?.user.id]);
  const [form] = Form.useForm<{ priceWan: string; proposal?: string }>();
  const [busy, setBusy] = useState<string | null>(null);

  if (res.error) return <div className="tb-container tb-page">{(res.error as { status?: number }).status === 404 ? <NotFound /> : <ErrorBlock error={res.error} onRetry={res.reload} />}</div>;
  if (!res.data) return <div className="tb-container tb-page"><LoadingBlock rows={8} /></div>;
  const { tender: td, listing } = res.data;
  const owner = listing.owner;
  const beforeDeadline = Date.parse(td.deadline) > now;
  const setTender = (x: Tender) => res.setData({ tender: x, listing });

  const act = async (what: 'open' | string) => {
    setBusy(what);
    try {
      if (what === 'open') setTender(await unwrap(api.POST('/api/tenders/{id}/open', { params: { path: { id: td.id } } })));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const award = (o: TenderOffer) =>
    modal.confirm({
      title: t('tdr.award'),
      content: t('tdr.awardConfirm'),
      okText: t('tdr.award'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await unwrap(api.POST('/api/tenders/{id}/award', { params: { path: { id: td.id } }, body: { offerId: o.id } }));
          message.success(t('tdr.awarded'));
          nav(`/deals/${r.dealId}`);
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  const rank = new Map((td.ranking ?? []).map((r) => [r.offerId, r]));
  const offers = [...td.offers].sort((a, b) => (rank.get(a.id)?.rank ?? 99) - (rank.get(b.id)?.rank ?? 99));

  return (
    <div className="tb-container tb-page">
      <Breadcrumb className="tb-breadcrumb" items={[{ title: <Link to={listingPath(td.listingKind, td.listingId)}>{listing.title}</Link> }, { title: t('tdr.title') }]} />
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={15}>
          <Card className="tb-detail-head">
            <Tag color={td.status === 'open' ? 'green' : td.status === 'awarded' ? 'gold' : 'blue'}>{t(`tdr.status.${td.status}` as MessageKey)}</Tag>
            <h1 className="tb-detail-title">{td.title}</h1>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} colon={false}>
              <Descriptions.Item label={t('tdr.deadline')}>
                {formatDateTime(td.deadline, lang)}
                {beforeDeadline && <span className="tb-muted tb-mono"> · {countdown(Date.parse(td.deadline) - now, t)}</span>}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.status')}>
                <span data-testid="tender-count">{t('tdr.count', { n: td.offerCount })}</span>
              </Descriptions.Item>
              {td.openedAt && <Descriptions.Item label={t('tdr.opened')}>{formatDateTime(td.openedAt, lang)}</Descriptions.Item>}
              {td.dealId && session && (
                <Descriptions.Item label={t('deal.title')}>
                  <Link to={`/deals/${td.dealId}`}>{t('auc.dealLink')}</Link>
                </Descriptions.Item>
              )}
            </Descriptions>
            {td.sealed && <Alert type="info" icon={<LockOutlined />} showIcon title={t('tdr.sealed')} style={{ marginTop: 12 }} />}
            {owner && td.status === 'open' && !beforeDeadline && (
              <Button type="primary" style={{ marginTop: 12 }} loading={busy === 'open'} onClick={() => act('open')}>
                {t('tdr.open')}
              </Button>
            )}
          </Card>
          <Card className="tb-section-card" title={<h2 className="tb-card-title">{td.ranking ? t('tdr.ranking') : t('tdr.myOffers')}</h2>}>
            <Table<TenderOffer>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={offers}
              scroll={{ x: 640 }}
              locale={{ emptyText: <Empty description={td.sealed && owner ? t('tdr.count', { n: td.offerCount }) : t('common.empty')} /> }}
              columns={[
                ...(td.ranking ? [{ title: t('tdr.rank'), key: 'rank', width: 70, render: (_: unknown, o: TenderOffer) => rank.get(o.id)?.rank ?? '—' }] : []),
                { title: t('tdr.price'), dataIndex: 'priceWan', align: 'right', width: 120, render: (v: string) => <strong>{v}</strong> },
                { title: t('tdr.proposal'), dataIndex: 'proposal', ellipsis: true },
                ...(td.ranking ? [{ title: t('tdr.totalScore'), key: 'score', width: 90, align: 'right' as const, render: (_: unknown, o: TenderOffer) => rank.get(o.id)?.totalScore.toFixed(1) ?? '—' }] : []),
                { title: t('tdr.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (v: string) => formatDateTime(v, lang) },
                ...(owner && td.status === 'opened'
                  ? [{ title: t('common.actions'), key: 'a', width: 100, render: (_: unknown, o: TenderOffer) => <Button size="small" type="primary" icon={<TrophyOutlined />} onClick={() => award(o)}>{t('tdr.award')}</Button> }]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          {!owner && td.status === 'open' && beforeDeadline && (
            <Card title={<h2 className="tb-card-title">{t('tdr.offer')}</h2>}>
              {!session ? (
                <Link to={`/login?next=${encodeURIComponent(loc.pathname)}`}>
                  <Button type="primary">{t('tdr.loginToOffer')}</Button>
                </Link>
              ) : (
                <Form
                  form={form}
                  layout="vertical"
                  onFinish={async (v) => {
                    setBusy('offer');
                    try {
                      setTender(await unwrap(api.POST('/api/tenders/{id}/offers', { params: { path: { id: td.id } }, body: { priceWan: v.priceWan.trim(), proposal: v.proposal?.trim() ?? '' } })));
                      message.success(t('tdr.offered'));
                    } catch (e) {
                      const top = applyApiError(form, e, (f) => f === 'priceWan' || f === 'proposal');
                      if (top) message.error(top);
                    } finally {
                      setBusy(null);
                    }
                  }}
                >
                  <Form.Item name="priceWan" label={t('tdr.price')} rules={[{ required: true, pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
                    <Input inputMode="decimal" suffix={t('common.wan')} />
                  </Form.Item>
                  <Form.Item name="proposal" label={t('tdr.proposal')}>
                    <Input.TextArea rows={6} maxLength={10000} showCount />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy === 'offer'}>
                    {t('tdr.offer')}
                  </Button>
                </Form>
              )}
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
