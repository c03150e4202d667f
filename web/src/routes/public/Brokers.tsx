import { useState } from 'react';
import { Card, Col, Empty, Input, Pagination, Row, Tag } from 'antd';
import { SafetyCertificateFilled, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';

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
      <h1 className="tb-page-title">{t('brokers.title')}</h1>
      <p className="tb-page-sub">{t('brokers.sub')}</p>
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
