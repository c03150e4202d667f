/** The web app's phrase for a match's terms reason (web/src/lib/match-terms.ts), against the API's detail shape. */
import { describe, expect, it } from 'vitest';
import { hiddenTermsSuffix, termsPhrase } from '../web/src/lib/match-terms.js';

describe('termsPhrase (match page reason tag)', () => {
  it('shows the first five distinct words, the document’s own wording first, and counts the rest with `more`', () => {
    const matched = ['谐波减速器', '回差', '柔轮', '刚轮', '波发生器', '齿形', '寿命'].map((term) => ({ term, surface: term, share: 0.1 }));
    matched[0] = { term: '减速器', surface: '减速机', share: 0.3, docSurface: '谐波减速器' } as never;
    const { words, hidden } = termsPhrase({ matched, more: { count: 9, share: 0.08 } });
    expect(words).toEqual(['谐波减速器', '回差', '柔轮', '刚轮', '波发生器']);
    expect(hidden).toBe(2 + 9);
    expect(hiddenTermsSuffix(hidden, false)).toBe(' 等（另11个）');
    expect(hiddenTermsSuffix(hidden, true)).toBe(' (+11 more)');
  });

  it('says nothing more when every matched word is shown, and skips single characters and malformed entries', () => {
    const { words, hidden } = termsPhrase({ matched: [{ term: '镁', surface: '镁' }, { term: '隔膜', surface: '隔膜' }, null, 'x'] });
    expect(words).toEqual(['隔膜']);
    expect(hidden).toBe(0);
    expect(hiddenTermsSuffix(0, false)).toBe('');
    expect(termsPhrase({})).toEqual({ words: [], hidden: 0 });
  });
});
