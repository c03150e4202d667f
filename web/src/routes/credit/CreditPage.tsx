import { useMemo, useState } from 'react';
import { App, Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Space, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { EChart } from '../../components/EChart';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { KindTag, RISK_HEX, RiskTag, SourceText, StatusBadges, useDetailText } from './common';
import { get, post, type CreditPublicPage, type CreditRecord, type Deregistration } from './http';
import { useT, type ExtraKey } from './i18n';

/** 信用公示页: list status, risk class with its score breakdown, public records and the class history. */
export default function CreditPage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useT();
  const { session } = useAuth();
  const res = useAsync(() => get<CreditPublicPage>(`/api/credit/organisations/${encodeURIComponent(id)}`), [id]);
  const dereg = useAsync(() => get<Deregistration[]>('/api/credit/deregistrations', { organisationId: id }), [id]);
  const detailText = useDetailText();
  const latest = res.data?.riskHistory[0];
  const chart = useMemo(() => {
    const h = [...(res.data?.riskHistory ?? [])].reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: h.map((p) => p.asOf) },
      yAxis: { type: 'value', name: t('cr.score'), min: 0 },
      series: [
        {
          type: 'line',
          name: t('cr.score'),
          data: h.map((p) => ({ value: p.score, itemStyle: { color: RISK_HEX[p.class] }, label: { show: true, formatter: p.class } })),
          lineStyle: { color: '#0b4ea2' },
          symbolSize: 10,
        },
      ],
    };
  }, [res.data, t]);

  if (res.loading) return <div className="tb-container tb-page"><LoadingBlock rows={8} /></div>;
  if (res.error || !res.data) return <div className="tb-container tb-page"><ErrorBlock error={res.error} onRetry={res.reload} /></div>;
  const p = res.data;
  const mine = session?.organisation?.id === id;
  return (
    <div className="tb-container tb-page" data-testid="credit-page">
      <div className="tb-ws-head">
        <div>
          <h1 className="tb-page-title">{t('cr.pageTitle', { name: p.organisation.name })}</h1>
          <p className="tb-page-sub tb-page-sub-tight">{t('cr.pageSub')}</p>
        </div>
        <Space wrap>
          <Link to={`/organisations/${id}`}>{t('cr.orgHome')}</Link>
          {mine && (
            <Link to="/credit/me">
              <Button type="primary">{t('cr.myCredit')}</Button>
            </Link>
          )}
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('cr.overview')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('cr.uscc')}>
                <span className="tb-mono">{p.organisation.uscc ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('cr.listStatus')}>
                <StatusBadges s={p.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('cr.riskClass')}>
                <RiskTag cls={p.status.riskClass} />
              </Descriptions.Item>
              {latest && (
                <Descriptions.Item label={t('cr.asOf')}>
                  {latest.asOf} · {t('cr.scoreIs', { n: latest.score })}
                </Descriptions.Item>
              )}
            </Descriptions>
            <p className="tb-muted tb-small" style={{ marginTop: 8 }}>
              {t('cr.classHint')}
            </p>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('cr.breakdown')}>
            <Table
              size="small"
              rowKey="indicator"
              pagination={false}
              dataSource={latest?.breakdown ?? []}
              locale={{ emptyText: <Empty description={t('cr.noScore')} /> }}
              data-testid="credit-breakdown"
              columns={[
                { title: t('cr.indicator'), key: 'i', render: (_, b) => pick(b.zh, b.en) },
                { title: t('cr.count'), dataIndex: 'count', align: 'right', width: 80 },
                { title: t('cr.points'), dataIndex: 'points', align: 'right', width: 80, render: (v: number) => (v > 0 ? `+${v}` : v) },
              ]}
              summary={() =>
                latest ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <strong>{t('cr.total')}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} />
                    <Table.Summary.Cell index={2} align="right">
                      <strong>{latest.score}</strong>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
            {latest && latest.overrides.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 12 }}
                title={t('cr.overrides')}
                description={latest.overrides.map((o, i) => (
                  <div key={i}>{typeof o === 'string' ? o : 'zh' in o ? pick(String(o.zh), String(o.en ?? '')) : JSON.stringify(o)}</div>
                ))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('cr.records')} className="tb-section-card" style={{ marginTop: 16 }}>
        <Table<CreditRecord>
          rowKey="id"
          size="small"
          dataSource={p.records}
          data-testid="credit-records"
          scroll={{ x: 760 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('cr.noRecords')} /> }}
          columns={[
            { title: t('cr.kind'), dataIndex: 'kind', width: 130, render: (k: string) => <KindTag kind={k} /> },
            {
              title: t('cr.content'),
              key: 'c',
              render: (_, r) => (
                <div>
                  <div>{r.title || '—'}</div>
                  {detailText(r) && <div className="tb-muted tb-small">{detailText(r)}</div>}
                </div>
              ),
            },
            { title: t('cr.source'), key: 's', width: 220, render: (_, r) => <SourceText s={r.source} /> },
            { title: t('cr.date'), dataIndex: 'date', width: 110 },
            { title: t('cr.publicUntil'), dataIndex: 'publicUntil', width: 120, render: (v: string | null | undefined) => v ?? t('cr.untilRemoved') },
          ]}
        />
      </Card>
      <Card title={t('cr.history')} style={{ marginTop: 16 }}>
        {p.riskHistory.length ? <EChart option={chart} height={260} label={t('cr.historyAria', { name: p.organisation.name })} /> : <Empty description={t('cr.noScore')} />}
      </Card>
      {(dereg.data ?? []).length > 0 && (
        <Card title={t('cr.dereg.notices')} style={{ marginTop: 16 }}>
          <DeregList items={dereg.data ?? []} onChanged={dereg.reload} lang={lang} />
        </Card>
      )}
    </div>
  );
}

export function DeregList({ items, onChanged, showOrg }: { items: Deregistration[]; onChanged(): void; lang?: string; showOrg?: boolean }) {
  const { t } = useT();
  const { session } = useAuth();
  const { message } = App.useApp();
  const [target, setTarget] = useState<Deregistration | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <>
      <Table<Deregistration>
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        columns={[
          ...(showOrg ? [{ title: t('common.organisation'), key: 'o', render: (_: unknown, d: Deregistration) => <Link to={`/credit/${d.organisationId}`}>{t('cr.viewCredit')}</Link> }] : []),
          { title: t('cr.dereg.noticeStart'), dataIndex: 'noticeStart', width: 130 },
          { title: t('common.status'), dataIndex: 'status', width: 120, render: (s: string) => <Tag color={s === 'in_notice' ? 'processing' : s === 'stopped' ? 'red' : 'default'}>{t(`cr.dereg.status.${s}` as ExtraKey)}</Tag> },
          { title: t('cr.dereg.objections'), dataIndex: 'objections', width: 100, align: 'right' },
          {
            title: t('common.actions'),
            key: 'a',
            width: 140,
            render: (_: unknown, d: Deregistration) =>
              d.status === 'in_notice' && session ? (
                <Button size="small" onClick={() => { form.resetFields(); setTarget(d); }}>
                  {t('cr.dereg.object')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!target}
        title={t('cr.dereg.object')}
        okText={t('cr.dereg.object')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy }}
        onCancel={() => setTarget(null)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          setBusy(true);
          try {
            await post(`/api/credit/deregistrations/${target!.id}/objections`, { reason: v.reason.trim() });
            message.success(t('cr.dereg.objected'));
            setTarget(null);
            onChanged();
          } catch (e) {
            const top = applyApiError(form, e, (f) => f === 'reason');
            if (top) message.error(top);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('cr.dereg.objectReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('cr.required') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
