/** Display helpers. Times are stored in UTC and shown in Asia/Shanghai; money stays a decimal string (万元). */
import type { Translate } from '../i18n';

const TZ = 'Asia/Shanghai';
const dateFmt = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withTime}`;
  let f = dateFmt.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'zh-CN', {
      timeZone: TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    dateFmt.set(key, f);
  }
  return f;
}

export function formatDate(iso: string | null | undefined, lang = 'zh-CN'): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso; // a calendar date, no zone
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return fmt(lang, false).format(d).replace(/\//g, '-');
}

export function formatDateTime(iso: string | null | undefined, lang = 'zh-CN'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return fmt(lang, true).format(d).replace(/\//g, '-');
}

/** A 万元 range from two decimal strings, shown as given (never parsed to a float). */
export function formatWanRange(min: string | null | undefined, max: string | null | undefined, t: Translate): string | null {
  const u = t('common.wan');
  if (min && max) return min === max ? `${min} ${u}` : `${min}–${max} ${u}`;
  if (min) return `≥ ${min} ${u}`;
  if (max) return `≤ ${max} ${u}`;
  return null;
}

export const WAN_PATTERN = /^\d{1,9}(\.\d{1,6})?$/;

/** Compares two decimal strings exactly (both must match WAN_PATTERN). */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const an = ai.replace(/^0+(?=\d)/, '');
  const bn = bi.replace(/^0+(?=\d)/, '');
  if (an.length !== bn.length) return an.length - bn.length;
  if (an !== bn) return an < bn ? -1 : 1;
  const len = Math.max(af.length, bf.length);
  const ap = af.padEnd(len, '0');
  const bp = bf.padEnd(len, '0');
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}
