import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { DATE, Reasons, WAN } from './common';
import { get, post, type Challenge, type Programme, type RankRow, type Reviewer } from './http';
import { useP } from './i18n';

const ORG_TYPES = ['enterprise', 'university', 'institute', 'broker_agency', 'pilot_base', 'incubator'];

export function ProgrammeNew() {
  const { t } = useP();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Record<string, any>) => {
    setBusy(true);
    try {
      const p = await post<Programme>('/api/programmes', {
        title: v.title, issuerName: v.issuerName || undefined, description: v.description || undefined, budgetWan: v.budgetWan, applyFrom: v.applyFrom, applyUntil: v.applyUntil, dropExtremes: !!v.dropExtremes,
        rules: { regions: v.regions ?? [], orgTypes: v.orgTypes ?? [], worstCreditClass: v.worstCreditClass ?? null, excludeAbnormalList: !!v.excludeAbnormal },
      });
      message.success(t('saved'));
      nav(`/programmes/${p.id}`);
    } catch (e) {
      const msg = applyApiError(form, e);
      if (msg) message.error(msg);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('newProgramme')}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ regions: ['21'], orgTypes: ['enterprise', 'university', 'institute'], worstCreditClass: 'C', dropExtremes: true, excludeAbnormal: true }}>
        <Form.Item name="title" label={t('title')} rules={[{ required: true }]}><Input maxLength={120} /></Form.Item>
        <Form.Item name="issuerName" label={t('issuer')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="description" label={t('description')}><Input.TextArea rows={3} /></Form.Item>
        <Space wrap>
          <Form.Item name="budgetWan" label={t('budgetWan')} rules={[{ required: true, pattern: WAN }]}><Input inputMode="decimal" /></Form.Item>
          <Form.Item name="applyFrom" label={t('applyFrom')} rules={[{ required: true, pattern: DATE }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
          <Form.Item name="applyUntil" label={t('applyUntil')} rules={[{ required: true, pattern: DATE }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
        </Space>
        <Form.Item name="regions" label={t('regions')}><Select mode="tags" open={false} /></Form.Item>
        <Form.Item name="orgTypes" label={t('orgTypes')}><Select mode="multiple" options={ORG_TYPES.map((x) => ({ value: x, label: x }))} /></Form.Item>
        <Form.Item name="worstCreditClass" label={t('worstClass')}><Select allowClear options={['A', 'B', 'C', 'D'].map((x) => ({ value: x, label: x }))} style={{ maxWidth: 160 }} /></Form.Item>
        <Form.Item name="excludeAbnormal" valuePropName="checked"><Checkbox>{t('excludeAbnormal')}</Checkbox></Form.Item>
        <Form.Item name="dropExtremes" valuePropName="checked"><Checkbox>{t('dropExtremes')}</Checkbox></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{t('create')}</Button>
      </Form>
    </Card>
  );
}

interface DemandItem { id: string; title: string; organisation: { name: string }; status: string }

/** A challenge from selected published demands: per demand the co-funding and measurable indicators. */
export function ChallengeNew() {
  const { id } = useParams();
  const { t } = useP();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [selected, setSelected] = useState<string[]>([]);
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const demands = useAsync(() => get<{ items: DemandItem[] }>(`/api/demands?pageSize=100${q ? `&q=${encodeURIComponent(q)}` : ''}`), [q]);
  const byId = new Map((demands.data?.items ?? []).map((d) => [d.id, d]));
  const [titles, setTitles] = useState<Record<string, string>>({});
  const submit = async (v: Record<string, any>) => {
    setBusy(true);
    try {
      const c = await post<Challenge>(`/api/programmes/${id}/challenges`, {
        title: v.title, description: v.description || undefined, budgetWan: v.budgetWan,
        demands: selected.map((d) => ({ demandId: d, cofundWan: v.d?.[d]?.cofundWan ?? '0', indicators: (v.d?.[d]?.indicators ?? []).map((x: any) => ({ name: x.name, unit: x.unit ?? '', target: x.target, comparator: x.comparator ?? '>=' })) })),
      });
      message.success(t('saved'));
      nav(`/programmes/challenges/${c.id}`);
    } catch (e) {
      const msg = applyApiError(form, e);
      if (msg) message.error(msg);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('newChallenge')}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('title')} rules={[{ required: true }]}><Input maxLength={120} /></Form.Item>
        <Form.Item name="description" label={t('description')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="budgetWan" label={t('challengeBudgetWan')} rules={[{ required: true, pattern: WAN }]}><Input inputMode="decimal" style={{ maxWidth: 200 }} /></Form.Item>
        <Typography.Text strong>{t('pickDemands')}</Typography.Text>
        <Input.Search allowClear onSearch={setQ} style={{ margin: '8px 0', maxWidth: 360 }} aria-label={t('pickDemands')} />
        {demands.loading ? <LoadingBlock rows={3} card={false} /> : demands.error ? <ErrorBlock error={demands.error} /> : (
          <Table
            rowKey="id" size="small" pagination={{ pageSize: 8 }} scroll={{ x: true }} dataSource={demands.data!.items}
            rowSelection={{
              selectedRowKeys: selected, preserveSelectedRowKeys: true,
              onChange: (keys) => {
                setSelected(keys as string[]);
                setTitles((old) => ({ ...old, ...Object.fromEntries((keys as string[]).filter((k) => byId.has(k)).map((k) => [k, byId.get(k)!.title])) }));
              },
            }}
            columns={[{ title: t('title'), dataIndex: 'title' }, { title: t('organisation'), render: (_: unknown, d: DemandItem) => d.organisation?.name }]}
          />
        )}
        {selected.map((d, i) => (
          <div key={d} data-testid={`demand-card-${i}`}>
            <Card size="small" title={titles[d] ?? d} style={{ marginBottom: 8 }}>
              <Form.Item name={['d', d, 'cofundWan']} label={t('cofundWan')} rules={[{ required: true, pattern: WAN }]}><Input inputMode="decimal" style={{ maxWidth: 200 }} /></Form.Item>
              <Typography.Text>{t('indicators')}</Typography.Text>
              <Form.List name={['d', d, 'indicators']} initialValue={[{ comparator: '>=' }]}>
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} wrap align="baseline" style={{ display: 'flex' }}>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('indicatorName')} aria-label={t('indicatorName')} /></Form.Item>
                        <Form.Item name={[f.name, 'comparator']}><Radio.Group optionType="button" size="small" options={['>=', '<=', '>', '<', '='].map((x) => ({ value: x, label: x }))} /></Form.Item>
                        <Form.Item name={[f.name, 'target']} rules={[{ required: true, pattern: /^-?\d{1,15}(\.\d{1,6})?$/ }]}><Input placeholder={t('target')} aria-label={t('target')} style={{ width: 110 }} /></Form.Item>
                        <Form.Item name={[f.name, 'unit']}><Input placeholder={t('unit')} aria-label={t('unit')} style={{ width: 90 }} /></Form.Item>
                        {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                      </Space>
                    ))}
                    <Button size="small" type="dashed" onClick={() => add({ comparator: '>=' })} icon={<PlusOutlined />}>{t('addIndicator')}</Button>
                  </>
                )}
              </Form.List>
            </Card>
          </div>
        ))}
        <div style={{ marginTop: 12 }}><Button type="primary" htmlType="submit" loading={busy} disabled={!selected.length}>{t('create')}</Button></div>
      </Form>
    </Card>
  );
}

