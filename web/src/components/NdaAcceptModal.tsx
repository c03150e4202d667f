import { useState } from 'react';
import { App, Checkbox, Modal, Skeleton } from 'antd';
import { useI18n } from '../i18n';
import { api, unwrap, type Nda } from '../lib/api';
import { useAsync } from '../lib/useAsync';

/** Shows the NDA text (保密协议) and records the requester's acceptance of that version. */
export function NdaAcceptModal({ nda, open, onClose, onAccepted }: { nda: Nda; open: boolean; onClose(): void; onAccepted(n: Nda): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [agree, setAgree] = useState(false);
  const [busy, setBusy] = useState(false);
  const text = useAsync(() => (open ? unwrap(api.GET('/api/ndas/text')) : Promise.resolve(undefined)), [open]);
  const doc = text.data;
  return (
    <Modal
      open={open}
      title={t('nda.acceptTitle', { v: doc?.version ?? nda.ndaVersion })}
      onCancel={onClose}
      okText={t('nda.acceptButton')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !agree || !doc, loading: busy }}
      width={720}
      onOk={async () => {
        if (!doc) return;
        setBusy(true);
        try {
          const n = await unwrap(api.POST('/api/ndas/{id}/accept', { params: { path: { id: nda.id } }, body: { ndaVersion: doc.version } }));
          onAccepted(n);
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      {text.loading || !doc ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <div className="tb-nda-text" tabIndex={0} aria-label={t('nda.acceptTitle', { v: doc.version })} data-testid="nda-text">
          {lang === 'en' ? doc.en : doc.zh}
        </div>
      )}
      <Checkbox checked={agree} onChange={(e) => setAgree(e.target.checked)} style={{ marginTop: 16 }}>
        {t('nda.acceptConfirm')}
      </Checkbox>
    </Modal>
  );
}
