import { useMemo, useState } from 'react';
import { Card, Col, Descriptions, Empty, Pagination, Row, Tabs, Tag } from 'antd';
import { SafetyCertificateFilled } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type Listing } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { indexTaxonomy, useTaxonomy } from '../../lib/reference';
import { ErrorBlock, LoadingBlock, NotFound } from '../../components/PageState';
import { ListingCard } from '../../components/ListingCard';

function OrgListings({ orgId, kind }: { orgId: string; kind: 'demand' | 'achievement' }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const res = useAsync(async () => {
    const query = { org: orgId, page, pageSize: 10, sort: 'newest' as const };
    return (kind === 'demand'
      ? await unwrap(api.GET('/api/demands', { params: { query } }))
      : await unwrap(api.GET('/api/achievements', { params: { query } }))) as { items: Listing[]; total: number };
  }, [orgId, kind, page]);
  if (res.loading && !res.data) return <LoadingBlock card={false} />;
  if (res.error) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  if (!res.data?.items.length) return <Empty description={t('common.empty')} />;
  return (
    <>
      <div className="tb-results">
        {res.data.items.map((l) => (
          <ListingCard key={l.id} item={l} />
        ))}
      </div>
      {res.data.total > 10 && <Pagination className="tb-pagination" current={page} total={res.data.total} onChange={setPage} showSizeChanger={false} />}
    </>
  );
}

export default function OrganisationPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const res = useAsync(() => unwrap(api.GET('/api/organisations/{id}', { params: { path: { id } } })), [id]);
  const taxonomy = useTaxonomy();
  const taxIndex = useMemo(() => indexTaxonomy(taxonomy), [taxonomy]);
  if (res.loading && !res.data)
    return (
      <div className="tb-container tb-page">
        <LoadingBlock rows={6} />
      </div>
    );
  if (res.error || !res.data)
    return (
      <div className="tb-container tb-page">
        {(res.error as { status?: number })?.status === 404 ? <NotFound title={t('org.notFound')} /> : <ErrorBlock error={res.error} onRetry={res.reload} />}
      </div>
    );
  const o = res.data;
  const showDemands = ['enterprise', 'pilot_base', 'demonstration_base', 'incubator', 'bank', 'guarantee', 'insurer', 'investor'].includes(o.type);
  const showAchievements = ['university', 'institute', 'enterprise'].includes(o.type);
  const tabs = [
    ...(showAchievements ? [{ key: 'a', label: t('org.achievements'), children: <OrgListings orgId={o.id} kind="achievement" /> }] : []),
    ...(showDemands ? [{ key: 'd', label: t('org.demands'), children: <OrgListings orgId={o.id} kind="demand" /> }] : []),
  ];
  return (
    <div className="tb-container tb-page">
      <Row gutter={[20, 20]}>
        <Col xs={24}>
          <Card className="tb-org-head">
            <h1 className="tb-detail-title">
              {o.name} {o.verified && <SafetyCertificateFilled className="tb-verified" aria-label={t('common.verified')} />}
            </h1>
            <div className="tb-detail-sub">
              <Tag color="blue">{t(`orgType.${o.type}` as MessageKey)}</Tag>
              {o.regionName && <span>{o.regionName}</span>}
              <Tag color={o.verified ? 'success' : 'default'}>{o.verified ? t('common.verified') : t('common.unverified')}</Tag>
              {o.flags.map((f) => (
                <Tag key={f} color="gold">
                  {f}
                </Tag>
              ))}
            </div>
            {o.intro && <p className="tb-prewrap tb-org-intro">{o.intro}</p>}
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              {o.uscc && <Descriptions.Item label={t('org.uscc')}>{o.uscc}</Descriptions.Item>}
              <Descriptions.Item label={t('x.nav.credit')}>
                <Link to={`/credit/${o.id}`} data-testid="org-credit-link">{t('cr.viewCredit')}</Link>
              </Descriptions.Item>
              {o.website && (
                <Descriptions.Item label={t('org.website')}>
                  <a href={o.website} target="_blank" rel="noreferrer noopener">
                    {o.website}
                  </a>
                </Descriptions.Item>
              )}
              {o.industries.length > 0 && (
                <Descriptions.Item label={t('org.industries')}>
                  {o.industries.map((c) => {
                    const n = taxIndex.get(c);
                    return <Tag key={c}>{n ? pick(n.name, n.nameEn) : c}</Tag>;
                  })}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        {tabs.length > 0 && (
          <Col xs={24}>
            <Card>
              <Tabs items={tabs} />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
