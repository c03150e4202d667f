/**
 * The phrase a match's terms reason shows: its first five distinct matched words (the document's own wording where
 * known) and how many more matched — those listed beyond five plus those the API summed up in `more` {count, share}.
 */
export function termsPhrase(detail: Record<string, unknown>): { words: string[]; hidden: number } {
  const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
  const matched = Array.isArray(detail.matched) ? (detail.matched as Record<string, unknown>[]) : [];
  const all = [...new Set(matched.map((m) => (m && typeof m === 'object' ? (str(m.docSurface) ?? str(m.surface) ?? str(m.term)) : null)).filter((x): x is string => !!x && x.length >= 2))];
  const more = detail.more && typeof (detail.more as Record<string, unknown>).count === 'number' ? ((detail.more as Record<string, unknown>).count as number) : 0;
  return { words: all.slice(0, 5), hidden: Math.max(0, all.length - 5) + more };
}

/** "+N more" / "等（另N个）" after the listed words, or nothing. */
export function hiddenTermsSuffix(hidden: number, en: boolean): string {
  if (!hidden) return '';
  return en ? ` (+${hidden} more)` : ` 等（另${hidden}个）`;
}
