import { Fragment, useMemo } from 'react';

/** Splits a query into the terms to mark: whitespace-separated words; for long CJK words also their 2-char pieces. */
export function queryTerms(q: string | null | undefined): string[] {
  if (!q) return [];
  const words = q
    .split(/[\s,，;；、]+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    // a Chinese phrase longer than 4 characters rarely appears verbatim; mark its 2-character words too
    if (/^[\u4e00-\u9fff]{5,}$/.test(w)) for (let i = 0; i + 2 <= w.length; i += 2) out.add(w.slice(i, i + 2));
  }
  return [...out].filter((w) => w.length >= 1).sort((a, b) => b.length - a.length);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Renders text with the given terms wrapped in <mark>. */
export function Highlight({ text, terms }: { text: string | null | undefined; terms: string[] }) {
  const parts = useMemo(() => {
    const s = text ?? '';
    const ts = terms.filter(Boolean);
    if (!ts.length || !s) return [s];
    const re = new RegExp(`(${ts.map(escape).join('|')})`, 'gi');
    return s.split(re);
  }, [text, terms]);
  if (parts.length === 1) return <>{parts[0]}</>;
  const lower = new Set(terms.map((x) => x.toLowerCase()));
  return (
    <>
      {parts.map((p, i) => (lower.has(p.toLowerCase()) ? <mark key={i}>{p}</mark> : <Fragment key={i}>{p}</Fragment>))}
    </>
  );
}
