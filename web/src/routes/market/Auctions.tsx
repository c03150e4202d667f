import { Card, Col, Empty, Row, Segmented, Tag } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { auctionPhase, countdown, currentPrice, PhaseTag, useNow } from './auctionCommon';

export default function Auctions() {
  const { t, lang } = useI18n();
  const [sp, setSp] = useSearchParams();
  const status = sp.get('status') === 'closed' ? 'closed' : 'open';
  const res = useAsync(() => unwrap(api.GET('/api/auctions', { params: { query: { status } } })), [status]);
  const now = useNow();
  return (
    <div className="tb-container tb-page">
      <div className="tb-ws-head">
        <div>
          <h1 className="tb-page-title">{t('auc.title')}</h1>
          <p className="tb-page-sub tb-page-sub-tight">{t('auc.sub')}</p>
        </div>
        <Segmented aria-label={t('common.status')} value={status} onChange={(v) => setSp({ status: String(v) })} options={[{ value: 'open', label: t('auc.open') }, { value: 'closed', label: t('auc.closed') }]} />
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <LoadingBlock rows={6} />
      ) : !res.data.length ? (
        <Card>
          <Empty description={t('auc.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {res.data.map((a) => {
            const phase = auctionPhase(a, now);
            const price = currentPrice(a);
            return (
              <Col key={a.id} xs={24} md={12} xl={8}>
                <Card className="tb-auction-card" hoverable>
                  <div className="tb-auction-card-head">
                    <PhaseTag phase={phase} />
                    {a.reserveMet ? <Tag color="green">{t('auc.reserveMet')}</Tag> : null}
                  </div>
                  <Link to={`/auctions/${a.id}`} className="tb-org-card-name">
                    {a.title}
                  </Link>
                  <div className="tb-auction-card-price">
                    <span className="tb-muted tb-small">{price ? t('auc.current') : t('auc.starting')}</span>
                    <strong>
                      {price ?? a.startingPriceWan} {t('common.wan')}
                    </strong>
                  </div>
                  <div className="tb-muted tb-small">
                    <FieldTimeOutlined aria-hidden />{' '}
                    {phase === 'open'
                      ? `${t('auc.endsIn')} ${countdown(Date.parse(a.endAt) - now, t)}`
                      : phase === 'scheduled'
                        ? `${t('auc.startsAt')} ${formatDateTime(a.startAt, lang)}`
                        : `${t('auc.endsAt')} ${formatDateTime(a.endAt, lang)}`}
                    {' · '}
                    {t('auc.bids')} {a.bids.length}
                  </div>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
    </div>
  );
}
