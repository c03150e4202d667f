import { Alert, Breadcrumb } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { api, getOptional, unwrap, type Listing, type ListingKind, type MatchResult } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { MatchList } from '../../components/MatchList';
import { StartDealFromMatch } from '../../components/StartDeal';
import { SubscribeButton } from '../../components/SubscribeButton';

export default function Matches({ kind }: { kind: ListingKind }) {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const plural = kind === 'demand' ? 'demands' : 'achievements';
  const listing = useAsync(
    async () =>
      (kind === 'demand'
        ? await unwrap(api.GET('/api/demands/{id}', { params: { path: { id } } }))
        : await unwrap(api.GET('/api/achievements/{id}', { params: { path: { id } } }))) as Listing,
    [kind, id],
  );
  const matches = useAsync(() => getOptional<MatchResult>(`/api/matches?${kind}=${encodeURIComponent(id)}`), [kind, id]);
  const title = listing.data?.title ?? '';
  return (
    <div>
      <Breadcrumb
        className="tb-breadcrumb"
        items={[{ title: <Link to={`/workspace/${plural}`}>{t(kind === 'demand' ? 'ws.myDemands' : 'ws.myAchievements')}</Link> }, { title: t('match.title') }]}
      />
      <h1 className="tb-page-title">{kind === 'demand' ? t('match.forDemand', { t: title }) : t('match.forAchievement', { t: title })}</h1>
      {listing.data && !['published', 'in_negotiation'].includes(listing.data.status) && (
        <Alert type="info" showIcon title={t('match.onlyPublished')} style={{ marginBottom: 16 }} />
      )}
      {listing.data && (
        <div className="tb-ws-head-actions">
          <SubscribeButton defaults={{ name: title, targetKind: kind === 'demand' ? 'achievement' : 'demand', sourceKind: kind, sourceId: id }} />
        </div>
      )}
      <MatchList
        result={matches.data}
        loading={matches.loading}
        error={matches.error}
        onRetry={matches.reload}
        action={(m) => <StartDealFromMatch source={id} sourceKind={kind} matchId={m.id} score={m.score} />}
      />
    </div>
  );
}
