import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import type { Auction } from '../../lib/api';

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function countdown(ms: number, t: (k: MessageKey, v?: Record<string, string | number>) => string): string {
  if (ms <= 0) return '00:00:00';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${d > 0 ? t('auc.days', { d }) : ''}${hh}:${mm}:${ss}`;
}

export function auctionPhase(a: Auction, now: number): 'scheduled' | 'open' | 'closed' {
  if (a.status !== 'open' || Date.parse(a.endAt) <= now) return 'closed';
  if (Date.parse(a.startAt) > now) return 'scheduled';
  return 'open';
}

export function PhaseTag({ phase }: { phase: 'scheduled' | 'open' | 'closed' }) {
  const { t } = useI18n();
  return <Tag color={phase === 'open' ? 'green' : phase === 'scheduled' ? 'blue' : 'default'}>{t(`auc.${phase}` as MessageKey)}</Tag>;
}

export function currentPrice(a: Auction): string | null {
  return a.bids.length ? a.bids.reduce((m, b) => (Number(b.amountWan) > Number(m.amountWan) ? b : m)).amountWan : null;
}
