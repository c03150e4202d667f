import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Radio, Select, Switch, type MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../i18n';
import { api, unwrap, type Deal, type DealStage, type StageInput } from '../../lib/api';
import { applyApiError } from '../../lib/form-errors';
import { AUTOMATIC_STAGES, LOST_REASONS } from '../../lib/deals';
import { useCities } from '../../lib/reference';

export function stageLabel(t: (k: MessageKey) => string, s: string): string {
  return t(`deal.stage.${s}` as MessageKey);
}

/** Sends a stage change; closed_lost and industrialised ask for their details in a modal first. */
export function useStageChange(onMoved: (d: Deal) => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const cities = useCities();
  const [target, setTarget] = useState<{ deal: Deal; to: DealStage } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason?: string; note?: string; inLiaoning?: boolean; city?: string; province?: string }>();
  const inLiaoning = Form.useWatch('inLiaoning', form);
  const reason = Form.useWatch('reason', form);

  const send = async (deal: Deal, body: StageInput) => {
    setBusy(true);
    try {
      const d = await unwrap(api.POST('/api/deals/{id}/stage', { params: { path: { id: deal.id } }, body }));
      message.success(t('deal.moved', { s: stageLabel(t, body.to) }));
      onMoved(d);
      return true;
    } catch (e) {
      const top = applyApiError(form, e, (f) => ['reason', 'note'].includes(f));
      if (top) message.error(top);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const request = (deal: Deal, to: DealStage) => {
    if (AUTOMATIC_STAGES.includes(to)) return;
    if (!deal.nextStages.includes(to)) {
      message.warning(t('deal.notAllowed', { from: stageLabel(t, deal.stage), to: stageLabel(t, to) }));
      return;
    }
    if (to === 'closed_lost' || to === 'industrialised') {
      form.resetFields();
      form.setFieldsValue({ inLiaoning: true });
      setTarget({ deal, to });
      return;
    }
    void send(deal, { to });
  };

  const modal = (
    <Modal
      open={!!target}
      title={target?.to === 'closed_lost' ? t('deal.lostTitle') : t('deal.whereTitle')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, danger: target?.to === 'closed_lost' }}
      onCancel={() => setTarget(null)}
      destroyOnHidden
      onOk={async () => {
        if (!target) return;
        const v = await form.validateFields();
        const body: StageInput =
          target.to === 'closed_lost'
            ? { to: 'closed_lost', reason: v.reason as StageInput['reason'], note: v.note?.trim() || undefined }
            : { to: 'industrialised', where: { inLiaoning: !!v.inLiaoning, regionCode: (v.inLiaoning ? v.city : v.province) ?? '' } };
        if (await send(target.deal, body)) setTarget(null);
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {target?.to === 'closed_lost' ? (
          <>
            <Form.Item name="reason" label={t('deal.lostReason')} rules={[{ required: true, message: t('auth.required', { f: t('deal.lostReason') }) }]}>
              <Radio.Group className="tb-radio-col">
                {LOST_REASONS.map((r) => (
                  <Radio key={r} value={r}>
                    {t(`deal.lost.${r}` as MessageKey)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="note" label={t('deal.lostNote')} rules={[{ required: reason === 'other', whitespace: true, message: t('deal.lostNoteRequired') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="inLiaoning" label={t('deal.inLiaoning')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {inLiaoning !== false ? (
              <Form.Item name="city" label={t('deal.whereCity')} rules={[{ required: true, message: t('auth.required', { f: t('deal.whereCity') }) }]}>
                <Select options={(cities ?? []).map((c) => ({ value: c.code, label: c.name }))} showSearch optionFilterProp="label" />
              </Form.Item>
            ) : (
              <Form.Item name="province" label={t('deal.whereProvince')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('deal.whereProvincePh') }]}>
                <Input placeholder={t('deal.whereProvincePh')} maxLength={6} inputMode="numeric" />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
  return { request, modal, busy };
}

/** "Move to …" menu: the stages the server allows next; automatic ones are shown but disabled. */
export function StageMenu({ deal, onRequest, size = 'middle', type = 'default' }: { deal: Deal; onRequest(to: DealStage): void; size?: 'small' | 'middle'; type?: 'default' | 'primary' }) {
  const { t } = useI18n();
  // administrators may only close a deal; the business stages belong to the parties and brokers
  const adminOnly = deal.roles.every((r) => r === 'admin');
  const next = (deal.nextStages as DealStage[]).filter((s) => !adminOnly || s === 'closed_lost');
  if (!next.length) return null;
  const items: MenuProps['items'] = next.map((s) => {
    const auto = AUTOMATIC_STAGES.includes(s);
    return {
      key: s,
      disabled: auto,
      danger: s === 'closed_lost',
      label: (
        <span>
          {stageLabel(t, s)}
          {auto && <span className="tb-muted tb-small"> · {t('deal.automatic')}</span>}
        </span>
      ),
      title: auto ? (s === 'nda_signed' ? t('deal.autoNda') : t('deal.autoRegistered')) : undefined,
    };
  });
  return (
    <Dropdown menu={{ items, onClick: ({ key }) => onRequest(key as DealStage) }} trigger={['click']}>
      <Button size={size} type={type} data-testid="stage-menu" aria-label={`${t('deal.moveTo')}: ${deal.title}`}>
        {t('deal.moveTo')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
