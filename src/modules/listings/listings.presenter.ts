import { fenToWan } from '../../kernel/money.js';
import { parseJsonArray } from '../../kernel/context.js';
import { cityOf, regionByCode } from '../reference/index.js';
import type { ListingKind } from './listings.repository.js';
import type { ListingView } from './listings.service.js';
import type { AchievementRow, DemandRow } from './listings.table.js';

/**
 * Row → API shape. The confidential detail appears only when `detailVisible`; rejection reasons and the
 * quality checklist only for the owner and admins.
 */
export function presentListing<K extends ListingKind>(kind: K, v: ListingView<K>) {
  const r = v.row;
  const region = r.region_code ? regionByCode(r.region_code) : null;
  const city = region?.level === 'county' && r.region_code ? cityOf(r.region_code) : null;
  const common = {
    id: r.id,
    kind,
    externalId: r.external_id,
    title: r.title,
    summary: r.summary,
    detail: v.detailVisible ? r.detail : null,
    detailVisible: v.detailVisible,
    hasDetail: r.detail.trim().length > 0,
    field: r.field,
    keywords: parseJsonArray(r.keywords),
    industries: v.industries,
    regionCode: r.region_code,
    regionName: region ? `${city ? city.name : ''}${region.name}` : null,
    modes: parseJsonArray(r.modes),
    status: r.status,
    rejectReason: v.owner || v.quality ? r.reject_reason : null,
    organisation: v.organisation ?? { id: r.organisation_id, name: '', verified: false },
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    owner: v.owner,
    actions: v.actions,
    quality: v.quality,
  };
  if (kind === 'demand') {
    const d = r as DemandRow;
    return Object.assign(common, { minTrl: d.min_trl, budgetMinWan: fenToWan(d.budget_min_fen), budgetMaxWan: fenToWan(d.budget_max_fen), deadline: d.deadline });
  }
  const a = r as AchievementRow;
  // the kind's fields are added to `common` (copying its 26 properties into a new object cost more than building it)
  return Object.assign(common, {
    trl: a.trl,
    priceNegotiable: a.price_negotiable === 1,
    priceMinWan: fenToWan(a.price_min_fen),
    priceMaxWan: fenToWan(a.price_max_fen),
    team: parseJsonArray<{ name: string; title?: string; role?: string }>(a.team),
    pilotNeeds: a.pilot_needs,
    ip: v.ip.map((i) => ({ type: i.type, number: i.number, title: i.title })),
  });
}
