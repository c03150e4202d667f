/**
 * 需求洞察 (demand insight), for government and admins: demands by industry chain, city and month, technology topics
 * found by clustering, and the topics with no provincial supply (缺口 — 建议立项). Data: GET /api/insight/demands.
 */
import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Grid, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAsync } from '../../lib/useAsync';
import { useCities, useTaxonomy } from '../../lib/reference';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { EChart } from '../../components/EChart';
import { call, withQuery } from '../../lib/http';
import { useInsightT } from './i18n';

interface Named {
  code: string;
  name: string;
  count: number;
}
interface Topic {
  id: string;
  label: string;
  terms: string[];
  demandCount: number;
  demands: { id: string; title: string }[];
  chains: string[];
  cities: Named[];
  supplyCount: number;
  best: { achievementId: string; title: string; score: number } | null;
  gap: boolean;
}
interface Report {
  period: { from: string; to: string };
  totals: { demands: number; topics: number; gaps: number; supply: number };
  byChain: Named[];
  byCity: Named[];
  topics: Topic[];
  trend: { months: string[]; total: number[]; byChain: Record<string, number[]>; byCity: Record<string, number[]>; byTopic: Record<string, number[]> };
  rules: { zh: string; en: string };
}

type PeriodKey = '3' | '6' | '12' | '24' | 'year' | 'lastYear';

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function periodRange(k: PeriodKey): { from: string; to: string } {
  const today = shanghaiToday();
  const y = Number(today.slice(0, 4));
  if (k === 'year') return { from: `${y}-01-01`, to: today };
  if (k === 'lastYear') return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
  let m = Number(today.slice(5, 7)) - (Number(k) - 1);
  let yy = y;
  while (m < 1) {
    m += 12;
    yy--;
  }
  return { from: `${yy}-${String(m).padStart(2, '0')}-01`, to: today };
}

const BLUE = '#0b4ea2';
const ORANGE = '#e8892b';
const PALETTE = ['#0b4ea2', '#e8892b', '#2f9e44', '#c2255c', '#7048e8', '#1098ad'];

