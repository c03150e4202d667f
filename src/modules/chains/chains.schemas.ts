/**
 * Response schemas of the supply-chain (省内配套对接) and alliance (产学研联盟) GET routes. They document the API,
 * type the web client (npm run api:types) and shape the JSON: a property missing here is dropped from the answer.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { Nullable } from '../../kernel/http/index.js';

const S = Type.String();
const I = Type.Integer();
const N = Type.Number();
/** Named for readers; no $id, so the same piece can sit in several places of one response. */
const $ = <T extends TSchema>(_name: string, t: T): T => t;
const Lits = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const ChainReasonView = $('ChainReason', Type.Object({ code: S, zh: S, en: S }));

const NumOpt = Type.Optional(Nullable(N));
export const SpecView = $('ChainSpec', Type.Union([
  Type.Object({ key: S, type: Type.Optional(Type.Literal('number')), unit: S, min: NumOpt, max: NumOpt, nominal: NumOpt, tolerance: NumOpt }),
  Type.Object({ key: S, type: Type.Literal('text'), values: Type.Array(S) }),
]));

export const PartSource = Lits(['imported', 'other_province'] as const);
export const PartView = $('ChainPart', Type.Object({
  id: S, organisationId: S, chainCode: S, name: S, description: S, specs: Type.Array(SpecView), annualVolume: Nullable(I), volumeUnit: S,
  currentSource: PartSource, status: Type.String({ description: 'open | localised | closed' }), createdAt: S,
}));
export const CapabilityView = $('ChainCapability', Type.Object({ id: S, organisationId: S, name: S, description: S, chainCodes: Type.Array(S), specs: Type.Array(SpecView) }));
export const PartMatchView = $('ChainPartMatch', Type.Object({
  capability: CapabilityView, fullyCovered: Type.Boolean(), coveragePercent: Type.String({ description: 'share of the specifications covered, percent as a decimal string' }), score: N,
  items: Type.Array(Type.Object({ key: S, status: S })), reasons: Type.Array(ChainReasonView),
}));

export const TrialStatus = Lits(['sent', 'passed', 'failed'] as const);
export const TrialView = $('ChainTrial', Type.Object({ id: S, responseId: S, round: I, status: TrialStatus, note: Type.String({ description: 'for a failed trial: why (2–500 characters)' }), date: S }));
export const ResponseStatus = Lits(['submitted', 'shortlisted', 'sampling', 'qualified', 'supplying', 'declined', 'withdrawn'] as const);
export const ChainResponseView = $('ChainResponse', Type.Object({
  id: S, partId: S, capabilityId: Nullable(S), supplierOrgId: S, message: S, status: ResponseStatus,
  declineReason: Nullable(Type.String({ description: 'why the head enterprise declined (不予采用的理由); null unless declined' })), createdAt: S, updatedAt: S,
  trials: Type.Array(TrialView),
}));

export const ChainViewView = $('ChainView', Type.Object({
  chainCode: S, chainName: S, parts: I, covered: I, partial: I, localCoveragePercent: S,
  gaps: Type.Array(Type.Object({ id: S, name: S, status: S, currentSource: S })),
  items: Type.Array(Type.Object({
    id: S, name: S, chainCode: S, currentSource: S, status: Lits(['localised', 'covered', 'partial', 'gap'] as const),
    bestSupplier: Nullable(Type.Object({ capabilityId: S, organisationId: S, coverage: Type.Number({ description: '0–1' }) })),
  })),
}));

export const AllianceKind = Lits(['alliance', 'consortium'] as const);
const allianceFields = { id: S, name: S, kind: AllianceKind, leadOrgId: S, chainCode: Nullable(S), intro: S, createdAt: S };
export const AllianceView = $('Alliance', Type.Object(allianceFields));
export const AllianceMemberView = $('AllianceMember', Type.Object({ organisationId: S, role: Type.String({ description: 'lead | member' }), joinedAt: S }));
export const AllianceDetailView = $('AllianceDetail', Type.Object({ ...allianceFields, members: Type.Array(AllianceMemberView) }));
export const AllianceTaskView = $('AllianceTask', Type.Object({ id: S, topicId: S, title: S, assigneeOrgId: Nullable(S), dueDate: Nullable(S), status: S }));
export const AllianceOverviewView = $('AllianceOverview', Type.Object({
  alliance: AllianceView,
  members: Type.Array(AllianceMemberView),
  topics: Type.Array(Type.Object({ id: S, allianceId: S, title: S, description: S, demandIds: Type.Array(S), status: S, createdAt: S, tasks: Type.Array(AllianceTaskView) })),
  deals: Type.Object({ count: I, internal: I, items: Type.Array(Type.Object({ id: S, title: S, stage: S, amountFen: Nullable(I), amountWan: Nullable(S) })) }),
  contracts: Type.Object({ count: I, amountWan: Nullable(S), items: Type.Array(Type.Object({ id: S, title: S, status: S, dealId: Nullable(S), amountWan: Nullable(S) })) }),
}));
