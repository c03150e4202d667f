import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { applyApiError } from '../../lib/form-errors';
import { useAsync } from '../../lib/useAsync';
import { get, post } from '../../lib/http';
import { useT } from '../credit/i18n';
import type { CaseType, CoordCase } from './types';

export type SubjectType = CoordCase['subjectType'];

/** "提出协调事项" — a button for a deal, listing or service page; opens the form and goes to the new case. */
export function RaiseCaseButton({ subjectType, subjectId, defaultTitle, size }: { subjectType: SubjectType; subjectId: string; defaultTitle?: string; size?: 'small' | 'middle' }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<FlagOutlined />} size={size} onClick={() => setOpen(true)} data-testid="raise-case">
        {t('co.raise')}
      </Button>
      {open && <RaiseCaseModal subjectType={subjectType} subjectId={subjectId} defaultTitle={defaultTitle} onClose={() => setOpen(false)} />}
    </>
  );
}

export function RaiseCaseModal({ subjectType, subjectId, defaultTitle, onClose }: { subjectType: SubjectType; subjectId: string; defaultTitle?: string; onClose(): void }) {
  const { t, pick } = useT();
  const { message } = App.useApp();
  const nav = useNavigate();
  const types = useAsync(() => get<CaseType[]>('/api/coordination/types'), []);
  const [form] = Form.useForm<{ type: string; title: string; description?: string; regionCode?: string }>();
  const [busy, setBusy] = useState(false);
  const slaText = (c: CaseType) => t(c.sla.unit === 'working_days' ? 'co.slaWorking' : 'co.slaDays', { n: c.sla.amount });
  return (
    <Modal
      open
      title={t('co.raise')}
      okText={t('co.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          const c = await post<CoordCase>('/api/coordination/cases', {
            subjectType,
            subjectId,
            type: v.type,
            title: v.title.trim(),
            ...(v.description?.trim() ? { description: v.description.trim() } : {}),
            ...(v.regionCode?.trim() ? { regionCode: v.regionCode.trim() } : {}),
          });
          message.success(t('co.raised'));
          onClose();
          nav(`/gov/coordination/${c.id}`);
        } catch (e) {
          const top = applyApiError(form, e, (f) => ['type', 'title', 'description', 'regionCode'].includes(f));
          if (top) message.error(top);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ title: defaultTitle }}>
        <Form.Item name="type" label={t('co.type')} rules={[{ required: true, message: t('cr.required') }]}>
          <Select loading={types.loading} options={(types.data ?? []).map((c) => ({ value: c.type, label: `${pick(c.zh, c.en)}（${slaText(c)}）` }))} />
        </Form.Item>
        <Form.Item name="title" label={t('co.title')} rules={[{ required: true, whitespace: true, message: t('cr.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('co.description')}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="regionCode" label={t('co.region')} extra={t('co.regionHint')} rules={[{ pattern: /^\d{6}$/, message: t('co.regionInvalid') }]}>
          <Input maxLength={6} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
