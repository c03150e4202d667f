import { useMemo, useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, Rate, Segmented, Space, Table, Tag, Timeline } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { get, post } from '../../lib/http';
import { useT, type ExtraKey } from '../credit/i18n';
import { RaiseCaseModal, type SubjectType } from './RaiseCase';
import type { CaseEvent, CoordCase, Department, DeptStats } from './types';
import { useL } from './i18n';

type Scope = 'mine' | 'queue' | 'all';

function useDepartments() {
  const d = useAsync(() => get<Department[]>('/api/coordination/departments'), []);
  return useMemo(() => new Map((d.data ?? []).map((x) => [x.code, x])), [d.data]);
}

export function CaseStatus({ c }: { c: Pick<CoordCase, 'status' | 'overdue'> }) {
  const { t } = useT();
  return (
    <span>
      <Tag color={c.status === 'open' ? 'processing' : c.status === 'resolved' ? 'gold' : 'default'}>{t(`co.status.${c.status}` as ExtraKey)}</Tag>
      {c.overdue && <Tag color="red">{t('co.overdue')}</Tag>}
    </span>
  );
}

function subjectLink(c: Pick<CoordCase, 'subjectType' | 'subjectId'>): string | null {
  if (c.subjectType === 'deal') return `/deals/${c.subjectId}`;
  if (c.subjectType === 'demand') return `/demands/${c.subjectId}`;
  if (c.subjectType === 'achievement') return `/achievements/${c.subjectId}`;
  return null;
}

/** 协调事项: my cases, my department's queue, or all (government); a raise form when ?subjectType&subjectId are given. */
export function CaseList() {
  const { t, pick } = useT();
  const { session } = useAuth();
  const isGov = session?.user.role === 'government' || session?.user.role === 'admin';
  const [sp, setSp] = useSearchParams();
  const scope = ((['mine', 'queue', 'all'] as const).find((s) => s === sp.get('scope')) ?? (session?.user.role === 'government' ? 'queue' : 'mine')) as Scope;
  const res = useAsync(() => get<CoordCase[]>('/api/coordination/cases', { scope }), [scope]);
  const depts = useDepartments();
  const raiseType = sp.get('subjectType') as SubjectType | null;
  const raiseId = sp.get('subjectId');
  return (
    <div>
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{t('x.nav.coordination')}</h2>
          <p className="tb-page-sub tb-page-sub-tight">{t('co.sub')}</p>
        </div>
        <Segmented<Scope>
          aria-label={t('co.scope')}
          value={scope}
          onChange={(v) => setSp({ scope: v })}
          options={(isGov ? (['queue', 'all', 'mine'] as const) : (['mine'] as const)).map((s) => ({ value: s, label: t(`co.scope.${s}` as ExtraKey) }))}
        />
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<CoordCase>
            rowKey="id"
            size="small"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 860 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            rowClassName={(c) => (c.overdue ? 'tb-row-overdue' : '')}
            locale={{ emptyText: <Empty description={t('co.empty')} /> }}
            columns={[
              { title: t('co.title'), dataIndex: 'title', render: (v: string, c) => <Link to={`/gov/coordination/${c.id}`} className="tb-table-title">{v}</Link> },
              { title: t('co.type'), key: 'type', width: 150, render: (_, c) => pick(c.typeLabel.zh, c.typeLabel.en) },
              { title: t('co.department'), dataIndex: 'department', width: 200, render: (v: string) => (depts.get(v) ? pick(depts.get(v)!.name, depts.get(v)!.nameEn) : v) },
              { title: t('co.raisedOn'), dataIndex: 'raisedOn', width: 110 },
              { title: t('co.dueDate'), dataIndex: 'dueDate', width: 110 },
              { title: t('common.status'), key: 's', width: 150, render: (_, c) => <CaseStatus c={c} /> },
            ]}
          />
        </Card>
      )}
      {raiseType && raiseId && (
        <RaiseCaseModal
          subjectType={raiseType}
          subjectId={raiseId}
          onClose={() => {
            sp.delete('subjectType');
            sp.delete('subjectId');
            setSp(sp);
          }}
        />
      )}
    </div>
  );
}

