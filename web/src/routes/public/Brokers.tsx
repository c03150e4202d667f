import { useState } from 'react';
import { Card, Col, Empty, Input, Pagination, Row, Tag } from 'antd';
import { IdcardOutlined, SafetyCertificateFilled, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { useCities, useTaxonomy, indexTaxonomy } from '../../lib/reference';
import { useMemo } from 'react';
import { api, unwrap } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';

function BrokerDirectory() {
  const { t, pick } = useI18n();
  const res = useAsync(() => unwrap(api.GET('/api/brokers')), []);
  const cities = useCities();
  const taxonomy = useTaxonomy();
  const tax = useMemo(() => indexTaxonomy(taxonomy), [taxonomy]);
  if (res.error) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  if (!res.data) return <LoadingBlock rows={4} />;
  if (!res.data.length)
    return (
      <Card>
        <Empty description={t('brk.empty')} />
      </Card>
    );
  return (
    <Row gutter={[16, 16]} data-testid="broker-directory">
      {res.data.map((b) => (
        <Col key={b.userId} xs={24} md={12} xl={8}>
          <Card className="tb-org-card">
            <div className="tb-org-card-name">
              <IdcardOutlined aria-hidden /> {b.name}
            </div>
            <div className="tb-muted tb-small">
              {b.certificateNo ? `${t('brk.certificate')} ${b.certificateNo}` : ''}
              {b.regions.length > 0 && ` · ${b.regions.map((r) => cities?.find((c) => c.code === r)?.name ?? r).join('、')}`}
            </div>
            {b.bio && <p className="tb-org-card-intro">{b.bio}</p>}
            <div className="tb-broker-stats" aria-label={t('brk.record')}>
              <div>
                <strong>{b.record.handled}</strong>
                <span>{t('brk.handled')}</span>
              </div>
              <div>
                <strong>{b.record.signed}</strong>
                <span>{t('brk.signed')}</span>
              </div>
              <div>
                <strong>{b.record.amountWan}</strong>
                <span>
                  {t('brk.amount')}{t('common.paren', { x: t('common.wan') })}
                </span>
              </div>
              <div>
                <strong>{b.record.medianDaysMatchToContract ?? '—'}</strong>
                <span>{t('brk.median')}</span>
              </div>
            </div>
            <div style={{ marginTop: 8 }}>
              {b.specialities.map((s) => (
                <Tag key={s}>{tax.get(s) ? pick(tax.get(s)!.name, tax.get(s)!.nameEn) : s}</Tag>
              ))}
              {b.defaultCommissionPercent && <Tag color="gold">{t('brk.commission')} {b.defaultCommissionPercent}%</Tag>}
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export default function Brokers() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const res = useAsync(
    () => unwrap(api.GET('/api/organisations', { params: { query: { type: 'broker_agency', q: q || undefined, page, pageSize: 12 } } })),
    [q, page],
  );
  return (
    <div className="tb-container tb-page">
      <h1 className="tb-page-title">{t('brk.directoryTitle')}</h1>
      <p className="tb-page-sub">{t('brk.directorySub')}</p>
      <BrokerDirectory />
      <h2 className="tb-section-title" style={{ marginTop: 32 }}>{t('brokers.title')}</h2>
      <p className="tb-page-sub" style={{ marginTop: 0 }}>{t('brokers.sub')}</p>
      <div className="tb-search-bar">
        <Input.Search
          allowClear
          placeholder={t('brokers.search')}
          aria-label={t('brokers.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          enterButton={t('common.search')}
          size="large"
        />
      </div>
      {res.loading && !res.data ? (
        <LoadingBlock rows={6} />
      ) : res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : !res.data?.items.length ? (
        <Card>
          <Empty description={t('brokers.empty')} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {res.data.items.map((o) => (
              <Col key={o.id} xs={24} md={12} xl={8}>
                <Card className="tb-org-card" hoverable>
                  <Link to={`/organisations/${o.id}`} className="tb-org-card-name">
                    <TeamOutlined aria-hidden /> {o.name}
                    {o.verified && <SafetyCertificateFilled className="tb-verified" aria-label={t('common.verified')} />}
                  </Link>
                  <div className="tb-muted tb-small">{o.regionName ?? ''}</div>
                  <p className="tb-org-card-intro">{o.intro}</p>
                  <div>
                    {o.flags.map((f) => (
                      <Tag key={f} color="gold">
                        {f}
                      </Tag>
                    ))}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          {res.data.total > 12 && <Pagination className="tb-pagination" current={page} pageSize={12} total={res.data.total} onChange={setPage} showSizeChanger={false} />}
        </>
      )}
    </div>
  );
}
