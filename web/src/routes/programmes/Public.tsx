import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { DATE, Reasons, StatusTag, WAN } from './common';
import { GovPanel } from './Gov';
import { get, post, type Application, type Challenge, type Programme, type Reason } from './http';
import { useP } from './i18n';

const isGovRole = (r?: string) => r === 'government' || r === 'admin';

export function ProgrammeList() {
  const { t } = useP();
  const { session } = useAuth();
  const s = useAsync(() => get<Programme[]>('/api/programmes'), []);
  if (s.loading) return <LoadingBlock />;
  if (s.error) return <ErrorBlock error={s.error} onRetry={s.reload} />;
  return (
    <>
      {isGovRole(session?.user.role) && (
        <Space style={{ marginBottom: 12 }}>
          <Link to="/programmes/new"><Button type="primary" icon={<PlusOutlined />}>{t('newProgramme')}</Button></Link>
        </Space>
      )}
      {s.data!.length === 0 ? <Empty description={t('noProgrammes')} /> : (
        <List
          dataSource={s.data}
          renderItem={(p) => (
            <Card key={p.id} size="small" style={{ marginBottom: 12 }} title={<Link to={`/programmes/${p.id}`}>{p.title}</Link>} extra={<Tag>{p.issuerName}</Tag>}>
              <Space wrap size={16}>
                <span>{t('budgetWan')}：<b>{p.budgetWan}</b></span>
                <span>{t('applyFrom')}：{p.applyFrom}</span>
                <span>{t('applyUntil')}：{p.applyUntil}</span>
              </Space>
            </Card>
          )}
        />
      )}
    </>
  );
}

function RulesBlock({ p }: { p: Programme }) {
  const { t } = useP();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
      <Descriptions.Item label={t('issuer')}>{p.issuerName}</Descriptions.Item>
      <Descriptions.Item label={t('budgetWan')}>{p.budgetWan}</Descriptions.Item>
      <Descriptions.Item label={t('applyFrom')}>{p.applyFrom}</Descriptions.Item>
      <Descriptions.Item label={t('applyUntil')}>{p.applyUntil}</Descriptions.Item>
      <Descriptions.Item label={t('regions')}>{p.rules.regions.join('、') || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('orgTypes')}>{p.rules.orgTypes.join('、') || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('worstClass')}>{p.rules.worstCreditClass ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('dropExtremes')}>{p.dropExtremes ? '✓' : '✗'}</Descriptions.Item>
      <Descriptions.Item label={t('criteria')} span={2}>{p.criteria.map((c) => `${c.name}（${c.maxPoints}）`).join('；')}</Descriptions.Item>
      {p.schedule.length > 0 && <Descriptions.Item label={t('schedule')} span={2}>{p.schedule.map((x) => `${x.label} ${x.date}`).join('；')}</Descriptions.Item>}
    </Descriptions>
  );
}

