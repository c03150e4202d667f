/** Response schemas of the pilot-base and shared-instrument routes (they document the API and shape the web client's types). */
import { Type, type TSchema } from '@sinclair/typebox';
import { Nullable } from '../../kernel/http/index.js';

const S = Type.String();
/** Named for readers; no $id, so the same piece can sit in several places of one response. */
const $ = <T extends TSchema>(_name: string, t: T): T => t;

export const ReasonView = $('ServiceReason', Type.Object({ code: S, zh: S, en: S }));
export const ParamView = Type.Object({ key: S, value: S, unit: Type.Optional(S) });

export const PilotUnitView = $('PilotUnit', Type.Object({ id: S, baseId: S, name: S, kind: Nullable(S), description: Nullable(S), params: Type.Array(ParamView), status: S }));
const pilotBaseFields = {
  id: S, organisationId: S, name: S, intro: Nullable(S), industries: Type.Array(S), capabilities: Type.Array(S),
  equipment: Type.Array(Type.Object({ name: S, model: Type.Optional(S), params: Type.Optional(Type.Array(ParamView)) })), certifications: Type.Array(S),
  scale: Nullable(S), regionCode: Nullable(S), address: Nullable(S), trlMin: Nullable(Type.Integer()), trlMax: Nullable(Type.Integer()), status: S, createdAt: S,
};
export const PilotBaseView = $('PilotBase', Type.Object(pilotBaseFields));
export const PilotBaseDetail = $('PilotBaseDetail', Type.Object({ ...pilotBaseFields, units: Type.Array(PilotUnitView) }));

export const DayState = Type.Union([Type.Literal('free'), Type.Literal('requested'), Type.Literal('booked')]);
export const UnitCalendarView = Type.Object({ unitId: S, unitName: S, freeDays: Type.Integer(), days: Type.Array(Type.Object({ date: S, state: DayState, bookingId: Nullable(S) })) });
export const InstrumentDayView = Type.Object({ date: S, state: DayState });

export const BookingStatus = Type.Union(['requested', 'accepted', 'declined', 'cancelled', 'completed'].map((s) => Type.Literal(s)));
export const BookingView = $('CapacityBooking', Type.Object({
  id: S, resourceKind: S, resourceId: S, ownerOrgId: S, requesterOrgId: S, dealId: Nullable(S), achievementId: Nullable(S), subject: S,
  quantities: Type.Array(Type.Object({ item: S, amount: S, unit: S })), start: S, end: S, status: BookingStatus, decisionReason: Nullable(S), decidedAt: Nullable(S), createdAt: S,
}));
export const PilotProjectView = $('PilotProject', Type.Object({
  id: S, bookingId: S, baseId: S, achievementId: Nullable(S), dealId: Nullable(S), outcome: Type.Union([Type.Literal('succeeded'), Type.Literal('partial'), Type.Literal('failed')]),
  trlBefore: Nullable(Type.Integer()), trlAfter: Type.Integer(), report: Nullable(S), createdAt: S,
}));
export const RecommendationsView = $('PilotRecommendations', Type.Object({
  inGap: Type.Boolean(), trl: Nullable(Type.Integer()), reason: Nullable(ReasonView),
  recommendations: Type.Array(Type.Object({ base: PilotBaseView, score: Type.Number(), reasons: Type.Array(ReasonView) })),
}));
const GapRecommendation = Type.Object({ baseId: S, name: S, score: Type.Number(), reasons: Type.Array(ReasonView) });
export const DealGapView = $('PilotDealGap', Type.Object({
  deal: Type.Object({ id: S, title: S, industry: Nullable(S), cityCode: Nullable(S), lostNote: Nullable(S) }),
  recommendations: Type.Array(GapRecommendation),
}));
export const AchievementGapsView = $('PilotAchievementGaps', Type.Object({
  total: Type.Integer({ description: 'published achievements in the TRL gap (the list shows the newest)' }),
  items: Type.Array(Type.Object({
    achievement: Type.Object({ id: S, title: S, trl: Nullable(Type.Integer()), regionCode: Nullable(S), organisationId: S }),
    reason: ReasonView,
    recommendations: Type.Array(GapRecommendation),
  })),
}));

export const FeeUnit = Type.Union([Type.Literal('hour'), Type.Literal('day'), Type.Literal('sample')]);
export const InstrumentView = $('Instrument', Type.Object({
  id: S, organisationId: S, name: S, model: Nullable(S), category: Nullable(S), capabilities: Type.Array(S), feeWan: S, feeUnit: FeeUnit,
  regionCode: Nullable(S), address: Nullable(S), status: S,
}));
export const UsageView = $('InstrumentUsage', Type.Object({ id: S, bookingId: S, instrumentId: S, date: S, quantity: Type.Integer(), feeWan: S, feeFen: Type.Integer({ description: 'fee in fen (分)' }), note: S, createdAt: S }));
export const UsageHistoryView = $('InstrumentUsageHistory', Type.Object({
  instrument: InstrumentView,
  totalQuantity: Type.Integer(), totalFeeWan: S, totalFeeFen: Type.Integer(),
  items: Type.Array(Type.Object({ id: S, bookingId: S, date: S, quantity: Type.Integer(), feeWan: S, feeFen: Type.Integer(), note: S, userOrgId: S, purpose: S, createdAt: S })),
}));
