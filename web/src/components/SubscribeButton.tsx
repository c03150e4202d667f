import { useState } from 'react';
import { App, Button, Form, Input, Modal, Slider } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { api, unwrap, type ListingKind, type SubscriptionInput } from '../lib/api';
import { useAuth } from '../lib/auth';
import { applyApiError } from '../lib/form-errors';

/** "订阅匹配": notifies the user when new listings match a listing (source) or a free-text query. */
export function SubscribeButton({ defaults, size = 'middle' }: { defaults: { name: string; targetKind: ListingKind; queryText?: string; sourceKind?: ListingKind; sourceId?: string; regionCode?: string; minTrl?: number }; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; queryText?: string; threshold: number }>();
  if (!session) return null;
  const kindLabel = t(defaults.targetKind === 'demand' ? 'kind.demand' : 'kind.achievement');
  return (
    <>
      <Button
        size={size}
        icon={<BellOutlined />}
        data-testid="subscribe"
        onClick={() => {
          form.setFieldsValue({ name: defaults.name.slice(0, 80), queryText: defaults.queryText, threshold: 50 });
          setOpen(true);
        }}
      >
        {t('sub.button')}
      </Button>
      <Modal
        open={open}
        title={t('sub.title')}
        okText={t('sub.button')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          const body: SubscriptionInput = {
            name: v.name.trim(),
            targetKind: defaults.targetKind,
            threshold: v.threshold,
            ...(defaults.sourceId ? { sourceKind: defaults.sourceKind, sourceId: defaults.sourceId } : { queryText: (v.queryText ?? '').trim() }),
            regionCode: defaults.regionCode ?? null,
            minTrl: defaults.minTrl ?? null,
          };
          setBusy(true);
          try {
            await unwrap(api.POST('/api/subscriptions', { body }));
            message.success(t('sub.done'));
            setOpen(false);
          } catch (e) {
            const top = applyApiError(form, e, (f) => ['name', 'queryText', 'threshold'].includes(f));
            if (top) message.error(top);
          } finally {
            setBusy(false);
          }
        }}
      >
        <p className="tb-muted">{t('sub.intro', { kind: kindLabel })}</p>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('sub.name')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('sub.name') }) }]}>
            <Input maxLength={80} />
          </Form.Item>
          {!defaults.sourceId && (
            <Form.Item name="queryText" label={t('sub.query')} rules={[{ required: true, whitespace: true, message: t('auth.required', { f: t('sub.query') }) }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          <Form.Item name="threshold" label={t('sub.threshold')} extra={t('sub.thresholdHint')}>
            <Slider min={1} max={100} marks={{ 25: '25', 50: '50', 75: '75' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
