/// <reference lib="dom" />
/**
 * End-to-end: a challenge programme (揭榜挂帅) in the built web app against a real server.
 *
 *   npx vitest run test/e2e/programmes.e2e.test.ts
 *
 * Government publishes a programme and turns three enterprise demands into one challenge (browser); team A applies in
 * the browser and team B through the API; reviewers are assigned (one of them, from team A's organisation, is
 * excluded from A automatically); a reviewer scores in the browser; government awards the challenge in the browser;
 * team A reports the first milestone with its measured indicator, and government accepts and pays it (browser).
 * Screenshots: test-output/screenshots/programmes-*.png.
 */
import { describe, expect, it } from 'vitest';
import { Api, base, chromiumMissing, consoleErrors, makeUscc, page, PASSWORD, T, textOf, useE2E, visible } from './harness.js';

const stamp = Date.now().toString(36);
const admin = { email: `admin-pg-${stamp}@e2e.test` };
const gov = { email: `gov-pg-${stamp}@e2e.test` };
const ent1 = { email: `ent1-pg-${stamp}@e2e.test`, org: `沈阳新松精密传动有限公司${stamp}` };
const ent2 = { email: `ent2-pg-${stamp}@e2e.test`, org: `大连瑞衡机器人关节有限公司${stamp}` };
const teamA = { email: `teama-pg-${stamp}@e2e.test`, org: `大连理工精密传动研究所${stamp}` };
const teamB = { email: `teamb-pg-${stamp}@e2e.test`, org: `鞍山精工减速机有限公司${stamp}` };
const reviewers = [1, 2, 3].map((i) => ({ email: `rev${i}-pg-${stamp}@e2e.test`, org: `辽宁评审专家单位${i}${stamp}` }));
const sameOrgReviewer = { email: `rev-same-pg-${stamp}@e2e.test` };
const programmeTitle = `精密传动揭榜挂帅专项 ${stamp}`;
const challengeTitle = `RV 减速器国产化揭榜 ${stamp}`;
const demandIds: string[] = [];
let teamAOrgId = '';
let challengeId = '';
let appA = '';
let appB = '';

const { shot, loginInBrowser } = useE2E({ tmpPrefix: 'tb-e2e-programmes-', adminEmail: admin.email, hideToastsInShots: true });

async function register(u: { email: string; org: string }, role: string, type: string, regionCode: string): Promise<Api & { orgId: string }> {
  const a = new Api(base) as Api & { orgId: string };
  const r = await a.ok('POST', '/api/auth/register', { email: u.email, password: PASSWORD, name: '联系人', role, organisation: { name: u.org, uscc: makeUscc(regionCode.slice(0, 4) + '00'), type, regionCode } });
  a.orgId = r.organisation?.id ?? (await a.ok('GET', '/api/auth/me')).organisation.id;
  return a;
}
async function signIn(email: string): Promise<Api> {
  const a = new Api(base);
  await a.ok('POST', '/api/auth/login', { email, password: PASSWORD });
  return a;
}
function dayFromNow(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}
const sheet = (plan: string, team: string, budget: string, industry: string) => ({ sheet: [{ key: 'plan', points: plan }, { key: 'team', points: team }, { key: 'budget', points: budget }, { key: 'industry', points: industry }] });

