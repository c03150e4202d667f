import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Timeline } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { EChart } from '../../components/EChart';
import { applyApiError } from '../../lib/form-errors';
import { useCities } from '../../lib/reference';
import { useAsync } from '../../lib/useAsync';
import { get, post, put } from '../../lib/http';
import { OrgName } from '../services/common';
import { useL } from './i18n';
import type { Candidate, Categories, ClassifiedReport, Crossing, Designation, DesignationList, Measure } from './types';
import './gov.css';

const thisYear = () => Number(dayjs().format('YYYY'));
const STATUS_COLOR: Record<string, string> = { cultivating: 'blue', applying: 'gold', recognised: 'green', expired: 'default' };

function useCategories() {
  return useAsync(() => get<Categories>('/api/cultivation/categories'), []);
}

function Classification({ c }: { c: ClassifiedReport['classification'] }) {
  const { l } = useL();
  return c.above ? <Tag color="green">{l('cu.above')}</Tag> : c.candidate ? <Tag color="gold">{l('cu.candidate')}</Tag> : <Tag>{l('cu.below')}</Tag>;
}

/** 市场主体培育: candidates, recognitions tracking, crossings per year, thresholds; an enterprise file in a drawer. */
export function CultivationPage() {
  const { l } = useL();
  const [orgId, setOrgId] = useState<string | null>(null);
  const cats = useCategories();
  return (
    <div data-testid="cultivation">
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{l('cu.title')}</h2>
          <p className="tb-page-sub tb-page-sub-tight">{l('cu.sub')}</p>
        </div>
        <FindEnterprise onPick={setOrgId} />
      </div>
      <Tabs
        items={[
          { key: 'candidates', label: l('cu.tab.candidates'), children: <Candidates cats={cats.data} onOpen={setOrgId} /> },
          { key: 'designations', label: l('cu.tab.designations'), children: <Designations cats={cats.data} onOpen={setOrgId} /> },
          { key: 'crossings', label: l('cu.tab.crossings'), children: <Crossings /> },
          { key: 'categories', label: l('cu.tab.categories'), children: cats.error ? <ErrorBlock error={cats.error} onRetry={cats.reload} /> : <Thresholds cats={cats.data} /> },
        ]}
      />
      {orgId && cats.data && <EnterpriseFile orgId={orgId} cats={cats.data} onClose={() => setOrgId(null)} />}
    </div>
  );
}

