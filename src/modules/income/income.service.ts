/**
 * Income sharing for service inventions (职务科技成果转化收益分配) and rights grants (赋权): the achievement's
 * organisation records a distribution plan (checked against Liaoning's ≥ 70% team floor or the national floors),
 * income received, and gets exact per-party and per-contributor amounts and statements.
 */
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, parseJsonArray, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { ListingsService } from '../listings/index.js';
import { contributorStatements, distribute, IncomeRuleError, netIncomeFen, resolveIncomeRules, validateDistributionPlan, validateRightsGrant, type DistributionPlan, type IncomeMode, type PlanContributor, type PlanParty, type RightsGrant, type UnitIncomeRule } from './core/index.js';
import { incomeSharingParams } from './income.params.js';
import type { IncomePlanRow, IncomeReceiptRow, RightsGrantRow } from './income.table.js';

export interface PlanInput {
  achievementId: string;
  dealId?: string | null;
  mode: IncomeMode;
  ruleset?: string;
  unitRule?: UnitIncomeRule | null;
  teamShareBp: number;
  otherParties: PlanParty[];
  contributors: PlanContributor[];
  years?: number | null;
}

function toPlan(row: IncomePlanRow): DistributionPlan {
  return { mode: row.mode as IncomeMode, teamShareBp: row.team_share_bp, otherParties: parseJsonArray<PlanParty>(row.other_parties), contributors: parseJsonArray<PlanContributor>(row.contributors), years: row.years };
}

