import { useMemo, useState } from 'react';
import { Alert, Card, Col, Row, Segmented, Skeleton, Table } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useL } from '../gov/i18n';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useCities } from '../../lib/reference';
import { ErrorBlock } from '../../components/PageState';
import { EChart, echarts } from '../../components/EChart';
import liaoning from '../../assets/liaoning-cities.json';
import DealFunnel from './DealFunnel';
import ContractFlow from './ContractFlow';

interface ServicesStats {
  pilot: { pilotBookings: { requested: number; accepted: number; completed: number; declined: number } };
  finance: { applications: Record<string, number>; disbursedWan: string | null };
  chains: { parts: number; localised: number; localCoveragePercent: string | null };
  incubation: Record<string, unknown>;
}

/** Pilot bookings, financing disbursed and supply-chain coverage (GET /api/stats/services). */
function ServiceCounts() {
  const { t } = useI18n();
  const res = useAsync(async () => {
    const r = await fetch('/api/stats/services');
    return r.ok ? ((await r.json()) as ServicesStats) : null;
  }, []);
  const s = res.data;
  // confirmed bookings: accepted or already completed
  const bookings = s ? s.pilot.pilotBookings.accepted + s.pilot.pilotBookings.completed : undefined;
  const items: [string, string | number | undefined][] = [
    [t('dash.svc.pilotBookings'), bookings],
    [t('dash.svc.financeApplications'), s ? Object.values(s.finance.applications).reduce((n, v) => n + v, 0) : undefined],
    [t('dash.svc.disbursedWan'), s?.finance.disbursedWan ?? '0'],
    [t('dash.svc.chainCoverage'), s ? `${s.chains.localCoveragePercent ?? '0'}%` : undefined],
  ];
  return (
    <section className="tb-stats tb-stats-flat" aria-label={t('dash.svc.title')}>
      {items.map(([label, v]) => (
        <div className="tb-stat" key={label}>
          <div className="tb-stat-value">{res.loading ? <Skeleton.Button active size="small" /> : (v ?? '—')}</div>
          <div className="tb-stat-label">{label}</div>
        </div>
      ))}
    </section>
  );
}

/** The government workspaces: plan progress, coordination, TRL-gap routing, cultivation, GDP + GEP, public statistics. */
function GovLinks() {
  const { t } = useI18n();
  const { l } = useL();
  const links: [string, string][] = [
    ['/gov/plan', t('x.nav.plan' as MessageKey)],
    ['/gov/coordination', t('x.nav.coordination' as MessageKey)],
    ['/gov/pilot-gaps', l('gaps.title')],
    ['/gov/cultivation', l('cu.title')],
    ['/gov/gep', l('gep.title')],
    ['/gov/coordination-stats', t('co.stats' as MessageKey)],
  ];
  return (
    <nav className="tb-dash-links" aria-label={t('x.nav.gov' as MessageKey)} style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 16px', marginBottom: 16 }}>
      {links.map(([to, label]) => (
        <Link key={to} to={to}>{label}</Link>
      ))}
    </nav>
  );
}

echarts.registerMap('liaoning', liaoning as never);

type Metric = 'sum' | 'demands' | 'achievements';
interface CityRow {
  cityCode: string;
  demands: number;
  achievements: number;
}
interface MonthRow {
  month: string;
  demands: number;
  achievements: number;
}
interface Headline {
  organisations: number;
  demandsPublic: number;
  achievementsPublic: number;
  solved: number;
}

const BLUE = '#0b4ea2';
const ORANGE = '#e8892b';

