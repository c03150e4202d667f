import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Statistic, Table } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type ContractInput } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { applyApiError } from '../../lib/form-errors';
import { WAN_PATTERN } from '../../lib/format';
import { subWan, sumWan } from '../../lib/deals';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';
import { useContractTypes } from './common';

interface Values {
  title: string;
  type: ContractInput['type'];
  subtype: string;
  licenseObject?: string | null;
  direction: 'domestic' | 'import' | 'export';
  amountWan: string;
  nonTechnical: { label?: string; amountWan?: string }[];
  signDate: Dayjs;
  term?: [Dayjs | null, Dayjs | null] | null;
}

const KNOWN = /^(title|type|subtype|licenseObject|direction|amountWan|nonTechnical|signDate)/;

export default function ContractForm() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [sp] = useSearchParams();
  const dealId = sp.get('deal');
  const [form] = Form.useForm<Values>();
  const types = useContractTypes();
  const deal = useAsync(async () => (dealId ? await unwrap(api.GET('/api/deals/{id}', { params: { path: { id: dealId } } })) : null), [dealId]);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [top, setTop] = useState<string | null>(null);
  const type = Form.useWatch('type', form);
  const amount = Form.useWatch('amountWan', form);
  const nt = Form.useWatch('nonTechnical', form);
  const ntSum = sumWan((nt ?? []).map((x) => (x?.amountWan && WAN_PATTERN.test(x.amountWan) ? x.amountWan : null)));
  const techTrade = amount && WAN_PATTERN.test(amount) ? subWan(amount, ntSum) : null;

  useEffect(() => {
    if (deal.data) form.setFieldsValue({ title: deal.data.title, amountWan: deal.data.amountWan ?? undefined });
  }, [deal.data, form]);

  const subtypes = useMemo(() => types.data?.types.find((x) => x.type === type)?.subtypes ?? [], [types.data, type]);

  const save = async (submit: boolean) => {
    setTop(null);
    const v = await form.validateFields();
    const body: ContractInput = {
      dealId: dealId ?? null,
      title: v.title.trim(),
      type: v.type,
      subtype: v.subtype,
      licenseObject: v.type === 'license' ? ((v.licenseObject ?? null) as ContractInput['licenseObject']) : null,
      direction: v.direction,
      amountWan: v.amountWan.trim(),
      nonTechnical: (v.nonTechnical ?? []).filter((x) => x?.label?.trim() || x?.amountWan?.trim()).map((x) => ({ label: (x.label ?? '').trim(), amountWan: (x.amountWan ?? '').trim() })),
      signDate: v.signDate.format('YYYY-MM-DD'),
      termStart: v.term?.[0]?.format('YYYY-MM-DD') ?? null,
      termEnd: v.term?.[1]?.format('YYYY-MM-DD') ?? null,
    };
    setBusy(submit ? 'submit' : 'draft');
    try {
      const c = await unwrap(api.POST('/api/contracts', { body }));
      if (submit) {
        const s = await unwrap(api.POST('/api/contracts/{id}/submit', { params: { path: { id: c.id } } }));
        message.success(t('ct.submitted', { a: s.acceptedOn ?? '', d: s.dueDate ?? '' }));
      } else message.success(t('ct.saved'));
      nav(`/contracts/${c.id}`);
    } catch (e) {
      const msg = applyApiError(form, e, (f) => KNOWN.test(f));
      if (msg) setTop(msg);
    } finally {
      setBusy(null);
    }
  };

  if (deal.error) return <div className="tb-container tb-page"><ErrorBlock error={deal.error} onRetry={deal.reload} /></div>;
  if (deal.loading || types.loading) return <div className="tb-container tb-page"><LoadingBlock rows={10} /></div>;
  const d = deal.data;

  return (
    <div className="tb-container tb-page">
      <Breadcrumb
        className="tb-breadcrumb"
        items={[
          { title: <Link to="/contracts">{t('ct.mine')}</Link> },
          ...(d ? [{ title: <Link to={`/deals/${d.id}`}>{d.title}</Link> }] : []),
          { title: t('ct.new') },
        ]}
      />
      <h1 className="tb-page-title">{t('ct.new')}</h1>
      {d && d.stage !== 'contract_signed' && <Alert type="warning" showIcon title={t('ct.dealNotSigned')} style={{ marginBottom: 16 }} />}
      {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={16}>
          <Card>
            <Form<Values>
              form={form}
              layout="vertical"
              initialValues={{ direction: 'domestic', signDate: dayjs(), nonTechnical: [] }}
              data-testid="contract-form"
            >
              <Form.Item name="title" label={t('ct.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('auth.required', { f: t('ct.name') }) }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name="type" label={t('ct.type')} rules={[{ required: true, message: t('auth.required', { f: t('ct.type') }) }]}>
                    <Select
                      options={(types.data?.types ?? []).map((x) => ({ value: x.type, label: pick(x.zh, x.en) }))}
                      onChange={() => form.setFieldsValue({ subtype: undefined, licenseObject: undefined })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="subtype" label={t('ct.subtype')} rules={[{ required: true, message: t('auth.required', { f: t('ct.subtype') }) }]}>
                    <Select disabled={!type} options={subtypes.map((s) => ({ value: s.code, label: pick(s.zh, s.en) }))} />
                  </Form.Item>
                </Col>
                {type === 'license' && (
                  <Col xs={24} md={8}>
                    <Form.Item name="licenseObject" label={t('ct.licenseObject')}>
                      <Select allowClear options={(types.data?.licenseObjects ?? []).map((s) => ({ value: s.code, label: pick(s.zh, s.en) }))} />
                    </Form.Item>
                  </Col>
                )}
              </Row>
              <Form.Item name="direction" label={t('ct.direction')}>
                <Radio.Group optionType="button" options={(['domestic', 'import', 'export'] as const).map((x) => ({ value: x, label: t(`ct.direction.${x}`) }))} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name="amountWan" label={t('ct.amount')} rules={[{ required: true, message: t('auth.required', { f: t('ct.amountShort') }) }, { pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
                    <Input inputMode="decimal" suffix={t('common.wan')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="signDate" label={t('ct.signDate')} rules={[{ required: true, message: t('auth.required', { f: t('ct.signDate') }) }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="term" label={`${t('ct.termStart')} – ${t('ct.termEnd')}`}>
                    <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
                  </Form.Item>
                </Col>
              </Row>
              <fieldset className="tb-fieldset">
                <legend>{t('ct.nonTechnical')}</legend>
                <p className="tb-muted tb-small">{t('ct.nonTechnicalHint')}</p>
                <Form.List name="nonTechnical">
                  {(fields, { add, remove }, { errors }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="start" wrap className="tb-inline-row">
                          <Form.Item name={[f.name, 'label']} label={t('ct.ntLabel')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('ct.ntLabel') }) }]}>
                            <Input placeholder={t('ct.ntLabelPh')} maxLength={100} style={{ width: 220 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'amountWan']} label={t('ct.ntAmount')} rules={[{ required: true, message: t('auth.required', { f: t('ct.ntAmount') }) }, { pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
                            <Input inputMode="decimal" style={{ width: 150 }} />
                          </Form.Item>
                          <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} className="tb-row-remove" />
                        </Space>
                      ))}
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                        {t('ct.addNt')}
                      </Button>
                      <Form.ErrorList errors={errors} />
                    </>
                  )}
                </Form.List>
              </fieldset>
              <div className="tb-form-actions">
                <Space wrap>
                  <Button type="primary" loading={busy === 'submit'} onClick={() => save(true)} data-testid="contract-submit">
                    {t('ct.saveSubmit')}
                  </Button>
                  <Button loading={busy === 'draft'} onClick={() => save(false)}>
                    {t('ct.saveDraft')}
                  </Button>
                </Space>
              </div>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card className="tb-facts tb-techtrade" title={<h2 className="tb-card-title">{t('ct.techTrade')}</h2>}>
            <Statistic
              value={techTrade ?? '—'}
              suffix={techTrade ? t('common.wan') : undefined}
              styles={{ content: { color: techTrade?.startsWith('-') ? '#cf1322' : '#0b4ea2', fontWeight: 700 } }}
              data-testid="tech-trade"
            />
            <div className="tb-muted tb-small" style={{ marginTop: 6 }}>
              {t('ct.techTradeFormula')}
            </div>
            {techTrade && (
              <div className="tb-small tb-techtrade-calc">
                {amount} − {ntSum} = <strong>{techTrade}</strong> {t('common.wan')}
              </div>
            )}
            {techTrade?.startsWith('-') && <Alert type="error" showIcon title={t('ct.techTradeNegative')} style={{ marginTop: 8 }} />}
          </Card>
          {d && (
            <Card className="tb-section-card" title={<h2 className="tb-card-title">{t('ct.parties')}</h2>}>
              <p className="tb-muted tb-small">{t('ct.partiesFromDeal')}</p>
              <Table
                size="small"
                pagination={false}
                rowKey="role"
                dataSource={[
                  { role: 'seller', name: d.seller.name },
                  { role: 'buyer', name: d.buyer.name },
                ]}
                columns={[
                  { title: t('ct.partyRole'), dataIndex: 'role', width: 80, render: (r: string) => t(`ct.partyRole.${r}` as MessageKey) },
                  { title: t('ct.partyName'), dataIndex: 'name' },
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
