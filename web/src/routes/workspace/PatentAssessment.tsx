import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Input, InputNumber, List, Radio, Row, Switch, Tag } from 'antd';
import { useI18n } from '../../i18n';
import { api, unwrap, type PatentAssessment as Result, type PatentInput } from '../../lib/api';
import { applyApiError } from '../../lib/form-errors';
import { WAN_PATTERN } from '../../lib/format';

const COLOR: Record<Result['recommendation'], string> = { file_invention: 'green', file_utility: 'blue', keep_as_know_how: 'gold', do_not_file: 'default' };

export default function PatentAssessment() {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<PatentInput>();
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  const tri = <K extends string>(prefix: string, values: readonly K[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as 'pat.size.small') }));
  return (
    <div>
      <h1 className="tb-page-title">{t('pat.title')}</h1>
      <p className="tb-page-sub">{t('pat.sub')}</p>
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={13}>
          <Card>
            {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
            <Form<PatentInput>
              form={form}
              layout="vertical"
              initialValues={{ noveltySearch: 'none', marketSize: 'medium', claimBreadth: 'medium', enterpriseInquiries: 0, lettersOfIntent: 0, licenseeIdentified: false, estimatedCostWan: '3', productStructure: false, infringementDetectable: true }}
              onFinish={async (v) => {
                setBusy(true);
                setTop(null);
                try {
                  setResult((await unwrap(api.POST('/api/patent-assessment', { body: { ...v, estimatedCostWan: String(v.estimatedCostWan).trim() } }))) as unknown as Result);
                } catch (e) {
                  setTop(applyApiError(form, e));
                } finally {
                  setBusy(false);
                }
              }}
            >
              <Form.Item name="noveltySearch" label={t('pat.novelty')}>
                <Radio.Group options={tri('pat.novelty', ['none', 'similar', 'identical'] as const)} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="marketSize" label={t('pat.market')}>
                    <Radio.Group optionType="button" options={tri('pat.size', ['small', 'medium', 'large'] as const)} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="claimBreadth" label={t('pat.claims')}>
                    <Radio.Group optionType="button" options={tri('pat.claims', ['narrow', 'medium', 'broad'] as const)} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="enterpriseInquiries" label={t('pat.inquiries')}>
                    <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="lettersOfIntent" label={t('pat.letters')}>
                    <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="estimatedCostWan" label={t('pat.cost')} rules={[{ required: true, pattern: WAN_PATTERN, message: t('form.amountPattern') }]}>
                    <Input inputMode="decimal" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="licenseeIdentified" label={t('pat.licensee')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="productStructure" label={t('pat.product')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="infringementDetectable" label={t('pat.detectable')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('pat.assess')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card title={<h2 className="tb-card-title">{t('pat.result')}</h2>} data-testid="patent-result">
            {!result ? (
              <Empty description={t('val.empty')} />
            ) : (
              <>
                <Tag color={COLOR[result.recommendation]} className="tb-pat-rec">
                  {pick(result.label.zh, result.label.en)}
                </Tag>
                {result.score !== null && (
                  <div className="tb-muted" style={{ marginTop: 8 }}>
                    {t('pat.score')}: <strong>{result.score}</strong>
                  </div>
                )}
                <h3 className="tb-subhead">{t('pat.reasons')}</h3>
                <List
                  size="small"
                  dataSource={result.reasons}
                  renderItem={(r) => (
                    <List.Item extra={r.points !== undefined ? <Tag color={r.points >= 0 ? 'blue' : 'red'}>{t('pat.points', { n: r.points > 0 ? `+${r.points}` : r.points })}</Tag> : undefined}>
                      {pick(r.zh, r.en)}
                    </List.Item>
                  )}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
