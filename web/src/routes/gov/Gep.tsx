import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { EChart } from '../../components/EChart';
import { ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { get, post, put } from '../../lib/http';
import { useL } from './i18n';
import type { GepAccount, GepItems, GepRegion } from './types';
import './gov.css';

const BLUE = '#0b4ea2';
const GREEN = '#2f9e44';
const ORANGE = '#e8892b';

function Kpi({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="gv-kpi">
      <div className="gv-kpi-value" data-testid={testId}>{value}</div>
      <div className="gv-kpi-label">{label}</div>
    </div>
  );
}

const pct = (v: string | null) => (v == null ? '—' : `${Number(v) > 0 ? '+' : ''}${v}%`);

/** GDP + GEP dual accounting: per region and year with the item breakdown, the ratio, year-on-year changes and charts. */
export function GepPage() {
  const { l, pick } = useL();
  const { session } = useAuth();
  const canEdit = session?.user.role === 'government' || session?.user.role === 'admin';
  const regions = useAsync(() => get<GepRegion[]>('/api/gep/regions'), []);
  const items = useAsync(() => get<GepItems>('/api/gep/items'), []);
  const [region, setRegion] = useState<string | undefined>();
  const [year, setYear] = useState(Number(dayjs().format('YYYY')) - 1);
  const code = region ?? regions.data?.[0]?.code;
  const [version, setVersion] = useState(0);
  const account = useAsync(() => (code ? get<GepAccount>(`/api/gep/${code}/${year}`) : Promise.resolve(null)), [code, year, version]);
  const series = useAsync(() => (code ? get<GepAccount[]>(`/api/gep/${code}`) : Promise.resolve([])), [code, version]);
  const compare = useAsync(async () => (regions.data ? Promise.all(regions.data.map((r) => get<GepAccount>(`/api/gep/${r.code}/${year}`))) : []), [regions.data, year, version]);
  const [entering, setEntering] = useState(false);
  const [importing, setImporting] = useState(false);
  const reload = () => setVersion((v) => v + 1);

  const seriesOption = useMemo(() => {
    const s = series.data ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: s.map((a) => String(a.year)) },
      yAxis: [{ type: 'value', name: l('gep.wan') }, { type: 'value', name: l('gep.ratio'), splitLine: { show: false } }],
      series: [
        { name: l('gep.gdp'), type: 'bar', data: s.map((a) => (a.gdpWan == null ? null : Number(a.gdpWan))), itemStyle: { color: BLUE } },
        { name: l('gep.gep'), type: 'bar', data: s.map((a) => Number(a.gep.totalWan)), itemStyle: { color: GREEN } },
        { name: l('gep.ratio'), type: 'line', yAxisIndex: 1, data: s.map((a) => (a.gepGdpRatio == null ? null : Number(a.gepGdpRatio))), itemStyle: { color: ORANGE } },
      ],
    };
  }, [series.data, l]);
  const compareOption = useMemo(() => {
    const c = (compare.data ?? []).filter((a) => a.gdpWan != null || a.gep.lines.length);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 48, top: 36, bottom: 48 },
      xAxis: { type: 'category', data: c.map((a) => a.regionName), axisLabel: { interval: 0, rotate: c.length > 5 ? 30 : 0 } },
      yAxis: [{ type: 'value', name: l('gep.wan') }, { type: 'value', name: l('gep.ratio'), splitLine: { show: false } }],
      series: [
        { name: l('gep.gdp'), type: 'bar', data: c.map((a) => (a.gdpWan == null ? null : Number(a.gdpWan))), itemStyle: { color: BLUE } },
        { name: l('gep.gep'), type: 'bar', data: c.map((a) => Number(a.gep.totalWan)), itemStyle: { color: GREEN } },
        { name: l('gep.ratio'), type: 'line', yAxisIndex: 1, data: c.map((a) => (a.gepGdpRatio == null ? null : Number(a.gepGdpRatio))), itemStyle: { color: ORANGE } },
      ],
    };
  }, [compare.data, l]);

  const a = account.data;
  const catName = (c: string) => (items.data ? pick(items.data.categories[c as 'material']?.zh ?? c, items.data.categories[c as 'material']?.en) : c);
  return (
    <div data-testid="gep">
      <div className="tb-ws-head">
        <div>
          <h2 className="tb-page-title">{l('gep.title')}</h2>
          <p className="tb-page-sub tb-page-sub-tight">{l('gep.sub')}</p>
        </div>
        {canEdit && (
          <Space wrap>
            <Button onClick={() => setEntering(true)} disabled={!code} data-testid="gep-enter">{l('gep.enter')}</Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="gep-import">{l('gep.import')}</Button>
          </Space>
        )}
      </div>
      <div className="gv-filters">
        <Select aria-label={l('gep.region')} value={code} onChange={setRegion} loading={regions.loading} style={{ width: 200 }} options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))} data-testid="gep-region" />
        <InputNumber aria-label={l('gep.year')} prefix={l('gep.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 150 }} data-testid="gep-year" />
      </div>
      {account.error ? <ErrorBlock error={account.error} onRetry={account.reload} /> : account.loading || !a ? <LoadingBlock rows={3} /> : (
        <>
          <div className="gv-kpis" data-testid="gep-kpis">
            <Kpi label={`${l('gep.gdp')}（${l('gep.wan')}）`} value={a.gdpWan ?? '—'} testId="gep-gdp" />
            <Kpi label={`${l('gep.gep')}（${l('gep.wan')}）`} value={a.gep.lines.length ? a.gep.totalWan : '—'} testId="gep-total" />
            <Kpi label={l('gep.ratio')} value={a.gepGdpRatio ?? '—'} testId="gep-ratio" />
            <Kpi label={l('gep.gdpYoy')} value={pct(a.gdpYoyPercent)} testId="gep-gdp-yoy" />
            <Kpi label={l('gep.gepYoy')} value={pct(a.gepYoyPercent)} testId="gep-gep-yoy" />
          </div>
          <Card title={l('gep.breakdown', { year })} styles={{ body: { padding: 0 } }} style={{ marginBottom: 12 }}>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={a.gep.lines}
              scroll={{ x: 640 }}
              locale={{ emptyText: <Empty description={l('gep.noData')} /> }}
              columns={[
                { title: l('gep.item'), key: 'n', render: (_: unknown, x: GepAccount['gep']['lines'][number]) => <>{pick(x.name, x.nameEn)}{!x.counted && <Tag style={{ marginLeft: 6 }}>{l('gep.notCounted')}</Tag>}</> },
                { title: l('gep.categoryCol'), key: 'c', width: 100, render: (_: unknown, x: GepAccount['gep']['lines'][number]) => catName(x.category) },
                { title: l('gep.quantity'), key: 'q', align: 'right' as const, render: (_: unknown, x: GepAccount['gep']['lines'][number]) => `${x.quantity} ${x.unit}` },
                { title: l('gep.price'), dataIndex: 'priceYuan', align: 'right' as const },
                { title: l('gep.value'), dataIndex: 'valueWan', align: 'right' as const, render: (v: string, x: GepAccount['gep']['lines'][number]) => (x.counted ? v : <s>{v}</s>) },
              ]}
              summary={() => a.gep.lines.length ? (
                <>
                  {(['material', 'regulating', 'cultural'] as const).map((c, i) => (
                    <Table.Summary.Row key={c}>
                      <Table.Summary.Cell index={0} colSpan={4}>{catName(c)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">{a.gep.byCategory[c]}</Table.Summary.Cell>
                      {i < 0 && null}
                    </Table.Summary.Row>
                  ))}
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={4}><strong>{l('gep.gep')}</strong></Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right"><strong>{a.gep.totalWan}</strong></Table.Summary.Cell>
                  </Table.Summary.Row>
                </>
              ) : null}
            />
          </Card>
        </>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card title={`${l('gep.series')} · ${regions.data?.find((r) => r.code === code)?.name ?? ''}`}>
            {series.data?.length ? <EChart option={seriesOption} height={300} label={`${l('gep.series')}: ${(series.data ?? []).map((s) => `${s.year} GDP ${s.gdpWan ?? '—'} GEP ${s.gep.totalWan} ${l('gep.ratio')} ${s.gepGdpRatio ?? '—'}`).join('；')}`} /> : <Empty description={l('gep.noData')} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={l('gep.compare', { year })}>
            {(compare.data ?? []).some((x) => x.gdpWan != null || x.gep.lines.length) ? <EChart option={compareOption} height={300} label={l('gep.compare', { year })} /> : <Empty description={l('gep.noData')} />}
          </Card>
        </Col>
      </Row>
      {items.data && (
        <Card title={l('gep.items')} className="tb-section-card" styles={{ body: { padding: 0 } }}>
          <p className="tb-muted tb-small" style={{ padding: '8px 12px 0' }}>{l('gep.itemsNote')} {items.data.options.excludeOxygenWithCarbon && <Tag>{l('gep.excludeOxygen')}</Tag>}</p>
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={items.data.items}
            scroll={{ x: 560 }}
            columns={[
              { title: l('gep.item'), key: 'n', render: (_: unknown, x: GepItems['items'][number]) => <>{pick(x.zh, x.en)} <span className="tb-muted tb-small">{x.code}</span></> },
              { title: l('gep.categoryCol'), key: 'c', render: (_: unknown, x: GepItems['items'][number]) => catName(x.category) },
              { title: l('gep.unit'), dataIndex: 'unit' },
              { title: l('gep.defaultPrice'), dataIndex: 'priceYuan', align: 'right' as const },
            ]}
          />
        </Card>
      )}
      {entering && code && items.data && (
        <EnterModal region={code} regionName={regions.data?.find((r) => r.code === code)?.name ?? code} year={year} account={a ?? null} items={items.data} onClose={() => setEntering(false)} onSaved={reload} />
      )}
      {importing && <ImportModal onClose={() => setImporting(false)} onDone={reload} />}
    </div>
  );
}

function EnterModal({ region, regionName, year, account, items, onClose, onSaved }: { region: string; regionName: string; year: number; account: GepAccount | null; items: GepItems; onClose(): void; onSaved(): void }) {
  const { l, pick } = useL();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ gdpWan?: string; items: { code?: string; quantity?: string; priceYuan?: string }[] }>();
  const [busy, setBusy] = useState(false);
  const initial = {
    gdpWan: account?.gdpWan ?? undefined,
    items: account?.gep.lines.length ? account.gep.lines.map((x) => ({ code: x.code, quantity: x.quantity, priceYuan: x.priceYuan === items.items.find((i) => i.code === x.code)?.priceYuan ? undefined : x.priceYuan })) : [{}],
  };
  return (
    <Modal open width={720} title={l('gep.enterTitle', { region: regionName, year })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={async (v) => {
        setBusy(true);
        try {
          if (v.gdpWan?.trim()) await put(`/api/gep/${region}/${year}/gdp`, { gdpWan: v.gdpWan.trim() });
          const list = (v.items ?? []).filter((x) => x.code && x.quantity?.trim());
          await put(`/api/gep/${region}/${year}/quantities`, { items: list.map((x) => ({ code: x.code, quantity: x.quantity!.trim(), ...(x.priceYuan?.trim() ? { priceYuan: x.priceYuan.trim() } : {}) })) });
          message.success(l('cu.saved'));
          onSaved();
          onClose();
        } catch (e) {
          const top = applyApiError(form, e, (f) => f === 'gdpWan' || f.startsWith('items.'));
          if (top) message.error(top);
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="gdpWan" label={l('gep.gdpWan')} rules={[{ pattern: /^\d{1,9}(\.\d{1,6})?$/, message: '0–999999999.999999' }]}>
          <Input style={{ width: 220 }} data-testid="gep-gdp-input" />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true, message: l('gep.item') }]}><Select style={{ width: 180 }} placeholder={l('gep.item')} options={items.items.map((i) => ({ value: i.code, label: `${pick(i.zh, i.en)}（${i.unit}）` }))} /></Form.Item>
                  <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, pattern: /^\d{1,15}(\.\d{1,6})?$/, message: l('gep.quantity') }]}><Input placeholder={l('gep.quantity')} style={{ width: 150 }} /></Form.Item>
                  <Form.Item name={[f.name, 'priceYuan']} rules={[{ pattern: /^\d{1,15}(\.\d{1,6})?$/, message: l('gep.price') }]}><Input placeholder={l('gep.localPrice')} style={{ width: 170 }} /></Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label="remove" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{l('gep.addItem')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

type Problem = { row: string; column: string; message: string };

function ImportModal({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { l } = useL();
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblems(null);
    setSummary(null);
    try {
      const r = await post<{ rows: number; groups: unknown[] }>('/api/gep/import', { fileBase64: file.base64, dryRun });
      if (dryRun) {
        setChecked(true);
        setSummary(l('gep.importOk', { rows: r.rows, groups: r.groups.length }));
      } else {
        message.success(l('gep.importDone', { groups: r.groups.length }));
        onDone();
        onClose();
      }
    } catch (e) {
      setChecked(false);
      if (e instanceof ApiError && e.fields.length) {
        setProblems(e.fields.map((f) => {
          const m = /^rows\.(\d+)\.(\w+)$/.exec(f.field);
          return { row: m ? m[1] : '—', column: m ? m[2] : f.field, message: f.message ?? f.code };
        }));
        setSummary(e.message);
      } else setSummary(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open width={720} title={l('gep.importTitle')} onCancel={onClose} destroyOnHidden footer={[
      <Button key="c" onClick={onClose}>✕</Button>,
      <Button key="k" onClick={() => void send(true)} disabled={!file} loading={busy && !checked} data-testid="gep-import-check">{l('gep.importCheck')}</Button>,
      <Button key="i" type="primary" onClick={() => void send(false)} disabled={!file || !checked} loading={busy && checked} data-testid="gep-import-do">{l('gep.importDo')}</Button>,
    ]}>
      <p className="tb-small">{l('gep.importHelp')}</p>
      <input
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={l('gep.pickFile')}
        data-testid="gep-file"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          setChecked(false);
          setProblems(null);
          setSummary(null);
          if (!f) return setFile(null);
          const bytes = new Uint8Array(await f.arrayBuffer());
          let bin = '';
          for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          setFile({ name: f.name, base64: btoa(bin) });
        }}
      />
      {summary && <Alert style={{ marginTop: 12 }} type={problems ? 'error' : checked ? 'success' : 'warning'} showIcon title={summary} data-testid="gep-import-summary" />}
      {problems && (
        <div className="gv-errors" style={{ marginTop: 8 }}>
          <Table<Problem>
            rowKey={(p) => `${p.row}:${p.column}`}
            size="small"
            pagination={false}
            dataSource={problems}
            data-testid="gep-import-errors"
            columns={[
              { title: l('gep.row'), dataIndex: 'row', width: 60 },
              { title: l('gep.column'), dataIndex: 'column', width: 90 },
              { title: l('gep.problem'), dataIndex: 'message' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