/** One case: facts, events, comment; resolve (department), rate and close or send back (raiser). */
export function CaseDetail() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useT();
  const { message } = App.useApp();
  const { session } = useAuth();
  const nav = useNavigate();
  const res = useAsync(() => get<{ case: CoordCase; events: CaseEvent[] }>(`/api/coordination/cases/${encodeURIComponent(id)}`), [id]);
  const depts = useDepartments();
  const [busy, setBusy] = useState<string | null>(null);
  const [comment] = Form.useForm<{ text: string }>();
  const [resolve] = Form.useForm<{ resolution: string }>();
  const [close] = Form.useForm<{ rating: number; comment?: string; reason?: string }>();

  if (res.loading) return <LoadingBlock rows={6} />;
  if (res.error || !res.data) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  const c = res.data.case;
  const mine = session?.user.id === c.raisedBy;
  const isGov = session?.user.role === 'government' || session?.user.role === 'admin';
  const run = async (key: string, fn: () => Promise<unknown>, form?: ReturnType<typeof Form.useForm>[0], fields: string[] = []) => {
    setBusy(key);
    try {
      await fn();
      message.success(t('co.done'));
      res.reload();
      form?.resetFields();
    } catch (e) {
      const top = form ? applyApiError(form, e, (f) => fields.includes(f)) : e instanceof Error ? e.message : String(e);
      if (top) message.error(top);
    } finally {
      setBusy(null);
    }
  };
  const dept = depts.get(c.department);
  const link = subjectLink(c);
  return (
    <div data-testid="case-detail">
      <Button type="link" onClick={() => nav(-1)} style={{ paddingLeft: 0 }}>
        ← {t('common.back')}
      </Button>
      <div className="tb-ws-head">
        <h2 className="tb-page-title">{c.title}</h2>
        <CaseStatus c={c} />
      </div>
      <Card style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('co.type')}>{pick(c.typeLabel.zh, c.typeLabel.en)}</Descriptions.Item>
          <Descriptions.Item label={t('co.department')}>{dept ? pick(dept.name, dept.nameEn) : c.department}{c.escalatedAt && <Tag color="orange" style={{ marginLeft: 6 }}>{t('co.escalated')}</Tag>}</Descriptions.Item>
          <Descriptions.Item label={t('co.raisedOn')}>{c.raisedOn}</Descriptions.Item>
          <Descriptions.Item label={t('co.dueDate')}>{c.dueDate}</Descriptions.Item>
          <Descriptions.Item label={t('co.subject')}>{link ? <Link to={link}>{t(`co.subject.${c.subjectType}` as ExtraKey)}</Link> : t(`co.subject.${c.subjectType}` as ExtraKey)}</Descriptions.Item>
          {c.regionCode && <Descriptions.Item label={t('co.region')}>{c.regionCode}</Descriptions.Item>}
          {c.description && <Descriptions.Item label={t('co.description')} span={2}><div className="tb-prewrap">{c.description}</div></Descriptions.Item>}
          {c.resolution && <Descriptions.Item label={t('co.resolution')} span={2}><div className="tb-prewrap">{c.resolution}</div></Descriptions.Item>}
          {c.rating != null && <Descriptions.Item label={t('co.rating')} span={2}><Rate disabled value={c.rating} /> {c.ratingComment}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('co.events')} style={{ marginBottom: 12 }}>
        <Timeline
          items={res.data.events.map((e) => ({
            key: e.id,
            content: (
              <div>
                <strong>{t(`co.ev.${e.kind}` as ExtraKey)}</strong> <span className="tb-muted tb-small">{formatDateTime(e.at, lang)}</span>
                {e.text && <div className="tb-prewrap">{e.text}</div>}
              </div>
            ),
          }))}
        />
      </Card>
      {isGov && c.status === 'open' && (
        <Card title={t('co.resolve')} style={{ marginBottom: 12 }}>
          <Form form={resolve} layout="vertical" onFinish={(v) => void run('resolve', () => post(`/api/coordination/cases/${id}/resolve`, { resolution: v.resolution.trim() }), resolve as never, ['resolution'])}>
            <Form.Item name="resolution" label={t('co.resolution')} rules={[{ required: true, whitespace: true, message: t('cr.required') }]}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy === 'resolve'}>
              {t('co.resolve')}
            </Button>
          </Form>
        </Card>
      )}
      {mine && c.status === 'resolved' && (
        <Card title={t('co.rateClose')} style={{ marginBottom: 12 }}>
          <Form form={close} layout="vertical" initialValues={{ rating: 5 }}>
            <Form.Item name="rating" label={t('co.rating')} rules={[{ required: true, message: t('cr.required') }]}>
              <Rate aria-label={t('co.rating')} />
            </Form.Item>
            <Form.Item name="comment" label={t('co.ratingComment')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Space wrap>
              <Button type="primary" loading={busy === 'close'} onClick={async () => {
                const v = await close.validateFields(['rating', 'comment']);
                void run('close', () => post(`/api/coordination/cases/${id}/close`, { rating: v.rating, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) }), close as never, ['rating', 'comment']);
              }}>
                {t('co.close')}
              </Button>
              <Button danger loading={busy === 'reopen'} onClick={async () => {
                const reason = close.getFieldValue('comment') as string | undefined;
                if (!reason?.trim()) {
                  close.setFields([{ name: 'comment', errors: [t('co.reopenReason')] }]);
                  return;
                }
                void run('reopen', () => post(`/api/coordination/cases/${id}/reopen`, { reason: reason.trim() }), close as never, []);
              }}>
                {t('co.reopen')}
              </Button>
            </Space>
          </Form>
        </Card>
      )}
      {c.status !== 'closed' && (mine || isGov) && (
        <Card title={t('co.comment')}>
          <Form form={comment} layout="vertical" onFinish={(v) => void run('comment', () => post(`/api/coordination/cases/${id}/comments`, { text: v.text.trim() }), comment as never, ['text'])}>
            <Form.Item name="text" label={t('co.commentText')} rules={[{ required: true, whitespace: true, message: t('cr.required') }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button htmlType="submit" loading={busy === 'comment'}>
              {t('co.comment')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}

/** Public statistics per department (attributed to the first department). */
export function CoordinationStats() {
  const { t, pick } = useT();
  const { l } = useL();
  const [period, setPeriod] = useState<string>(String(new Date().getFullYear()));
  const res = useAsync(() => get<DeptStats[]>('/api/coordination/stats', period ? { period } : undefined), [period]);
  return (
    <div>
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{t('co.stats')} <Tag color="green">{l('stats.public')}</Tag></h2>
          <p className="tb-page-sub tb-page-sub-tight">{t('co.statsSub')} <Link to="/gov/regional">{t('x.nav.regional')}</Link> · <Link to="/gov/gep">{l('gep.title')}</Link></p>
        </div>
        <Input.Search aria-label={t('co.period')} placeholder="2026 / 2026-Q3 / 2026-07" defaultValue={period} onSearch={(v) => setPeriod(v.trim())} style={{ width: 220 }} allowClear />
      </div>
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<DeptStats>
            rowKey="department"
            data-testid="coordination-stats"
            size="small"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 760 }}
            pagination={false}
            locale={{ emptyText: <Empty description={t('co.statsEmpty')} /> }}
            columns={[
              { title: t('co.department'), key: 'd', render: (_, d) => pick(d.name, d.nameEn) },
              { title: t('co.raisedN'), dataIndex: 'raised', align: 'right' },
              { title: t('co.closedN'), dataIndex: 'closed', align: 'right' },
              { title: t('co.openN'), dataIndex: 'open', align: 'right' },
              { title: t('co.medianDays'), dataIndex: 'medianDaysToClose', align: 'right', render: (v: number | null) => v ?? '—' },
              { title: t('co.overdueShare'), dataIndex: 'overdueSharePercent', align: 'right', render: (v: string | null) => (v == null ? '—' : `${v}%`) },
              { title: t('co.meanRating'), dataIndex: 'meanRating', align: 'right', render: (v: string | null, d) => (v == null ? '—' : `${v}（${d.ratings}）`) },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
