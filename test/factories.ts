/** Factories: an organisation, a user, a demand, an achievement — sensible defaults, any field overridable. */
import { systemActor, type Actor } from '../src/kernel/auth/index.js';
import { toActor } from '../src/modules/accounts/index.js';
import { usccCheckChar, type OrganisationType } from '../src/modules/organisations/index.js';
import type { Role } from '../src/kernel/auth/index.js';
import type { ListingInput } from '../src/modules/listings/index.js';
import type { Platform } from '../src/platform.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
let seq = 0;

/** A valid 统一社会信用代码 in the given region. */
export function makeUscc(region = '210100', prefix = '91'): string {
  seq += 1;
  let body = '';
  let n = seq * 7919 + Math.floor(Math.random() * 1e6);
  for (let i = 0; i < 9; i++) {
    body += ALPHABET[n % 31];
    n = Math.floor(n / 31) + i * 13;
  }
  const first17 = `${prefix}${region}${body}`;
  return first17 + usccCheckChar(first17);
}

export const SYSTEM = systemActor('test');
export const PASSWORD = 'Test#2026pw';

export async function makeOrganisation(p: Platform, over: { name?: string; type?: OrganisationType; regionCode?: string } = {}) {
  seq += 1;
  const regionCode = over.regionCode ?? '210100';
  return p.services.organisations.create(SYSTEM, { name: over.name ?? `测试单位${seq}`, uscc: makeUscc(regionCode), type: over.type ?? 'enterprise', regionCode, industries: [] });
}

export async function makeUser(p: Platform, role: Role, over: { orgId?: string | null; orgAdmin?: boolean; email?: string; orgType?: OrganisationType } = {}): Promise<{ actor: Actor; email: string; userId: string; orgId: string | null }> {
  seq += 1;
  const orgTypeForRole: Record<Role, OrganisationType | null> = { enterprise: 'enterprise', institution: 'university', broker: 'broker_agency', service: 'pilot_base', government: 'government', admin: null };
  let orgId = over.orgId;
  if (orgId === undefined) {
    const t = over.orgType ?? orgTypeForRole[role];
    orgId = t ? (await makeOrganisation(p, { type: t })).id : null;
  }
  const email = over.email ?? `${role}${seq}-${Math.random().toString(36).slice(2, 7)}@test.techbridge.cn`;
  const row = await p.services.accounts.createUser(SYSTEM, { email, password: PASSWORD, name: `${role} 用户${seq}`, role, organisationId: orgId, orgAdmin: over.orgAdmin ?? true });
  return { actor: toActor(row, 'session'), email, userId: row.id, orgId };
}

export function demandInput(over: Partial<ListingInput> = {}): ListingInput {
  return {
    title: '工业机器人RV减速器国产化替代',
    summary: '我司年产六轴工业机器人2000台，现用进口RV减速器，需寻求回差≤1arcmin、额定寿命6000小时的国产精密减速器技术，支持小批量试制验证。',
    detail: '现有供应商报价每台8500元，交期16周；目标成本每台5000元以内。',
    field: '先进装备制造/机器人',
    keywords: ['RV减速器', '回差', '精密传动'],
    regionCode: '210100',
    modes: ['co_development'],
    minTrl: 6,
    budgetMinFen: 1_000_000 * 100,
    budgetMaxFen: 3_000_000 * 100,
    deadline: '2027-12-31',
    ...over,
  };
}

export function achievementInput(over: Partial<ListingInput> = {}): ListingInput {
  return {
    title: '高精度RV减速器摆线轮成形磨削技术',
    summary: '采用成形砂轮在机修整与误差补偿，摆线轮齿廓误差≤3μm，整机回差≤1arcmin，已完成1000台套装机验证，寿命超过6000小时。',
    detail: '修整参数：砂轮线速度35m/s，补偿模型采用三阶样条；良率98.6%。',
    field: '先进装备制造/机器人',
    keywords: ['RV减速器', '摆线轮', '成形磨削'],
    regionCode: '210200',
    modes: ['license', 'transfer'],
    trl: 7,
    priceNegotiable: false,
    priceMinFen: 2_000_000 * 100,
    priceMaxFen: 5_000_000 * 100,
    ip: [{ type: 'invention_patent', number: 'ZL201811564288.X', title: '一种摆线轮磨削方法' }],
    ...over,
  };
}

/** Creates a listing owned by `owner`'s organisation and has it approved by the platform. */
export async function makePublished(p: Platform, kind: 'demand' | 'achievement', owner: Actor, over: Partial<ListingInput> = {}) {
  const svc = kind === 'demand' ? p.services.demands : p.services.achievements;
  const input = kind === 'demand' ? demandInput(over) : achievementInput(over);
  const created = await svc.create(owner, { ...input, submit: true });
  return svc.act(SYSTEM, created.row.id, 'approve');
}
