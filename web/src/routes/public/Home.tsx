import { useState } from 'react';
import { Button, Card, Col, Input, Row, Segmented, Skeleton } from 'antd';
import { ArrowRightOutlined, AuditOutlined, FileSearchOutlined, NodeIndexOutlined, SafetyOutlined, RocketOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, isAchievement, listingPath, unwrap, type Listing } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useTaxonomy } from '../../lib/reference';
import { formatDate } from '../../lib/format';
import { amountOf, TrlBadge } from '../../components/ListingCard';
import { useAuth, canPublish } from '../../lib/auth';

type Scope = 'achievement' | 'demand';

function Stat({ label, value, unit, loading }: { label: string; value: number | string | null | undefined; unit: string; loading: boolean }) {
  return (
    <div className="tb-stat">
      <div className="tb-stat-value" aria-live="polite">
        {loading ? <Skeleton.Button active size="small" /> : (value ?? '—')}
        {!loading && unit && <span className="tb-stat-unit">{unit}</span>}
      </div>
      <div className="tb-stat-label">{label}</div>
    </div>
  );
}

function Latest({ kind }: { kind: Scope }) {
  const { t, lang } = useI18n();
  const res = useAsync(
    async () =>
      kind === 'demand'
        ? (await unwrap(api.GET('/api/demands', { params: { query: { sort: 'newest', pageSize: 6 } } }))).items
        : (await unwrap(api.GET('/api/achievements', { params: { query: { sort: 'newest', pageSize: 6 } } }))).items,
    [kind],
  );
  const items: Listing[] = res.data ?? [];
  const title = kind === 'demand' ? t('home.latestDemands') : t('home.latestAchievements');
  return (
    <Card
      title={<h2 className="tb-card-title">{title}</h2>}
      extra={
        <Link to={kind === 'demand' ? '/demands' : '/achievements'}>
          {t('home.more')} <ArrowRightOutlined aria-hidden />
        </Link>
      }
      className="tb-home-card"
    >
      {res.loading ? (
        <Skeleton active paragraph={{ rows: 6 }} title={false} />
      ) : items.length === 0 ? (
        <p className="tb-muted">{t('common.empty')}</p>
      ) : (
        <ul className="tb-compact-list">
          {items.map((l) => (
            <li key={l.id}>
              <Link to={listingPath(l.kind, l.id)} className="tb-compact-title">
                {l.title}
              </Link>
              <div className="tb-compact-meta">
                <span className="tb-compact-org">{l.organisation.name}</span>
                <TrlBadge level={isAchievement(l) ? l.trl : l.minTrl} />
                <span className="tb-compact-amount">{amountOf(l, t)}</span>
                <span className="tb-muted">{formatDate(l.publishedAt, lang)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export default function Home() {
  const { t, pick } = useI18n();
  const nav = useNavigate();
  const { session } = useAuth();
  const [scope, setScope] = useState<Scope>('achievement');
  const [q, setQ] = useState('');
  const stats = useAsync(() => unwrap(api.GET('/api/stats/headline')), []);
  const taxonomy = useTaxonomy();
  const s = stats.data as { organisations: number; demandsPublic: number; achievementsPublic: number; solved: number; dealsSigned: number; contractAmountWan: string; localConversionRatePercent: string | null } | undefined;

  const go = (value: string) => {
    const base = scope === 'demand' ? '/demands' : '/achievements';
    nav(value.trim() ? `${base}?q=${encodeURIComponent(value.trim())}` : base);
  };

  const steps: { icon: React.ReactNode; title: MessageKey; desc: MessageKey }[] = [
    { icon: <FileSearchOutlined />, title: 'home.how1', desc: 'home.how1d' },
    { icon: <NodeIndexOutlined />, title: 'home.how2', desc: 'home.how2d' },
    { icon: <SafetyOutlined />, title: 'home.how3', desc: 'home.how3d' },
    { icon: <RocketOutlined />, title: 'home.how4', desc: 'home.how4d' },
  ];

  return (
    <div className="tb-home">
      <section className="tb-hero" aria-labelledby="hero-title">
        <div className="tb-container">
          <h1 id="hero-title" className="tb-hero-title">
            {t('home.heroTitle')}
          </h1>
          <p className="tb-hero-sub">{t('home.heroSub')}</p>
          <form
            className="tb-hero-search"
            role="search"
            onSubmit={(e) => e.preventDefault() /* Input.Search handles Enter and the button */}
          >
            <Segmented<Scope>
              aria-label={t('home.searchIn')}
              value={scope}
              onChange={setScope}
              options={[
                { value: 'achievement', label: t('nav.achievements') },
                { value: 'demand', label: t('nav.demands') },
              ]}
              className="tb-hero-scope"
            />
            <Input.Search
              size="large"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onSearch={go}
              placeholder={t('home.searchPlaceholder')}
              aria-label={t('home.searchPlaceholder')}
              enterButton={t('home.searchButton')}
              allowClear
            />
          </form>
          {session && (canPublish(session.user.role, 'demand') || canPublish(session.user.role, 'achievement')) && (
            <div className="tb-hero-actions">
              {canPublish(session.user.role, 'demand') && (
                <Link to="/workspace/demands/new">
                  <Button ghost>{t('home.publishDemand')}</Button>
                </Link>
              )}
              {canPublish(session.user.role, 'achievement') && (
                <Link to="/workspace/achievements/new">
                  <Button ghost>{t('home.publishAchievement')}</Button>
                </Link>
              )}
            </div>
          )}
        </div>
      </section>

      <div className="tb-container">
        <section className="tb-stats tb-stats-6" aria-label={t('app.name')}>
          <Stat label={t('home.stat.achievements')} value={s?.achievementsPublic} unit={t('home.stat.unit')} loading={stats.loading} />
          <Stat label={t('home.stat.demands')} value={s?.demandsPublic} unit={t('home.stat.unit')} loading={stats.loading} />
          <Stat label={t('home.stat.dealsSigned')} value={s?.dealsSigned} unit={t('home.stat.unit')} loading={stats.loading} />
          <Stat label={t('home.stat.contractAmount')} value={s?.contractAmountWan} unit={t('home.stat.unitWan')} loading={stats.loading} />
          <Stat label={t('home.stat.localRate')} value={s?.localConversionRatePercent ?? '—'} unit={s?.localConversionRatePercent ? '%' : ''} loading={stats.loading} />
          <Stat label={t('home.stat.organisations')} value={s?.organisations} unit={t('home.stat.unitOrg')} loading={stats.loading} />
        </section>

        <Row gutter={[20, 20]} className="tb-section">
          <Col xs={24} lg={12}>
            <Latest kind="achievement" />
          </Col>
          <Col xs={24} lg={12}>
            <Latest kind="demand" />
          </Col>
        </Row>

        <section className="tb-section" aria-labelledby="chains-title">
          <h2 id="chains-title" className="tb-section-title">
            {t('home.chains')}
          </h2>
          <div className="tb-chains">
            {taxonomy
              ? taxonomy.map((c) => (
                  <Link key={c.code} to={`/achievements?industry=${encodeURIComponent(c.code)}`} className="tb-chain">
                    <AuditOutlined aria-hidden className="tb-chain-icon" />
                    <span className="tb-chain-text">
                      <span className="tb-chain-name">{pick(c.name, c.nameEn)}</span>
                      <span className="tb-chain-segs">
                        {(c.children ?? [])
                          .slice(0, 3)
                          .map((x) => pick(x.name, x.nameEn))
                          .join(' · ')}
                      </span>
                    </span>
                  </Link>
                ))
              : Array.from({ length: 8 }, (_, i) => <Skeleton.Button key={i} active block style={{ height: 56 }} />)}
          </div>
        </section>

        <section className="tb-section" aria-labelledby="how-title">
          <h2 id="how-title" className="tb-section-title">
            {t('home.howTitle')}
          </h2>
          <ol className="tb-steps">
            {steps.map((st, i) => (
              <li key={st.title} className="tb-step">
                <span className="tb-step-icon" aria-hidden>
                  {st.icon}
                </span>
                <span className="tb-step-no">0{i + 1}</span>
                <h3>{t(st.title)}</h3>
                <p>{t(st.desc)}</p>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