export default function Dashboard() {
  const { t } = useI18n();
  const nav = useNavigate();
  const cities = useCities();
  const [metric, setMetric] = useState<Metric>('sum');
  const data = useAsync(async () => {
    const [headline, byCity, monthly] = await Promise.all([
      unwrap(api.GET('/api/stats/headline')) as Promise<Headline>,
      unwrap(api.GET('/api/stats/by-city')) as Promise<CityRow[]>,
      unwrap(api.GET('/api/stats/monthly')) as Promise<MonthRow[]>,
    ]);
    return { headline, byCity, monthly };
  }, []);

  const rows = useMemo(() => {
    const byCode = new Map((data.data?.byCity ?? []).map((r) => [r.cityCode, r]));
    return (cities ?? []).map((c) => {
      const r = byCode.get(c.code);
      return { code: c.code, name: c.name, demands: r?.demands ?? 0, achievements: r?.achievements ?? 0 };
    });
  }, [data.data, cities]);
  const outside = useMemo(() => {
    const codes = new Set((cities ?? []).map((c) => c.code));
    return (data.data?.byCity ?? []).filter((r) => !codes.has(r.cityCode)).reduce((s, r) => ({ d: s.d + r.demands, a: s.a + r.achievements }), { d: 0, a: 0 });
  }, [data.data, cities]);

  const valueOf = (r: { demands: number; achievements: number }) => (metric === 'sum' ? r.demands + r.achievements : r[metric]);
  const metricLabel = metric === 'sum' ? t('dash.sum') : metric === 'demands' ? t('dash.demands') : t('dash.achievements');

  const mapOption = useMemo(() => {
    const values = rows.map(valueOf);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; data?: { demands: number; achievements: number } }) =>
          p.data ? `${p.name}<br/>${t('dash.demands')}: ${p.data.demands}<br/>${t('dash.achievements')}: ${p.data.achievements}` : p.name,
      },
      visualMap: {
        min: 0,
        max: Math.max(1, ...values),
        left: 8,
        bottom: 8,
        calculable: true,
        inRange: { color: ['#e6effa', '#7fa9dc', BLUE] },
      },
      series: [
        {
          type: 'map',
          map: 'liaoning',
          roam: false,
          layoutCenter: ['55%', '50%'],
          layoutSize: '105%',
          name: metricLabel,
          label: { show: true, fontSize: 11, color: '#1f2d3d' },
          emphasis: { label: { color: '#000' }, itemStyle: { areaColor: '#f5c242' } },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          data: rows.map((r) => ({ name: r.name, value: valueOf(r), demands: r.demands, achievements: r.achievements, code: r.code })),
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, metric, t]);

  const barOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('dash.demands'), t('dash.achievements')], top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.name.replace(/市$/, '')), axisLabel: { interval: 0, rotate: 40 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dash.demands'), type: 'bar', data: rows.map((r) => r.demands), itemStyle: { color: ORANGE } },
        { name: t('dash.achievements'), type: 'bar', data: rows.map((r) => r.achievements), itemStyle: { color: BLUE } },
      ],
    }),
    [rows, t],
  );

  const lineOption = useMemo(() => {
    const m = data.data?.monthly ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('dash.demands'), t('dash.achievements')], top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: m.map((x) => x.month), boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dash.demands'), type: 'line', smooth: 0.2, data: m.map((x) => x.demands), itemStyle: { color: ORANGE }, areaStyle: { opacity: 0.08 } },
        { name: t('dash.achievements'), type: 'line', smooth: 0.2, data: m.map((x) => x.achievements), itemStyle: { color: BLUE }, areaStyle: { opacity: 0.08 } },
      ],
    };
  }, [data.data, t]);

  if (data.error)
    return (
      <div className="tb-container tb-page">
        <ErrorBlock error={data.error} onRetry={data.reload} />
      </div>
    );
  const h = data.data?.headline;

  return (
    <div className="tb-container tb-page tb-dash">
      <h1 className="tb-page-title">{t('dash.title')}</h1>
      <section className="tb-stats tb-stats-flat" aria-label={t('dash.title')}>
        {(
          [
            ['home.stat.achievements', h?.achievementsPublic],
            ['home.stat.demands', h?.demandsPublic],
            ['home.stat.solved', h?.solved],
            ['home.stat.organisations', h?.organisations],
          ] as const
        ).map(([k, v]) => (
          <div className="tb-stat" key={k}>
            <div className="tb-stat-value">{data.loading ? <Skeleton.Button active size="small" /> : (v ?? '—')}</div>
            <div className="tb-stat-label">{t(k)}</div>
          </div>
        ))}
      </section>
      <ServiceCounts />
      <GovLinks />
      <Alert type="info" showIcon title={t('dash.notYet')} style={{ marginBottom: 20 }} />
      <Row gutter={[20, 20]}>
        <Col span={24}>
          <DealFunnel />
        </Col>
        <Col span={24}>
          <ContractFlow />
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={<h2 className="tb-card-title">{t('dash.byCityMap')}</h2>}
            extra={
              <Segmented<Metric>
                size="small"
                aria-label={t('dash.metric')}
                value={metric}
                onChange={setMetric}
                options={[
                  { value: 'sum', label: t('dash.sum') },
                  { value: 'demands', label: t('dash.demands') },
                  { value: 'achievements', label: t('dash.achievements') },
                ]}
              />
            }
          >
            {data.loading || !cities ? (
              <Skeleton.Node active style={{ width: '100%', height: 440 }} />
            ) : (
              <EChart
                option={mapOption}
                height={440}
                label={`${t('dash.byCityMap')}: ${rows.map((r) => `${r.name} ${valueOf(r)}`).join('，')}`}
                onClick={(p) => {
                  const d = p.data as { code?: string } | undefined;
                  if (d?.code) nav(`/${metric === 'demands' ? 'demands' : 'achievements'}?region=${d.code}`);
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={<h2 className="tb-card-title">{t('dash.byCity')}</h2>} styles={{ body: { padding: 0 } }}>
            <Table
              size="small"
              rowKey="code"
              loading={data.loading}
              pagination={false}
              dataSource={rows}
              scroll={{ y: 400 }}
              columns={[
                { title: t('dash.city'), dataIndex: 'name' },
                { title: t('dash.demands'), dataIndex: 'demands', align: 'right', sorter: (a, b) => a.demands - b.demands },
                { title: t('dash.achievements'), dataIndex: 'achievements', align: 'right', sorter: (a, b) => a.achievements - b.achievements, defaultSortOrder: 'descend' },
              ]}
              summary={() =>
                outside.d + outside.a > 0 ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('dash.outside')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {outside.d}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {outside.a}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="tb-card-title">{t('dash.byCity')}</h2>}>
            {data.loading ? <Skeleton active paragraph={{ rows: 8 }} /> : <EChart option={barOption} height={340} label={t('dash.byCity')} />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="tb-card-title">{t('dash.monthly')}</h2>}>
            {data.loading ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : (
              <EChart
                option={lineOption}
                height={340}
                label={`${t('dash.monthly')}: ${(data.data?.monthly ?? []).map((m) => `${m.month} ${m.demands}/${m.achievements}`).join('，')}`}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