function FindEnterprise({ onPick }: { onPick(id: string): void }) {
  const { l } = useL();
  const [q, setQ] = useState('');
  const res = useAsync(() => (q.trim().length >= 2 ? get<{ items: { id: string; name: string }[] }>('/api/organisations', { q: q.trim(), pageSize: 10 }) : Promise.resolve({ items: [] })), [q]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={l('cu.findPh')}
      aria-label={l('cu.find')}
      style={{ width: 260, maxWidth: '100%' }}
      loading={res.loading}
      options={(res.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
      onChange={(v: string) => onPick(v)}
      value={null}
      data-testid="find-enterprise"
    />
  );
}

function Candidates({ cats, onOpen }: { cats?: Categories; onOpen(id: string): void }) {
  const { l, pick } = useL();
  const cities = useCities();
  const def = cats ? 100 - Number(cats.candidateSharePercent) : 20;
  const [year, setYear] = useState(thisYear() - 1);
  const [city, setCity] = useState<string | undefined>();
  const [within, setWithin] = useState<number | null>(null);
  const res = useAsync(() => get<Candidate[]>('/api/cultivation/candidates', { year, city, withinPercent: within ?? undefined }), [year, city, within]);
  return (
    <div>
      <div className="gv-filters">
        <InputNumber aria-label={l('cu.year')} prefix={l('cu.year')} value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} style={{ width: 150 }} />
        <Select aria-label={l('cu.city')} allowClear placeholder={l('cu.allCities')} value={city} onChange={setCity} style={{ width: 160 }} options={(cities ?? []).map((c) => ({ value: c.code, label: c.name }))} />
        <InputNumber aria-label={l('cu.within')} prefix={l('cu.within')} suffix="%" min={1} max={99} value={within ?? def} onChange={(v) => setWithin(v ?? null)} style={{ width: 150 }} data-testid="within-percent" />
        <span className="tb-muted tb-small">{l('cu.withinHint', { p: within ?? def, d: def })}</span>
      </div>
      {res.error ? <ErrorBlock error={res.error} onRetry={res.reload} /> : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Candidate>
            rowKey={(x) => x.report.id}
            size="small"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 760 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={l('cu.noCandidates')} /> }}
            columns={[
              { title: l('cu.enterprise'), key: 'o', render: (_, x) => <a onClick={() => onOpen(x.organisation.id)} className="tb-table-title">{x.organisation.name ?? x.organisation.id}</a> },
              { title: l('cu.category'), key: 'c', width: 170, render: (_, x) => { const c = cats?.categories.find((k) => k.code === x.report.category); return c ? pick(c.zh, c.en) : x.report.category; } },
              { title: l('cu.revenue'), key: 'r', width: 130, align: 'right', render: (_, x) => `${x.report.revenueWan} 万元` },
              { title: l('cu.threshold'), key: 't', width: 110, align: 'right', render: (_, x) => (x.classification.thresholdWan ? `${x.classification.thresholdWan} 万元` : '—') },
              { title: l('cu.gap'), key: 'g', width: 110, align: 'right', render: (_, x) => (x.classification.gapWan ? `${x.classification.gapWan} 万元` : '—') },
              { title: l('cu.share'), key: 's', width: 100, align: 'right', render: (_, x) => (x.classification.sharePercent ? `${x.classification.sharePercent}%` : '—') },
              { title: '', key: 'a', width: 90, render: (_, x) => <Button size="small" onClick={() => onOpen(x.organisation.id)}>{l('cu.open')}</Button> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

function Designations({ cats, onOpen }: { cats?: Categories; onOpen(id: string): void }) {
  const { l, pick } = useL();
  const [kind, setKind] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [expiring, setExpiring] = useState(false);
  const res = useAsync(() => get<DesignationList>('/api/cultivation/designations', { kind, status, expiringWithinDays: expiring ? 90 : undefined }), [kind, status, expiring]);
  const statuses = ['cultivating', 'applying', 'recognised', 'expired'] as const;
  return (
    <div>
      <div className="gv-filters">
        <Select aria-label={l('cu.kind')} allowClear placeholder={l('cu.kind')} value={kind} onChange={setKind} style={{ width: 220 }} options={(cats?.designationKinds ?? []).map((k) => ({ value: k.code, label: pick(k.zh, k.en) }))} />
        <Select aria-label={l('cu.status')} allowClear placeholder={l('cu.status')} value={status} onChange={setStatus} style={{ width: 140 }} options={statuses.map((s) => ({ value: s, label: l(`cu.status.${s}`) }))} />
        <Button type={expiring ? 'primary' : 'default'} onClick={() => setExpiring(!expiring)}>{l('cu.expiring')}</Button>
      </div>
      {res.data && (
        <div className="gv-kpis">
          {(cats?.designationKinds ?? []).map((k) => (
            <div className="gv-kpi" key={k.code}>
              <div className="gv-kpi-value">{res.data!.counts[k.code]?.recognised ?? 0}<span className="tb-muted tb-small"> / {Object.values(res.data!.counts[k.code] ?? {}).reduce((a, b) => a + b, 0)}</span></div>
              <div className="gv-kpi-label">{pick(k.zh, k.en)}（{l('cu.status.recognised')} / all）</div>
            </div>
          ))}
        </div>
      )}
      {res.error ? <ErrorBlock error={res.error} onRetry={res.reload} /> : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table
            rowKey={(x) => `${x.organisation.id}:${x.designation.kind}`}
            size="small"
            loading={res.loading}
            dataSource={res.data?.items ?? []}
            scroll={{ x: 720 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={l('cu.noDesignations')} /> }}
            columns={[
              { title: l('cu.enterprise'), key: 'o', render: (_: unknown, x: DesignationList['items'][number]) => <a onClick={() => onOpen(x.organisation.id)} className="tb-table-title">{x.organisation.name ?? x.organisation.id}</a> },
              { title: l('cu.kind'), key: 'k', width: 190, render: (_: unknown, x: DesignationList['items'][number]) => pick(x.designation.kindLabel.zh, x.designation.kindLabel.en) },
              { title: l('cu.status'), key: 's', width: 100, render: (_: unknown, x: DesignationList['items'][number]) => <Tag color={STATUS_COLOR[x.designation.status]}>{l(`cu.status.${x.designation.status}`)}</Tag> },
              { title: l('cu.recognisedOn'), key: 'r', width: 110, render: (_: unknown, x: DesignationList['items'][number]) => x.designation.recognisedOn ?? '—' },
              { title: l('cu.expiresOn'), key: 'e', width: 110, render: (_: unknown, x: DesignationList['items'][number]) => x.designation.expiresOn ?? '—' },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

function Crossings() {
  const { l } = useL();
  const [range, setRange] = useState<[number, number]>([thisYear() - 4, thisYear()]);
  const res = useAsync(() => get<Crossing[]>('/api/cultivation/crossings', { fromYear: range[0], toYear: range[1] }), [range[0], range[1]]);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: (res.data ?? []).map((r) => String(r.year)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: l('cu.crossed'), type: 'bar', data: (res.data ?? []).map((r) => r.crossed), itemStyle: { color: '#0b4ea2' } },
      { name: l('cu.aboveN'), type: 'line', data: (res.data ?? []).map((r) => r.above), itemStyle: { color: '#2f9e44' } },
      { name: l('cu.candidatesN'), type: 'line', data: (res.data ?? []).map((r) => r.candidates), itemStyle: { color: '#e8892b' } },
    ],
  }), [res.data, l]);
  return (
    <div>
      <div className="gv-filters">
        <InputNumber aria-label={l('cu.fromYear')} prefix={l('cu.fromYear')} min={2000} max={2100} value={range[0]} onChange={(v) => v && v <= range[1] && setRange([v, range[1]])} style={{ width: 160 }} />
        <InputNumber aria-label={l('cu.toYear')} prefix={l('cu.toYear')} min={2000} max={2100} value={range[1]} onChange={(v) => v && v >= range[0] && setRange([range[0], v])} style={{ width: 160 }} />
      </div>
      {res.error ? <ErrorBlock error={res.error} onRetry={res.reload} /> : res.loading || !res.data ? <LoadingBlock rows={3} /> : (
        <>
          <Card style={{ marginBottom: 12 }}>
            <EChart option={option} height={280} label={`${l('cu.crossed')}: ${res.data.map((r) => `${r.year} ${r.crossed}`).join('，')}`} />
          </Card>
          <Card styles={{ body: { padding: 0 } }}>
            <Table<Crossing>
              rowKey="year"
              size="small"
              pagination={false}
              dataSource={res.data}
              scroll={{ x: 480 }}
              columns={[
                { title: l('cu.year'), dataIndex: 'year' },
                { title: l('cu.reported'), dataIndex: 'reported', align: 'right' },
                { title: l('cu.aboveN'), dataIndex: 'above', align: 'right' },
                { title: l('cu.crossed'), dataIndex: 'crossed', align: 'right' },
                { title: l('cu.candidatesN'), dataIndex: 'candidates', align: 'right' },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}

function Thresholds({ cats }: { cats?: Categories }) {
  const { l, pick } = useL();
  if (!cats) return <LoadingBlock rows={3} />;
  return (
    <div>
      <p className="tb-muted tb-small">{l('cu.candidateRule', { p: cats.candidateSharePercent })}</p>
      <Card styles={{ body: { padding: 0 } }}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={cats.categories}
          scroll={{ x: 560 }}
          columns={[
            { title: l('cu.category'), key: 'n', render: (_: unknown, c: Categories['categories'][number]) => pick(c.zh, c.en) },
            { title: '四上', key: 'k', render: (_: unknown, c: Categories['categories'][number]) => pick(cats.kinds[c.kind]?.zh ?? c.kind, cats.kinds[c.kind]?.en) },
            { title: l('cu.threshold'), key: 't', align: 'right' as const, render: (_: unknown, c: Categories['categories'][number]) => (c.thresholdWan ? `${c.thresholdWan} 万元` : `${l('cu.qualificationDecides')}：${c.qualifications.map((q) => pick(cats.qualifications[q]?.zh ?? q, cats.qualifications[q]?.en)).join('、')}`) },
          ]}
        />
      </Card>
    </div>
  );
}

/** One enterprise: yearly reports with their classification, recognitions, cultivation measures; government records them. */
function EnterpriseFile({ orgId, cats, onClose }: { orgId: string; cats: Categories; onClose(): void }) {
  const { l, pick } = useL();
  const { message } = App.useApp();
  const reports = useAsync(() => get<ClassifiedReport[]>(`/api/cultivation/organisations/${orgId}/reports`), [orgId]);
  const designations = useAsync(() => get<Designation[]>(`/api/cultivation/organisations/${orgId}/designations`), [orgId]);
  const measures = useAsync(() => get<Measure[]>(`/api/cultivation/organisations/${orgId}/measures`), [orgId]);
  const [rf] = Form.useForm<{ year: number; category: string; revenueWan: string; qualification?: string }>();
  const [df] = Form.useForm<{ kind: string; status: string; recognisedOn?: Dayjs; expiresOn?: Dayjs; certificateNo?: string; note?: string }>();
  const [mf] = Form.useForm<{ kind: string; title: string; description?: string; takenOn: Dayjs }>();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, form: ReturnType<typeof Form.useForm>[0], fields: string[], fn: () => Promise<unknown>, reload: () => void) => {
    setBusy(key);
    try {
      await fn();
      message.success(l('cu.saved'));
      form.resetFields();
      reload();
    } catch (e) {
      const top = applyApiError(form, e, (f) => fields.includes(f));
      if (top) message.error(top);
    } finally {
      setBusy(null);
    }
  };
  const width = typeof window === 'undefined' ? 720 : Math.min(720, window.innerWidth);
  return (
    <Drawer open size={width} onClose={onClose} title={<OrgName id={orgId} link={false} />} destroyOnHidden data-testid="enterprise-file">
      <h3>{l('cu.reports')}</h3>
      {reports.error ? <ErrorBlock error={reports.error} onRetry={reports.reload} /> : (
        <Table
          rowKey={(x: ClassifiedReport) => x.report.id}
          size="small"
          pagination={false}
          loading={reports.loading}
          dataSource={reports.data ?? []}
          scroll={{ x: 520 }}
          locale={{ emptyText: <Empty description={l('cu.noReports')} /> }}
          columns={[
            { title: l('cu.year'), key: 'y', width: 70, render: (_: unknown, x: ClassifiedReport) => x.report.year },
            { title: l('cu.category'), key: 'c', render: (_: unknown, x: ClassifiedReport) => { const c = cats.categories.find((k) => k.code === x.report.category); return c ? pick(c.zh, c.en) : x.report.category; } },
            { title: l('cu.revenue'), key: 'r', align: 'right' as const, render: (_: unknown, x: ClassifiedReport) => `${x.report.revenueWan} 万元` },
            { title: '', key: 'k', render: (_: unknown, x: ClassifiedReport) => <><Classification c={x.classification} />{x.classification.sharePercent && <span className="tb-muted tb-small">{x.classification.sharePercent}%</span>}</> },
          ]}
        />
      )}
      <Form form={rf} layout="vertical" className="tb-section-card" style={{ marginTop: 12 }} initialValues={{ year: thisYear() - 1 }}
        onFinish={(v) => void run('report', rf as never, ['category', 'revenueWan', 'qualification'], () => put(`/api/cultivation/organisations/${orgId}/reports/${v.year}`, { category: v.category, revenueWan: v.revenueWan.trim(), ...(v.qualification ? { qualification: v.qualification } : {}) }), reports.reload)}>
        <Space wrap align="start">
          <Form.Item name="year" label={l('cu.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} style={{ width: 100 }} /></Form.Item>
          <Form.Item name="category" label={l('cu.category')} rules={[{ required: true, message: l('cu.category') }]}><Select style={{ width: 200 }} options={cats.categories.map((c) => ({ value: c.code, label: pick(c.zh, c.en) }))} /></Form.Item>
          <Form.Item name="revenueWan" label={`${l('cu.revenue')}（万元）`} rules={[{ required: true, pattern: /^\d{1,9}(\.\d{1,6})?$/, message: '0–999999999' }]}><Input style={{ width: 150 }} /></Form.Item>
          <Form.Item name="qualification" label={l('cu.qualification')}><Select allowClear style={{ width: 170 }} options={Object.entries(cats.qualifications).map(([k, q]) => ({ value: k, label: pick(q.zh, q.en) }))} /></Form.Item>
        </Space>
        <Button htmlType="submit" loading={busy === 'report'}>{l('cu.report')}</Button>
      </Form>

      <h3 style={{ marginTop: 24 }}>{l('cu.designations')}</h3>
      {designations.error ? <ErrorBlock error={designations.error} onRetry={designations.reload} /> : (
        <Descriptions size="small" column={1} bordered>
          {(designations.data ?? []).map((d) => (
            <Descriptions.Item key={d.kind} label={pick(d.kindLabel.zh, d.kindLabel.en)}>
              <Tag color={STATUS_COLOR[d.status]}>{l(`cu.status.${d.status}`)}</Tag>
              {d.recognisedOn && <span className="tb-small">{d.recognisedOn} ~ {d.expiresOn ?? ''}</span>} {d.certificateNo && <span className="tb-muted tb-small">{d.certificateNo}</span>}
              {d.note && <div className="tb-muted tb-small">{d.note}</div>}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Form form={df} layout="vertical" style={{ marginTop: 12 }} initialValues={{ status: 'cultivating' }}
        onFinish={(v) => void run('designation', df as never, ['status', 'recognisedOn', 'expiresOn', 'certificateNo', 'note'], () => put(`/api/cultivation/organisations/${orgId}/designations/${v.kind}`, {
          status: v.status, recognisedOn: v.recognisedOn?.format('YYYY-MM-DD') ?? null, expiresOn: v.expiresOn?.format('YYYY-MM-DD') ?? null, certificateNo: v.certificateNo?.trim() || null, note: v.note?.trim() ?? '',
        }), designations.reload)}>
        <Space wrap align="start">
          <Form.Item name="kind" label={l('cu.kind')} rules={[{ required: true, message: l('cu.kind') }]}><Select style={{ width: 210 }} options={cats.designationKinds.map((k) => ({ value: k.code, label: pick(k.zh, k.en) }))} /></Form.Item>
          <Form.Item name="status" label={l('cu.status')}><Select style={{ width: 120 }} options={(['cultivating', 'applying', 'recognised', 'expired'] as const).map((s) => ({ value: s, label: l(`cu.status.${s}`) }))} /></Form.Item>
          <Form.Item name="recognisedOn" label={l('cu.recognisedOn')} dependencies={['status']} rules={[({ getFieldValue }) => ({ validator: (_, v) => (getFieldValue('status') === 'recognised' && !v ? Promise.reject(new Error(l('cu.recognisedOn'))) : Promise.resolve()) })]}><DatePicker /></Form.Item>
          <Form.Item name="expiresOn" label={l('cu.expiresOn')}><DatePicker /></Form.Item>
          <Form.Item name="certificateNo" label={l('cu.certificate')}><Input maxLength={60} style={{ width: 170 }} /></Form.Item>
        </Space>
        <Form.Item name="note" label={l('cu.note')}><Input maxLength={1000} /></Form.Item>
        <Button htmlType="submit" loading={busy === 'designation'}>{l('cu.setDesignation')}</Button>
      </Form>

      <h3 style={{ marginTop: 24 }}>{l('cu.measures')}</h3>
      {measures.error ? <ErrorBlock error={measures.error} onRetry={measures.reload} /> : !measures.data?.length ? <Empty description={l('cu.noMeasures')} /> : (
        <Timeline items={measures.data.map((m) => ({ key: m.id, content: <div data-testid="measure"><strong>{m.takenOn}</strong> <Tag>{pick(m.kindLabel.zh, m.kindLabel.en)}</Tag>{m.title}{m.description && <div className="tb-muted tb-small">{m.description}</div>}</div> }))} />
      )}
      <Form form={mf} layout="vertical" initialValues={{ kind: 'visit', takenOn: dayjs() }}
        onFinish={(v) => void run('measure', mf as never, ['kind', 'title', 'description', 'takenOn'], () => post(`/api/cultivation/organisations/${orgId}/measures`, { kind: v.kind, title: v.title.trim(), description: v.description?.trim() || undefined, takenOn: v.takenOn.format('YYYY-MM-DD') }), measures.reload)}>
        <Space wrap align="start">
          <Form.Item name="kind" label={l('cu.measureKind')}><Select style={{ width: 140 }} options={cats.measureKinds.map((k) => ({ value: k.code, label: pick(k.zh, k.en) }))} /></Form.Item>
          <Form.Item name="takenOn" label={l('cu.takenOn')} rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        </Space>
        <Form.Item name="title" label={l('cu.measureTitle')} rules={[{ required: true, whitespace: true, min: 2, message: l('cu.measureTitle') }]}><Input maxLength={200} data-testid="measure-title" /></Form.Item>
        <Form.Item name="description" label={l('cu.measureDesc')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy === 'measure'} data-testid="measure-add">{l('cu.addMeasure')}</Button>
      </Form>
    </Drawer>
  );
}