/** Government on a challenge: reviewers and exclusions, closing, aggregated scores, award, publication. */
export function GovPanel({ c, p, onChange }: { c: Challenge; p: Programme; onChange(): void }) {
  const { t } = useP();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const reviewers = useAsync(() => get<Reviewer[]>(`/api/challenges/${c.id}/reviewers`), [c.id]);
  const ranking = useAsync(() => get<RankRow[]>(`/api/challenges/${c.id}/ranking`), [c.id, c.status]);
  const act = async (fn: () => Promise<unknown>, after?: (r: any) => void) => {
    try {
      const r = await fn();
      message.success(t('saved'));
      after?.(r);
      onChange();
      reviewers.reload();
      ranking.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const assign = async (v: { email: string; declared?: string[] }) => {
    try {
      await post(`/api/challenges/${c.id}/reviewers`, { email: v.email.trim(), declaredCoAuthors: v.declared ?? [] });
      form.resetFields();
      message.success(t('saved'));
      reviewers.reload();
      ranking.reload();
    } catch (e) {
      const msg = applyApiError(form, e);
      if (msg) message.error(msg);
    }
  };
  const appTitle = new Map((ranking.data ?? []).map((r) => [r.application.id, `${r.organisationName} · ${r.application.title}`]));
  return (
    <>
      <Card title={t('reviewers')} style={{ marginTop: 16 }} data-testid="reviewers-card">
        {c.status !== 'awarded' && (
          <Form form={form} layout="inline" onFinish={assign} style={{ marginBottom: 12, rowGap: 8 }}>
            <Form.Item name="email" label={t('reviewerEmail')} rules={[{ required: true }]}><Input style={{ width: 240 }} /></Form.Item>
            <Form.Item name="declared" label={t('declared')}><Select mode="tags" open={false} style={{ minWidth: 200 }} /></Form.Item>
            <Button htmlType="submit">{t('assign')}</Button>
          </Form>
        )}
        {reviewers.data && (
          <Table
            rowKey="userId" size="small" pagination={false} scroll={{ x: true }} dataSource={reviewers.data}
            columns={[
              { title: t('name'), render: (_: unknown, r: Reviewer) => `${r.name}（${r.email}）` },
              {
                title: t('status'),
                render: (_: unknown, r: Reviewer) => (
                  <Space direction="vertical" size={2}>
                    {r.reviews.map((x) => (
                      <div key={x.applicationId}>
                        <Tag color={x.status === 'excluded' ? 'red' : x.status === 'scored' ? 'green' : 'blue'}>{t(x.status as 'excluded' | 'assigned' | 'scored')}</Tag>
                        {appTitle.get(x.applicationId) ?? x.applicationId.slice(-6)}
                        {x.exclusion.length > 0 && <Reasons reasons={x.exclusion} />}
                      </div>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        )}
        {c.status === 'open' && (
          <Popconfirm title={t('close')} onConfirm={() => act(() => post(`/api/challenges/${c.id}/close`))}>
            <Button type="primary" style={{ marginTop: 12 }}>{t('close')}</Button>
          </Popconfirm>
        )}
      </Card>
      <Card title={t('ranking')} style={{ marginTop: 16 }} data-testid="ranking-card" extra={p.dropExtremes && <Tag>{t('dropExtremes')}</Tag>}>
        {ranking.data && (
          <Table
            rowKey={(r) => r.application.id} size="small" pagination={false} scroll={{ x: true }} dataSource={ranking.data}
            columns={[
              { title: t('rank'), dataIndex: 'rank', render: (v: number | null) => v ?? '—' },
              { title: t('organisation'), render: (_: unknown, r: RankRow) => <Link to={`/programmes/applications/${r.application.id}`}>{r.organisationName}</Link> },
              { title: t('title'), render: (_: unknown, r: RankRow) => r.application.title },
              { title: t('appBudgetWan'), render: (_: unknown, r: RankRow) => r.application.budgetWan },
              {
                title: t('mean'),
                render: (_: unknown, r: RankRow) => (
                  <span data-testid={`mean-${r.application.id}`}>
                    <b>{r.aggregate.mean ?? '—'}</b>
                    <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                      ({r.aggregate.used}/{r.aggregate.count}{r.aggregate.dropped ? `，${t('droppedNote', { hi: r.aggregate.dropped.highest, lo: r.aggregate.dropped.lowest })}` : ''}{r.pending ? `，${t('pending')} ${r.pending}` : ''})
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: '',
                render: (_: unknown, r: RankRow) => c.status === 'review' && r.application.status === 'submitted'
                  ? <Popconfirm title={`${t('award')}：${r.organisationName}`} onConfirm={() => act(() => post(`/api/challenges/${c.id}/award`, { applicationId: r.application.id }), (proj: { id: string }) => nav(`/programmes/projects/${proj.id}`))}><Button size="small" type="primary">{t('award')}</Button></Popconfirm>
                  : r.application.status === 'awarded' ? <Tag color="gold">{t('awarded')}</Tag> : null,
              },
            ]}
          />
        )}
        {c.status === 'awarded' && !c.resultsPublishedAt && (
          <Button style={{ marginTop: 12 }} onClick={() => act(() => post(`/api/challenges/${c.id}/publish`))}>{t('publish')}</Button>
        )}
        {c.award && <div style={{ marginTop: 12 }}><Link to={`/programmes/projects/${c.award.projectId}`}>{t('project')} →</Link></div>}
      </Card>
    </>
  );
}
