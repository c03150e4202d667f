import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import { AuditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { api, unwrap, type ListingKind } from '../lib/api';
import { applyApiError } from '../lib/form-errors';
import { WAN_PATTERN } from '../lib/format';

/** Owner tools on a published listing: auction an achievement, or open a sealed-bid tender. */
export function MarketTools({ kind, id }: { kind: ListingKind; id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [open, setOpen] = useState<'auction' | 'tender' | null>(null);
  const [busy, setBusy] = useState(false);
  const [af] = Form.useForm<{ period: [Dayjs, Dayjs]; startingPriceWan: string; minIncrementWan: string; reservePriceWan?: string }>();
  const [tf] = Form.useForm<{ deadline: Dayjs; title?: string }>();
  const wan = { pattern: WAN_PATTERN, message: t('form.amountPattern') };

  const submit = async () => {
    setBusy(true);
    try {
      if (open === 'auction') {
        const v = await af.validateFields();
        const a = await unwrap(
          api.POST('/api/auctions', {
            body: { achievementId: id, startAt: v.period[0].toISOString(), endAt: v.period[1].toISOString(), startingPriceWan: v.startingPriceWan.trim(), minIncrementWan: v.minIncrementWan.trim(), reservePriceWan: v.reservePriceWan?.trim() || null },
          }),
        );
        message.success(t('auc.created'));
        nav(`/auctions/${a.id}`);
      } else {
        const v = await tf.validateFields();
        const r = await unwrap(api.POST('/api/tenders', { body: { listingKind: kind, listingId: id, deadline: v.deadline.toISOString(), ...(v.title?.trim() ? { title: v.title.trim() } : {}) } }));
        message.success(t('tdr.created'));
        nav(`/tenders/${r.id}`);
      }
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      const form = open === 'auction' ? af : tf;
      const top = applyApiError(form, e, (f) => ['startingPriceWan', 'minIncrementWan', 'reservePriceWan', 'deadline', 'title'].includes(f));
      if (top) message.error(top);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {kind === 'achievement' && (
        <Button icon={<ThunderboltOutlined />} onClick={() => setOpen('auction')}>
          {t('auc.create')}
        </Button>
      )}
      <Button icon={<AuditOutlined />} onClick={() => setOpen('tender')}>
        {t('tdr.create')}
      </Button>
      <Modal
        open={!!open}
        title={open === 'auction' ? t('auc.createTitle') : t('tdr.createTitle')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy }}
        onOk={submit}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        {open === 'auction' ? (
          <Form form={af} layout="vertical" initialValues={{ period: [dayjs().add(1, 'hour').startOf('hour'), dayjs().add(7, 'day').startOf('hour')] }}>
            <Form.Item name="period" label={t('auc.period')} rules={[{ required: true }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="startingPriceWan" label={`${t('auc.starting')}${t('common.paren', { x: t('common.wan') })}`} rules={[{ required: true, message: t('auth.required', { f: t('auc.starting') }) }, wan]}>
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="minIncrementWan" label={`${t('auc.increment')}${t('common.paren', { x: t('common.wan') })}`} rules={[{ required: true, message: t('auth.required', { f: t('auc.increment') }) }, wan]}>
              <Input inputMode="decimal" />
            </Form.Item>
            <Form.Item name="reservePriceWan" label={`${t('auc.reserve')}${t('common.paren', { x: t('common.wan') })}`} rules={[wan]} extra={t('auc.reserveHidden')}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Form>
        ) : (
          <Form form={tf} layout="vertical" initialValues={{ deadline: dayjs().add(14, 'day').hour(17).minute(0).second(0) }}>
            <p className="tb-muted">{t('tdr.sealed')}</p>
            <Form.Item name="title" label={t('common.title')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="deadline" label={t('tdr.deadline')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
