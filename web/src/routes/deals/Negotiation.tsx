import { useState } from 'react';
import { App, Alert, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Form, Grid, Input, InputNumber, Modal, Radio, Row, Space, Table, Tag } from 'antd';
import { CheckOutlined, FileSearchOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type Deal, type Offer, type OfferInput, type ValuationResult } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { applyApiError } from '../../lib/form-errors';
import { formatDateTime, WAN_PATTERN, compareDecimal } from '../../lib/format';
import { EXCLUSIVITIES, PAYMENTS, roundWan, subWan, sumWan } from '../../lib/deals';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';

const ValuationCalculator = lazy(() => import('../decision/ValuationCalculator'));

const CLOSED = ['agreed', 'contract_signed', 'registered', 'implementing', 'industrialised', 'closed_lost'];

interface OfferFormValues {
  priceWan: string;
  payment: OfferInput['payment'];
  royaltyPercent?: string;
  equityPercent?: string;
  instalments?: { dueDate?: Dayjs; amountWan?: string }[];
  exclusivity: OfferInput['exclusivity'];
  termMonths?: number | null;
  territory?: string;
  milestones?: { title?: string; dueDate?: Dayjs }[];
  note?: string;
}

function paymentText(o: Offer, t: (k: MessageKey, v?: Record<string, string | number>) => string): string {
  const base = t(`neg.payment.${o.payment}` as MessageKey);
  if (o.payment === 'royalty' && o.royaltyPercent) return `${base} ${o.royaltyPercent}%`;
  if (o.payment === 'equity' && o.equityPercent) return `${base} ${o.equityPercent}%`;
  if (o.payment === 'instalments') return `${base} × ${o.instalments.length}`;
  return base;
}

