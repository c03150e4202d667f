import { useMemo, useState } from 'react';
import { Alert, Button, Card, Collapse, Empty, Input, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAsync } from '../../lib/useAsync';
import { get, withQuery } from '../../lib/http';
import { useT, type ExtraKey } from '../credit/i18n';
import type { PlanIndicator, PlanProgress, RegionalStats } from './types';

const LIGHT: Record<string, { color: string; hex: string }> = {
  green: { color: 'green', hex: '#52c41a' },
  amber: { color: 'gold', hex: '#faad14' },
  red: { color: 'red', hex: '#ff4d4f' },
  none: { color: 'default', hex: '#bfbfbf' },
};

export function Light({ light }: { light: string | null }) {
  const { t } = useT();
  const l = LIGHT[light ?? 'none'] ?? LIGHT.none;
  return (
    <Tag color={l.color}>
      <span aria-hidden style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: l.hex, marginRight: 6 }} />
      {t(`pl.light.${light === 'amber' ? 'yellow' : light ?? 'none'}` as ExtraKey)}
    </Tag>
  );
}

/** 三年行动方案指标进度: traffic lights per indicator, grouped by area; the local conversion rate with its definition. */
export function PlanProgressPage() {
  const { t, pick } = useT();
  const [asOf, setAsOf] = useState('');
  const res = useAsync(() => get<PlanProgress>('/api/plan/progress', asOf ? { asOf } : undefined), [asOf]);
  const byArea = useMemo(() => {
    const m = new Map<string, PlanIndicator[]>();
    for (const i of res.data?.indicators ?? []) m.set(i.areaCode, [...(m.get(i.areaCode) ?? []), i]);
    return m;
  }, [res.data]);
  if (res.loading) return <LoadingBlock rows={8} />;
  if (res.error || !res.data) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  const p = res.data;
  const lcr = p.indicators.find((i) => i.code === 'local_conversion_rate');
  const lcrDetail = (lcr?.detail ?? {}) as { numerator?: number; denominator?: number; rateBp?: number | null };
  const counts = p.indicators.reduce<Record<string, number>>((a, i) => ({ ...a, [i.light ?? 'none']: (a[i.light ?? 'none'] ?? 0) + 1 }), {});
  return (
    <div data-testid="plan-progress">
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{pick(p.plan.name, p.plan.nameEn)}</h2>
          <p className="tb-page-sub tb-page-sub-tight">{t('pl.sub', { from: p.plan.periodStart, to: p.plan.periodEnd, asOf: p.asOf })}</p>
        </div>
        <Input type="date" aria-label={t('pl.asOf')} value={asOf} onChange={(e) => setAsOf(e.target.value)} style={{ width: 170 }} />
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        {(['green', 'amber', 'red', 'none'] as const).map((l) => (
          <span key={l}>
            <Light light={l} /> {counts[l] ?? 0}
          </span>
        ))}
      </Space>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('pl.rule')} />
      {lcr && (
        <Card title={pick(lcr.name, lcr.nameEn)} style={{ marginBottom: 12 }} data-testid="local-conversion">
          <Space wrap size="large" align="start">
            <div className="tb-stat">
              <div className="tb-stat-value">{lcrDetail.rateBp != null ? `${(lcrDetail.rateBp / 100).toFixed(1)}%` : '—'}</div>
              <div className="tb-stat-label">{t('pl.lcrValue', { n: lcrDetail.numerator ?? 0, d: lcrDetail.denominator ?? 0 })}</div>
            </div>
            <div>
              <Light light={lcr.light} /> <span className="tb-small">{t('pl.target')} {lcr.target}{lcr.unit}</span>
            </div>
          </Space>
          <p className="tb-small" style={{ marginTop: 12 }}>
            <strong>{t('pl.definition')}</strong>
            {t('common.colon')}
            {pick(lcr.definition ?? '', lcr.definitionEn)}
          </p>
        </Card>
      )}
      <Collapse
        defaultActiveKey={p.areas.filter((a) => byArea.has(a.code)).map((a) => a.code)}
        items={p.areas
          .filter((a) => byArea.has(a.code))
          .map((a) => ({
            key: a.code,
            label: pick(a.name, a.nameEn),
            children: (
              <Table<PlanIndicator>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={byArea.get(a.code)}
                scroll={{ x: 820 }}
                columns={[
                  {
                    title: t('pl.indicator'),
                    key: 'n',
                    render: (_, i) => (
                      <Tooltip title={pick(i.definition ?? '', i.definitionEn)}>
                        <span tabIndex={0}>{pick(i.name, i.nameEn)}</span>
                      </Tooltip>
                    ),
                  },
                  { title: t('pl.light'), dataIndex: 'light', width: 110, render: (l: string | null) => <Light light={l} /> },
                  { title: t('pl.value'), key: 'v', width: 130, align: 'right', render: (_, i) => (i.value != null ? `${i.value} ${i.unit}` : i.availability === 'not_available' ? t('pl.notAvailable') : '—') },
                  { title: t('pl.expected'), key: 'e', width: 120, align: 'right', render: (_, i) => (i.expected != null ? `${i.expected} ${i.unit}` : '—') },
                  { title: t('pl.target'), key: 't', width: 120, align: 'right', render: (_, i) => `${i.target} ${i.unit}` },
                  { title: t('pl.achieved'), dataIndex: 'achievedPercent', width: 90, align: 'right', render: (v: string | null) => (v != null ? `${v}%` : '—') },
                  { title: t('pl.source'), dataIndex: 'source', width: 90, render: (v: string) => t(`pl.source.${v}` as ExtraKey) },
                ]}
              />
            ),
          }))}
      />
    </div>
  );
}