export function ProgrammeDetail() {
  const { id } = useParams();
  const { t } = useP();
  const { session } = useAuth();
  const s = useAsync(() => get<{ programme: Programme; challenges: Challenge[] }>(`/api/programmes/${id}`), [id]);
  if (s.loading) return <LoadingBlock />;
  if (s.error) return <ErrorBlock error={s.error} onRetry={s.reload} />;
  const { programme: p, challenges } = s.data!;
  return (
    <>
      <Typography.Title level={3}>{p.title}</Typography.Title>
      {p.description && <Typography.Paragraph>{p.description}</Typography.Paragraph>}
      <RulesBlock p={p} />
      <Space style={{ margin: '16px 0 8px' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('challenges')}</Typography.Title>
        {isGovRole(session?.user.role) && <Link to={`/programmes/${p.id}/challenges/new`}><Button icon={<PlusOutlined />}>{t('newChallenge')}</Button></Link>}
      </Space>
      {challenges.length === 0 ? <Empty description={t('noChallenges')} /> : (
        <Table
          rowKey="id" size="small" pagination={false} scroll={{ x: true }} dataSource={challenges}
          columns={[
            { title: t('title'), dataIndex: 'title', render: (v: string, c: Challenge) => <Link to={`/programmes/challenges/${c.id}`}>{v}</Link> },
            { title: t('funding'), render: (_: unknown, c: Challenge) => `${c.fundingWan}` },
            { title: t('applications'), dataIndex: 'applications' },
            { title: t('status'), render: (_: unknown, c: Challenge) => <StatusTag kind="st" status={c.status} /> },
            { title: t('awardedTo'), render: (_: unknown, c: Challenge) => c.award?.organisationName ?? '—' },
          ]}
        />
      )}
    </>
  );
}

export function ChallengeDetail() {
  const { id } = useParams();
  const { t } = useP();
  const { session } = useAuth();
  const role = session?.user.role;
  const s = useAsync(() => get<{ challenge: Challenge; programme: Programme }>(`/api/challenges/${id}`), [id]);
  if (s.loading) return <LoadingBlock />;
  if (s.error) return <ErrorBlock error={s.error} onRetry={s.reload} />;
  const { challenge: c, programme: p } = s.data!;
  return (
    <>
      <Typography.Title level={3}>{c.title} <StatusTag kind="st" status={c.status} />{c.resultsPublishedAt && <Tag color="purple">{t('published')}</Tag>}</Typography.Title>
      <Typography.Paragraph type="secondary"><Link to={`/programmes/${p.id}`}>{p.title}</Link> · {p.issuerName}</Typography.Paragraph>
      {c.description && <Typography.Paragraph>{c.description}</Typography.Paragraph>}
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('funding')}><b data-testid="funding">{c.fundingWan}</b> 万元（{t('government')} {c.budgetWan} + {t('enterprise')} {c.cofundWan}）</Descriptions.Item>
        <Descriptions.Item label={t('applyUntil')}>{p.applyUntil}</Descriptions.Item>
        <Descriptions.Item label={t('applications')}>{c.applications ?? 0}</Descriptions.Item>
        {c.award && <Descriptions.Item label={t('awardedTo')}>{c.award.organisationName}（{c.award.awardedWan} 万元）</Descriptions.Item>}
      </Descriptions>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {c.demands.map((d) => (
          <Col xs={24} md={8} key={d.demandId}>
            <Card size="small" title={<Link to={`/demands/${d.demandId}`}>{d.title}</Link>}>
              <div>{t('cofundWan')}：{d.cofundWan}</div>
              <div style={{ marginTop: 6 }}>{t('indicators')}：</div>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {d.indicators.map((x) => <li key={x.name}>{x.name} {x.comparator} {x.target} {x.unit}</li>)}
              </ul>
            </Card>
          </Col>
        ))}
      </Row>
      {(role === 'enterprise' || role === 'institution') && c.status === 'open' && <ApplyBlock c={c} />}
      {isGovRole(role) && <GovPanel c={c} p={p} onChange={s.reload} />}
    </>
  );
}

