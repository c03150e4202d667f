import { Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAsync } from '../../lib/useAsync';
import { get } from '../../lib/http';
import { OrgName, Reasons } from '../services/common';
import type { AchievementGaps, DealGap } from '../services/http';
import { useL } from './i18n';

type Rec = DealGap['recommendations'][number];

function RecList({ recs }: { recs: Rec[] }) {
  const { l } = useL();
  if (!recs.length) return <Typography.Text type="secondary">{l('gaps.noRecs')}</Typography.Text>;
  return (
    <ol className="gv-recs">
      {recs.map((r) => (
        <li key={r.baseId}>
          <Space wrap size={6}>
            <Link to={`/services/pilot/${r.baseId}`} className="tb-table-title">{r.name}</Link>
            <Tag>{l('gaps.score', { s: r.score.toFixed(2) })}</Tag>
          </Space>
          <Reasons reasons={r.reasons} />
        </li>
      ))}
    </ol>
  );
}

/** TRL-gap routing for government and pilot bases: achievements at TRL 4–6 and deals lost for lack of pilot capacity. */
export function PilotGapsPage() {
  const { l, pick } = useL();
  const ach = useAsync(() => get<AchievementGaps>('/api/pilot/gaps/achievements', { limit: 50 }), []);
  const deals = useAsync(() => get<DealGap[]>('/api/pilot/gaps'), []);
  return (
    <div data-testid="pilot-gaps">
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{l('gaps.title')}</h2>
          <p className="tb-page-sub tb-page-sub-tight">{l('gaps.sub')}</p>
        </div>
      </div>
      <Typography.Title level={4} className="sv-section-title">{l('gaps.deals')}</Typography.Title>
      {deals.error ? <ErrorBlock error={deals.error} onRetry={deals.reload} /> : deals.loading ? <LoadingBlock rows={2} /> : !deals.data?.length ? (
        <Card><Empty description={l('gaps.empty')} /></Card>
      ) : (
        <Row gutter={[12, 12]}>
          {deals.data.map((g) => (
            <Col xs={24} lg={12} key={g.deal.id}>
              <Card size="small" className="sv-card" title={<Link to={`/deals/${g.deal.id}`}>{g.deal.title}</Link>} data-testid="gap-deal">
                {g.deal.lostNote && <p className="tb-small"><strong>{l('gaps.lostNote')}</strong>：{g.deal.lostNote}</p>}
                <div className="sv-subtle-title">{l('gaps.recommended')}</div>
                <RecList recs={g.recommendations} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Typography.Title level={4} className="sv-section-title" style={{ marginTop: 20 }}>{l('gaps.achievements')}</Typography.Title>
      {ach.error ? <ErrorBlock error={ach.error} onRetry={ach.reload} /> : ach.loading || !ach.data ? <LoadingBlock rows={3} /> : !ach.data.items.length ? (
        <Card><Empty description={l('gaps.empty')} /></Card>
      ) : (
        <>
          <p className="tb-muted tb-small">{l('gaps.achievementsCount', { n: ach.data.total, m: ach.data.items.length })}</p>
          <Row gutter={[12, 12]}>
            {ach.data.items.map((g) => (
              <Col xs={24} lg={12} key={g.achievement.id}>
                <Card size="small" className="sv-card" data-testid="gap-achievement" title={<Space wrap size={6}><Tag color="orange">TRL {g.achievement.trl ?? '—'}</Tag><Link to={`/achievements/${g.achievement.id}`}>{g.achievement.title}</Link></Space>}>
                  <p className="tb-small tb-muted"><OrgName id={g.achievement.organisationId} /> · {pick(g.reason.zh, g.reason.en)}</p>
                  <div className="sv-subtle-title">{l('gaps.recommended')}</div>
                  <RecList recs={g.recommendations} />
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </div>
  );
}
