/** Response schemas of the government routes (they document the API and shape the web client's generated types). */
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../kernel/http/index.js';

const S = Type.String();
const I = Type.Integer();
const ZhEn = Type.Object({ zh: S, en: S });
const Detail = Type.Record(Type.String(), Type.Unknown());

export const CaseTypeView = Type.Object({ type: S, zh: S, en: S, sla: Type.Object({ amount: I, unit: Type.Union([Type.Literal('working_days'), Type.Literal('days')]) }), departmentKind: S });
export const DepartmentView = Type.Object({ code: S, name: S, nameEn: S, level: S, regionCode: S, kind: S, organisationId: Nullable(S) });
export const CaseEventView = Type.Object({ id: S, at: S, actorUserId: Nullable(S), kind: S, text: S, data: Detail });
export const DepartmentStatsView = Type.Object({
  department: S, name: S, nameEn: S, raised: I, closed: I, open: I, medianDaysToClose: Nullable(Type.Number()), overdue: I,
  overdueSharePercent: Nullable(S), ratings: I, meanRating: Nullable(S),
});

export const PlanHead = Type.Object({ name: S, nameEn: S, periodStart: S, periodEnd: S });
const indicatorFields = {
  code: S, areaCode: S, name: S, nameEn: S, unit: S, baseline: S, target: S, direction: S, trajectory: S, periodStart: S, periodEnd: S,
  ownerDepartment: S, source: S, computation: Nullable(S), definition: S, definitionEn: S, updatedAt: S,
};
export const IndicatorView = Type.Object(indicatorFields);
export const PlanView = Type.Object({
  plan: PlanHead,
  areas: Type.Array(Type.Object({ code: S, name: S, nameEn: S, position: I })),
  tasks: Type.Array(Type.Object({ code: S, areaCode: S, title: S, titleEn: S, ownerDepartment: S })),
  indicators: Type.Array(IndicatorView),
});
export const PlanProgressView = Type.Object({
  plan: PlanHead, asOf: S,
  areas: Type.Array(Type.Object({ code: S, name: S, nameEn: S })),
  indicators: Type.Array(Type.Object({
    ...indicatorFields, value: Nullable(S), valueAsOf: Nullable(S), availability: Type.Union([Type.Literal('available'), Type.Literal('not_available')]),
    detail: Detail, evidence: Nullable(S), light: Type.Union([Type.Literal('green'), Type.Literal('amber'), Type.Literal('red'), Type.Literal('none')]), expected: Nullable(S), achievedPercent: Nullable(S),
  })),
});
export const ProgressReportView = Type.Object({ id: S, indicatorCode: S, asOf: S, value: S, evidence: S, evidenceUrl: Nullable(S), reportedBy: Nullable(S), reportedOrgId: Nullable(S), createdAt: S });
export const ComputedView = Type.Object({
  computation: S, period: Type.Object({ from: S, to: S }), availability: Type.Union([Type.Literal('available'), Type.Literal('not_available')]), value: Nullable(S), detail: Detail,
});

const RegionFigures = {
  demands: I, achievements: I, dealsByStage: Type.Record(Type.String(), I),
  contracts: Nullable(Type.Object({ outputCount: I, outputWan: S, absorptionCount: I, absorptionWan: S })),
};
export const RegionalStatsView = Type.Object({
  period: Type.Object({ from: S, to: S }), chain: Nullable(S), countingRule: ZhEn,
  cities: Type.Array(Type.Object({ code: S, name: S, ...RegionFigures })),
  groups: Type.Array(Type.Object({ code: S, name: S, nameEn: S, members: Type.Array(S), ...RegionFigures })),
  province: Type.Object(RegionFigures), elsewhere: Type.Object(RegionFigures),
});

export const CategoriesView = Type.Object({
  candidateSharePercent: S, kinds: Type.Record(Type.String(), ZhEn), qualifications: Type.Record(Type.String(), ZhEn),
  categories: Type.Array(Type.Object({ code: S, kind: S, zh: S, en: S, thresholdWan: Nullable(S), qualifications: Type.Array(S) })),
  designationKinds: Type.Array(Type.Object({ code: S, zh: S, en: S, validityYears: I })),
  measureKinds: Type.Array(Type.Object({ code: S, zh: S, en: S })),
});
export const ReportView = Type.Object({ id: S, organisationId: S, year: I, category: S, revenueWan: S, qualification: Nullable(S), updatedAt: S });
export const ClassificationView = Type.Object({
  category: S, kind: S, kindLabel: ZhEn, above: Type.Boolean(), candidate: Type.Boolean(), thresholdWan: Nullable(S), gapWan: Nullable(S), sharePercent: Nullable(S),
});
export const ClassifiedReportView = Type.Object({ report: ReportView, classification: ClassificationView });
export const OrgRef = Type.Object({ id: S, name: Type.Optional(S), regionCode: Type.Optional(Nullable(S)) });
export const CandidateView = Type.Object({ organisation: OrgRef, report: ReportView, classification: ClassificationView });
export const CrossingView = Type.Object({ year: I, reported: I, above: I, crossed: I, candidates: I });
export const DesignationView = Type.Object({
  organisationId: S, kind: S, kindLabel: ZhEn, status: Type.Union([Type.Literal('cultivating'), Type.Literal('applying'), Type.Literal('recognised'), Type.Literal('expired')]),
  recognisedOn: Nullable(S), expiresOn: Nullable(S), certificateNo: Nullable(S), note: S, updatedAt: S,
});
export const DesignationListView = Type.Object({
  counts: Type.Record(Type.String(), Type.Record(Type.String(), I)),
  items: Type.Array(Type.Object({ organisation: OrgRef, designation: DesignationView })),
});
export const MeasureView = Type.Object({ id: S, organisationId: S, kind: S, kindLabel: ZhEn, title: S, description: S, takenOn: S, recordedBy: Nullable(S), recordedOrgId: Nullable(S), createdAt: S });

export const GepItemView = Type.Object({ code: S, category: Type.Union([Type.Literal('material'), Type.Literal('regulating'), Type.Literal('cultural')]), zh: S, en: S, unit: S, priceYuan: S });
export const GepItemsView = Type.Object({
  options: Type.Object({ excludeOxygenWithCarbon: Type.Boolean() }),
  categories: Type.Object({ material: ZhEn, regulating: ZhEn, cultural: ZhEn }),
  items: Type.Array(GepItemView),
});
export const GepRegionView = Type.Object({ code: S, name: S });
export const GepAccountView = Type.Object({
  regionCode: S, regionName: S, year: I, gdpWan: Nullable(S),
  gep: Type.Object({
    totalWan: S, byCategory: Type.Object({ material: S, regulating: S, cultural: S }),
    lines: Type.Array(Type.Object({ code: S, name: S, nameEn: S, category: S, unit: S, quantity: S, priceYuan: S, valueWan: S, counted: Type.Boolean(), excludedBecause: Nullable(S) })),
  }),
  gepGdpRatio: Nullable(S), gdpYoyPercent: Nullable(S), gepYoyPercent: Nullable(S),
});
export const GepImportView = Type.Object({
  dryRun: Type.Boolean(), rows: I,
  groups: Type.Array(Type.Object({ regionCode: S, regionName: S, year: I, items: I, gdpWan: Nullable(S), gepWan: Nullable(S) })),
});