type Counts = RegionalStats['province'];

/** 区域统计: by city and by 一圈一带两区, with the counting rule and an xlsx download. */
export function RegionalStatsPage() {
  const { t, pick } = useT();
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  const [view, setView] = useState<'cities' | 'groups'>('groups');
  const res = useAsync(() => get<RegionalStats>('/api/regional/stats', { period }), [period]);
  const deals = (c: Counts) => Object.entries(c.dealsByStage).filter(([k]) => k !== 'closed_lost').reduce((s, [, v]) => s + v, 0);
  const cols = [
    { title: t('rg.region'), key: 'n', render: (_: unknown, r: { name: string; nameEn?: string }) => pick(r.name, r.nameEn) },
    { title: t('rg.demands'), dataIndex: 'demands', align: 'right' as const },
    { title: t('rg.achievements'), dataIndex: 'achievements', align: 'right' as const },
    { title: t('rg.deals'), key: 'd', align: 'right' as const, render: (_: unknown, r: Counts) => deals(r) },
    { title: t('rg.industrialised'), key: 'i', align: 'right' as const, render: (_: unknown, r: Counts) => r.dealsByStage.industrialised ?? 0 },
    { title: t('rg.output'), key: 'o', align: 'right' as const, render: (_: unknown, r: Counts) => (r.contracts ? `${r.contracts.outputWan}（${r.contracts.outputCount}）` : '—') },
    { title: t('rg.absorption'), key: 'a', align: 'right' as const, render: (_: unknown, r: Counts) => (r.contracts ? `${r.contracts.absorptionWan}（${r.contracts.absorptionCount}）` : '—') },
  ];
  return (
    <div>
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{t('x.nav.regional')}</h2>
          <p className="tb-page-sub tb-page-sub-tight">{t('rg.sub')}</p>
        </div>
        <Space wrap>
          <Input.Search aria-label={t('co.period')} defaultValue={period} onSearch={(v) => setPeriod(v.trim())} style={{ width: 180 }} />
          <Segmented aria-label={t('rg.view')} value={view} onChange={(v) => setView(v as 'cities' | 'groups')} options={[{ value: 'groups', label: t('rg.groups') }, { value: 'cities', label: t('rg.cities') }]} />
          <Button icon={<DownloadOutlined />} href={withQuery('/api/regional/stats', { period, format: 'xlsx' })}>
            {t('rg.xlsx')}
          </Button>
        </Space>
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : res.loading || !res.data ? (
        <LoadingBlock />
      ) : (
        <>
          <Card styles={{ body: { padding: 0 } }}>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              scroll={{ x: 760 }}
              dataSource={view === 'cities' ? res.data.cities : res.data.groups}
              columns={cols as never}
              locale={{ emptyText: <Empty /> }}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}><strong>{t('rg.province')}</strong></Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{res.data!.province.demands}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{res.data!.province.achievements}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{deals(res.data!.province)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{res.data!.province.dealsByStage.industrialised ?? 0}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{res.data!.province.contracts?.outputWan ?? '—'}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{res.data!.province.contracts?.absorptionWan ?? '—'}</Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
          <p className="tb-muted tb-small" style={{ marginTop: 12 }}>
            {t('rg.unit')} {pick(res.data.countingRule.zh, res.data.countingRule.en)}
          </p>
        </>
      )}
    </div>
  );
}
