import { Card, Empty, List, Progress, Result, Skeleton, Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, type MessageKey } from '../i18n';
import { listingPath, type MatchItem, type MatchReason, type MatchResult } from '../lib/api';
import { Highlight } from './Highlight';
import { ErrorBlock } from './PageState';

/** Terms a reason says matched (detail shapes vary by reason kind; read what is there, defensively). */
export function reasonTerms(r: MatchReason): string[] {
  const d = r.detail ?? {};
  const out: string[] = [];
  for (const k of ['terms', 'matched', 'matchedTerms', 'synonyms', 'words', 'term', 'pairs']) {
    const v = (d as Record<string, unknown>)[k];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v))
      for (const x of v) {
        if (typeof x === 'string') out.push(x);
        else if (x && typeof x === 'object') {
          for (const kk of ['term', 'from', 'to', 'query', 'target', 'a', 'b']) {
            const y = (x as Record<string, unknown>)[kk];
            if (typeof y === 'string') out.push(y);
          }
        }
      }
  }
  return [...new Set(out)].filter((x) => x.length > 0);
}

function reasonText(r: MatchReason, t: (k: MessageKey) => string): string {
  const terms = reasonTerms(r);
  const label = (() => {
    const k = `match.reason.${r.kind}` as MessageKey;
    const s = t(k);
    return s === k ? r.kind : s;
  })();
  if (terms.length) return `${label}：${terms.slice(0, 6).join('、')}`;
  const d = r.detail as Record<string, unknown>;
  const simple = Object.entries(d ?? {})
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .slice(0, 3)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return simple ? `${label}（${simple}）` : label;
}

export function MatchCard({ m }: { m: MatchItem }) {
  const { t, pick } = useI18n();
  const terms = m.reasons.flatMap(reasonTerms);
  const pct = Math.round(Math.max(0, Math.min(1, m.score > 1 ? m.score / 100 : m.score)) * 100);
  const text = m.listing?.summary ?? '';
  return (
    <List.Item className="tb-match" data-testid="match-item">
      <div className="tb-match-score" aria-label={`${t('match.score')} ${pct}%`}>
        <Progress type="circle" percent={pct} size={56} format={(p) => `${p}`} />
      </div>
      <div className="tb-match-body">
        <Link to={listingPath(m.kind, m.id)} className="tb-match-title">
          <Highlight text={m.title} terms={terms} />
        </Link>
        {m.listing && <div className="tb-muted tb-small">{m.listing.organisation.name}</div>}
        {m.summary && <p className="tb-match-summary">{pick(m.summary.zh, m.summary.en)}</p>}
        {text && (
          <p className="tb-listing-summary">
            <Highlight text={text} terms={terms} />
          </p>
        )}
        <div className="tb-match-reasons" aria-label={t('match.reasons')}>
          {[...m.reasons]
            .sort((a, b) => b.contribution - a.contribution)
            .map((r, i) => (
              <Tooltip key={i} title={`${(r.contribution * 100).toFixed(0)}%`}>
                <Tag color={r.contribution > 0 ? 'blue' : 'default'}>{reasonText(r, t)}</Tag>
              </Tooltip>
            ))}
        </div>
      </div>
    </List.Item>
  );
}

export function MatchList({ result, loading, error, onRetry }: { result: MatchResult | null | undefined; loading: boolean; error: unknown; onRetry(): void }) {
  const { t } = useI18n();
  if (loading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  if (error) return <ErrorBlock error={error} onRetry={onRetry} />;
  if (result === null)
    return (
      <Card>
        <Result status="info" title={t('match.unavailable')} subTitle={t('match.unavailableHint')} data-testid="matches-unavailable" />
      </Card>
    );
  if (!result?.items.length)
    return (
      <Card>
        <Empty description={<><div>{t('match.empty')}</div>{result?.notice && <div className="tb-muted">{result.notice}</div>}</>} />
      </Card>
    );
  return (
    <Card>
      {result.notice && <p className="tb-muted">{result.notice}</p>}
      <List dataSource={result.items} renderItem={(m) => <MatchCard m={m} />} />
    </Card>
  );
}
