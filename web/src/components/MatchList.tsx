import type { ReactNode } from 'react';
import { Card, Empty, List, Progress, Result, Skeleton, Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, type MessageKey } from '../i18n';
import { listingPath, type MatchItem, type MatchReason, type MatchResult } from '../lib/api';
import { Highlight } from './Highlight';
import { hiddenTermsSuffix, termsPhrase } from '../lib/match-terms';
import { ErrorBlock } from './PageState';

type Detail = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Surface forms a reason says matched, for highlighting (terms and synonyms; single characters skipped). */
export function reasonTerms(r: MatchReason): string[] {
  const d = (r.detail ?? {}) as Detail;
  const out: string[] = [];
  const matched = Array.isArray(d.matched) ? (d.matched as Detail[]) : [];
  for (const m of matched) {
    if (!m || typeof m !== 'object') continue;
    for (const k of ['docSurface', 'document', 'surface', 'term', 'concept']) {
      const v = str(m[k]);
      if (v) out.push(v);
    }
  }
  return [...new Set(out)].filter((x) => x.length >= 2);
}

const LEVEL_ZH: Record<string, [string, string]> = {
  node: ['同一细分领域', 'same node'],
  segment: ['同一产业环节', 'same segment'],
  chain: ['同一产业链', 'same chain'],
  sameCity: ['同市', 'same city'],
  sameCounty: ['同区县', 'same county'],
  sameProvince: ['同省', 'same province'],
  sameGroup: ['同一区域板块', 'same regional group'],
  other: ['省外', 'outside the province'],
};
const STATUS_ZH: Record<string, [string, string]> = {
  ok: ['满足要求', 'meets the requirement'],
  within: ['在预算内', 'within budget'],
  above: ['高于预算', 'above budget'],
  below: ['低于要求', 'below the requirement'],
  unknown: ['未提供', 'not given'],
  negotiable: ['面议', 'negotiable'],
};

/** One short phrase per reason, built from its detail (the full sentence is the match summary). */
function reasonText(r: MatchReason, t: (k: MessageKey) => string, en: boolean): string {
  const k = `match.reason.${r.kind}` as MessageKey;
  const label = t(k) === k ? r.kind : t(k);
  const d = (r.detail ?? {}) as Detail;
  const pickPair = (m: Record<string, [string, string]>, key: unknown) => (typeof key === 'string' && m[key] ? m[key][en ? 1 : 0] : typeof key === 'string' ? key : '');
  const sep = en ? ': ' : '：';
  switch (r.kind) {
    case 'terms': {
      // the API lists the strongest terms and sums up the rest in `more` (count, share)
      const { words, hidden } = termsPhrase(d);
      return words.length ? `${label}${sep}${words.join(en ? ', ' : '、')}${hiddenTermsSuffix(hidden, en)}` : label;
    }
    case 'synonym': {
      const ps = ((d.matched as Detail[]) ?? []).map((m) => `${str(m.query) ?? ''}≈${str(m.document) ?? str(m.concept) ?? ''}`);
      return ps.length ? `${label}${sep}${ps.slice(0, 3).join(en ? ', ' : '、')}` : label;
    }
    case 'industry':
    case 'region':
      return `${label}${sep}${pickPair(LEVEL_ZH, d.level)}`;
    case 'trl':
      return typeof d.trl === 'number' ? `TRL ${d.trl}${typeof d.minTrl === 'number' ? ` / ≥${d.minTrl}` : ''} ${pickPair(STATUS_ZH, d.status)}` : label;
    case 'price':
      return `${label}${sep}${pickPair(STATUS_ZH, d.status)}`;
    case 'freshness':
      return typeof d.ageDays === 'number' ? `${label}${sep}${d.ageDays} ${en ? 'days' : '天'}` : label;
    default:
      return label;
  }
}

export function MatchCard({ m, best, action }: { m: MatchItem; best: number; action?: (m: MatchItem) => ReactNode }) {
  const { t, pick, lang } = useI18n();
  const terms = [...new Set(m.reasons.flatMap(reasonTerms))];
  const pct = best > 0 ? Math.round((Math.max(0, m.score) / best) * 100) : 0;
  const text = m.listing?.summary ?? '';
  return (
    <List.Item className="tb-match" data-testid="match-item">
      {/* Scores are relative to the best hit of this query (the engine's BM25F text part is normalised per query),
          so the card shows the percentage of the best; the raw score stays in the tooltip for analysts. */}
      <div className="tb-match-score" aria-label={`${t('match.score')} ${pct}%`} title={`${t('match.rawScore')} ${m.score.toFixed(2)}`}>
        <Progress type="circle" percent={pct} size={56} format={() => `${pct}%`} />
        <div className="tb-muted tb-small">{t('match.score')}</div>
      </div>
      <div className="tb-match-body">
        <div className="tb-match-titlebar">
          <Link to={listingPath(m.kind, m.id)} className="tb-match-title">
            <Highlight text={m.title} terms={terms} />
          </Link>
          {action && <span className="tb-match-action">{action(m)}</span>}
        </div>
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
              <Tooltip key={i} title={`${t('match.contribution')} ${(r.contribution * 100).toFixed(0)}%`}>
                <Tag color={r.contribution >= 0.1 ? 'blue' : 'default'}>
                  {reasonText(r, t, lang === 'en')}
                  <span className="tb-match-share">{(r.contribution * 100).toFixed(0)}%</span>
                </Tag>
              </Tooltip>
            ))}
        </div>
      </div>
    </List.Item>
  );
}

export function MatchList({ result, loading, error, onRetry, action }: { result: MatchResult | null | undefined; loading: boolean; error: unknown; onRetry(): void; action?: (m: MatchItem) => ReactNode }) {
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
      <List dataSource={result.items} renderItem={(m) => <MatchCard m={m} best={Math.max(...result.items.map((x) => x.score))} action={action} />} />
    </Card>
  );
}
