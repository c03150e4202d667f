/** Shapes of /api/programmes, /api/challenges, /api/applications, /api/projects; the calls are lib/http's (ApiError, UI language). */
export { call, get, post, put } from '../../lib/http';

export interface Reason { code: string; zh: string; en: string }
export interface Indicator { name: string; unit: string; target: string; comparator: string }
export interface Criterion { key: string; name: string; maxPoints: string }
export interface Programme {
  id: string; title: string; issuerName: string; description: string; budgetWan: string; applyFrom: string; applyUntil: string;
  schedule: { label: string; date: string }[]; rules: { regions: string[]; orgTypes: string[]; excludeAbnormalList: boolean; excludeSeriousList: boolean; worstCreditClass: string | null };
  criteria: Criterion[]; dropExtremes: boolean; status: string;
}
export interface Challenge {
  id: string; programmeId: string; title: string; description: string; demands: { demandId: string; organisationId: string; title: string; cofundWan: string; indicators: Indicator[] }[];
  budgetWan: string; cofundWan: string; fundingWan: string; status: 'open' | 'review' | 'awarded'; resultsPublishedAt: string | null; applications?: number;
  award?: { organisationId: string; organisationName: string; awardedWan: string; projectId: string } | null;
}
export interface Application {
  id: string; challengeId: string; organisationId: string; title: string; plan: string; team: { name: string; title?: string; role?: string; email?: string | null }[]; coAuthors: string[];
  budgetWan: string; milestones: { title: string; due: string; amountWan: string; deliverable: string; indicators: string[] }[]; eligibility: { eligible: boolean; reasons: Reason[] };
  status: string; createdAt: string; reviewStatus?: string | null;
}
export interface Aggregate { count: number; used: number; dropped: { highest: string; lowest: string } | null; mean: string | null }
export interface Review { id: string; reviewerUserId: string; reviewerName: string; status: string; exclusion: Reason[]; sheet: { key: string; points: string }[]; total: string | null; comment: string; scoredAt: string | null }
export interface ApplicationDetail { application: Application; access: 'government' | 'team' | 'reviewer'; challenge: Challenge; criteria: Criterion[]; resultsPublished: boolean; aggregate: Aggregate | null; reviews: Review[] }
export interface Reviewer { userId: string; name: string; email: string; reviews: { applicationId: string; status: string; exclusion: Reason[] }[] }
export interface RankRow { application: Application; organisationName: string; aggregate: Aggregate; rank: number | null; pending: number; excluded: number }
export interface Milestone {
  id: string; seq: number; title: string; due: string; deliverable: string; amountWan: string; indicators: Indicator[]; status: string; report: string | null;
  reportedValues: { name: string; value: string }[]; acceptance: (Indicator & { value: string | null; met: boolean })[] | null; returnReason: string | null; paidWan: string | null; paidOn: string | null;
}
export interface Project { id: string; challengeId: string; applicationId: string; organisationId: string; title: string; awardedWan: string; status: string; dealId: string | null; contractId: string | null; createdAt: string }
export interface ProjectDetail { project: Project; organisationName: string; challenge: Challenge; milestones: Milestone[]; paidWan: string; dealStage: string | null }
