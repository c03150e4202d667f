import { Tag } from 'antd';
import { useP, type PKey } from './i18n';
import type { Reason } from './http';

export function StatusTag({ kind, status }: { kind: 'st' | 'app' | 'ms'; status: string }) {
  const { t } = useP();
  const color: Record<string, string> = { open: 'green', review: 'blue', awarded: 'gold', submitted: 'blue', not_awarded: 'default', withdrawn: 'default', planned: 'default', accepted: 'green', returned: 'red', paid: 'gold' };
  return <Tag color={color[status]} data-testid={`status-${status}`}>{t(`${kind}.${status}` as PKey)}</Tag>;
}

export function Reasons({ reasons }: { reasons: Reason[] }) {
  const { reason } = useP();
  return (
    <ul className="pg-reasons" style={{ margin: '4px 0', paddingLeft: 20 }}>
      {reasons.map((r) => (
        <li key={r.code + r.zh} data-code={r.code}>{reason(r)}</li>
      ))}
    </ul>
  );
}

export const WAN = /^\d{1,9}(\.\d{1,6})?$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
