import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Row, Space, Table, Tag, TreeSelect } from 'antd';
import { CalculatorOutlined, MinusCircleOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { api, unwrap, type ValuationInput, type ValuationResult } from '../../lib/api';
import { applyApiError } from '../../lib/form-errors';
import { useTaxonomy, type TaxonomyNode } from '../../lib/reference';
import { WAN_PATTERN } from '../../lib/format';
import { TrlSelect } from '../../components/TrlSelect';
import { roundWan } from '../../lib/deals';

interface Values {
  trl?: number | null;
  industry?: string;
  useIncome: boolean;
  useCost: boolean;
  useMarket: boolean;
  revenue: (string | undefined)[];
  remainingPatentYears?: number | null;
  royaltyRate?: string;
  riskFreeRate?: string;
  riskPremium?: string;
  trlRiskDiscount?: string;
  replacementCostWan?: string;
  obsolescence?: string;
  comparables: { label?: string; priceWan?: string; adjustments?: { label?: string; factor?: string }[] }[];
}

const PCT = /^\d{1,3}(\.\d{1,4})?$/;

/** "3" → "0.03", "2.5" → "0.025" (exact decimal shift, no floats). */
export function percentToFraction(p: string): string {
  const [i, f = ''] = p.trim().split('.');
  const digits = (i + f).replace(/^0+/, '');
  const scale = f.length + 2;
  const padded = digits.padStart(scale + 1, '0');
  const ip = padded.slice(0, padded.length - scale).replace(/^0+(?=\d)/, '');
  const fp = padded.slice(padded.length - scale).replace(/0+$/, '');
  return fp ? `${ip}.${fp}` : ip;
}

interface TreeNode {
  value: string;
  title: string;
  children?: TreeNode[];
}
function tree(nodes: TaxonomyNode[] | undefined, pick: (zh: string, en: string) => string): TreeNode[] {
  return (nodes ?? []).map((n) => ({ value: n.code, title: pick(n.name, n.nameEn), children: n.children?.length ? tree(n.children, pick) : undefined }));
}

function RangeBar({ label, low, high, max, strong }: { label: string; low: string; high: string; max: number; strong?: boolean }) {
  const { t } = useI18n();
  const l = Number(low);
  const h = Number(high);
  const left = max > 0 ? (l / max) * 100 : 0;
  const width = max > 0 ? Math.max(((h - l) / max) * 100, 1.5) : 0;
  return (
    <div className={`tb-range${strong ? ' tb-range-strong' : ''}`}>
      <div className="tb-range-label">
        <span>{label}</span>
        <strong>
          {low === high ? roundWan(low) : `${roundWan(low)} – ${roundWan(high)}`} {t('common.wan')}
        </strong>
      </div>
      <div className="tb-range-track" aria-hidden>
        <div className="tb-range-bar" style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} />
      </div>
    </div>
  );
}

