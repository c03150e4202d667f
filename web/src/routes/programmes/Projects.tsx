import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { StatusTag } from './common';
import { get, post, put, type Milestone, type Project, type ProjectDetail } from './http';
import { useP } from './i18n';

export function ProjectList() {
  const { t } = useP();
  const s = useAsync(() => get<Project[]>('/api/projects'), []);
  if (s.loading) return <LoadingBlock />;
  if (s.error) return <ErrorBlock error={s.error} onRetry={s.reload} />;
  if (!s.data!.length) return <Empty description={t('empty')} />;
  return (
    <Table
      rowKey="id" size="small" pagination={false} scroll={{ x: true }} dataSource={s.data}
      columns={[
        { title: t('title'), render: (_: unknown, p: Project) => <Link to={`/programmes/projects/${p.id}`}>{p.title}</Link> },
        { title: t('awardedWan'), dataIndex: 'awardedWan' },
        { title: t('status'), dataIndex: 'status' },
      ]}
    />
  );
}

function MilestoneCard({ projectId, m, side, onChange }: { projectId: string; m: Milestone; side: 'team' | 'government'; onChange(): void }) {
  const { t } = useP();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [returning, setReturning] = useState(false);
  const act = async (action: string, body: Record<string, unknown> = {}) => {
    try {
      await post(`/api/projects/${projectId}/milestones/${m.id}/${action}`, body);
      message.success(t('saved'));
      form.resetFields();
      setReturning(false);
      onChange();
    } catch (e) {
      const msg = applyApiError(form, e);
      if (msg) message.error(msg);
    }
  };
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`milestone-card-${m.seq}`}
      title={<span>{m.seq}. {m.title} <StatusTag kind="ms" status={m.status} /></span>} extra={<span>{m.due} · {m.amountWan} 万元</span>}>
      {m.deliverable && <div>{t('deliverable')}：{m.deliverable}</div>}
      {m.indicators.length > 0 && (
        <div style={{ marginTop: 4 }}>
          {t('indicators')}：{m.indicators.map((x) => {
            const r = m.acceptance?.find((a) => a.name === x.name);
            const v = r?.value ?? m.reportedValues.find((a) => a.name === x.name)?.value;
            return <Tag key={x.name} color={r ? (r.met ? 'green' : 'red') : undefined}>{x.name} {x.comparator} {x.target}{x.unit}{v ? ` · ${t('measured')} ${v}` : ''}</Tag>;
          })}
        </div>
      )}
      {m.report && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{t('report')}：{m.report}</div>}
      {m.returnReason && <div style={{ marginTop: 4 }}><Typography.Text type="danger">{t('returnIt')}：{m.returnReason}</Typography.Text></div>}
      {m.paidWan && <div style={{ marginTop: 4 }}>{t('paidWan')}：<b>{m.paidWan}</b>（{m.paidOn}）</div>}
      {side === 'team' && (m.status === 'planned' || m.status === 'returned') && (
        <Form form={form} layout="vertical" style={{ marginTop: 8 }} onFinish={(v) => act('report', { report: v.report, values: m.indicators.map((x) => ({ name: x.name, value: String(v[`ind_${x.name}`] ?? '').trim() })).filter((x) => x.value) })}>
          <Form.Item name="report" label={t('report')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
          {m.indicators.map((x) => (
            <Form.Item key={x.name} name={`ind_${x.name}`} label={`${x.name}（${x.unit || '—'}）${t('measured')}`} rules={[{ required: true, pattern: /^-?\d{1,15}(\.\d{1,6})?$/ }]}>
              <Input inputMode="decimal" style={{ maxWidth: 160 }} />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit">{t('submitReport')}</Button>
        </Form>
      )}
      {side === 'government' && m.status === 'submitted' && (
        <Space wrap style={{ marginTop: 8 }}>
          <Button type="primary" onClick={() => act('accept')}>{t('accept')}</Button>
          {!returning && <Button danger onClick={() => setReturning(true)}>{t('returnIt')}</Button>}
          {returning && (
            <Form form={form} layout="inline" onFinish={(v) => act('return', { reason: v.reason })}>
              <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}><Input /></Form.Item>
              <Button danger htmlType="submit">{t('returnIt')}</Button>
            </Form>
          )}
        </Space>
      )}
      {side === 'government' && m.status === 'accepted' && <Button type="primary" style={{ marginTop: 8 }} onClick={() => act('pay')}>{t('pay')} {m.amountWan} 万元</Button>}
    </Card>
  );
}

export function ProjectPage() {
  const { id } = useParams();
  const { t } = useP();
  const { session } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const s = useAsync(() => get<ProjectDetail>(`/api/projects/${id}`), [id]);
  if (s.loading) return <LoadingBlock />;
  if (s.error) return <ErrorBlock error={s.error} onRetry={s.reload} />;
  const d = s.data!;
  const role = session?.user.role;
  const side = role === 'government' || role === 'admin' ? 'government' : 'team';
  const link = async (v: { dealId: string; contractId?: string }) => {
    try {
      await put(`/api/projects/${d.project.id}/outcome`, { dealId: v.dealId.trim(), contractId: v.contractId?.trim() || null });
      message.success(t('saved'));
      s.reload();
    } catch (e) {
      const msg = applyApiError(form, e);
      if (msg) message.error(msg);
    }
  };
  return (
    <>
      <Typography.Title level={3}>{t('project')}：{d.project.title}</Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('awardedTo')}>{d.organisationName}</Descriptions.Item>
        <Descriptions.Item label={t('challenges')}><Link to={`/programmes/challenges/${d.challenge.id}`}>{d.challenge.title}</Link></Descriptions.Item>
        <Descriptions.Item label={t('awardedWan')}>{d.project.awardedWan}</Descriptions.Item>
        <Descriptions.Item label={t('paidWan')}><b data-testid="paid-total">{d.paidWan}</b></Descriptions.Item>
        {d.project.dealId && <Descriptions.Item label={t('dealStage')}><Link to={`/deals/${d.project.dealId}`}>{d.dealStage}</Link></Descriptions.Item>}
        {d.project.contractId && <Descriptions.Item label={t('contractId')}><Link to={`/contracts/${d.project.contractId}`}>{d.project.contractId}</Link></Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={4} style={{ marginTop: 16 }}>{t('milestones')}</Typography.Title>
      {d.milestones.map((m) => <MilestoneCard key={m.id} projectId={d.project.id} m={m} side={side} onChange={s.reload} />)}
      <Card size="small" title={t('outcome')} style={{ marginTop: 8 }}>
        <Form form={form} layout="inline" onFinish={link} style={{ rowGap: 8 }} initialValues={{ dealId: d.project.dealId ?? '', contractId: d.project.contractId ?? '' }}>
          <Form.Item name="dealId" label={t('dealId')} rules={[{ required: true }]}><Input style={{ width: 240 }} /></Form.Item>
          <Form.Item name="contractId" label={t('contractId')}><Input style={{ width: 240 }} /></Form.Item>
          <Button htmlType="submit">{t('link')}</Button>
        </Form>
      </Card>
    </>
  );
}
