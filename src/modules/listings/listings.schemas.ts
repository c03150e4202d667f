import { Type, type TObject } from '@sinclair/typebox';
import { Nullable, Wan } from '../../kernel/http/index.js';
import { LISTING_ACTIONS, LISTING_STATUSES } from './lifecycle.js';
import { IP_TYPES, LISTING_MODES } from './listings.service.js';

const Trl = Type.Integer({ minimum: 1, maximum: 9, description: '技术成熟度 GB/T 22900 (1–9)' });
const RegionCode = Type.String({ pattern: '^\\d{6}$' });
const Mode = Type.Union(LISTING_MODES.map((m) => Type.Literal(m)));

const commonInput = {
  title: Type.String({ minLength: 2, maxLength: 120 }),
  detail: Type.Optional(Type.String({ maxLength: 20000, description: '保密详情：仅所有者、指派经纪人、管理员及已签署保密协议方可见' })),
  field: Type.Optional(Type.String({ maxLength: 100 })),
  keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
  industries: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
  regionCode: Type.Optional(Nullable(RegionCode)),
  modes: Type.Optional(Type.Array(Mode, { maxItems: 10 })),
};

export const DemandCreateBody = Type.Object({
  ...commonInput,
  description: Type.String({ minLength: 1, maxLength: 5000, description: '公开的需求描述' }),
  minTrl: Type.Optional(Nullable(Trl)),
  budgetMinWan: Type.Optional(Nullable(Wan)),
  budgetMaxWan: Type.Optional(Nullable(Wan)),
  deadline: Type.Optional(Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }))),
  organisationId: Type.Optional(Type.String({ maxLength: 64 })),
  submit: Type.Optional(Type.Boolean({ description: '创建后立即提交审核' })),
});

export const IpItem = Type.Object({
  type: Type.Union(IP_TYPES.map((t) => Type.Literal(t))),
  number: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  title: Type.Optional(Type.String({ maxLength: 200 })),
});

export const TeamMember = Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }), title: Type.Optional(Type.String({ maxLength: 40 })), role: Type.Optional(Type.String({ maxLength: 40 })) });

export const AchievementCreateBody = Type.Object({
  ...commonInput,
  summary: Type.String({ minLength: 1, maxLength: 5000, description: '公开的成果简介' }),
  trl: Type.Optional(Nullable(Trl)),
  priceNegotiable: Type.Optional(Type.Boolean()),
  priceMinWan: Type.Optional(Nullable(Wan)),
  priceMaxWan: Type.Optional(Nullable(Wan)),
  team: Type.Optional(Type.Array(TeamMember, { maxItems: 50 })),
  pilotNeeds: Type.Optional(Type.String({ maxLength: 2000 })),
  ip: Type.Optional(Type.Array(IpItem, { maxItems: 50 })),
  organisationId: Type.Optional(Type.String({ maxLength: 64 })),
  submit: Type.Optional(Type.Boolean()),
});

function updatable<T extends TObject>(schema: T) {
  const { organisationId: _o, submit: _s, ...props } = schema.properties as Record<string, any>;
  return Type.Object({ ...Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Type.Optional(v)])), version: Type.Optional(Type.Integer({ minimum: 1 })) });
}

export const DemandUpdateBody = updatable(DemandCreateBody);
export const AchievementUpdateBody = updatable(AchievementCreateBody);

const QualityItem = Type.Object({ code: Type.String(), field: Type.String(), severity: Type.String(), zh: Type.String(), en: Type.String() });

const commonView = {
  id: Type.String(),
  kind: Type.String(),
  externalId: Nullable(Type.String()),
  title: Type.String(),
  summary: Type.String(),
  detail: Nullable(Type.String()),
  detailVisible: Type.Boolean(),
  hasDetail: Type.Boolean(),
  field: Type.String(),
  keywords: Type.Array(Type.String()),
  industries: Type.Array(Type.String()),
  regionCode: Nullable(Type.String()),
  regionName: Nullable(Type.String()),
  modes: Type.Array(Type.String()),
  status: Type.String(),
  rejectReason: Nullable(Type.String()),
  organisation: Type.Object({ id: Type.String(), name: Type.String(), verified: Type.Boolean() }),
  publishedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  owner: Type.Boolean(),
  actions: Type.Array(Type.String()),
  quality: Nullable(Type.Array(QualityItem)),
};

export const DemandView = Type.Object({
  ...commonView,
  minTrl: Nullable(Type.Integer()),
  budgetMinWan: Nullable(Type.String()),
  budgetMaxWan: Nullable(Type.String()),
  deadline: Nullable(Type.String()),
}, { $id: 'Demand' });

export const AchievementView = Type.Object({
  ...commonView,
  trl: Nullable(Type.Integer()),
  priceNegotiable: Type.Boolean(),
  priceMinWan: Nullable(Type.String()),
  priceMaxWan: Nullable(Type.String()),
  team: Type.Array(TeamMember),
  pilotNeeds: Type.String(),
  ip: Type.Array(Type.Object({ type: Type.String(), number: Nullable(Type.String()), title: Type.String() })),
}, { $id: 'Achievement' });

export const ListingListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  scope: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('mine'), Type.Literal('review'), Type.Literal('brokered'), Type.Literal('all')])),
  status: Type.Optional(Type.Union(LISTING_STATUSES.map((s) => Type.Literal(s)))),
  industry: Type.Optional(Type.String({ maxLength: 40 })),
  region: Type.Optional(Type.String({ pattern: '^\\d{2,6}$' })),
  trlMin: Type.Optional(Trl),
  trlMax: Type.Optional(Trl),
  amountMinWan: Type.Optional(Wan),
  amountMaxWan: Type.Optional(Wan),
  mode: Type.Optional(Mode),
  org: Type.Optional(Type.String({ maxLength: 64 })),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('updated'), Type.Literal('title'), Type.Literal('trl'), Type.Literal('amount')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const ActionBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) });
export const ActionParams = Type.Object({ id: Type.String({ maxLength: 64 }), action: Type.Union(LISTING_ACTIONS.filter((a) => a !== 'edit').map((a) => Type.Literal(a))) });
export const BrokerBody = Type.Object({ brokerUserId: Type.String({ maxLength: 64 }), assign: Type.Optional(Type.Boolean({ default: true })) });
export const ExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('jsonl'), Type.Literal('csv'), Type.Literal('xlsx')], { default: 'jsonl' })),
  scope: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('mine'), Type.Literal('all')])),
});