export default function InsightPage() {
  const { tt, lang, pick } = useInsightT();
  const taxonomy = useTaxonomy();
  const cities = useCities();
  const [periodKey, setPeriodKey] = useState<PeriodKey>('12');
  const [chain, setChain] = useState<string | undefined>();
  const [city, setCity] = useState<string | undefined>();
  const [onlyGaps, setOnlyGaps] = useState(false);
  // below 768 px the table folds into two columns: the topic (with its status and best supply) and the demand count
  const narrow = !Grid.useBreakpoint().md;
  const range = useMemo(() => periodRange(periodKey), [periodKey]);
  const query = { ...range, chain, city };
  const res = useAsync(() => call<Report>('GET', '/api/insight/demands', undefined, query), [range.from, range.to, chain, city]);
  const r = res.data;

  const chainBar = useMemo(() => {
    const rows = (r?.byChain ?? []).filter((c) => c.count > 0).sort((a, b) => a.count - b.count);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((c) => c.name), axisLabel: { width: 96, overflow: 'truncate' } },
      series: [{ name: tt('demands'), type: 'bar', data: rows.map((c) => c.count), itemStyle: { color: ORANGE }, barMaxWidth: 24, label: { show: true, position: 'right' } }],
    };
  }, [r, tt]);

  const cityBar = useMemo(() => {
    const rows = r?.byCity ?? [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((c) => c.name.replace(/市$/, '')), axisLabel: { interval: 0, rotate: 45 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: tt('demands'), type: 'bar', data: rows.map((c) => c.count), itemStyle: { color: BLUE }, barMaxWidth: 24 }],
    };
  }, [r, tt]);

  const trendLine = useMemo(() => {
    if (!r) return {};
    const chainName = new Map(r.byChain.map((c) => [c.code, c.name]));
    const top = Object.entries(r.trend.byChain)
      .map(([code, v]) => ({ code, v, sum: v.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.sum - a.sum)
      .slice(0, 4);
    const series = [
      { name: tt('total'), type: 'line', data: r.trend.total, itemStyle: { color: PALETTE[0] }, lineStyle: { width: 3 }, areaStyle: { opacity: 0.06 } },
      ...top.map((c, i) => ({ name: chainName.get(c.code) ?? c.code, type: 'line', data: c.v, itemStyle: { color: PALETTE[i + 1] } })),
    ];
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: r.trend.months, boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    };
  }, [r, tt]);

  const topics = (r?.topics ?? []).filter((x) => !onlyGaps || x.gap);
  const statusTag = (x: Topic) => (x.gap ? <Tag color="red" data-testid="gap-tag">{tt('gap')}</Tag> : <Tag color="green">{tt('covered')}</Tag>);
  const bestCell = (x: Topic) =>
    x.best ? (
      <span>
        <Link to={`/achievements/${x.best.achievementId}`}>{x.best.title}</Link>
        <div className="tb-muted tb-small">{tt('coverage', { p: Math.round(x.best.score * 100) })}</div>
      </span>
    ) : (
      <span className="tb-muted">{tt('noBest')}</span>
    );
  const topicColumn = {
    title: tt('col.topic'),
    key: 'topic',
    render: (_: unknown, x: Topic) => (
      <div className="tb-insight-topic">
        <strong>{x.label}</strong>
        <div>
          {x.terms.slice(3).map((term) => (
            <Tag key={term} style={{ marginTop: 4 }}>
              {term}
            </Tag>
          ))}
        </div>
        {narrow && (
          <div style={{ marginTop: 6 }}>
            {statusTag(x)}
            <div className="tb-small" style={{ marginTop: 4 }}>
              {tt('col.supply')} {x.supplyCount} · {x.cities.map((c) => `${c.name.replace(/市$/, '')} ${c.count}`).join('、')}
            </div>
            <div className="tb-small">{bestCell(x)}</div>
          </div>
        )}
      </div>
    ),
  };
  const countColumn = { title: tt('col.demands'), dataIndex: 'demandCount', key: 'n', align: 'right' as const, width: 80 };
  const columns = narrow ? [topicColumn, countColumn] : [
    topicColumn,
    countColumn,
    { title: tt('col.cities'), key: 'cities', width: 140, render: (_: unknown, x: Topic) => x.cities.map((c) => `${c.name.replace(/市$/, '')} ${c.count}`).join('、') },
    { title: tt('col.supply'), dataIndex: 'supplyCount', key: 's', align: 'right' as const, width: 90 },
    {
      title: tt('col.best'),
      key: 'best',
      render: (_: unknown, x: Topic) => bestCell(x),
    },
    {
      title: tt('col.status'),
      key: 'gap',
      width: 150,
      render: (_: unknown, x: Topic) => statusTag(x),
    },
  ];

  const stats: [string, number | undefined][] = [
    [tt('stat.demands'), r?.totals.demands],
    [tt('stat.topics'), r?.totals.topics],
    [tt('stat.gaps'), r?.totals.gaps],
    [tt('stat.supply'), r?.totals.supply],
  ];

  return (
    <div className="tb-container tb-page tb-insight">
      <div className="tb-ws-head">
        <div>
          <h1 className="tb-page-title">{tt('title')}</h1>
          <p className="tb-page-sub tb-page-sub-tight">{tt('sub')}</p>
        </div>
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={tt('period')}
          value={periodKey}
          onChange={(v) => setPeriodKey(v)}
          style={{ width: 150 }}
          options={(['3', '6', '12', '24', 'year', 'lastYear'] as const).map((k) => ({ value: k, label: tt(`period.${k}`) }))}
        />
        <Select
          aria-label={tt('chain')}
          allowClear
          placeholder={tt('allChains')}
          value={chain}
          onChange={(v) => setChain(v)}
          style={{ width: 170 }}
          options={(taxonomy ?? []).map((n) => ({ value: n.code, label: lang === 'en' ? n.nameEn : n.name }))}
        />
        <Select
          aria-label={tt('city')}
          allowClear
          placeholder={tt('allCities')}
          value={city}
          onChange={(v) => setCity(v)}
          style={{ width: 130 }}
          options={(cities ?? []).map((c) => ({ value: c.code, label: c.name }))}
        />
        <Button icon={<DownloadOutlined />} href={withQuery('/api/insight/export', { ...query, format: 'xlsx' })} download data-testid="insight-export">
          {tt('export')}
        </Button>
      </Space>
      <section className="tb-stats tb-stats-flat" aria-label={tt('title')}>
        {stats.map(([label, v]) => (
          <div className="tb-stat" key={label}>
            <div className="tb-stat-value">{res.loading ? '…' : (v ?? '—')}</div>
            <div className="tb-stat-label">{label}</div>
          </div>
        ))}
      </section>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : res.loading && !r ? (
        <LoadingBlock rows={8} />
      ) : !r ? null : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={tt('byChain')} size="small">
                <EChart option={chainBar} height={Math.max(220, 26 * r.byChain.filter((c) => c.count > 0).length + 40)} label={tt('byChain')} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={tt('byCity')} size="small">
                <EChart option={cityBar} height={280} label={tt('byCity')} />
              </Card>
            </Col>
            <Col span={24}>
              <Card title={tt('trend')} size="small">
                <EChart option={trendLine} height={280} label={tt('trend')} />
              </Card>
            </Col>
          </Row>
          <Card
            title={tt('topics')}
            size="small"
            style={{ marginTop: 16 }}
            extra={
              <Space>
                <span className="tb-small">{tt('onlyGaps')}</span>
                <Switch size="small" checked={onlyGaps} onChange={setOnlyGaps} aria-label={tt('onlyGaps')} />
              </Space>
            }
            styles={{ body: { padding: 0 } }}
          >
            <Table
              rowKey="id"
              size="small"
              dataSource={topics}
              columns={columns as never}
              scroll={narrow ? undefined : { x: 860 }}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: <Empty description={tt('empty')} /> }}
              expandable={{
                expandedRowRender: (x: Topic) => (
                  <div>
                    <Typography.Text type="secondary">{tt('members')}</Typography.Text>
                    <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                      {x.demands.map((d) => (
                        <li key={d.id}>
                          <Link to={`/demands/${d.id}`}>{d.title}</Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                ),
              }}
            />
          </Card>
          <p className="tb-muted tb-small" style={{ marginTop: 12 }}>
            <strong>{tt('rules')}：</strong>
            {pick(r.rules.zh, r.rules.en)}
          </p>
        </>
      )}
    </div>
  );
}