function ApplyBlock({ c }: { c: Challenge }) {
  const { t } = useP();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [reasons, setReasons] = useState<Reason[] | null>(null);
  const [busy, setBusy] = useState(false);
  const names = c.demands.flatMap((d) => d.indicators.map((x) => x.name));
  const check = useAsync(() => get<{ eligible: boolean; reasons: Reason[] }>(`/api/challenges/${c.id}/eligibility`), [c.id]);
  const submit = async (v: Record<string, any>) => {
    setBusy(true);
    setReasons(null);
    try {
      const a = await post<Application>(`/api/challenges/${c.id}/applications`, {
        title: v.title, plan: v.plan, budgetWan: v.budgetWan, coAuthors: v.coAuthors ?? [],
        team: (v.team ?? []).map((m: any) => ({ name: m.name, title: m.title || undefined, role: m.role || undefined, email: m.email || null })),
        milestones: (v.milestones ?? []).map((m: any) => ({ title: m.title, due: m.due, amountWan: m.amountWan, deliverable: m.deliverable || undefined, indicators: m.indicators ?? [] })),
      });
      message.success(t('submitted'));
      nav(`/programmes/applications/${a.id}`);
    } catch (e) {
      const err = e as { code?: string; fields?: { code: string; message?: string }[] };
      if (err.code === 'PROGRAMME_NOT_ELIGIBLE') setReasons((err.fields ?? []).map((f) => ({ code: f.code, zh: f.message ?? f.code, en: f.message ?? f.code })));
      else {
        const msg = applyApiError(form, e);
        if (msg) message.error(msg);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('apply')} style={{ marginTop: 16 }} data-testid="apply-card">
      {check.data && (check.data.eligible
        ? <Alert type="success" showIcon message={t('eligible')} style={{ marginBottom: 12 }} />
        : <Alert type="warning" showIcon data-testid="eligibility-reasons" message={t('notEligible')} description={<Reasons reasons={check.data.reasons} />} style={{ marginBottom: 12 }} />)}
      {reasons && <Alert type="error" showIcon data-testid="apply-reasons" message={t('notEligible')} description={<Reasons reasons={reasons} />} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ team: [{}], milestones: [{ indicators: names }] }}>
        <Form.Item name="title" label={t('title')} rules={[{ required: true }]}><Input maxLength={120} /></Form.Item>
        <Form.Item name="plan" label={t('plan')} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={20000} /></Form.Item>
        <Form.Item name="budgetWan" label={t('appBudgetWan')} rules={[{ required: true, pattern: WAN }]}><Input inputMode="decimal" /></Form.Item>
        <Typography.Text strong>{t('team')}</Typography.Text>
        <Form.List name="team">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('name')} aria-label={t('name')} /></Form.Item>
                  <Form.Item name={[f.name, 'title']}><Input placeholder={t('jobTitle')} aria-label={t('jobTitle')} /></Form.Item>
                  <Form.Item name={[f.name, 'role']}><Input placeholder={t('role')} aria-label={t('role')} /></Form.Item>
                  <Form.Item name={[f.name, 'email']}><Input placeholder={t('email')} aria-label={t('email')} /></Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} style={{ marginBottom: 16 }}>{t('addMember')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="coAuthors" label={t('coAuthors')}><Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} /></Form.Item>
        <Typography.Text strong>{t('milestones')}</Typography.Text>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid={`milestone-${i}`} extra={fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}>
                  <Space wrap align="baseline">
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true }]}><Input placeholder={t('title')} aria-label={t('title')} /></Form.Item>
                    <Form.Item name={[f.name, 'due']} rules={[{ required: true, pattern: DATE }]}><Input placeholder="YYYY-MM-DD" aria-label={t('due')} /></Form.Item>
                    <Form.Item name={[f.name, 'amountWan']} rules={[{ required: true, pattern: WAN }]}><Input placeholder={t('amountWan')} aria-label={t('amountWan')} /></Form.Item>
                    <Form.Item name={[f.name, 'deliverable']}><Input placeholder={t('deliverable')} aria-label={t('deliverable')} /></Form.Item>
                  </Space>
                  <Form.Item name={[f.name, 'indicators']} label={t('indicators')}><Select mode="multiple" options={names.map((n) => ({ value: n, label: n }))} /></Form.Item>
                </Card>
              ))}
              <Button type="dashed" onClick={() => add({ indicators: [] })} icon={<PlusOutlined />} style={{ marginBottom: 16 }}>{t('addMilestone')}</Button>
            </>
          )}
        </Form.List>
        <div><Button type="primary" htmlType="submit" loading={busy}>{t('submit')}</Button></div>
      </Form>
    </Card>
  );
}
