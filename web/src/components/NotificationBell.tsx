import { useCallback, useEffect, useState } from 'react';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { api, unwrap } from '../lib/api';

export const NOTIFICATIONS_CHANGED = 'tb:notifications';
const POLL_MS = 60_000;

/** Header bell with the unread count; polls every 60 s while signed in and the page is visible. */
export function NotificationBell() {
  const { t } = useI18n();
  const nav = useNavigate();
  const [unread, setUnread] = useState(0);
  const load = useCallback(async () => {
    try {
      const r = await unwrap(api.GET('/api/notifications', { params: { query: { unread: true } } }));
      setUnread(r.unread);
    } catch {
      /* a failed poll keeps the last count */
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    const onChange = () => void load();
    window.addEventListener(NOTIFICATIONS_CHANGED, onChange);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChange);
    };
  }, [load]);
  return (
    <Button type="text" className="tb-header-btn tb-bell" aria-label={t('ntf.bell', { n: unread })} title={t('ntf.bell', { n: unread })} onClick={() => nav('/notifications')} data-testid="bell">
      <Badge count={unread} size="small" offset={[4, -2]} overflowCount={99}>
        <BellOutlined className="tb-bell-icon" />
      </Badge>
    </Button>
  );
}
