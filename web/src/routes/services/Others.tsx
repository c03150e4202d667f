import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useAuth } from '../../lib/auth';
import { WAN_PATTERN } from '../../lib/format';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { EmptyBlock, Head, OrgName, ReasonModal, TagsInput, useT, Wan, type ExtraKey } from './common';
import { useL } from '../gov/i18n';
import { APPLICANT_KINDS, CARRIER_KINDS, get, INCUBATION_STAGES, post, type Alliance, type AllianceOverview, type AllianceWithMembers, type Booking, type Carrier, type IncubationApplication, type Instrument, type UsageHistory } from './http';
import { BookingTag, todayCn } from './Pilot';

/** A modal form that posts and reports field errors next to fields. */
function FormModal<T extends object>({ open, title, onClose, onSubmit, children, initialValues }: { open: boolean; title: string; onClose: () => void; onSubmit: (v: T) => Promise<unknown>; children: React.ReactNode; initialValues?: Partial<T> }) {
  const [form] = Form.useForm<T>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden width={640}>
      <Form<T>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await onSubmit(v);
            form.resetFields();
            onClose();
          } catch (e) {
            const top = applyApiError(form, e);
            if (top) message.error(top);
          } finally {
            setBusy(false);
          }
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}

// ── incubation ──

export function Incubation() {
  const { t } = useT();
  const { message } = App.useApp();
  const { session } = useAuth();
  const list = useAsync(() => get<Carrier[]>('/api/incubation/carriers'), []);
  const received = useAsync(() => (session?.user.role === 'service' ? get<IncubationApplication[]>('/api/incubation/applications', { scope: 'received' }) : Promise.resolve([])), [session?.user.id]);
  const mine = useAsync(() => (session && session.user.role !== 'service' ? get<IncubationApplication[]>('/api/incubation/applications', { scope: 'mine' }) : Promise.resolve([])), [session?.user.id]);
  const [reg, setReg] = useState(false);
  const [applyTo, setApplyTo] = useState<Carrier | null>(null);
  const { l } = useL();
  const [declining, setDeclining] = useState<IncubationApplication | null>(null);
  const decide = async (a: IncubationApplication, accept: boolean) => {
    if (!accept) {
      setDeclining(a);
      return;
    }
    try {
      await post(`/api/incubation/applications/${a.id}/decision`, { accept });
      message.success(t('sv.done'));
      received.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const apps = [...(received.data ?? []), ...(mine.data ?? [])];
  const carrierName = new Map((list.data ?? []).map((c) => [c.id, c.name]));
  return (
    <div>
      <Head title={t('x.nav.incubation')} sub={t('sv.in.sub')} extra={session?.user.role === 'service' && <Button type="primary" icon={<PlusOutlined />} onClick={() => setReg(true)}>{t('sv.in.register')}</Button>} />
      {list.error ? <ErrorBlock error={list.error} onRetry={list.reload} /> : list.loading ? <LoadingBlock rows={3} /> : !list.data?.length ? (
        <Card><EmptyBlock text={t('sv.in.empty')} /></Card>
      ) : (
        <Row gutter={[16, 16]}>
          {list.data.map((c) => (
            <Col xs={24} md={12} key={c.id}>
              <Card className="sv-card" title={<Space><Tag color="blue">{t(`sv.in.kind.${c.kind}` as ExtraKey)}</Tag>{c.name}</Space>} extra={session && session.user.role !== 'service' && <Button size="small" type="primary" onClick={() => setApplyTo(c)}>{t('sv.in.apply')}</Button>}>
                {c.intro && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{c.intro}</Typography.Paragraph>}
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('sv.in.stages')}>{c.stages.map((s) => <Tag key={s}>{t(`sv.in.stage.${s}` as ExtraKey)}</Tag>)}</Descriptions.Item>
                  {c.services.length > 0 && <Descriptions.Item label={t('sv.in.services')}>{c.services.join('、')}</Descriptions.Item>}
                  {c.seats !== null && <Descriptions.Item label={t('sv.in.seats')}>{c.seats}</Descriptions.Item>}
                  <Descriptions.Item label={t('sv.operator')}><OrgName id={c.organisationId} /></Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {session && (
        <Card title={t('sv.in.applications')} className="tb-section-card" styles={{ body: { padding: 0 } }}>
          <Table<IncubationApplication>
            rowKey="id"
            size="small"
            dataSource={apps}
            pagination={false}
            scroll={{ x: 700 }}
            locale={{ emptyText: <EmptyBlock text={t('sv.in.noApplications')} /> }}
            columns={[
              { title: t('sv.in.team'), dataIndex: 'teamName' },
              { title: t('sv.in.carrier'), dataIndex: 'carrierId', render: (c: string) => carrierName.get(c) ?? c },
              { title: t('sv.in.stage'), dataIndex: 'stage', width: 100, render: (s: string) => t(`sv.in.stage.${s}` as ExtraKey) },
              { title: t('common.status'), dataIndex: 'status', width: 140, render: (s: string, a) => <><Tag>{t(`sv.in.status.${s}` as ExtraKey)}</Tag>{a.decisionReason && <div className="tb-muted">{a.decisionReason}</div>}</> },
              { title: t('sv.actions'), key: 'a', width: 160, render: (_, a) => received.data?.includes(a) && a.status === 'submitted' ? <Space size={4}><Button size="small" type="primary" onClick={() => decide(a, true)}>{t('sv.accept')}</Button><Button size="small" danger onClick={() => decide(a, false)}>{t('sv.decline')}</Button></Space> : null },
            ]}
          />
        </Card>
      )}
      <ReasonModal
        open={!!declining}
        title={l('decline.incubation', { name: declining?.teamName ?? '' })}
        onCancel={() => setDeclining(null)}
        onSubmit={async (reason) => {
          await post(`/api/incubation/applications/${declining!.id}/decision`, { accept: false, reason });
          setDeclining(null);
          message.success(t('sv.done'));
          received.reload();
        }}
      />
      <FormModal<{ kind: string; name: string; intro?: string; services?: string[]; seats?: number }> open={reg} title={t('sv.in.register')} onClose={() => setReg(false)} initialValues={{ kind: 'incubator' }} onSubmit={async (v) => { await post('/api/incubation/carriers', v); list.reload(); }}>
        <Form.Item name="kind" label={t('sv.in.kind')}><Select options={CARRIER_KINDS.map((k) => ({ value: k, label: t(`sv.in.kind.${k}` as ExtraKey) }))} /></Form.Item>
        <Form.Item name="name" label={t('sv.name')} rules={[{ required: true, message: t('sv.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="intro" label={t('sv.intro')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="services" label={t('sv.in.services')}><TagsInput /></Form.Item>
        <Form.Item name="seats" label={t('sv.in.seats')}><InputNumber min={0} /></Form.Item>
      </FormModal>
      <FormModal<{ kind: string; teamName: string; stage: string; plan?: string }> open={!!applyTo} title={t('sv.in.applyTo', { name: applyTo?.name ?? '' })} onClose={() => setApplyTo(null)} initialValues={{ kind: 'team', stage: applyTo?.stages[0] }} onSubmit={async (v) => { await post(`/api/incubation/carriers/${applyTo!.id}/applications`, v); mine.reload(); }}>
        <Form.Item name="kind" label={t('sv.in.applicantKind')}><Select options={APPLICANT_KINDS.map((k) => ({ value: k, label: t(`sv.in.applicant.${k}` as ExtraKey) }))} /></Form.Item>
        <Form.Item name="teamName" label={t('sv.in.team')} rules={[{ required: true, message: t('sv.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="stage" label={t('sv.in.stage')}><Select options={INCUBATION_STAGES.map((s) => ({ value: s, label: t(`sv.in.stage.${s}` as ExtraKey) }))} /></Form.Item>
        <Form.Item name="plan" label={t('sv.in.plan')}><Input.TextArea rows={3} /></Form.Item>
      </FormModal>
    </div>
  );
}

// ── shared instruments ──

export function Instruments() {
  const { t } = useT();
  const { message } = App.useApp();
  const { session } = useAuth();
  const list = useAsync(() => get<Instrument[]>('/api/instruments'), []);
  const received = useAsync(() => (session ? get<Booking[]>('/api/instrument-bookings', { scope: 'received' }) : Promise.resolve([])), [session?.user.id]);
  const [reg, setReg] = useState(false);
  const [book, setBook] = useState<Instrument | null>(null);
  const { l } = useL();
  const [declining, setDeclining] = useState<Booking | null>(null);
  const [using, setUsing] = useState<Booking | null>(null);
  const [history, setHistory] = useState<Instrument | null>(null);
  const byId = new Map((list.data ?? []).map((i) => [i.id, i]));
  const decide = async (b: Booking, action: 'accept' | 'decline') => {
    if (action === 'decline') {
      setDeclining(b);
      return;
    }
    try {
      await post(`/api/instrument-bookings/${b.id}/decision`, { action });
      received.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const usingInst = using ? byId.get(using.resourceId) : undefined;
  return (
    <div>
      <Head title={t('x.nav.instruments')} sub={t('sv.ins.sub')} extra={session && ['institution', 'enterprise', 'service'].includes(session.user.role) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setReg(true)}>{t('sv.ins.register')}</Button>} />
      {list.error ? <ErrorBlock error={list.error} onRetry={list.reload} /> : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Instrument>
            rowKey="id"
            loading={list.loading}
            dataSource={list.data ?? []}
            scroll={{ x: 800 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyBlock text={t('sv.ins.empty')} /> }}
            columns={[
              { title: t('sv.name'), dataIndex: 'name', render: (v: string, i) => <div><div className="tb-table-title">{v}</div><div className="tb-muted">{i.model}</div></div> },
              { title: t('sv.ins.capabilities'), dataIndex: 'capabilities', render: (c: string[]) => c.map((x) => <Tag key={x}>{x}</Tag>) },
              { title: t('sv.ins.fee'), key: 'f', width: 150, render: (_, i) => <><Wan v={i.feeWan} /> / {t(`sv.ins.unit.${i.feeUnit}` as ExtraKey)}</> },
              { title: t('sv.operator'), dataIndex: 'organisationId', width: 180, render: (o: string) => <OrgName id={o} /> },
              { title: '', key: 'b', width: 110, render: (_, i) => session && session.organisation?.id !== i.organisationId ? <Button size="small" onClick={() => setBook(i)}>{t('sv.ins.book')}</Button> : session && session.organisation?.id === i.organisationId ? <Button size="small" onClick={() => setHistory(i)} data-testid="usage-history">{l('usage.history')}</Button> : null },
            ]}
          />
        </Card>
      )}
      {(received.data ?? []).length > 0 && (
        <Card title={t('sv.ins.received')} className="tb-section-card" styles={{ body: { padding: 0 } }}>
          <Table<Booking> rowKey="id" size="small" pagination={false} dataSource={received.data} scroll={{ x: 720 }} columns={[
            { title: t('x.nav.instruments'), dataIndex: 'resourceId', render: (id: string) => byId.get(id)?.name ?? '—' },
            { title: t('sv.pl.subject'), dataIndex: 'subject' },
            { title: t('sv.pl.requester'), dataIndex: 'requesterOrgId', render: (o: string) => <OrgName id={o} /> },
            { title: t('sv.pl.period'), key: 'p', render: (_, b) => `${b.start} ~ ${b.end}` },
            { title: t('common.status'), dataIndex: 'status', render: (s: Booking['status']) => <BookingTag s={s} /> },
            { title: t('sv.actions'), key: 'a', render: (_, b) => b.status === 'requested' ? <Space size={4}><Button size="small" type="primary" onClick={() => decide(b, 'accept')}>{t('sv.accept')}</Button><Button size="small" danger onClick={() => decide(b, 'decline')} data-testid="instrument-decline">{t('sv.decline')}</Button></Space> : ['accepted', 'completed'].includes(b.status) ? <Button size="small" onClick={() => setUsing(b)} data-testid="usage-record">{l('usage.record')}</Button> : null },
          ]} />
        </Card>
      )}
      <ReasonModal
        open={!!declining}
        title={l('decline.instrument', { name: declining?.subject ?? '' })}
        onCancel={() => setDeclining(null)}
        onSubmit={async (reason) => {
          await post(`/api/instrument-bookings/${declining!.id}/decision`, { action: 'decline', reason });
          setDeclining(null);
          message.success(t('sv.done'));
          received.reload();
        }}
      />
      {using && usingInst && <UsageModal booking={using} instrument={usingInst} onClose={() => setUsing(null)} />}
      {history && <UsageDrawer instrument={history} onClose={() => setHistory(null)} />}
      <FormModal<{ name: string; model?: string; capabilities: string[]; feeWan: string; feeUnit: string; address?: string }> open={reg} title={t('sv.ins.register')} onClose={() => setReg(false)} initialValues={{ feeUnit: 'hour', capabilities: [] }} onSubmit={async (v) => { await post('/api/instruments', v); message.success(t('sv.saved')); list.reload(); }}>
        <Form.Item name="name" label={t('sv.name')} rules={[{ required: true, message: t('sv.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="model" label={t('sv.pl.model')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="capabilities" label={t('sv.ins.capabilities')}><TagsInput /></Form.Item>
        <Space>
          <Form.Item name="feeWan" label={t('sv.ins.fee')} rules={[{ required: true, message: t('sv.required') }, { pattern: WAN_PATTERN, message: t('sv.fi.wanInvalid') }]}><Input suffix={t('common.wan')} /></Form.Item>
          <Form.Item name="feeUnit" label={t('sv.ins.per')}><Select style={{ width: 120 }} options={(['hour', 'day', 'sample'] as const).map((u) => ({ value: u, label: t(`sv.ins.unit.${u}` as ExtraKey) }))} /></Form.Item>
        </Space>
        <Form.Item name="address" label={t('sv.address')}><Input maxLength={200} /></Form.Item>
      </FormModal>
      <FormModal<{ subject: string; period: [Dayjs, Dayjs]; samples?: string }> open={!!book} title={t('sv.ins.bookTitle', { name: book?.name ?? '' })} onClose={() => setBook(null)} onSubmit={async (v) => { await post(`/api/instruments/${book!.id}/bookings`, { subject: v.subject, samples: v.samples, start: v.period[0].format('YYYY-MM-DD'), end: v.period[1].format('YYYY-MM-DD') }); message.success(t('sv.pl.requested')); }}>
        <Form.Item name="subject" label={t('sv.pl.subject')} rules={[{ required: true, message: t('sv.required') }]}><Input maxLength={500} /></Form.Item>
        <Form.Item name="period" label={t('sv.pl.period')} rules={[{ required: true, message: t('sv.required') }]}><DatePicker.RangePicker disabledDate={(d) => d.format('YYYY-MM-DD') < todayCn()} /></Form.Item>
        <Form.Item name="samples" label={t('sv.ins.samples')}><Input maxLength={30} /></Form.Item>
      </FormModal>
    </div>
  );
}

/** Fee per unit in yuan (2 places) from a 万元 decimal string, exactly. */
function yuanOf(feeWan: string): number {
  return Math.round(Number(feeWan) * 1_000_000) / 100;
}

/** The owner records a use within a confirmed booking: date, amount in the instrument's fee unit, purpose; the fee previews. */
function UsageModal({ booking, instrument, onClose }: { booking: Booking; instrument: Instrument; onClose(): void }) {
  const { t } = useT();
  const { l } = useL();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ date: Dayjs; quantity: number; note?: string }>();
  const [busy, setBusy] = useState(false);
  const qty = Form.useWatch('quantity', form) ?? 0;
  const unit = t(`sv.ins.unit.${instrument.feeUnit}` as ExtraKey);
  const per = yuanOf(instrument.feeWan);
  return (
    <Modal open title={l('usage.title', { subject: booking.subject })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'usage-ok' } as never}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(booking.start), quantity: 1 }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await post(`/api/instrument-bookings/${booking.id}/usages`, { date: v.date.format('YYYY-MM-DD'), quantity: v.quantity, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
            message.success(l('usage.saved'));
            onClose();
          } catch (e) {
            const top = applyApiError(form, e, (f) => ['date', 'quantity', 'note'].includes(f));
            if (top) message.error(top);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="date" label={l('usage.date')} extra={l('usage.outside', { start: booking.start, end: booking.end })} rules={[{ required: true, message: t('sv.required') }]}>
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < booking.start || d.format('YYYY-MM-DD') > booking.end} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="quantity" label={l('usage.quantity', { unit })} rules={[{ required: true, message: t('sv.required') }, { type: 'integer', min: 1, max: 10000, message: '1–10000' }]}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} data-testid="usage-quantity" />
        </Form.Item>
        <Form.Item name="note" label={l('usage.purpose')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <p className="tb-muted" data-testid="usage-fee-preview">{l('usage.feePreview', { fee: per.toFixed(2), unit, total: (per * (Number(qty) || 0)).toFixed(2) })}</p>
      </Form>
    </Modal>
  );
}

/** The owner's usage history of one instrument: date, amount, user organisation, purpose, fee. */
function UsageDrawer({ instrument, onClose }: { instrument: Instrument; onClose(): void }) {
  const { t } = useT();
  const { l } = useL();
  const res = useAsync(() => get<UsageHistory>(`/api/instruments/${instrument.id}/usages`), [instrument.id]);
  const unit = t(`sv.ins.unit.${instrument.feeUnit}` as ExtraKey);
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  return (
    <Drawer open title={l('usage.historyTitle', { name: instrument.name })} onClose={onClose} size={Math.min(760, typeof window === 'undefined' ? 760 : window.innerWidth)} destroyOnHidden>
      {res.error ? <ErrorBlock error={res.error} onRetry={res.reload} /> : res.loading || !res.data ? <LoadingBlock rows={4} /> : (
        <>
          <p data-testid="usage-totals">{l('usage.totals', { n: res.data.items.length, q: res.data.totalQuantity, unit, fee: yuan(res.data.totalFeeFen) })}</p>
          <Table
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={res.data.items}
            scroll={{ x: 640 }}
            locale={{ emptyText: <EmptyBlock text={l('usage.empty')} /> }}
            columns={[
              { title: l('usage.date'), dataIndex: 'date', width: 110 },
              { title: l('usage.quantity', { unit }), dataIndex: 'quantity', width: 100, align: 'right' },
              { title: l('usage.user'), dataIndex: 'userOrgId', render: (o: string) => <OrgName id={o} /> },
              { title: l('usage.purpose'), key: 'p', render: (_: unknown, u: UsageHistory['items'][number]) => <div>{u.purpose}{u.note && <div className="tb-muted">{u.note}</div>}</div> },
              { title: l('usage.fee'), dataIndex: 'feeFen', width: 110, align: 'right', render: (f: number) => <span className="sv-money">{yuan(f)} 元</span> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

// ── alliances ──

export function Alliances() {
  const { t } = useT();
  const { session } = useAuth();
  const list = useAsync(() => get<Alliance[]>('/api/alliances'), []);
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Head title={t('x.nav.alliances')} sub={t('sv.al.sub')} extra={session?.user.role === 'enterprise' && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('sv.al.create')}</Button>} />
      {list.error ? <ErrorBlock error={list.error} onRetry={list.reload} /> : list.loading ? <LoadingBlock rows={3} /> : !list.data?.length ? (
        <Card><EmptyBlock text={t('sv.al.empty')} /></Card>
      ) : (
        <Card>
          <List
            dataSource={list.data}
            renderItem={(a) => (
              <List.Item>
                <List.Item.Meta title={<Space><Tag color={a.kind === 'consortium' ? 'purple' : 'blue'}>{t(`sv.al.kind.${a.kind}` as ExtraKey)}</Tag><Link to={`/services/alliances/${a.id}`}>{a.name}</Link></Space>} description={<>{t('sv.al.lead')}：<OrgName id={a.leadOrgId} />{a.intro ? ` · ${a.intro}` : ''}</>} />
              </List.Item>
            )}
          />
        </Card>
      )}
      <FormModal<{ name: string; kind: 'alliance' | 'consortium'; intro?: string }> open={open} title={t('sv.al.create')} onClose={() => setOpen(false)} initialValues={{ kind: 'alliance' }} onSubmit={async (v) => { await post('/api/alliances', v); list.reload(); }}>
        <Form.Item name="name" label={t('sv.name')} rules={[{ required: true, message: t('sv.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="kind" label={t('sv.al.kindLabel')}><Select options={(['alliance', 'consortium'] as const).map((k) => ({ value: k, label: t(`sv.al.kind.${k}` as ExtraKey) }))} /></Form.Item>
        <Form.Item name="intro" label={t('sv.intro')}><Input.TextArea rows={3} /></Form.Item>
      </FormModal>
    </div>
  );
}

export function AllianceDetail() {
  const { id = '' } = useParams();
  const { t } = useT();
  const { message } = App.useApp();
  const { session } = useAuth();
  const a = useAsync(() => get<AllianceWithMembers>(`/api/alliances/${encodeURIComponent(id)}`), [id]);
  const o = useAsync(() => (session ? get<AllianceOverview>(`/api/alliances/${encodeURIComponent(id)}/overview`).catch(() => null) : Promise.resolve(null)), [id, session?.user.id]);
  const [member, setMember] = useState('');
  const [topicOpen, setTopicOpen] = useState(false);
  const [taskFor, setTaskFor] = useState<string | null>(null);
  const [topicForm] = Form.useForm();
  const [taskForm] = Form.useForm();
  // members' published demands: a joint topic is created from them
  const memberIds = (a.data?.members ?? []).map((m) => m.organisationId).join(',');
  const demands = useAsync(async () => {
    const out: { id: string; title: string }[] = [];
    for (const orgId of memberIds ? memberIds.split(',') : []) {
      const r = await get<{ items: { id: string; title: string }[] }>(`/api/demands?org=${encodeURIComponent(orgId)}&pageSize=50`).catch(() => ({ items: [] }));
      out.push(...r.items.map((d) => ({ id: d.id, title: d.title })));
    }
    return out;
  }, [memberIds]);
  if (a.loading) return <LoadingBlock rows={5} />;
  if (a.error || !a.data) return <ErrorBlock error={a.error} onRetry={a.reload} />;
  const lead = session?.organisation?.id === a.data.leadOrgId;
  const addMember = async () => {
    try {
      await post(`/api/alliances/${id}/members`, { organisationId: member });
      setMember('');
      a.reload();
      o.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const createTopic = async (v: { title: string; description?: string; demandIds: string[] }) => {
    try {
      await post(`/api/alliances/${id}/topics`, v);
      setTopicOpen(false);
      topicForm.resetFields();
      o.reload();
    } catch (e) {
      applyApiError(topicForm, e);
    }
  };
  const createTask = async (v: { title: string; dueDate?: Dayjs | null }) => {
    try {
      await post(`/api/alliance-topics/${taskFor}/tasks`, { title: v.title, dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null });
      setTaskFor(null);
      taskForm.resetFields();
      o.reload();
    } catch (e) {
      applyApiError(taskForm, e);
    }
  };
  const completeTask = async (taskId: string) => {
    try {
      await post(`/api/alliance-tasks/${taskId}/done`, {});
      o.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div>
      <Head title={a.data.name} sub={<>{t('sv.al.lead')}：<OrgName id={a.data.leadOrgId} /></>} />
      <Modal open={topicOpen} title={t('sv.al.newTopic')} onCancel={() => setTopicOpen(false)} onOk={() => topicForm.submit()} destroyOnHidden>
        <Form form={topicForm} layout="vertical" onFinish={createTopic} initialValues={{ demandIds: [] }}>
          <Form.Item name="title" label={t('sv.al.topicTitle')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="description" label={t('sv.al.topicDescription')}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
          <Form.Item name="demandIds" label={t('sv.al.topicDemands')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="multiple" loading={demands.loading} options={(demands.data ?? []).map((d) => ({ value: d.id, label: d.title }))} optionFilterProp="label" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={taskFor !== null} title={t('sv.al.newTask')} onCancel={() => setTaskFor(null)} onOk={() => taskForm.submit()} destroyOnHidden>
        <Form form={taskForm} layout="vertical" onFinish={createTask}>
          <Form.Item name="title" label={t('sv.al.taskTitle')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="dueDate" label={t('sv.al.taskDue')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Modal>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10}>
          <Card title={t('sv.al.members')}>
            <List size="small" dataSource={a.data.members ?? []} renderItem={(m) => <List.Item><OrgName id={m.organisationId} /><Tag>{m.role}</Tag></List.Item>} />
            {lead && <Space.Compact style={{ marginTop: 8, width: '100%' }}><Input placeholder={t('sv.al.memberPh')} value={member} onChange={(e) => setMember(e.target.value)} /><Button onClick={addMember} disabled={!member}>{t('sv.al.addMember')}</Button></Space.Compact>}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card title={t('sv.al.topics')} extra={lead && o.data ? <Button size="small" icon={<PlusOutlined />} onClick={() => setTopicOpen(true)}>{t('sv.al.newTopic')}</Button> : null}>
            {!o.data ? <EmptyBlock text={t('sv.al.membersOnly')} /> : !o.data.topics.length ? <EmptyBlock text={t('sv.al.noTopics')} /> : (
              <List
                dataSource={o.data.topics}
                renderItem={(tp) => (
                  <List.Item actions={lead ? [<Button key="task" size="small" type="link" onClick={() => setTaskFor(tp.id)}>{t('sv.al.newTask')}</Button>] : []}>
                    <List.Item.Meta
                      title={tp.title}
                      description={tp.tasks.map((k) => (
                        <Tag key={k.id} color={k.status === 'done' ? 'green' : 'default'}>
                          {k.title}{k.dueDate ? ` · ${k.dueDate}` : ''}
                          {k.status !== 'done' && <Button size="small" type="link" style={{ padding: '0 0 0 4px', height: 'auto' }} onClick={() => completeTask(k.id)}>{t('sv.al.taskDone')}</Button>}
                        </Tag>
                      ))}
                    />
                  </List.Item>
                )}
              />
            )}
            {o.data && <Descriptions size="small" style={{ marginTop: 12 }}><Descriptions.Item label={t('sv.al.deals')}>{o.data.deals.count}</Descriptions.Item><Descriptions.Item label={t('sv.al.contracts')}>{o.data.contracts.count} · <Wan v={o.data.contracts.amountWan} /></Descriptions.Item></Descriptions>}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