export function ValuationResultView({ r }: { r: ValuationResult }) {
  const { t, pick } = useI18n();
  const max = Math.max(...[r.income?.highWan, r.cost?.highWan, r.market?.highWan, r.combined?.highWan].filter(Boolean).map(Number), 0) * 1.05;
  return (
    <div data-testid="valuation-result">
      {r.combined && (
        <div className="tb-val-combined">
          <div className="tb-muted tb-small">
            {t('val.combined')} · {t(`val.method.${r.combined.method}`)}
          </div>
          <div className="tb-val-combined-value">
            {roundWan(r.combined.lowWan)} – {roundWan(r.combined.highWan)} <span className="tb-position-unit">{t('common.wan')}</span>
          </div>
        </div>
      )}
      {r.income && <RangeBar label={`${t('val.income')} · ${t('val.years', { n: r.income.years })}`} low={r.income.lowWan} high={r.income.highWan} max={max} />}
      {r.cost && <RangeBar label={t('val.cost')} low={r.cost.lowWan} high={r.cost.highWan} max={max} />}
      {r.market && <RangeBar label={t('val.market')} low={r.market.lowWan} high={r.market.highWan} max={max} />}
      {r.combined && <RangeBar label={t('val.combined')} low={r.combined.lowWan} high={r.combined.highWan} max={max} strong />}
      {r.combined && Object.keys(r.combined.weightsBp).length > 0 && (
        <div className="tb-muted tb-small" style={{ marginTop: 4 }}>
          {t('val.weights')}{t('common.colon')}
          {Object.entries(r.combined.weightsBp)
            .map(([k, v]) => `${t(`val.${k}` as 'val.income')} ${(v / 100).toFixed(0)}%`)
            .join(' · ')}
        </div>
      )}
      {r.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('val.warnings')}
          description={
            <ul className="tb-plain-list">
              {r.warnings.map((w, i) => (
                <li key={i}>
                  {w.code}
                  {w.details ? ` ${JSON.stringify(w.details)}` : ''}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <h3 className="tb-subhead">{t('val.assumptions')}</h3>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={r.assumptions}
        scroll={{ x: 520 }}
        columns={[
          { title: t('val.assumption'), key: 'd', render: (_, a) => pick(a.zh, a.en) },
          { title: t('val.value'), dataIndex: 'value', width: 150 },
          { title: t('val.source'), dataIndex: 'source', width: 100, render: (s: string) => <Tag color={s === 'input' ? 'blue' : 'default'}>{t(s === 'input' ? 'val.source.input' : 'val.source.default')}</Tag> },
        ]}
      />
      <p className="tb-muted tb-small" style={{ marginTop: 8 }}>
        {t('val.disclaimer')}
      </p>
    </div>
  );
}

export default function ValuationCalculator({ compact, onAttach, initialTrl }: { compact?: boolean; onAttach?(r: ValuationResult): void; initialTrl?: number | null }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const taxonomy = useTaxonomy();
  const treeData = useMemo(() => tree(taxonomy, pick), [taxonomy, pick]);
  const [result, setResult] = useState<ValuationResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const useIncome = Form.useWatch('useIncome', form);
  const useCost = Form.useWatch('useCost', form);
  const useMarket = Form.useWatch('useMarket', form);
  const pctRule = { pattern: PCT, message: t('val.percentPattern') };
  const wanRule = { pattern: WAN_PATTERN, message: t('form.amountPattern') };
  const rate = (v?: string) => (v && v.trim() ? percentToFraction(v) : null);

  const calculate = async () => {
    setTop(null);
    const v = await form.validateFields();
    if (!v.useIncome && !v.useCost && !v.useMarket) {
      setTop(t('val.noApproach'));
      return;
    }
    const body: ValuationInput = {
      trl: v.trl ?? null,
      industry: v.industry ?? null,
      income: v.useIncome
        ? {
            revenueForecastWan: v.revenue.filter((x): x is string => !!x && !!x.trim()).map((x) => x.trim()),
            remainingPatentYears: v.remainingPatentYears ?? null,
            royaltyRate: rate(v.royaltyRate),
            riskFreeRate: rate(v.riskFreeRate),
            riskPremium: rate(v.riskPremium),
            trlRiskDiscount: rate(v.trlRiskDiscount),
          }
        : null,
      cost: v.useCost ? { replacementCostWan: (v.replacementCostWan ?? '').trim(), obsolescence: rate(v.obsolescence) } : null,
      market: v.useMarket
        ? {
            comparables: v.comparables.map((c) => ({
              label: c.label?.trim() || undefined,
              priceWan: (c.priceWan ?? '').trim(),
              adjustments: (c.adjustments ?? []).filter((a) => a?.label?.trim() && a?.factor?.trim()).map((a) => ({ label: a.label!.trim(), factor: a.factor!.trim() })),
            })),
          }
        : null,
    };
    setBusy(true);
    try {
      setResult((await unwrap(api.POST('/api/valuation', { body }))) as unknown as ValuationResult);
    } catch (e) {
      const msg = applyApiError(form, e, (f) => !f.startsWith('income.') && !f.startsWith('market.') && !f.startsWith('cost.'));
      if (msg) {
        setTop(msg);
        message.error(msg);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} lg={compact ? 24 : 14} xl={compact ? 24 : 14}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ trl: initialTrl ?? undefined, useIncome: true, useCost: false, useMarket: false, revenue: ['', '', '', '', ''], comparables: [{ adjustments: [] }] }}
          data-testid="valuation-form"
        >
          {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="trl" label={t('val.trl')}>
                <TrlSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="industry" label={t('val.industry')} tooltip={t('val.industryPh')}>
                <TreeSelect treeData={treeData} allowClear showSearch={{ treeNodeFilterProp: 'title' }} placeholder={t('val.industryPh')} />
              </Form.Item>
            </Col>
          </Row>
          <fieldset className="tb-fieldset">
            <legend>
              <Form.Item name="useIncome" valuePropName="checked" noStyle>
                <Checkbox>{t('val.income')}</Checkbox>
              </Form.Item>
            </legend>
            <p className="tb-muted tb-small">{t('val.incomeHint')}</p>
            {useIncome && (
              <>
                <Form.List name="revenue">
                  {(fields, { add, remove }) => (
                    <div className="tb-val-years">
                      {fields.map((f, i) => (
                        <Space.Compact key={f.key} className="tb-val-year">
                          <Form.Item name={f.name} label={t('val.year', { n: i + 1 })} rules={[wanRule]} className="tb-val-year-item">
                            <Input inputMode="decimal" suffix={t('common.wan')} />
                          </Form.Item>
                          {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={`${t('common.remove')} ${t('val.year', { n: i + 1 })}`} onClick={() => remove(f.name)} className="tb-row-remove" />}
                        </Space.Compact>
                      ))}
                      {fields.length < 30 && (
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} className="tb-val-addyear">
                          {t('val.addYear')}
                        </Button>
                      )}
                    </div>
                  )}
                </Form.List>
                <Row gutter={16}>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item name="remainingPatentYears" label={t('val.remainingYears')}>
                      <InputNumber min={0} max={30} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item name="royaltyRate" label={t('val.royaltyRate')} rules={[pctRule]}>
                      <Input placeholder={t('val.defaultPh')} suffix="%" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item name="riskFreeRate" label={t('val.riskFreeRate')} rules={[pctRule]}>
                      <Input placeholder={t('val.defaultPh')} suffix="%" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item name="riskPremium" label={t('val.riskPremium')} rules={[pctRule]}>
                      <Input placeholder={t('val.defaultPh')} suffix="%" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item name="trlRiskDiscount" label={t('val.trlRiskDiscount')} rules={[pctRule]}>
                      <Input placeholder={t('val.defaultPh')} suffix="%" />
                    </Form.Item>
                  </Col>
                </Row>
              </>
            )}
          </fieldset>
          <fieldset className="tb-fieldset">
            <legend>
              <Form.Item name="useCost" valuePropName="checked" noStyle>
                <Checkbox>{t('val.cost')}</Checkbox>
              </Form.Item>
            </legend>
            <p className="tb-muted tb-small">{t('val.costHint')}</p>
            {useCost && (
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item name="replacementCostWan" label={t('val.replacementCost')} rules={[{ required: true, message: t('auth.required', { f: t('val.replacementCost') }) }, wanRule]}>
                    <Input inputMode="decimal" suffix={t('common.wan')} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="obsolescence" label={t('val.obsolescence')} rules={[pctRule]}>
                    <Input placeholder={t('val.defaultPh')} suffix="%" />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </fieldset>
          <fieldset className="tb-fieldset">
            <legend>
              <Form.Item name="useMarket" valuePropName="checked" noStyle>
                <Checkbox>{t('val.market')}</Checkbox>
              </Form.Item>
            </legend>
            <p className="tb-muted tb-small">{t('val.marketHint')}</p>
            {useMarket && (
              <Form.List name="comparables">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <Card
                        key={f.key}
                        size="small"
                        className="tb-comparable"
                        title={`${t('val.comparable')} ${i + 1}`}
                        extra={fields.length > 1 && <Button type="text" size="small" icon={<MinusCircleOutlined />} aria-label={`${t('common.remove')} ${t('val.comparable')} ${i + 1}`} onClick={() => remove(f.name)} />}
                      >
                        <Row gutter={12}>
                          <Col xs={24} sm={14}>
                            <Form.Item name={[f.name, 'label']} label={t('val.comparableLabel')}>
                              <Input maxLength={100} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} sm={10}>
                            <Form.Item name={[f.name, 'priceWan']} label={t('val.comparablePrice')} rules={[{ required: true, message: t('auth.required', { f: t('val.comparablePrice') }) }, wanRule]}>
                              <Input inputMode="decimal" />
                            </Form.Item>
                          </Col>
                        </Row>
                        <Form.List name={[f.name, 'adjustments']}>
                          {(adj, ops) => (
                            <>
                              {adj.map((a) => (
                                <Space key={a.key} align="start" wrap className="tb-inline-row">
                                  <Form.Item name={[a.name, 'label']} label={t('val.adjustment')}>
                                    <Input maxLength={100} style={{ width: 180 }} />
                                  </Form.Item>
                                  <Form.Item name={[a.name, 'factor']} label={t('val.factor')} rules={[{ pattern: /^\d{1,3}(\.\d{1,6})?$/, message: t('val.factorPh') }]}>
                                    <Input placeholder={t('val.factorPh')} style={{ width: 130 }} />
                                  </Form.Item>
                                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => ops.remove(a.name)} className="tb-row-remove" />
                                </Space>
                              ))}
                              <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => ops.add({ factor: '1.00' })}>
                                {t('val.addAdjustment')}
                              </Button>
                            </>
                          )}
                        </Form.List>
                      </Card>
                    ))}
                    {fields.length < 10 && (
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ adjustments: [] })} block>
                        {t('val.addComparable')}
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            )}
          </fieldset>
          <Button type="primary" icon={<CalculatorOutlined />} loading={busy} onClick={calculate} data-testid="valuation-calculate">
            {t('val.calculate')}
          </Button>
        </Form>
      </Col>
      <Col xs={24} lg={compact ? 24 : 10} xl={compact ? 24 : 10}>
        <Card title={<h2 className="tb-card-title">{t('val.result')}</h2>} className="tb-val-result" extra={result && onAttach && (
          <Button type="primary" icon={<PaperClipOutlined />} onClick={() => onAttach(result)} data-testid="valuation-attach">
            {t('val.attach')}
          </Button>
        )}>
          {result ? <ValuationResultView r={result} /> : <Empty description={t('val.empty')} />}
        </Card>
      </Col>
    </Row>
  );
}
