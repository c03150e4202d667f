/** Response schemas of the technology-finance GET routes (they document the API and type the web client). */
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../kernel/http/index.js';

const S = Type.String();
const I = Type.Integer();
const Reason = Type.Object({ code: S, zh: S, en: S });

export const InstitutionView = Type.Object({ id: S, organisationId: S, kind: S, name: S, intro: Nullable(S), regionCode: Nullable(S) });
export const ConditionsView = Type.Object({
  amountMinWan: Nullable(S), amountMaxWan: Nullable(S), termMinMonths: I, termMaxMonths: I, rateMinPercent: Nullable(S), rateMaxPercent: Nullable(S),
  trlMin: Nullable(I), trlMax: Nullable(I), stages: Type.Array(S), creditClasses: Type.Array(S), collateral: S, industries: Type.Array(S), regions: Type.Array(S),
});
export const ProductView = Type.Object({ id: S, institutionId: S, organisationId: S, kind: S, name: S, description: Nullable(S), conditions: ConditionsView, status: S });
export const RequestView = Type.Object({
  id: S, organisationId: S, title: S, amountWan: Nullable(S), termMonths: I, purpose: S, stage: Nullable(S), trl: Nullable(I), industries: Type.Array(S), regionCode: Nullable(S),
  collateral: Type.Array(S), preferredKinds: Type.Array(S), maxRatePercent: Nullable(S), achievementIds: Type.Array(S),
  patents: Type.Array(Type.Object({ number: S, title: Type.Optional(S) })), contractIds: Type.Array(S), status: S, createdAt: S,
});
export const MatchesView = Type.Object({
  creditClass: Nullable(S),
  eligible: Type.Array(Type.Object({ product: ProductView, score: Type.Number(), reasons: Type.Array(Reason) })),
  excluded: Type.Array(Type.Object({ product: ProductView, failed: Type.Array(Reason) })),
});
export const ApplicationView = Type.Object({
  id: S, requestId: S, productId: S, institutionOrgId: S, applicantOrgId: S, status: S, flags: Type.Array(Reason),
  pledgedPatents: Type.Array(Type.Object({ number: S, title: Type.Optional(S) })), valuation: Nullable(Type.Record(Type.String(), Type.Unknown())), declineReason: Nullable(S),
  approvedAmountWan: Nullable(S), approvedRatePercent: Nullable(S), approvedTermMonths: Nullable(I), disbursedAmountWan: Nullable(S), disbursedOn: Nullable(S), createdAt: S, updatedAt: S,
});
