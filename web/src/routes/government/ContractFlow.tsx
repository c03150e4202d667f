import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Table } from 'antd';
import { useI18n } from '../../i18n';
import { getOptional, type ContractStats } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { useCities } from '../../lib/reference';
import { EChart } from '../../components/EChart';
import { ErrorBlock } from '../../components/PageState';

interface FlowRow {
  code: string;
  name: string;
  outCount: number;
  outWan: number;
  outTech: string;
  inCount: number;
  inWan: number;
  inTech: string;
}

export default function ContractFlow() {
  const { t } = useI18n();
  const cities = useCities();
  const res = useAsync(() => getOptional<ContractStats>('/api/contracts/stats?level=city'), []);
  const rows = useMemo<FlowRow[]>(() => {
    const out = new Map((res.data?.output ?? []).map((b) => [b.regionCode, b]));
    const inn = new Map((res.data?.absorption ?? []).map((b) => [b.regionCode, b]));
    return (cities ?? []).map((c) => ({
      code: c.code,
      name: c.name,
      outCount: out.get(c.code)?.count ?? 0,
      outWan: Number(out.get(c.code)?.amountWan ?? 0),
      outTech: out.get(c.code)?.techTradeWan ?? '0',
      inCount: inn.get(c.code)?.count ?? 0,
      inWan: Number(inn.get(c.code)?.amountWan ?? 0),
      inTech: inn.get(c.code)?.techTradeWan ?? '0',
    }));
  }, [res.data, cities]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('dash.outputWan'), t('dash.absorptionWan')], top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.name.replace(/市$/, '')), axisLabel: { interval: 0, rotate: 40 } },
      yAxis: { type: 'value' },
      series: [
        { name: t('dash.outputWan'), type: 'bar', data: rows.map((r) => r.outWan), itemStyle: { color: '#0b4ea2' } },
        { name: t('dash.absorptionWan'), type: 'bar', data: rows.map((r) => r.inWan), itemStyle: { color: '#13a8a8' } },
      ],
    }),
    [rows, t],
  );
  const shown = rows.filter((r) => r.outCount || r.inCount);
  return (
    <Card
      data-testid="contract-flow"
      title={
        <div>
          <h2 className="tb-card-title">{t('dash.contractFlow')}</h2>
          {res.data && <div className="tb-muted tb-small tb-card-sub">{t('ct.countedNote', { n: res.data.counted })}</div>}
        </div>
      }
    >
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : res.loading || !cities ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Row gutter={[20, 20]}>
          <Col xs={24} xl={13}>
            <EChart option={option} height={320} label={`${t('dash.contractFlow')}: ${shown.map((r) => `${r.name} ${r.outWan}/${r.inWan}`).join('，')}`} />
          </Col>
          <Col xs={24} xl={11}>
            <Table<FlowRow>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={shown}
              scroll={{ x: 480 }}
              locale={{ emptyText: t('common.empty') }}
              columns={[
                { title: t('dash.city'), dataIndex: 'name' },
                { title: `${t('ct.output')}`, children: [
                  { title: t('ct.count'), dataIndex: 'outCount', align: 'right' },
                  { title: t('ct.techTrade'), dataIndex: 'outTech', align: 'right' },
                ] },
                { title: `${t('ct.absorption')}`, children: [
                  { title: t('ct.count'), dataIndex: 'inCount', align: 'right' },
                  { title: t('ct.techTrade'), dataIndex: 'inTech', align: 'right' },
                ] },
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
