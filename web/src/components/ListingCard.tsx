import { Tag, Tooltip } from 'antd';
import { EnvironmentOutlined, SafetyCertificateFilled, CalendarOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n, type MessageKey } from '../i18n';
import { isAchievement, listingPath, type Listing } from '../lib/api';
import { formatDate, formatWanRange } from '../lib/format';
import { Highlight } from './Highlight';
import { StatusTag } from './StatusTag';

export function TrlBadge({ level }: { level: number | null | undefined }) {
  const { t } = useI18n();
  if (!level) return null;
  const group = level <= 3 ? 'low' : level <= 6 ? 'medium' : 'high';
  return (
    <Tooltip title={t(`trlGroup.${group}` as MessageKey)}>
      <span className={`tb-trl tb-trl-${group}`}>{t('listing.trlLevel', { n: level })}</span>
    </Tooltip>
  );
}

export function amountOf(l: Listing, t: (k: MessageKey) => string): string {
  if (isAchievement(l)) {
    if (l.priceNegotiable && !l.priceMinWan && !l.priceMaxWan) return t('common.negotiable');
    return formatWanRange(l.priceMinWan, l.priceMaxWan, t) ?? t('common.negotiable');
  }
  return formatWanRange(l.budgetMinWan, l.budgetMaxWan, t) ?? t('common.negotiable');
}

export function ListingCard({ item, terms = [], showStatus = false }: { item: Listing; terms?: string[]; showStatus?: boolean }) {
  const { t, lang } = useI18n();
  const trl = isAchievement(item) ? item.trl : item.minTrl;
  return (
    <article className="tb-listing" aria-labelledby={`l-${item.id}`}>
      <div className="tb-listing-head">
        <h3 id={`l-${item.id}`} className="tb-listing-title">
          <Link to={listingPath(item.kind, item.id)}>
            <Highlight text={item.title} terms={terms} />
          </Link>
        </h3>
        <div className="tb-listing-amount">
          <span className="tb-listing-amount-label">{isAchievement(item) ? t('listing.price') : t('listing.budget')}</span>
          <span className="tb-listing-amount-value">{amountOf(item, t)}</span>
        </div>
      </div>
      <p className="tb-listing-summary">
        <Highlight text={item.summary} terms={terms} />
      </p>
      <div className="tb-listing-meta">
        {showStatus && <StatusTag status={item.status} />}
        <TrlBadge level={trl} />
        {item.modes.slice(0, 3).map((m) => (
          <Tag key={m} bordered={false} color="blue">
            {t(`mode.${m}` as MessageKey)}
          </Tag>
        ))}
        {item.keywords.slice(0, 4).map((k) => (
          <Tag key={k} bordered={false}>
            <Highlight text={k} terms={terms} />
          </Tag>
        ))}
      </div>
      <div className="tb-listing-foot">
        <Link to={`/organisations/${item.organisation.id}`} className="tb-listing-org">
          {item.organisation.name}
          {item.organisation.verified && (
            <Tooltip title={t('common.verified')}>
              <SafetyCertificateFilled className="tb-verified" aria-label={t('common.verified')} />
            </Tooltip>
          )}
        </Link>
        {item.regionName && (
          <span>
            <EnvironmentOutlined aria-hidden /> {item.regionName}
          </span>
        )}
        <span>
          <CalendarOutlined aria-hidden /> {formatDate(item.publishedAt ?? item.updatedAt, lang)}
        </span>
      </div>
    </article>
  );
}
