import { useMemo, useState } from 'react';
import { App, Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Radio, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { CalendarOutlined, EnvironmentOutlined, ExperimentOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { RegionCascader } from '../../components/RegionCascader';
import { TrlSelect } from '../../components/TrlSelect';
import { useAuth } from '../../lib/auth';
import { api, unwrap } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { EmptyBlock, Head, Industries, IndustrySelect, OrgName, Reasons, TagsInput, useT, type ExtraKey } from './common';
import { get, post, type Booking, type BookingStatus, type PilotBase, type PilotProject, type Recommendations, type UnitCalendar } from './http';

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayCn(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function monthBounds(ym: string): { from: string; to: string; days: number } {
  const [y, m] = ym.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${ym}-01`, to: `${ym}-${String(days).padStart(2, '0')}`, days };
}
function shiftMonth(ym: string, d: number): string {
  const [y, m] = ym.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + d, 1));
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function BookingTag({ s }: { s: BookingStatus }) {
  const { t } = useT();
  const color = { requested: 'processing', accepted: 'green', declined: 'red', cancelled: 'default', completed: 'gold' }[s];
  return <Tag color={color}>{t(`sv.pl.status.${s}` as ExtraKey)}</Tag>;
}

function TrlRange({ b }: { b: Pick<PilotBase, 'trlMin' | 'trlMax'> }) {
  const { t } = useT();
  if (!b.trlMin && !b.trlMax) return null;
  return <Tag color="purple">{t('sv.pl.trlServed', { range: `${b.trlMin ?? 1}–${b.trlMax ?? 9}` })}</Tag>;
}

/** 中试基地目录 */
export function PilotDirectory() {
  const { t } = useT();
  const { session } = useAuth();
  const [q, setQ] = useState('');
  const res = useAsync(() => get<PilotBase[]>('/api/pilot/bases', { q }), [q]);
  const canRegister = session?.user.role === 'service' || session?.user.role === 'admin';
  return (
    <div>
      <Head
        title={t('x.nav.pilot')}
        sub={t('sv.pl.sub')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('sv.pl.searchPh')} onSearch={setQ} style={{ width: 240 }} aria-label={t('sv.pl.searchPh')} />
            {canRegister && (
              <Link to="/services/pilot/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="pilot-new">
                  {t('sv.pl.register')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : res.loading ? (
        <LoadingBlock rows={4} />
      ) : !res.data?.length ? (
        <Card>
          <EmptyBlock text={t('sv.pl.empty')} action={canRegister ? <Link to="/services/pilot/new"><Button type="primary">{t('sv.pl.register')}</Button></Link> : undefined} />
        </Card>
      ) : (
        <Row gutter={[16, 16]} data-testid="pilot-bases">
          {res.data.map((b) => (
            <Col xs={24} md={12} key={b.id}>
              <Card className="sv-card" title={<Link to={`/services/pilot/${b.id}`} className="tb-table-title">{b.name}</Link>} extra={<TrlRange b={b} />}>
                <Typography.Paragraph ellipsis={{ rows: 2 }} type="secondary">{b.intro || '—'}</Typography.Paragraph>
                <div className="sv-tags"><Industries codes={b.industries} /></div>
                <div className="sv-tags">
                  {b.capabilities.slice(0, 6).map((c) => (
                    <Tag key={c}>{c}</Tag>
                  ))}
                </div>
                <div className="sv-meta">
                  <EnvironmentOutlined /> {b.address || b.regionCode || '—'} · <OrgName id={b.organisationId} />
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}

interface BaseForm {
  name: string;
  intro?: string;
  industries: string[];
  capabilities: string[];
  certifications?: string[];
  scale?: string;
  regionCode?: string | null;
  address?: string;
  trlMin?: number | null;
  trlMax?: number | null;
  equipment?: { name: string; model?: string }[];
  lines?: { name: string; description?: string }[];
}

/** 登记中试基地：基本信息、工艺能力、设备、可预约产线 */
export function PilotBaseNew() {
  const { t } = useT();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm<BaseForm>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const submit = async (v: BaseForm) => {
    setBusy(true);
    setTop(null);
    try {
      const { lines, ...body } = v;
      const base = await post<PilotBase>('/api/pilot/bases', { ...body, industries: v.industries ?? [], capabilities: v.capabilities ?? [], equipment: (v.equipment ?? []).filter((e) => e?.name), trlMin: v.trlMin ?? undefined, trlMax: v.trlMax ?? undefined });
      for (const l of (lines ?? []).filter((x) => x?.name)) await post(`/api/pilot/bases/${base.id}/units`, l);
      message.success(t('sv.saved'));
      nav(`/services/pilot/${base.id}`);
    } catch (e) {
      setTop(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Head title={t('sv.pl.register')} sub={t('sv.pl.registerSub')} />
      <Card>
        {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ lines: [{ name: '' }], trlMin: 4, trlMax: 7 }} data-testid="pilot-base-form">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('sv.pl.name')} rules={[{ required: true, message: t('sv.required') }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="industries" label={t('sv.industries')} rules={[{ required: true, message: t('sv.required') }]}>
                <IndustrySelect />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="intro" label={t('sv.pl.intro')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="capabilities" label={t('sv.pl.capabilities')} extra={t('sv.tagsHint')} rules={[{ required: true, message: t('sv.required') }]}>
            <TagsInput />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="trlMin" label={t('sv.pl.trlMin')}>
                <TrlSelect />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="trlMax" label={t('sv.pl.trlMax')}>
                <TrlSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="certifications" label={t('sv.pl.certifications')}>
                <TagsInput placeholder="CNAS、CMA" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="regionCode" label={t('sv.region')}>
                <RegionCascader />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="address" label={t('sv.address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="scale" label={t('sv.pl.scale')}>
            <Input maxLength={500} />
          </Form.Item>
          <Typography.Title level={5}>{t('sv.pl.equipment')}</Typography.Title>
          <Form.List name="equipment">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('sv.required') }]}>
                      <Input placeholder={t('sv.pl.equipmentName')} aria-label={t('sv.pl.equipmentName')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'model']}>
                      <Input placeholder={t('sv.pl.model')} aria-label={t('sv.pl.model')} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>{t('sv.remove')}</Button>
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>{t('sv.pl.addEquipment')}</Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Typography.Title level={5}>{t('sv.pl.lines')}</Typography.Title>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']}>
                      <Input placeholder={t('sv.pl.lineName')} aria-label={t('sv.pl.lineName')} style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'description']}>
                      <Input placeholder={t('sv.pl.lineDesc')} aria-label={t('sv.pl.lineDesc')} style={{ width: 320 }} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>{t('sv.remove')}</Button>
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>{t('sv.pl.addLine')}</Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="pilot-base-save">
            {t('sv.pl.registerSave')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

/** Month grid of a line's days: free, requested (held), booked. */
function CapacityCalendar({ baseId, units }: { baseId: string; units: { id: string; name: string }[] }) {
  const { t, lang } = useT();
  const [ym, setYm] = useState(todayCn().slice(0, 7));
  const [unit, setUnit] = useState<string | undefined>(units[0]?.id);
  const { from, to, days } = monthBounds(ym);
  const cal = useAsync(() => get<UnitCalendar[]>(`/api/pilot/bases/${baseId}/calendar`, { from, to }), [baseId, from, to]);
  const row = cal.data?.find((c) => c.unitId === unit) ?? cal.data?.[0];
  const firstDow = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday first
  const today = todayCn();
  const week = lang === 'en' ? ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] : ['一', '二', '三', '四', '五', '六', '日'];
  return (
    <div data-testid="capacity-calendar">
      <div className="sv-cal-head">
        <Space>
          <Button size="small" icon={<LeftOutlined />} aria-label={t('sv.pl.prevMonth')} onClick={() => setYm(shiftMonth(ym, -1))} />
          <strong className="sv-cal-month">{ym}</strong>
          <Button size="small" icon={<RightOutlined />} aria-label={t('sv.pl.nextMonth')} onClick={() => setYm(shiftMonth(ym, 1))} />
        </Space>
        {units.length > 1 && <Select size="small" value={row?.unitId} onChange={setUnit} options={units.map((u) => ({ value: u.id, label: u.name }))} style={{ minWidth: 180 }} aria-label={t('sv.pl.line')} />}
      </div>
      {cal.loading && !cal.data ? (
        <LoadingBlock rows={3} card={false} />
      ) : !row ? (
        <EmptyBlock text={t('sv.pl.noLines')} />
      ) : (
        <>
          <div className="sv-cal">
            {week.map((w) => (
              <div key={w} className="sv-cal-dow">{w}</div>
            ))}
            {Array.from({ length: firstDow }, (_, i) => (
              <div key={`pad-${i}`} />
            ))}
            {Array.from({ length: days }, (_, i) => {
              const d = row.days[i];
              const past = d && d.date < today;
              return (
                <div key={i} className={`sv-cal-day sv-day-${d?.state ?? 'free'}${past ? ' sv-day-past' : ''}${d?.date === today ? ' sv-day-today' : ''}`} title={d ? `${d.date} ${t(`sv.pl.day.${d.state}` as ExtraKey)}` : ''}>
                  {i + 1}
                </div>
              );
            })}
          </div>
          <div className="sv-cal-legend">
            {(['free', 'requested', 'booked'] as const).map((s) => (
              <span key={s}>
                <i className={`sv-dot sv-day-${s}`} /> {t(`sv.pl.day.${s}` as ExtraKey)}
              </span>
            ))}
            <span className="tb-muted">{t('sv.pl.freeDays', { n: row.days.filter((d) => d.state === 'free' && d.date >= today).length })}</span>
          </div>
        </>
      )}
    </div>
  );
}

interface BookForm {
  unitId: string;
  subject: string;
  period: [Dayjs, Dayjs];
  achievementId?: string;
  dealId?: string;
  qtyItem?: string;
  qtyAmount?: string;
  qtyUnit?: string;
}

function BookingForm({ base, onDone }: { base: PilotBase; onDone: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [sp] = useSearchParams();
  const [form] = Form.useForm<BookForm>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const mine = useAsync(() => unwrap(api.GET('/api/achievements', { params: { query: { scope: 'mine', pageSize: 100, sort: 'updated' } } })).catch(() => null), []);
  const achOptions = ((mine.data as { items?: { id: string; title: string; trl?: number | null }[] } | null)?.items ?? []).map((a) => ({ value: a.id, label: `${a.title}${a.trl ? ` · TRL ${a.trl}` : ''}` }));
  const dealId = sp.get('deal') ?? undefined;
  const submit = async (v: BookForm) => {
    setBusy(true);
    setTop(null);
    try {
      await post<Booking>('/api/pilot/bookings', {
        unitId: v.unitId,
        subject: v.subject,
        start: v.period[0].format('YYYY-MM-DD'),
        end: v.period[1].format('YYYY-MM-DD'),
        achievementId: v.achievementId || undefined,
        dealId: v.dealId || undefined,
        quantities: v.qtyItem && v.qtyAmount ? [{ item: v.qtyItem, amount: v.qtyAmount, unit: v.qtyUnit ?? '' }] : undefined,
      });
      message.success(t('sv.pl.requested'));
      form.resetFields(['subject', 'period']);
      onDone();
    } catch (e) {
      const msg = applyApiError(form, e, (f) => ['unitId', 'subject', 'achievementId', 'dealId'].includes(f));
      const fields = e && typeof e === 'object' && 'fields' in e ? (e as { fields: { field: string; message?: string }[] }).fields : [];
      const periodErr = fields.find((f) => f.field === 'start' || f.field === 'end');
      if (periodErr) form.setFields([{ name: 'period', errors: [periodErr.message ?? ''] }]);
      setTop(periodErr && fields.length === 1 ? null : msg);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ unitId: base.units?.[0]?.id, achievementId: sp.get('achievement') ?? undefined, dealId }} data-testid="booking-form">
      {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="unitId" label={t('sv.pl.line')} rules={[{ required: true, message: t('sv.required') }]}>
            <Select options={(base.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="period" label={t('sv.pl.period')} rules={[{ required: true, message: t('sv.required') }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < todayCn()} data-testid="booking-period" />
          </Form.Item>
        </Col>
      </Row>
      {dealId ? (
        <Form.Item name="dealId" label={t('sv.pl.deal')}>
          <Input disabled />
        </Form.Item>
      ) : (
        <Form.Item name="achievementId" label={t('sv.pl.achievement')} rules={[{ required: true, message: t('sv.pl.needSubject') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={achOptions.length ? achOptions : sp.get('achievement') ? [{ value: sp.get('achievement')!, label: sp.get('achievement')! }] : []} placeholder={t('sv.pl.achievementPh')} notFoundContent={t('sv.pl.noAchievements')} />
        </Form.Item>
      )}
      <Form.Item name="subject" label={t('sv.pl.subject')} rules={[{ required: true, message: t('sv.required') }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('sv.pl.subjectPh')} />
      </Form.Item>
      <Space wrap align="baseline">
        <Form.Item name="qtyItem" label={t('sv.pl.qtyItem')}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="qtyAmount" label={t('sv.pl.qtyAmount')}>
          <Input style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="qtyUnit" label={t('sv.pl.qtyUnit')}>
          <Input style={{ width: 80 }} />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={busy} icon={<CalendarOutlined />} data-testid="booking-submit">
        {t('sv.pl.bookSubmit')}
      </Button>
    </Form>
  );
}

/** 中试基地主页：能力、产线、产能日历、预约、项目记录 */
export function PilotBasePage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { message } = App.useApp();
  const { session } = useAuth();
  const res = useAsync(() => get<PilotBase>(`/api/pilot/bases/${encodeURIComponent(id)}`), [id]);
  const projects = useAsync(() => get<PilotProject[]>(`/api/pilot/bases/${encodeURIComponent(id)}/projects`), [id]);
  const [calKey, setCalKey] = useState(0);
  const [lineForm] = Form.useForm<{ name: string; description?: string }>();
  if (res.loading) return <LoadingBlock rows={8} />;
  if (res.error || !res.data) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  const b = res.data;
  const own = !!session?.organisation && session.organisation.id === b.organisationId;
  const addLine = async (v: { name: string; description?: string }) => {
    try {
      await post(`/api/pilot/bases/${b.id}/units`, v);
      lineForm.resetFields();
      message.success(t('sv.saved'));
      res.reload();
      setCalKey((k) => k + 1);
    } catch (e) {
      const top = applyApiError(lineForm, e);
      if (top) message.error(top);
    }
  };
  return (
    <div data-testid="pilot-base-page">
      <Head title={b.name} sub={<><OrgName id={b.organisationId} /> · {b.address || b.regionCode || ''}</>} extra={<><TrlRange b={b} />{own && <Link to="/services/pilot/bookings?scope=received"><Button>{t('sv.pl.incoming')}</Button></Link>}</>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('sv.pl.profile')}>
            <Typography.Paragraph className="tb-prewrap">{b.intro || '—'}</Typography.Paragraph>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('sv.industries')}><Industries codes={b.industries} /></Descriptions.Item>
              <Descriptions.Item label={t('sv.pl.capabilities')}>
                <div className="sv-tags">{b.capabilities.map((c) => <Tag key={c}>{c}</Tag>)}</div>
              </Descriptions.Item>
              {b.equipment.length > 0 && (
                <Descriptions.Item label={t('sv.pl.equipment')}>
                  <div>{b.equipment.map((e, i) => <div key={i}>{e.name}{e.model ? `（${e.model}）` : ''}{e.params?.length ? ` · ${e.params.map((p) => `${p.key} ${p.value}${p.unit ?? ''}`).join('，')}` : ''}</div>)}</div>
                </Descriptions.Item>
              )}
              {b.certifications.length > 0 && <Descriptions.Item label={t('sv.pl.certifications')}>{b.certifications.map((c) => <Tag key={c} color="green">{c}</Tag>)}</Descriptions.Item>}
              {b.scale && <Descriptions.Item label={t('sv.pl.scale')}>{b.scale}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title={t('sv.pl.lines')} className="tb-section-card" data-testid="pilot-lines">
            {(b.units ?? []).length === 0 ? (
              <EmptyBlock text={own ? t('sv.pl.noLinesOwn') : t('sv.pl.noLines')} />
            ) : (
              <List
                size="small"
                dataSource={b.units}
                renderItem={(u) => (
                  <List.Item>
                    <List.Item.Meta avatar={<ExperimentOutlined style={{ fontSize: 18, color: '#0b4ea2' }} />} title={u.name} description={u.description || (u.params.length ? u.params.map((p) => `${p.key} ${p.value}${p.unit ?? ''}`).join('，') : null)} />
                  </List.Item>
                )}
              />
            )}
            {own && (
              <Form form={lineForm} layout="inline" onFinish={addLine} style={{ marginTop: 12, rowGap: 8 }}>
                <Form.Item name="name" rules={[{ required: true, message: t('sv.required') }]}>
                  <Input placeholder={t('sv.pl.lineName')} aria-label={t('sv.pl.lineName')} />
                </Form.Item>
                <Form.Item name="description">
                  <Input placeholder={t('sv.pl.lineDesc')} aria-label={t('sv.pl.lineDesc')} />
                </Form.Item>
                <Button htmlType="submit" icon={<PlusOutlined />}>{t('sv.pl.addLine')}</Button>
              </Form>
            )}
          </Card>
          <Card title={t('sv.pl.projects')} className="tb-section-card">
            <Table<PilotProject>
              rowKey="id"
              size="small"
              loading={projects.loading}
              dataSource={projects.data ?? []}
              pagination={false}
              locale={{ emptyText: <EmptyBlock text={t('sv.pl.noProjects')} /> }}
              columns={[
                { title: t('sv.pl.outcome'), dataIndex: 'outcome', render: (o: string) => <Tag color={o === 'succeeded' ? 'green' : o === 'partial' ? 'gold' : 'red'}>{t(`sv.pl.outcome.${o}` as ExtraKey)}</Tag> },
                { title: 'TRL', key: 'trl', render: (_, p) => `${p.trlBefore ?? '?'} → ${p.trlAfter}` },
                { title: t('sv.pl.report'), dataIndex: 'report', render: (r: string | null) => r || '—' },
                { title: t('sv.date'), dataIndex: 'createdAt', width: 110, render: (d: string) => formatDate(d, lang) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('sv.pl.calendar')}>
            <CapacityCalendar key={calKey} baseId={b.id} units={b.units ?? []} />
          </Card>
          <Card title={t('sv.pl.book')} className="tb-section-card" id="book">
            {!session ? (
              <Link to={`/login?next=${encodeURIComponent(`/services/pilot/${b.id}`)}`}><Button type="primary">{t('sv.loginToBook')}</Button></Link>
            ) : own ? (
              <Typography.Text type="secondary">{t('sv.pl.ownBase')}</Typography.Text>
            ) : !(b.units ?? []).length ? (
              <Typography.Text type="secondary">{t('sv.pl.noLines')}</Typography.Text>
            ) : (
              <BookingForm base={b} onDone={() => setCalKey((k) => k + 1)} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** 中试预约：本基地收到的（接受/拒绝/登记结果）与本单位提交的 */
export function PilotBookings() {
  const { t, lang } = useT();
  const { message, modal } = App.useApp();
  const { session } = useAuth();
  const [sp, setSp] = useSearchParams();
  const scope = sp.get('scope') === 'received' || (!sp.get('scope') && session?.user.role === 'service') ? 'received' : 'requested';
  const res = useAsync(() => get<Booking[]>('/api/pilot/bookings', { scope }), [scope]);
  const [decline, setDecline] = useState<Booking | null>(null);
  const [outcome, setOutcome] = useState<Booking | null>(null);
  const [df] = Form.useForm<{ reason: string }>();
  const [of] = Form.useForm<{ outcome: string; trlBefore?: number | null; trlAfter: number; report?: string }>();
  const [busy, setBusy] = useState(false);
  const act = async (b: Booking, action: 'accept' | 'cancel') => {
    try {
      await post(`/api/pilot/bookings/${b.id}/decision`, { action });
      message.success(t(action === 'accept' ? 'sv.pl.accepted' : 'sv.done'));
      res.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const submitDecline = async (v: { reason: string }) => {
    setBusy(true);
    try {
      await post(`/api/pilot/bookings/${decline!.id}/decision`, { action: 'decline', reason: v.reason });
      setDecline(null);
      df.resetFields();
      res.reload();
    } catch (e) {
      const top = applyApiError(df, e, (f) => f === 'reason');
      if (top) df.setFields([{ name: 'reason', errors: [top] }]);
    } finally {
      setBusy(false);
    }
  };
  const submitOutcome = async (v: { outcome: string; trlBefore?: number | null; trlAfter: number; report?: string }) => {
    setBusy(true);
    try {
      await post(`/api/pilot/bookings/${outcome!.id}/project`, { ...v, trlBefore: v.trlBefore ?? undefined });
      setOutcome(null);
      of.resetFields();
      message.success(t('sv.saved'));
      res.reload();
    } catch (e) {
      const top = applyApiError(of, e);
      if (top) message.error(top);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Head
        title={t('sv.pl.bookings')}
        sub={t('sv.pl.bookingsSub')}
        extra={<Segmented value={scope} onChange={(v) => setSp({ scope: String(v) })} options={[{ value: 'received', label: t('sv.pl.received') }, { value: 'requested', label: t('sv.pl.mine') }]} />}
      />
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Booking>
            rowKey="id"
            loading={res.loading}
            dataSource={res.data ?? []}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="pilot-bookings"
            locale={{ emptyText: <EmptyBlock text={scope === 'received' ? t('sv.pl.noReceived') : t('sv.pl.noRequested')} action={scope === 'requested' ? <Link to="/services/pilot"><Button>{t('sv.pl.findBase')}</Button></Link> : undefined} /> }}
            columns={[
              {
                title: t('sv.pl.subject'),
                dataIndex: 'subject',
                render: (s: string, b) => (
                  <div>
                    <div className="tb-table-title">{s}</div>
                    <div className="tb-muted">
                      {b.achievementId && <Link to={`/achievements/${b.achievementId}`}>{t('sv.pl.achievement')}</Link>}
                      {b.dealId && <Link to={`/deals/${b.dealId}`}>{t('sv.pl.deal')}</Link>}
                      {b.quantities.length > 0 && ` · ${b.quantities.map((q) => `${q.item} ${q.amount}${q.unit}`).join('，')}`}
                    </div>
                  </div>
                ),
              },
              { title: scope === 'received' ? t('sv.pl.requester') : t('sv.pl.base'), key: 'org', width: 200, render: (_, b) => <OrgName id={scope === 'received' ? b.requesterOrgId : b.ownerOrgId} /> },
              { title: t('sv.pl.period'), key: 'p', width: 200, render: (_, b) => <span className="sv-num">{b.start} ~ {b.end}</span> },
              { title: t('common.status'), key: 's', width: 140, render: (_, b) => <><BookingTag s={b.status} />{b.decisionReason && <div className="tb-muted">{b.decisionReason}</div>}</> },
              { title: t('sv.submittedAt'), dataIndex: 'createdAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
              {
                title: t('sv.actions'),
                key: 'a',
                width: 210,
                render: (_, b) => (
                  <Space wrap size={4}>
                    {scope === 'received' && b.status === 'requested' && (
                      <>
                        <Button size="small" type="primary" data-testid="booking-accept" onClick={() => modal.confirm({ title: t('sv.pl.acceptConfirm'), content: `${b.subject}（${b.start} ~ ${b.end}）`, onOk: () => act(b, 'accept') })}>
                          {t('sv.pl.accept')}
                        </Button>
                        <Button size="small" danger onClick={() => setDecline(b)} data-testid="booking-decline">{t('sv.pl.decline')}</Button>
                      </>
                    )}
                    {scope === 'received' && b.status === 'accepted' && <Button size="small" onClick={() => setOutcome(b)} data-testid="booking-outcome">{t('sv.pl.recordOutcome')}</Button>}
                    {scope === 'requested' && ['requested', 'accepted'].includes(b.status) && <Button size="small" onClick={() => modal.confirm({ title: t('sv.pl.cancelConfirm'), onOk: () => act(b, 'cancel') })}>{t('sv.cancel')}</Button>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Modal open={!!decline} title={t('sv.pl.declineTitle')} onCancel={() => setDecline(null)} onOk={() => df.submit()} confirmLoading={busy} destroyOnHidden>
        <Form form={df} layout="vertical" onFinish={submitDecline}>
          <Form.Item name="reason" label={t('sv.reason')} rules={[{ required: true, message: t('sv.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!outcome} title={t('sv.pl.recordOutcome')} onCancel={() => setOutcome(null)} onOk={() => of.submit()} confirmLoading={busy} destroyOnHidden>
        <Form form={of} layout="vertical" onFinish={submitOutcome} initialValues={{ outcome: 'succeeded' }}>
          <Form.Item name="outcome" label={t('sv.pl.outcome')} rules={[{ required: true }]}>
            <Radio.Group options={(['succeeded', 'partial', 'failed'] as const).map((o) => ({ value: o, label: t(`sv.pl.outcome.${o}` as ExtraKey) }))} />
          </Form.Item>
          <Space>
            <Form.Item name="trlBefore" label={t('sv.pl.trlBefore')} extra={t('sv.pl.trlBeforeHint')}>
              <InputNumber min={1} max={9} />
            </Form.Item>
            <Form.Item name="trlAfter" label={t('sv.pl.trlAfter')} rules={[{ required: true, message: t('sv.required') }]}>
              <InputNumber min={1} max={9} />
            </Form.Item>
          </Space>
          <Form.Item name="report" label={t('sv.pl.report')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** TRL 缺口导流：为成果或对接项目推荐中试基地（附理由） */
export function PilotRecommend() {
  const { t, pick } = useT();
  const [sp] = useSearchParams();
  const achievement = sp.get('achievement');
  const deal = sp.get('deal');
  const res = useAsync(() => (achievement || deal ? get<Recommendations>('/api/pilot/recommendations', achievement ? { achievement } : { deal }) : Promise.resolve(null)), [achievement, deal]);
  const subject = achievement ? `achievement=${achievement}` : `deal=${deal}`;
  const listing = useAsync(() => (achievement ? get<{ title: string; trl: number | null }>(`/api/achievements/${encodeURIComponent(achievement)}`) : deal ? get<{ title: string }>(`/api/deals/${encodeURIComponent(deal)}`) : Promise.resolve(null)), [achievement, deal]);
  const title = useMemo(() => listing.data?.title, [listing.data]);
  if (!achievement && !deal) return <EmptyBlock text={t('sv.pl.recNoSubject')} />;
  return (
    <div data-testid="pilot-recommend">
      <Head title={t('sv.pl.recTitle')} sub={title ? <Link to={achievement ? `/achievements/${achievement}` : `/deals/${deal}`}>{title}</Link> : t('sv.pl.recSub')} />
      {res.error ? (
        <ErrorBlock error={res.error} onRetry={res.reload} />
      ) : res.loading || !res.data ? (
        <LoadingBlock rows={5} />
      ) : (
        <>
          {res.data.inGap && res.data.reason ? (
            <Alert type="info" showIcon title={pick(res.data.reason.zh, res.data.reason.en)} style={{ marginBottom: 16 }} data-testid="gap-reason" />
          ) : (
            <Alert type="success" showIcon title={t('sv.pl.notInGap', { trl: res.data.trl ?? '—' })} style={{ marginBottom: 16 }} />
          )}
          {res.data.inGap && !res.data.recommendations.length ? (
            <Card><EmptyBlock text={t('sv.pl.noRecs')} action={<Link to="/services/pilot"><Button>{t('sv.pl.browse')}</Button></Link>} /></Card>
          ) : (
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              {res.data.recommendations.map((r, i) => (
                <Card
                  key={r.base.id}
                  className="sv-card"
                  data-testid="pilot-rec"
                  title={<Space><span className="sv-rank">{i + 1}</span><Link to={`/services/pilot/${r.base.id}`}>{r.base.name}</Link><TrlRange b={r.base} /></Space>}
                  extra={
                    <Link to={`/services/pilot/${r.base.id}?${subject}#book`}>
                      <Button type="primary" icon={<CalendarOutlined />} data-testid="rec-book">{t('sv.pl.bookHere')}</Button>
                    </Link>
                  }
                >
                  <Row gutter={16}>
                    <Col xs={24} md={14}>
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{r.base.intro || '—'}</Typography.Paragraph>
                      <div className="sv-tags">{r.base.capabilities.map((c) => <Tag key={c}>{c}</Tag>)}</div>
                    </Col>
                    <Col xs={24} md={10}>
                      <div className="sv-subtle-title">{t('sv.whyRecommended')}</div>
                      <Reasons reasons={r.reasons} />
                    </Col>
                  </Row>
                </Card>
              ))}
            </Space>
          )}
        </>
      )}
    </div>
  );
}