function OfferPosition({ offer, side, canAccept, onAccept }: { offer: Offer | null; side: 'buyer' | 'seller'; canAccept: boolean; onAccept(o: Offer): void }) {
  const { t } = useI18n();
  const valuation = offer?.valuation as { combined?: { lowWan?: string; highWan?: string } } | null | undefined;
  return (
    <Card
      size="small"
      className={`tb-position tb-position-${side}`}
      data-testid={`position-${side}`}
      title={
        <span className="tb-position-title">
          {t(side === 'buyer' ? 'neg.buyerSide' : 'neg.sellerSide')}
          {offer && <Tag>{t('neg.round', { n: offer.round })}</Tag>}
          {offer && <Tag color={offer.status === 'open' ? 'processing' : offer.status === 'accepted' ? 'success' : 'default'}>{t(`neg.status.${offer.status}` as MessageKey)}</Tag>}
        </span>
      }
    >
      {!offer ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('neg.none')} />
      ) : (
        <>
          <div className="tb-position-price">
            {offer.priceWan} <span className="tb-position-unit">{t('common.wan')}</span>
          </div>
          <Descriptions column={1} size="small" colon={false} className="tb-position-desc">
            <Descriptions.Item label={t('neg.payment')}>{paymentText(offer, t)}</Descriptions.Item>
            {offer.payment === 'instalments' && offer.instalments.length > 0 && (
              <Descriptions.Item label={t('neg.instalments')}>
                <ul className="tb-plain-list">
                  {offer.instalments.map((i, n) => (
                    <li key={n}>
                      {i.dueDate} · {i.amountWan} {t('common.wan')}
                    </li>
                  ))}
                </ul>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('neg.exclusivity')}>{t(`neg.excl.${offer.exclusivity}` as MessageKey)}</Descriptions.Item>
            <Descriptions.Item label={t('neg.term')}>{offer.termMonths ? t('neg.termValue', { n: offer.termMonths }) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('neg.territory')}>{offer.territory || '—'}</Descriptions.Item>
            {offer.milestones.length > 0 && (
              <Descriptions.Item label={t('neg.milestones')}>
                <ul className="tb-plain-list">
                  {offer.milestones.map((m, n) => (
                    <li key={n}>
                      {m.title}
                      {m.dueDate ? ` · ${m.dueDate}` : ''}
                    </li>
                  ))}
                </ul>
              </Descriptions.Item>
            )}
            {valuation?.combined?.lowWan && (
              <Descriptions.Item label={t('neg.valuation')}>{t('neg.valuationAttached', { low: roundWan(valuation.combined.lowWan), high: roundWan(valuation.combined.highWan) })}</Descriptions.Item>
            )}
            {offer.note && <Descriptions.Item label={t('neg.note')}>{offer.note}</Descriptions.Item>}
          </Descriptions>
          {canAccept && offer.status === 'open' && (
            <Button type="primary" icon={<CheckOutlined />} block onClick={() => onAccept(offer)} data-testid={`accept-${side}`}>
              {t('neg.accept')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

function OfferDrawer({ deal, open, last, onClose, onSent }: { deal: Deal; open: boolean; last: Offer | null; onClose(): void; onSent(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<OfferFormValues>();
  const [busy, setBusy] = useState(false);
  const [valuation, setValuation] = useState<ValuationResult | null>(null);
  const [calc, setCalc] = useState(false);
  const payment = Form.useWatch('payment', form);
  const price = Form.useWatch('priceWan', form);
  const instalments = Form.useWatch('instalments', form);
  const instSum = sumWan((instalments ?? []).map((i) => i?.amountWan));
  const priceOk = typeof price === 'string' && WAN_PATTERN.test(price);

  const initial: Partial<OfferFormValues> = last
    ? {
        priceWan: last.priceWan,
        payment: last.payment as OfferFormValues['payment'],
        royaltyPercent: last.royaltyPercent ?? undefined,
        equityPercent: last.equityPercent ?? undefined,
        exclusivity: last.exclusivity as OfferFormValues['exclusivity'],
        termMonths: last.termMonths,
        territory: last.territory,
        instalments: last.instalments.map((i) => ({ dueDate: dayjs(i.dueDate), amountWan: i.amountWan })),
        milestones: last.milestones.map((m) => ({ title: m.title, dueDate: m.dueDate ? dayjs(m.dueDate) : undefined })),
      }
    : { payment: 'lump_sum', exclusivity: 'non_exclusive' };

  const submit = async () => {
    const v = await form.validateFields();
    const body: OfferInput = {
      priceWan: v.priceWan.trim(),
      payment: v.payment,
      exclusivity: v.exclusivity,
      royaltyPercent: v.payment === 'royalty' ? v.royaltyPercent?.trim() || null : null,
      equityPercent: v.payment === 'equity' ? v.equityPercent?.trim() || null : null,
      instalments: v.payment === 'instalments' ? (v.instalments ?? []).map((i) => ({ dueDate: i.dueDate!.format('YYYY-MM-DD'), amountWan: (i.amountWan ?? '').trim() })) : [],
      termMonths: v.termMonths ?? null,
      territory: v.territory?.trim() ?? '',
      milestones: (v.milestones ?? []).filter((m) => m?.title?.trim()).map((m) => ({ title: m.title!.trim(), ...(m.dueDate ? { dueDate: m.dueDate.format('YYYY-MM-DD') } : {}) })),
      note: v.note?.trim() ?? '',
      valuation: valuation ? (valuation as unknown as Record<string, unknown>) : null,
    };
    setBusy(true);
    try {
      await unwrap(api.POST('/api/deals/{id}/offers', { params: { path: { id: deal.id } }, body }));
      message.success(t('neg.sent'));
      onSent();
    } catch (e) {
      const top = applyApiError(form, e, (f) => /^(priceWan|payment|royaltyPercent|equityPercent|instalments|exclusivity|termMonths|territory|milestones|note)/.test(f));
      if (top) message.error(top);
    } finally {
      setBusy(false);
    }
  };

  const amount = { pattern: WAN_PATTERN, message: t('form.amountPattern') };
  const percent = { pattern: /^\d{1,3}(\.\d{1,2})?$/, message: '0–100' };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={last ? t('neg.counter') : t('neg.offer')}
      size={screens.md ? 600 : '100%'}
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={submit} data-testid="offer-submit">
          {t('neg.submit')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="offer-form">
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="priceWan" label={t('neg.price')} rules={[{ required: true, message: t('auth.required', { f: t('neg.price') }) }, amount]}>
              <Input inputMode="decimal" suffix={t('common.wan')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="termMonths" label={t('neg.term')}>
              <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="payment" label={t('neg.payment')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={PAYMENTS.map((p) => ({ value: p, label: t(`neg.payment.${p}` as MessageKey) }))} />
        </Form.Item>
        {payment === 'royalty' && (
          <Form.Item name="royaltyPercent" label={t('neg.royaltyPercent')} rules={[{ required: true, message: t('auth.required', { f: t('neg.royaltyPercent') }) }, percent]}>
            <Input inputMode="decimal" suffix="%" style={{ maxWidth: 200 }} />
          </Form.Item>
        )}
        {payment === 'equity' && (
          <Form.Item name="equityPercent" label={t('neg.equityPercent')} rules={[{ required: true, message: t('auth.required', { f: t('neg.equityPercent') }) }, percent]}>
            <Input inputMode="decimal" suffix="%" style={{ maxWidth: 200 }} />
          </Form.Item>
        )}
        {payment === 'instalments' && (
          <fieldset className="tb-fieldset">
            <legend>{t('neg.instalments')}</legend>
            <Form.List
              name="instalments"
              rules={[
                {
                  validator: async (_, items: OfferFormValues['instalments']) => {
                    if (!items?.length) throw new Error(t('neg.instalmentMismatch'));
                    const p = form.getFieldValue('priceWan');
                    if (typeof p === 'string' && WAN_PATTERN.test(p) && compareDecimal(sumWan(items.map((i) => i?.amountWan)), p) !== 0) throw new Error(t('neg.instalmentMismatch'));
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap className="tb-inline-row">
                      <Form.Item name={[f.name, 'dueDate']} label={t('neg.instalmentDue')} rules={[{ required: true, message: t('auth.required', { f: t('neg.instalmentDue') }) }]}>
                        <DatePicker />
                      </Form.Item>
                      <Form.Item name={[f.name, 'amountWan']} label={t('neg.instalmentAmount')} rules={[{ required: true, message: t('auth.required', { f: t('neg.instalmentAmount') }) }, amount]}>
                        <Input inputMode="decimal" style={{ width: 140 }} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} className="tb-row-remove" />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
                    {t('neg.addInstalment')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                  {priceOk && (
                    <div className={`tb-small ${compareDecimal(instSum, price) === 0 ? 'tb-ok' : 'tb-warn'}`} role="status" style={{ marginTop: 8 }}>
                      {t('neg.instalmentSum', { sum: instSum, price })}
                      {compareDecimal(instSum, price) !== 0 && ` — ${t('neg.instalmentMismatch')}`}
                    </div>
                  )}
                </>
              )}
            </Form.List>
          </fieldset>
        )}
        <Form.Item name="exclusivity" label={t('neg.exclusivity')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={EXCLUSIVITIES.map((e) => ({ value: e, label: t(`neg.excl.${e}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="territory" label={t('neg.territory')}>
          <Input placeholder={t('neg.territoryPh')} maxLength={200} />
        </Form.Item>
        <fieldset className="tb-fieldset">
          <legend>{t('neg.milestones')}</legend>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap className="tb-inline-row">
                    <Form.Item name={[f.name, 'title']} label={t('neg.milestoneTitle')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('neg.milestoneTitle') }) }]}>
                      <Input maxLength={200} style={{ width: 220 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dueDate']} label={t('neg.milestoneDue')}>
                      <DatePicker />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} className="tb-row-remove" />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
                  {t('neg.addMilestone')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item name="note" label={t('neg.note')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label={t('neg.valuation')}>
          {valuation?.combined ? (
            <Space wrap>
              <Tag color="blue">{t('neg.valuationAttached', { low: roundWan(valuation.combined.lowWan), high: roundWan(valuation.combined.highWan) })}</Tag>
              <Button size="small" onClick={() => setValuation(null)}>
                {t('neg.removeValuation')}
              </Button>
            </Space>
          ) : (
            <Button icon={<FileSearchOutlined />} onClick={() => setCalc(true)}>
              {t('neg.attachValuation')}
            </Button>
          )}
        </Form.Item>
      </Form>
      <Modal open={calc} title={t('val.title')} footer={null} onCancel={() => setCalc(false)} width={920} destroyOnHidden>
        <Suspense fallback={<LoadingBlock rows={6} card={false} />}>
          <ValuationCalculator
            compact
            onAttach={(r) => {
              setValuation(r);
              setCalc(false);
            }}
          />
        </Suspense>
      </Modal>
    </Drawer>
  );
}

export function Negotiation({ deal, onDeal }: { deal: Deal; onDeal(d: Deal): void }) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const res = useAsync(() => unwrap(api.GET('/api/deals/{id}/offers', { params: { path: { id: deal.id } } })), [deal.id, deal.version]);
  const [drawer, setDrawer] = useState(false);
  const mySide = deal.roles.includes('buyer') ? 'buyer' : deal.roles.includes('seller') ? 'seller' : null;
  const closed = CLOSED.includes(deal.stage);

  if (res.error) return <ErrorBlock error={res.error} onRetry={res.reload} />;
  if (!res.data) return <LoadingBlock rows={5} card={false} />;
  const { offers, latest } = res.data;
  const mine = mySide ? latest[mySide] : null;
  const theirs = mySide ? latest[mySide === 'buyer' ? 'seller' : 'buyer'] : null;
  const gap = latest.buyer && latest.seller ? subWan(latest.seller.priceWan, latest.buyer.priceWan) : null;

  const accept = (o: Offer) =>
    modal.confirm({
      title: t('neg.accept'),
      content: t('neg.acceptConfirm', { n: o.round, price: o.priceWan }),
      okText: t('neg.accept'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const d = await unwrap(api.POST('/api/deals/{id}/offers/{offerId}/accept', { params: { path: { id: deal.id, offerId: o.id } } }));
          message.success(t('neg.accepted'));
          onDeal(d);
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        }
      },
    });

  const rounds = [...offers].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return (
    <div className="tb-negotiation" data-testid="negotiation">
      <div className="tb-neg-head">
        <h2 className="tb-card-title">{t('neg.latest')}</h2>
        <Space wrap>
          {!closed && gap && !gap.startsWith('-') && gap !== '0' && <Tag color="orange">{t('neg.gap', { d: gap })}</Tag>}
          {mySide && !closed && (
            <Button type="primary" onClick={() => setDrawer(true)} data-testid="make-offer">
              {mine || theirs ? t('neg.counter') : t('neg.offer')}
            </Button>
          )}
        </Space>
      </div>
      {!mySide && !closed && <Alert type="info" showIcon title={t('neg.partiesOnly')} style={{ marginBottom: 12 }} />}
      {closed && offers.length > 0 && deal.stage !== 'closed_lost' && <Alert type="success" showIcon title={t('neg.closed')} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        {(['buyer', 'seller'] as const).map((s) => (
          <Col xs={24} md={12} key={s}>
            <OfferPosition offer={latest[s]} side={s} canAccept={!!mySide && mySide !== s && !closed} onAccept={accept} />
          </Col>
        ))}
      </Row>
      <h3 className="tb-subhead">{t('neg.history')}</h3>
      <Table<Offer>
        size="small"
        rowKey="id"
        dataSource={rounds}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('neg.none') }}
        data-testid="offer-history"
        columns={[
          { title: t('neg.side'), key: 'side', width: 120, render: (_, o) => <span><Tag color={o.side === 'buyer' ? 'orange' : 'blue'}>{t(o.side === 'buyer' ? 'deal.role.buyer' : 'deal.role.seller')}</Tag>{t('neg.round', { n: o.round })}</span> },
          { title: t('neg.price'), dataIndex: 'priceWan', align: 'right', width: 110, render: (v: string) => <strong>{v}</strong> },
          { title: t('neg.payment'), key: 'payment', render: (_, o) => paymentText(o, t) },
          { title: t('neg.exclusivity'), dataIndex: 'exclusivity', render: (v: string) => t(`neg.excl.${v}` as MessageKey) },
          { title: t('neg.term'), dataIndex: 'termMonths', width: 90, render: (v: number | null) => (v ? t('neg.termValue', { n: v }) : '—') },
          { title: t('common.status'), dataIndex: 'status', width: 130, render: (v: string) => <Tag color={v === 'open' ? 'processing' : v === 'accepted' ? 'success' : 'default'}>{t(`neg.status.${v}` as MessageKey)}</Tag> },
          { title: t('neg.at'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v, lang) },
        ]}
      />
      {mySide && (
        <OfferDrawer
          deal={deal}
          open={drawer}
          last={mine ?? theirs}
          onClose={() => setDrawer(false)}
          onSent={() => {
            setDrawer(false);
            res.reload();
            void unwrap(api.GET('/api/deals/{id}', { params: { path: { id: deal.id } } })).then(onDeal, () => undefined);
          }}
        />
      )}
    </div>
  );
}
