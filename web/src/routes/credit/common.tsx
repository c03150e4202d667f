import { Tag } from 'antd';
import type { CreditRecord, RiskClass } from './http';
import { useT, type ExtraKey } from './i18n';

export const RISK_COLOR: Record<RiskClass, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
export const RISK_HEX: Record<RiskClass, string> = { A: '#389e0d', B: '#0b4ea2', C: '#fa8c16', D: '#cf1322' };

export function RiskTag({ cls }: { cls: RiskClass | null | undefined }) {
  const { t } = useT();
  if (!cls) return <Tag>{t('cr.risk.none')}</Tag>;
  return (
    <Tag color={RISK_COLOR[cls]} data-testid="risk-class">
      {cls} · {t(`cr.risk.${cls}` as ExtraKey)}
    </Tag>
  );
}

export function StatusBadges({ s }: { s: { abnormal: boolean; serious: boolean; deregistered: boolean } }) {
  const { t } = useT();
  const none = !s.abnormal && !s.serious && !s.deregistered;
  return (
    <span data-testid="credit-status">
      {s.abnormal && <Tag color="orange">{t('cr.status.abnormal')}</Tag>}
      {s.serious && <Tag color="red">{t('cr.status.serious')}</Tag>}
      {s.deregistered && <Tag color="default">{t('cr.status.deregistered')}</Tag>}
      {none && <Tag color="green">{t('cr.status.normal')}</Tag>}
    </span>
  );
}

export function KindTag({ kind }: { kind: string }) {
  const { t } = useT();
  const color: Record<string, string> = { licence: 'blue', award: 'green', penalty: 'red', abnormal_list: 'orange', serious_list: 'magenta', commitment: 'cyan', inspection: 'geekblue', platform: 'purple' };
  return <Tag color={color[kind] ?? 'default'}>{t(`cr.kind.${kind}` as ExtraKey)}</Tag>;
}

/** The kind-specific detail of a record in words: penalty severity, list reason, legal basis, result, outcome. */
export function useDetailText() {
  const { t } = useT();
  return (r: Pick<CreditRecord, 'kind' | 'detail'>): string => {
    const d = r.detail ?? {};
    switch (r.kind) {
      case 'penalty':
        return d.severity ? t(`cr.sev.${d.severity}` as ExtraKey) : '';
      case 'abnormal_list':
        return d.reason ? t(`cr.reason.${d.reason}` as ExtraKey) : '';
      case 'serious_list':
        return d.legalBasis ? `${t('cr.legalBasis')}${t('common.colon')}${d.legalBasis}` : '';
      case 'inspection':
        return d.result ? t(`cr.result.${d.result}` as ExtraKey) : '';
      case 'commitment':
        return d.outcome ? t(`cr.outcome.${d.outcome}` as ExtraKey) : '';
      case 'platform':
        return d.behaviour ? t(`cr.behaviour.${d.behaviour}` as ExtraKey) : '';
      default:
        return '';
    }
  };
}

export function SourceText({ s }: { s: CreditRecord['source'] }) {
  const { t } = useT();
  return (
    <span>
      {s.name}
      {s.documentNo ? <span className="tb-muted tb-small"> · {s.documentNo}</span> : null}
      <div className="tb-muted tb-small">{t(`cr.src.${s.type}` as ExtraKey)}</div>
    </span>
  );
}
