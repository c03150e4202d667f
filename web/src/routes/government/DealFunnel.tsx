import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Segmented, Skeleton, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n, type MessageKey } from '../../i18n';
import { getOptional, type FunnelResult, type FunnelStage } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useCities, useTaxonomy, indexTaxonomy } from '../../lib/reference';
import { STAGE_COLOR } from '../../lib/deals';
import { EChart } from '../../components/EChart';
import { ErrorBlock } from '../../components/PageState';

type By = 'none' | 'city' | 'industry';

export default function DealFunnel() {
  const { t, pick } = useI18n();
  const cities = useCities();
  const taxonomy = useTaxonomy();
  const taxIndex = useMemo(() => indexTaxonomy(taxonomy), [taxonomy]);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(1, 'year').add(1, 'day'), dayjs()]);
  const [by, setBy] = useState<By>('none');
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const qs = `from=${from}&to=${to}${by !== 'none' ? `&by=${by}` : ''}`;
  const res = useAsync(() => getOptional<FunnelResult>(`/api/deals/funnel?${qs}`), [qs]);
  const f = res.data?.overall;
  const groupName = (k: string) => (by === 'city' ? (cities?.find((c) => c.code === k)?.name ?? k) : by === 'industry' ? (taxIndex.get(k) ? pick(taxIndex.get(k)!.name, taxIndex.get(k)!.nameEn) : k) : k);

  const option = useMemo(() => {
    const stages = (f?.stages ?? []).filter((s) => s.reached > 0 || s.stage === 'matched');
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${p.value}` },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '8%',
          right: '8%',
          top: 8,
          bottom: 8,
          minSize: '8%',
          gap: 2,
          label: { show: true, position: 'inside', formatter: (p: { name: string; value: number }) => `${p.name}  ${p.value}`, color: '#fff', fontSize: 12 },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          data: stages.map((s) => ({ name: t(`deal.stage.${s.stage}` as MessageKey), value: s.reached, itemStyle: { color: STAGE_COLOR[s.stage] } })),
        },
      ],
    };
  }, [f, t]);

  const pct = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)}%`);
  return (
    <Card
      data-testid="deal-funnel"
      title={
        <div>
          <h2 className="tb-card-title">{t('dash.funnel')}</h2>
          <div className="tb-muted tb-small tb-card-sub">{t('dash.funnelSub')}</div>
        </div>
      }
    >
      <div className="tb-funnel-controls">
        <Space wrap>
          <DatePicker.RangePicker
            aria-label={t('dash.period')}
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
          <Segmented<By>
            aria-label={t('dash.groupBy')}
            value={by}
            onChange={setBy}
            options={[
              { value: 'none', label: t('dash.groupNone') },
              { value: 'city', label: t('dash.groupCity') },
              { value: 'industry', label: t('dash.groupIndustry') },
            ]}
          />
        </Space>
        <Space wrap>
          <span className="tb-muted">{t('dash.download')}:</span>
          <a href={`/api/deals/funnel?${qs}&format=csv`} download data-testid="funnel-csv">
            <DownloadOutlined aria-hidden /> CSV
          </a>
          <a href={`/api/deals/funnel?${qs}&format=xlsx`} download>
            <DownloadOutlined aria-hidden /> Excel
          </a>
        </Space>
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : res.loading || !f ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : f.deals === 0 ? (
        <Empty description={t('dash.funnelEmpty')} />
      ) : (
        <>
          <p className="tb-muted">{t('dash.dealsInScope', { n: f.deals })}</p>
          <Row gutter={[20, 20]}>
            <Col xs={24} lg={11}>
              <EChart option={option} height={380} label={`${t('dash.funnel')}: ${f.stages.map((s) => `${t(`deal.stage.${s.stage}` as MessageKey)} ${s.reached}`).join('，')}`} />
            </Col>
            <Col xs={24} lg={13}>
              <Table<FunnelStage>
                size="small"
                rowKey="stage"
                pagination={false}
                dataSource={f.stages}
                data-testid="funnel-table"
                columns={[
                  { title: t('deal.steps'), dataIndex: 'stage', render: (s: string) => <span><span className="tb-dot" style={{ background: STAGE_COLOR[s] }} aria-hidden /> {t(`deal.stage.${s}` as MessageKey)}</span> },
                  { title: t('dash.reached'), dataIndex: 'reached', align: 'right', width: 80 },
                  { title: t('dash.conversion'), dataIndex: 'conversionBp', align: 'right', width: 90, render: pct },
                  { title: t('dash.medianDays'), dataIndex: 'medianDaysInStage', align: 'right', width: 110, render: (v: number | null) => (v === null ? '—' : v) },
                ]}
              />
              <h3 className="tb-subhead">{t('dash.lostReasons')}</h3>
              {f.lost.total === 0 ? (
                <span className="tb-muted">{t('dash.noLost')}</span>
              ) : (
                <Space wrap>
                  {f.lost.reasons.map((r) => (
                    <Tag key={r.reason} color="red">
                      {t(`deal.lost.${r.reason}` as MessageKey)} {r.count}
                    </Tag>
                  ))}
                </Space>
              )}
            </Col>
          </Row>
          {by !== 'none' && (res.data?.groups.length ?? 0) > 0 && (
            <Table
              size="small"
              rowKey="key"
              style={{ marginTop: 16 }}
              pagination={false}
              scroll={{ x: 640 }}
              dataSource={res.data!.groups}
              columns={[
                { title: t('dash.group'), dataIndex: 'key', render: (k: string) => groupName(k) },
                ...(['matched', 'negotiating', 'agreed', 'contract_signed', 'registered', 'industrialised'] as const).map((s) => ({
                  title: t(`deal.stage.${s}` as MessageKey),
                  key: s,
                  align: 'right' as const,
                  render: (_: unknown, g: FunnelResult['groups'][number]) => g.funnel.stages.find((x) => x.stage === s)?.reached ?? 0,
                })),
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