export class IncomeService {
  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly deps: { achievements: ListingsService<'achievement'> },
  ) {}

  /** Only the achievement's own organisation (and admins) manage its income. */
  private async ownAchievement(actor: Actor, achievementId: string) {
    const view = await this.deps.achievements.get(actor, achievementId);
    const admin = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
    if (!view.owner && !admin) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    return view.row;
  }

  async createPlan(actor: Actor, input: PlanInput): Promise<IncomePlanRow> {
    const achievement = await this.ownAchievement(actor, input.achievementId);
    const params = incomeSharingParams();
    let rules;
    try {
      rules = resolveIncomeRules(params, input.ruleset ?? params.defaultRuleset, input.unitRule ?? undefined);
    } catch (e) {
      if (e instanceof IncomeRuleError) throw invalidField('ruleset', `规则 ${input.ruleset} 不存在或单位规则不合法`, `unknown ruleset ${input.ruleset} or invalid unit rule`);
      throw e;
    }
    const plan: DistributionPlan = { mode: input.mode, teamShareBp: input.teamShareBp, otherParties: input.otherParties, contributors: input.contributors, years: input.years ?? null };
    const check = validateDistributionPlan(plan, rules);
    if (!check.ok) {
      throw new AppError('INCOME_PLAN_INVALID', { floor: (rules.teamShareMinBp[input.mode] / 100).toString() }, check.problems.map((p) => ({ field: planProblemField(p.code), code: p.code, params: { reasonZh: planProblemZh(p.code, rules.teamShareMinBp[input.mode]), reasonEn: planProblemEn(p.code, rules.teamShareMinBp[input.mode]) } })));
    }
    const row: IncomePlanRow = {
      id: uuidv7(), achievement_id: achievement.id, organisation_id: achievement.organisation_id, deal_id: input.dealId ?? null, mode: input.mode, ruleset: rules.ruleset,
      unit_rule: input.unitRule ? JSON.stringify(input.unitRule) : null, team_share_bp: input.teamShareBp, other_parties: JSON.stringify(input.otherParties),
      contributors: JSON.stringify(input.contributors), years: input.years ?? null, created_by: actor.kind === 'user' ? actor.userId : null, created_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('income_plans').values(row).execute();
      await recordAudit(trx, actor, { action: 'income.plan', subjectType: 'income_plan', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  private async plan(actor: Actor, id: string): Promise<IncomePlanRow> {
    const row = await this.ctx.db.selectFrom('income_plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('INCOME_PLAN_NOT_FOUND');
    await this.ownAchievement(actor, row.achievement_id).catch((e) => {
      throw e instanceof AppError && e.code === 'ACHIEVEMENT_NOT_FOUND' ? new AppError('INCOME_PLAN_NOT_FOUND') : e;
    });
    return row;
  }

  async plans(actor: Actor, achievementId: string): Promise<IncomePlanRow[]> {
    await this.ownAchievement(actor, achievementId);
    return this.ctx.db.selectFrom('income_plans').selectAll().where('achievement_id', '=', achievementId).orderBy('created_at').execute();
  }

  async addReceipt(actor: Actor, planId: string, input: { date: string; grossFen: number; costs: { label: string; amountFen: number }[]; note?: string }): Promise<IncomeReceiptRow> {
    const plan = await this.plan(actor, planId);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw invalidField('date', '日期格式应为 YYYY-MM-DD', 'must be YYYY-MM-DD');
    let net: number;
    try {
      net = netIncomeFen(input.grossFen, input.costs);
    } catch {
      throw invalidField('costs', '扣除成本超过收入', 'costs exceed the income');
    }
    const row: IncomeReceiptRow = { id: uuidv7(), plan_id: plan.id, date: input.date, gross_fen: input.grossFen, costs: JSON.stringify(input.costs), net_fen: net, note: input.note ?? '', created_at: nowIso(this.ctx.clock) };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('income_receipts').values(row).execute();
      await recordAudit(trx, actor, { action: 'income.receipt', subjectType: 'income_plan', subjectId: plan.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  /** Every receipt of a plan split exactly among the parties and contributors, and one statement per contributor. */
  async distribution(actor: Actor, planId: string) {
    const plan = await this.plan(actor, planId);
    const receipts = await this.ctx.db.selectFrom('income_receipts').selectAll().where('plan_id', '=', planId).orderBy('date').execute();
    const p = toPlan(plan);
    return {
      plan,
      receipts: receipts.map((r) => ({ receipt: r, split: distribute(r.net_fen, p) })),
      statements: contributorStatements(receipts.map((r) => ({ receiptId: r.id, date: r.date, amountFen: r.net_fen, plan: p }))),
    };
  }

  async grantRights(actor: Actor, achievementId: string, grant: RightsGrant, note = ''): Promise<RightsGrantRow> {
    const achievement = await this.ownAchievement(actor, achievementId);
    const check = validateRightsGrant(grant, incomeSharingParams().rightsGrant);
    if (!check.ok) throw new AppError('RIGHTS_GRANT_INVALID', { problems: check.problems.map((p) => p.code).join(', ') });
    const row: RightsGrantRow = {
      id: uuidv7(), achievement_id: achievement.id, organisation_id: achievement.organisation_id, kind: grant.kind,
      team_share_bp: grant.kind === 'co_ownership' ? grant.teamShareBp : null, years: grant.kind === 'co_ownership' ? null : grant.years,
      remaining_protection_years: grant.kind === 'co_ownership' ? null : grant.remainingProtectionYears ?? null, note, created_at: nowIso(this.ctx.clock),
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await trx.insertInto('rights_grants').values(row).execute();
      await recordAudit(trx, actor, { action: 'income.rights_grant', subjectType: 'achievement', subjectId: achievement.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    });
    return row;
  }

  async grants(actor: Actor, achievementId: string): Promise<RightsGrantRow[]> {
    await this.ownAchievement(actor, achievementId);
    return this.ctx.db.selectFrom('rights_grants').selectAll().where('achievement_id', '=', achievementId).orderBy('created_at').execute();
  }
}

function planProblemZh(code: string, floorBp: number): string {
  return ({
    TEAM_SHARE_BELOW_FLOOR: `团队分配比例低于规定下限 ${floorBp / 100}%`, PARTY_SHARES_NOT_100: '团队与其他各方比例之和须为 100%', CONTRIBUTOR_SHARES_NOT_100: '贡献人员比例之和须为 100%',
    NO_CONTRIBUTORS: '须列出贡献人员', CONTRIBUTOR_DUPLICATE: '贡献人员重复', PARTY_DUPLICATE: '分配方重复', SHARE_INVALID: '比例不合法', MODE_INVALID: '转化方式不合法',
  } as Record<string, string>)[code] ?? code;
}

function planProblemEn(code: string, floorBp: number): string {
  return ({
    TEAM_SHARE_BELOW_FLOOR: `the team share is below the floor of ${floorBp / 100}%`, PARTY_SHARES_NOT_100: 'the team and other parties must add up to 100%', CONTRIBUTOR_SHARES_NOT_100: 'contributors must add up to 100%',
    NO_CONTRIBUTORS: 'list the contributors', CONTRIBUTOR_DUPLICATE: 'duplicate contributor', PARTY_DUPLICATE: 'duplicate party', SHARE_INVALID: 'invalid share', MODE_INVALID: 'invalid mode',
  } as Record<string, string>)[code] ?? code;
}

function planProblemField(code: string): string {
  if (code === 'TEAM_SHARE_BELOW_FLOOR') return 'teamSharePercent';
  if (code.startsWith('PARTY_')) return 'otherParties';
  if (code.startsWith('CONTRIBUTOR') || code === 'NO_CONTRIBUTORS') return 'contributors';
  if (code === 'MODE_INVALID') return 'mode';
  if (code.startsWith('YEARS')) return 'years';
  return 'plan';
}
