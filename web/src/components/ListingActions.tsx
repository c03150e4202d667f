import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useI18n, type MessageKey } from '../i18n';
import { api, unwrap, type Listing, type ListingAction } from '../lib/api';
import { applyApiError } from '../lib/form-errors';

const ORDER: ListingAction[] = ['approve', 'reject', 'submit', 'withdraw', 'negotiate', 'resume', 'solve', 'reopen', 'close', 'expire'];
const CONFIRM: ListingAction[] = ['close', 'withdraw', 'solve', 'expire'];

export async function runListingAction(l: Pick<Listing, 'id' | 'kind'>, action: ListingAction, reason?: string): Promise<Listing> {
  const params = { path: { id: l.id, action } };
  const body = reason ? { reason } : {};
  return (l.kind === 'demand'
    ? await unwrap(api.POST('/api/demands/{id}/{action}', { params, body }))
    : await unwrap(api.POST('/api/achievements/{id}/{action}', { params, body }))) as Listing;
}

/** Lifecycle buttons for the actions the server says the caller may take on this listing. */
export function ListingActions({
  listing,
  onDone,
  only,
  size = 'middle',
}: {
  listing: Listing;
  onDone(updated: Listing): void;
  only?: ListingAction[];
  size?: 'small' | 'middle';
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const actions = ORDER.filter((a) => (listing.actions as string[]).includes(a) && (!only || only.includes(a)));
  if (!actions.length) return null;

  const run = async (a: ListingAction, reason?: string) => {
    setBusy(a);
    try {
      const updated = await runListingAction(listing, a, reason);
      message.success(t('action.done'));
      onDone(updated);
      return true;
    } catch (e) {
      if (a === 'reject') {
        const top = applyApiError(form, e, (f) => f === 'reason');
        if (top) message.error(top);
      } else message.error(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const click = (a: ListingAction) => {
    if (a === 'reject') {
      form.resetFields();
      setRejecting(true);
      return;
    }
    if (CONFIRM.includes(a)) {
      modal.confirm({
        title: t('ws.confirmAction', { a: t(`action.${a}` as MessageKey) }),
        okText: t('common.confirm'),
        cancelText: t('common.cancel'),
        onOk: () => run(a),
      });
      return;
    }
    void run(a);
  };

  return (
    <>
      <Space wrap size={[8, 8]}>
        {actions.map((a) => (
          <Button
            key={a}
            size={size}
            type={a === 'approve' || a === 'submit' ? 'primary' : 'default'}
            danger={a === 'reject' || a === 'close'}
            loading={busy === a}
            onClick={() => click(a)}
            data-action={a}
          >
            {t(`action.${a}` as MessageKey)}
          </Button>
        ))}
      </Space>
      <Modal
        open={rejecting}
        title={t('admin.rejectTitle', { t: listing.title })}
        okText={t('action.reject')}
        okButtonProps={{ danger: true, loading: busy === 'reject' }}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(false)}
        onOk={async () => {
          const { reason } = await form.validateFields();
          if (await run('reject', reason)) setRejecting(false);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('admin.rejectReasonPh') }]}>
            <Input.TextArea rows={4} placeholder={t('admin.rejectReasonPh')} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
