import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Statistic, TreeSelect } from 'antd';
import { useI18n } from '../../i18n';
import { api, ApiError, unwrap, type Broker, type BrokerProfileInput } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useAsync } from '../../lib/useAsync';
import { applyApiError } from '../../lib/form-errors';
import { useCities, useTaxonomy, type TaxonomyNode } from '../../lib/reference';
import { ErrorBlock, LoadingBlock } from '../../components/PageState';

interface Node {
  value: string;
  title: string;
  children?: Node[];
}
const tree = (ns: TaxonomyNode[] | undefined, pick: (a: string, b: string) => string): Node[] => (ns ?? []).map((n) => ({ value: n.code, title: pick(n.name, n.nameEn), children: n.children?.length ? tree(n.children, pick) : undefined }));

export function BrokerRecord({ b }: { b: Broker }) {
  const { t } = useI18n();
  return (
    <Row gutter={[12, 12]} className="tb-broker-record">
      <Col span={12} md={6}>
        <Statistic title={t('brk.handled')} value={b.record.handled} />
      </Col>
      <Col span={12} md={6}>
        <Statistic title={t('brk.signed')} value={b.record.signed} />
      </Col>
      <Col span={12} md={6}>
        <Statistic title={t('brk.amount')} value={b.record.amountWan} suffix={t('common.wan')} />
      </Col>
      <Col span={12} md={6}>
        <Statistic title={t('brk.median')} value={b.record.medianDaysMatchToContract ?? '—'} suffix={b.record.medianDaysMatchToContract !== null ? t('brk.days', { n: '' }).trim() : undefined} />
      </Col>
    </Row>
  );
}

export default function BrokerProfile() {
  const { t, pick } = useI18n();
  const { session } = useAuth();
  const { message } = App.useApp();
  const cities = useCities();
  const taxonomy = useTaxonomy();
  const treeData = useMemo(() => tree(taxonomy, pick), [taxonomy, pick]);
  const me = useAsync(async () => {
    try {
      return await unwrap(api.GET('/api/brokers/{userId}', { params: { path: { userId: session!.user.id } } }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [session?.user.id]);
  const [form] = Form.useForm<BrokerProfileInput>();
  const [busy, setBusy] = useState(false);
  const [top, setTop] = useState<string | null>(null);
  useEffect(() => {
    if (me.data) form.setFieldsValue({ certificateNo: me.data.certificateNo ?? '', specialities: me.data.specialities, regions: me.data.regions, bio: me.data.bio, defaultCommissionPercent: me.data.defaultCommissionPercent });
  }, [me.data, form]);
  if (me.error) return <ErrorBlock error={me.error} onRetry={me.reload} />;
  if (me.loading) return <LoadingBlock rows={6} />;
  return (
    <div>
      <h1 className="tb-page-title">{t('brk.profileTitle')}</h1>
      <p className="tb-page-sub">{t('brk.profileSub')}</p>
      {me.data && (
        <Card className="tb-section-card" style={{ marginTop: 0, marginBottom: 16 }} title={<h2 className="tb-card-title">{t('brk.record')}</h2>}>
          <BrokerRecord b={me.data} />
        </Card>
      )}
      <Card>
        {top && <Alert type="error" showIcon title={top} style={{ marginBottom: 12 }} />}
        <Form<BrokerProfileInput>
          form={form}
          layout="vertical"
          initialValues={{ specialities: [], regions: [] }}
          onFinish={async (v) => {
            setBusy(true);
            setTop(null);
            try {
              const b = await unwrap(api.PUT('/api/brokers/me', { body: { ...v, certificateNo: v.certificateNo.trim(), defaultCommissionPercent: v.defaultCommissionPercent?.trim() || null } }));
              me.setData(b);
              message.success(t('brk.saved'));
            } catch (e) {
              setTop(applyApiError(form, e, (f) => /^(certificateNo|specialities|regions|bio|defaultCommissionPercent)/.test(f)));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="certificateNo" label={t('brk.certificate')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('brk.certificate') }) }]}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="defaultCommissionPercent" label={t('brk.commission')} rules={[{ pattern: /^\d{1,3}(\.\d{1,2})?$/, message: t('val.percentPattern') }]}>
                <Input inputMode="decimal" suffix="%" style={{ maxWidth: 180 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="specialities" label={t('brk.specialities')}>
                <TreeSelect treeData={treeData} multiple allowClear showSearch={{ treeNodeFilterProp: 'title' }} placeholder={t('brk.specialitiesPh')} maxCount={20} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="regions" label={t('brk.regions')}>
                <Select mode="multiple" allowClear placeholder={t('brk.regionsPh')} options={(cities ?? []).map((c) => ({ value: c.code, label: c.name }))} optionFilterProp="label" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="bio" label={t('brk.bio')}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