describe.skipIf(chromiumMissing())('TechBridge challenge programmes (揭榜挂帅)', () => {
  it('sets up government, two enterprises with three published demands, two teams and reviewers (API)', async () => {
    const adm = await signIn(admin.email);
    const govOrg = await adm.ok('POST', '/api/organisations', { name: `辽宁省科学技术厅${stamp}`, uscc: makeUscc('210000'), type: 'government', regionCode: '210000' });
    await adm.ok('POST', '/api/admin/users', { email: gov.email, password: PASSWORD, name: '省科技厅成果处', role: 'government', organisationId: govOrg.id });
    const e1 = await register(ent1, 'enterprise', 'enterprise', '210100');
    const e2 = await register(ent2, 'enterprise', 'enterprise', '210200');
    const demands: [Api, string, string][] = [
      [e1, `RV 减速器回差控制 ${stamp}`, '机器人关节RV减速器整机回差偏大，需要摆线轮高精度磨削与装配工艺，使回差不超过1 arcmin。'],
      [e1, `RV 减速器寿命验证 ${stamp}`, 'RV减速器额定寿命不足，需要材料与热处理改进，使额定寿命达到6000小时以上，并完成台架寿命试验。'],
      [e2, `精密减速器批量降本 ${stamp}`, '精密减速器进口单价8500元，需要国产化批量制造方案，使单台成本降到5000元以内，年需求2000台。'],
    ];
    for (const [api, title, description] of demands) {
      const d = await api.ok('POST', '/api/demands', { title, description, field: '先进装备制造/机器人', keywords: ['RV减速器', '精密传动'], industries: ['EQ.ROB.RED'], regionCode: '210100', modes: ['co_development'], submit: true });
      expect((await adm.ok('POST', `/api/demands/${d.id}/approve`, {})).status).toBe('published');
      demandIds.push(d.id);
    }
    const a = await register(teamA, 'institution', 'university', '210200');
    teamAOrgId = a.orgId;
    await register(teamB, 'enterprise', 'enterprise', '210300');
    for (const r of reviewers) await register(r, 'institution', 'institute', '210100');
    await adm.ok('POST', '/api/admin/users', { email: sameOrgReviewer.email, password: PASSWORD, name: '王同单位', role: 'institution', organisationId: teamAOrgId });
  });

  it('government publishes a programme and turns three demands into one challenge (browser)', async () => {
    await loginInBrowser(gov.email);
    await page.goto(`${base}/programmes/new`);
    await page.locator('#title').fill(programmeTitle);
    await page.locator('#budgetWan').fill('1000');
    await page.locator('#applyFrom').fill(dayFromNow(-1));
    await page.locator('#applyUntil').fill(dayFromNow(30));
    await page.getByRole('button', { name: /^发\s*布$/ }).click();
    await visible(page.getByRole('heading', { name: programmeTitle }));
    await page.getByRole('button', { name: /由企业需求生成榜单/ }).click();
    await page.locator('#title').fill(challengeTitle);
    await page.locator('#budgetWan').fill('300');
    const indicators: [string, string, string, string][] = [['回差', '<=', '1', 'arcmin'], ['额定寿命', '>=', '6000', 'h'], ['单台成本', '<=', '5000', '元']];
    for (const id of demandIds) {
      const row = page.locator(`tr[data-row-key="${id}"]`);
      await visible(row);
      await row.locator('input[type=checkbox]').check();
    }
    for (const [i, id] of demandIds.entries()) {
      const card = page.getByTestId(`demand-card-${i}`);
      await card.locator(`[id="d_${id}_cofundWan"]`).fill(i === 2 ? '100' : '50');
      await card.getByPlaceholder('指标名称').fill(indicators[i][0]);
      if (indicators[i][1] !== '>=') {
        await card.locator('label.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${indicators[i][1]}$`) }).click();
      }
      await card.getByPlaceholder('目标值').fill(indicators[i][2]);
      await card.getByPlaceholder('单位').fill(indicators[i][3]);
    }
    await page.getByRole('button', { name: /^发\s*布$/ }).click();
    await visible(page.getByTestId('funding'));
    expect(await textOf(page.getByTestId('funding'))).toBe('500');
    challengeId = page.url().split('/').pop()!;
    await visible(page.getByText('回差 <= 1 arcmin'));
    await shot('programmes-challenge');
  });

  it('team A applies in the browser; team B through the API', async () => {
    await loginInBrowser(teamA.email);
    await page.goto(`${base}/programmes/challenges/${challengeId}`);
    await visible(page.getByText('符合揭榜条件'));
    await page.locator('#title').fill('摆线轮成形磨削与整机装配一体化');
    await page.locator('#plan').fill('采用成形砂轮在机修整与误差补偿，整机回差≤1arcmin；渗碳淬火工艺改进使寿命≥6000h；批量工艺使成本≤5000元/台。');
    await page.locator('#budgetWan').fill('400');
    await page.locator('#team_0_name').fill('李明');
    await page.locator('#team_0_role').fill('负责人');
    await page.locator('#milestones_0_title').fill('样机与回差验证');
    await page.locator('#milestones_0_due').fill(dayFromNow(90));
    await page.locator('#milestones_0_amountWan').fill('150');
    // the first milestone is accepted against 回差 only: remove the other two preselected indicators
    const sel = page.getByTestId('milestone-0').locator('.ant-select-selection-item').filter({ hasNotText: '回差' });
    while ((await sel.count()) > 0) await sel.first().locator('.ant-select-selection-item-remove').click();
    await page.getByRole('button', { name: /添加里程碑/ }).click();
    await page.locator('#milestones_1_title').fill('寿命试验与小批量');
    await page.locator('#milestones_1_due').fill(dayFromNow(270));
    await page.locator('#milestones_1_amountWan').fill('250');
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    await page.waitForURL(/\/programmes\/applications\//, T);
    appA = page.url().split('/').pop()!;
    await visible(page.getByText('评审结果公布后可见得分'));
    await shot('programmes-application');

    const b = await signIn(teamB.email);
    appB = (await b.ok('POST', `/api/challenges/${challengeId}/applications`, {
      title: '谐波-RV 复合传动方案', plan: '以谐波-RV复合结构降低回差与成本。', budgetWan: '450', team: [{ name: '孙伟', role: '负责人' }],
      milestones: [{ title: '样机', due: dayFromNow(120), amountWan: '200', indicators: ['回差'] }, { title: '批量', due: dayFromNow(300), amountWan: '250', indicators: ['额定寿命', '单台成本'] }],
    })).id;
  });

  it('reviewers are assigned; the one from team A’s organisation is excluded; a reviewer scores in the browser', async () => {
    const g = await signIn(gov.email);
    for (const r of [...reviewers, sameOrgReviewer]) await g.ok('POST', `/api/challenges/${challengeId}/reviewers`, { email: r.email });
    const list = await g.ok('GET', `/api/challenges/${challengeId}/reviewers`);
    const same = list.find((r: { email: string }) => r.email === sameOrgReviewer.email);
    expect(same.reviews.find((x: { applicationId: string }) => x.applicationId === appA)).toMatchObject({ status: 'excluded', exclusion: [{ code: 'SAME_ORGANISATION' }] });
    await g.ok('POST', `/api/challenges/${challengeId}/close`, {});

    await loginInBrowser(reviewers[0].email);
    await page.goto(`${base}/programmes/reviews`);
    await page.getByRole('link', { name: '摆线轮成形磨削与整机装配一体化' }).click();
    await visible(page.getByTestId('score-sheet'));
    await page.locator('#plan').fill('35');
    await page.locator('#team').fill('18');
    await page.locator('#budget').fill('17');
    await page.locator('#industry').fill('18');
    await expect.poll(() => textOf(page.getByTestId('sheet-total')), T).toBe('88.00');
    await page.getByRole('button', { name: /提交评分/ }).click();
    await expect.poll(() => textOf(page.getByTestId('my-total')), T).toBe('88.00');
    await shot('programmes-score');

    // the other reviewers score through the API: A 88, 95, 70 → 88.00 (extremes dropped); B 80, 85.5, 90, 60 → 82.75
    const scores: [number, string, ReturnType<typeof sheet>][] = [[1, appA, sheet('38', '19', '19', '19')], [2, appA, sheet('28', '14', '14', '14')], [0, appB, sheet('32', '16', '16', '16')], [1, appB, sheet('34.5', '17', '17', '17')], [2, appB, sheet('36', '18', '18', '18')]];
    for (const [i, id, s] of scores) await (await signIn(reviewers[i].email)).ok('POST', `/api/applications/${id}/scores`, s);
    await (await signIn(sameOrgReviewer.email)).ok('POST', `/api/applications/${appB}/scores`, sheet('24', '12', '12', '12'));
  });

  it('government sees the aggregated scores and awards the challenge (browser)', async () => {
    await loginInBrowser(gov.email);
    await page.goto(`${base}/programmes/challenges/${challengeId}`);
    await visible(page.getByTestId('ranking-card'));
    await expect.poll(() => textOf(page.getByTestId(`mean-${appA}`).locator('b')), T).toBe('88.00');
    expect(await textOf(page.getByTestId(`mean-${appB}`).locator('b'))).toBe('82.75');
    await shot('programmes-ranking');
    await page.locator(`[data-row-key="${appA}"]`).getByRole('button', { name: /立\s*项/ }).click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await page.waitForURL(/\/programmes\/projects\//, T);
    await visible(page.getByTestId('milestone-card-1'));
  });

  it('team A reports the first milestone; government accepts it against the indicator and pays it (browser)', async () => {
    const projectUrl = page.url();
    await loginInBrowser(teamA.email);
    await page.goto(projectUrl);
    const card = page.getByTestId('milestone-card-1');
    await card.locator('#report').fill('10 台样机完成装配，第三方检测回差 0.85 arcmin。');
    await card.locator('[id="ind_回差"]').fill('0.85');
    await card.getByRole('button', { name: /提交报告/ }).click();
    await visible(card.getByTestId('status-submitted'));

    await loginInBrowser(gov.email);
    await page.goto(projectUrl);
    const c = page.getByTestId('milestone-card-1');
    await c.getByRole('button', { name: /验收通过/ }).click();
    await visible(c.getByTestId('status-accepted'));
    await c.getByRole('button', { name: /拨付 150 万元/ }).click();
    await visible(c.getByTestId('status-paid'));
    await expect.poll(() => textOf(page.getByTestId('paid-total')), T).toBe('150');
    await shot('programmes-project');
    expect(consoleErrors).toEqual([]);
  });
});
