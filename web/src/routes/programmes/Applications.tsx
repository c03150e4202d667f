import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { Reasons, StatusTag } from './common';
import { get, post, type Application, type ApplicationDetail, type Criterion } from './http';
import { useP } from './i18n';

export function ApplicationList({ scope }: { scope: 'mine' | 'review' }) {
  const { t } = useP();
  const s = useAsync(() => get<Application[]>(`/api/applications?scope=${scope}`), [scope]);
  if (s.loading) return <LoadingBlock />;
  if (s.error) return <ErrorBlock error={s.error} onRetry={s.reload} />;
  if (!s.data!.length) return <Empty description={t('empty')} />;
  return (
    <Table
      rowKey="id" size="small" pagination={false} scroll={{ x: true }} dataSource={s.data}
      columns={[
        { title: t('title'), render: (_: unknown, a: Application) => <Link to={`/programmes/applications/${a.id}`}>{a.title}</Link> },
        { title: t('appBudgetWan'), dataIndex: 'budgetWan' },
        { title: t('status'), render: (_: unknown, a: Application) => (scope === 'review' ? <Tag color={a.reviewStatus === 'scored' ? 'green' : 'blue'}>{t(a.reviewStatus === 'scored' ? 'scored' : 'assigned')}</Tag> : <StatusTag kind="app" status={a.status} />) },
        { title: '', render: (_: unknown, a: Application) => <Link to={`/programmes/challenges/${a.challengeId}`}>{t('challenges')}</Link> },
      ]}
    />
  );
}

function ScoreForm({ id, criteria, initial, onSaved }: { id: string; criteria: Criterion[]; initial?: { key: string; points: string }[]; comment?: string; onSaved(): void }) {
  const { t } = useP();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const init = Object.fromEntries((initial ?? []).map((s) => [s.key, s.points.replace(/\.00$/, '')]));
  const values = Form.useWatch([], form) as Record<string, string> | undefined;
  const total = criteria.reduce((s, c) => s + Math.round(Number(values?.[c.key] ?? 0) * 100), 0);
  const submit = async (v: Record<string, string>) => {
    setBusy(true);
    try {
      await post(`/api/applications/${id}/scores`, { sheet: criteria.map((c) => ({ key: c.key, points: String(v[c.key]).trim() })), comment: v.comment || undefined });
      message.success(t('scoreSaved'));
      onSaved();
    } catch (e) {
      const msg = applyApiError(form, e, () => false);
      if (msg) message.error(msg);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('scoreSheet')} style={{ marginTop: 16 }} data-testid="score-sheet">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={init}>
        {criteria.map((c) => (
          <Form.Item key={c.key} name={c.key} label={`${c.name}（${t('criteriaFrom', { max: c.maxPoints })}）`} rules={[{ required: true, pattern: /^\d{1,4}(\.\d{1,2})?$/ }]}>
            <Input inputMode="decimal" style={{ maxWidth: 160 }} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('comment')}><Input.TextArea rows={2} /></Form.Item>
        <div style={{ marginBottom: 12 }}>{t('total')}：<b data-testid="sheet-total">{(total / 100).toFixed(2)}</b></div>
        <Button type="primary" htmlType="submit" loading={busy}>{t('saveScore')}</Button>
      </Form>
    </Card>
  );
}

export function ApplicationPage() {
  const { id } = useParams();
  const { t } = useP();
  const s = useAsync(() => get<ApplicationDetail>(`/api/applications/${id}`), [id]);
  if (s.loading) return <LoadingBlock />;
  if (s.error) return <ErrorBlock error={s.error} onRetry={s.reload} />;
  const d = s.data!;
  const a = d.application;
  const mine = d.access === 'reviewer' ? d.reviews[0] : undefined;
  return (
    <>
      <Typography.Title level={3}>{a.title} <StatusTag kind="app" status={a.status} /></Typography.Title>
      <Typography.Paragraph type="secondary"><Link to={`/programmes/challenges/${d.challenge.id}`}>{d.challenge.title}</Link></Typography.Paragraph>
      {!a.eligibility.eligible && <Alert type="warning" message={<Reasons reasons={a.eligibility.reasons} />} />}
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('plan')}><div style={{ whiteSpace: 'pre-wrap' }}>{a.plan}</div></Descriptions.Item>
        <Descriptions.Item label={t('appBudgetWan')}>{a.budgetWan}</Descriptions.Item>
        <Descriptions.Item label={t('team')}>{a.team.map((m) => [m.name, m.title, m.role].filter(Boolean).join(' · ')).join('；')}</Descriptions.Item>
        {a.coAuthors.length > 0 && <Descriptions.Item label={t('coAuthors')}>{a.coAuthors.join('、')}</Descriptions.Item>}
        <Descriptions.Item label={t('milestones')}>
          <ol style={{ margin: 0, paddingLeft: 18 }}>
            {a.milestones.map((m) => <li key={m.title + m.due}>{m.title} · {m.due} · {m.amountWan} 万元{m.indicators.length ? ` · ${m.indicators.join('、')}` : ''}</li>)}
          </ol>
        </Descriptions.Item>
      </Descriptions>
      {d.access === 'team' && (d.resultsPublished && d.aggregate
        ? <Alert style={{ marginTop: 16 }} type="info" showIcon message={<span>{t('yourScore')}：<b data-testid="team-score">{d.aggregate.mean ?? '—'}</b></span>} />
        : <Alert style={{ marginTop: 16 }} type="info" message={t('hiddenUntil')} />)}
      {d.access === 'reviewer' && mine && d.challenge.status === 'review' && <ScoreForm id={a.id} criteria={d.criteria} initial={mine.sheet} onSaved={s.reload} />}
      {d.access === 'reviewer' && mine?.total && <Alert style={{ marginTop: 12 }} type="success" message={<span>{t('total')}：<b data-testid="my-total">{mine.total}</b></span>} />}
      {d.access === 'government' && (
        <Card title={`${t('ranking')}${d.aggregate?.mean ? ` · ${t('mean')} ${d.aggregate.mean}` : ''}`} style={{ marginTop: 16 }}>
          <Table
            rowKey="id" size="small" pagination={false} scroll={{ x: true }} dataSource={d.reviews}
            columns={[
              { title: t('reviewers'), dataIndex: 'reviewerName' },
              { title: t('status'), render: (_: unknown, r: ApplicationDetail['reviews'][number]) => <><Tag>{t(r.status as 'excluded')}</Tag>{r.exclusion.length > 0 && <Reasons reasons={r.exclusion} />}</> },
              { title: t('total'), dataIndex: 'total' },
              { title: t('comment'), dataIndex: 'comment' },
            ]}
          />
        </Card>
      )}
    </>
  );
}
