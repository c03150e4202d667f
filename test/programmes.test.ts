/**
 * Issue 10 — challenge programmes (揭榜挂帅) over HTTP on every database in DIALECTS: government turns three
 * enterprise demands into a challenge, two teams apply (ineligible ones are told every reason), reviewers score
 * without conflicts (same organisation and declared co-authors are excluded and recorded), scores aggregate with the
 * extremes dropped, the award becomes a project whose first milestone is accepted against the indicators and paid;
 * who may see what is checked at each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makeOrganisation, makePublished, makeUser, PASSWORD } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

type U = Awaited<ReturnType<typeof makeUser>> & { cookie: string };
const sheet = (plan: string, team: string, budget: string, industry: string) => ({ sheet: [{ key: 'plan', points: plan }, { key: 'team', points: team }, { key: 'budget', points: budget }, { key: 'industry', points: industry }] });

describe.each(DIALECTS)('challenge programmes (揭榜挂帅) on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  let gov: U, e1: U, e2: U, teamA: U, teamB: U, stranger: U;
  let r1: U, r2: U, r3: U, rSameOrgA: U, rCoAuthorB: U, rUnassigned: U;
  const demandIds: string[] = [];
  let programmeId = '';
  let challengeId = '';
  let appA = '';
  let appB = '';
  let projectId = '';

  async function user(role: Parameters<typeof makeUser>[1], over: Parameters<typeof makeUser>[2] = {}): Promise<U> {
    const u = await makeUser(p, role, over);
    return { ...u, cookie: await login(app, u.email, PASSWORD) };
  }

  beforeAll(async () => {
    p = await createTestPlatform(dialect, { sessionTtlHours: 24 * 30 });
    app = await createTestApp(p);
    gov = await user('government');
    e1 = await user('enterprise');
    e2 = await user('enterprise');
    teamA = await user('institution', { orgType: 'university' });
    teamB = await user('enterprise');
    stranger = await user('institution');
    r1 = await user('institution');
    r2 = await user('institution');
    r3 = await user('enterprise');
    rSameOrgA = await user('institution', { orgId: teamA.orgId, orgAdmin: false });
    rCoAuthorB = await user('institution');
    rUnassigned = await user('institution');
    demandIds.push((await makePublished(p, 'demand', e1.actor, { title: '工业机器人RV减速器国产化替代' })).row.id);
    demandIds.push((await makePublished(p, 'demand', e1.actor, { title: 'RV减速器寿命试验与验证' })).row.id);
    demandIds.push((await makePublished(p, 'demand', e2.actor, { title: '精密减速器低成本批量制造' })).row.id);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  it('government publishes a programme; others may not', async () => {
    const body = {
      title: '2026 年辽宁省精密传动揭榜挂帅专项', budgetWan: '1000', applyFrom: '2026-11-20', applyUntil: '2026-12-31',
      schedule: [{ label: '揭榜截止', date: '2026-12-31' }, { label: '评审', date: '2027-01-15' }], rules: { regions: ['21'], worstCreditClass: 'C' }, dropExtremes: true,
    };
    expect((await call(app, 'POST', '/api/programmes', { body })).status).toBe(401);
    expect((await call(app, 'POST', '/api/programmes', { cookie: teamA.cookie, body })).json.error.code).toBe('FORBIDDEN');
    const res = await call(app, 'POST', '/api/programmes', { cookie: gov.cookie, body });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ budgetWan: '1000', dropExtremes: true, rules: { regions: ['21'], orgTypes: ['enterprise', 'university', 'institute'], excludeSeriousList: true, worstCreditClass: 'C' } });
    expect(res.json.criteria.map((c: { maxPoints: string }) => c.maxPoints)).toEqual(['40.00', '20.00', '20.00', '20.00']);
    programmeId = res.json.id;
    expect((await call(app, 'GET', '/api/programmes')).json.map((x: { id: string }) => x.id)).toContain(programmeId);
  });

  it('turns three enterprise demands into one challenge with co-funding and indicators', async () => {
    const body = {
      title: '精密RV减速器国产化揭榜', description: '整机回差、寿命与成本三项指标同时达标', budgetWan: '300',
      demands: [
        { demandId: demandIds[0], cofundWan: '50', indicators: [{ name: '回差', unit: 'arcmin', target: '1', comparator: '<=' }] },
        { demandId: demandIds[1], cofundWan: '50', indicators: [{ name: '额定寿命', unit: 'h', target: '6000', comparator: '>=' }] },
        { demandId: demandIds[2], cofundWan: '100', indicators: [{ name: '单台成本', unit: '元', target: '5000', comparator: '<=' }] },
      ],
    };
    // a draft demand cannot be used; the programme budget caps the challenges
    const draft = await p.services.demands.create(e1.actor, { title: '未发布的需求', summary: '尚未提交审核的技术需求，用于验证只能由已发布需求生成榜单。', field: '先进装备制造', keywords: [], regionCode: '210100', modes: [] } as never);
    const bad = await call(app, 'POST', `/api/programmes/${programmeId}/challenges`, { cookie: gov.cookie, body: { ...body, demands: [...body.demands, { demandId: draft.row.id, cofundWan: '1', indicators: [{ name: 'x', unit: '', target: '1', comparator: '=' }] }] } });
    expect(bad.json.error).toMatchObject({ code: 'CHALLENGE_DEMAND_INVALID', fields: [{ field: 'demands.3.demandId' }] });
    expect((await call(app, 'POST', `/api/programmes/${programmeId}/challenges`, { cookie: gov.cookie, body: { ...body, budgetWan: '1000.01' } })).json.error.code).toBe('PROGRAMME_BUDGET_EXCEEDED');
    expect((await call(app, 'POST', `/api/programmes/${programmeId}/challenges`, { cookie: e1.cookie, body })).status).toBe(403);

    const res = await call(app, 'POST', `/api/programmes/${programmeId}/challenges`, { cookie: gov.cookie, body });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'open', budgetWan: '300', cofundWan: '200', fundingWan: '500' });
    expect(res.json.demands.map((d: { organisationId: string }) => d.organisationId)).toEqual([e1.orgId, e1.orgId, e2.orgId]);
    challengeId = res.json.id;
    const pub = await call(app, 'GET', `/api/challenges/${challengeId}`);
    expect(pub.status).toBe(200);
    expect(pub.json.challenge).toMatchObject({ applications: 0, award: null });
    const audit = await p.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', challengeId).execute();
    expect(audit.map((a) => a.action)).toContain('programme.challenge.create');
  });

  it('checks eligibility automatically and lists every failing reason', async () => {
    const beijing = await makeOrganisation(p, { type: 'institute', regionCode: '110000' });
    const bj = await user('institution', { orgId: beijing.id });
    const check = await call(app, 'GET', `/api/challenges/${challengeId}/eligibility?budgetWan=600`, { cookie: bj.cookie });
    expect(check.json.eligible).toBe(false);
    expect(check.json.reasons.map((r: { code: string }) => r.code)).toEqual(['REGION_NOT_ALLOWED', 'BUDGET_OVER_FUNDING']);

    // a team on the serious list (credit supervision) is refused with that reason
    const listed = await user('enterprise');
    await call(app, 'POST', '/api/credit/records', { cookie: gov.cookie, body: { organisationId: listed.orgId, kind: 'serious_list', detail: { legalBasis: '《企业信息公示暂行条例》第十八条' }, source: { type: 'authority', name: '辽宁省市场监督管理局' }, date: '2026-10-01' } });
    const application = {
      title: '摆线轮成形磨削与整机装配一体化方案', plan: '采用成形砂轮在机修整与误差补偿，整机回差≤1arcmin，寿命≥6000h，批量成本≤5000元/台。', budgetWan: '400',
      team: [{ name: '李明', title: '教授', role: '负责人', email: 'liming@dlut.edu.cn' }, { name: '赵强', title: '副教授', role: '工艺' }],
      milestones: [
        { title: '样机与回差验证', due: '2027-03-31', amountWan: '150', deliverable: '10 台样机与第三方检测报告', indicators: ['回差'] },
        { title: '寿命试验与小批量', due: '2027-09-30', amountWan: '250', deliverable: '寿命试验报告、200 台小批量', indicators: ['额定寿命', '单台成本'] },
      ],
    };
    const refused = await call(app, 'POST', `/api/challenges/${challengeId}/applications`, { cookie: listed.cookie, body: application });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('PROGRAMME_NOT_ELIGIBLE');
    expect(refused.json.error.fields.map((f: { code: string }) => f.code)).toContain('SERIOUS_LIST');
    expect(refused.json.error.message).toContain('严重违法失信名单');
    const bjRefused = await call(app, 'POST', `/api/challenges/${challengeId}/applications`, { cookie: bj.cookie, body: application, headers: { 'accept-language': 'en' } });
    expect(bjRefused.json.error.fields.map((f: { code: string }) => f.code)).toEqual(['REGION_NOT_ALLOWED']);
    expect(bjRefused.json.error.message).toContain('110000');
    // the enterprise that set the task cannot take it; a broker is not a team
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/applications`, { cookie: e1.cookie, body: application })).json.error.fields.map((f: { code: string }) => f.code)).toEqual(['OWN_CHALLENGE']);
    const broker = await user('broker');
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/applications`, { cookie: broker.cookie, body: application })).status).toBe(403);
    // milestones over the budget, or naming an indicator the challenge does not have
    const over = await call(app, 'POST', `/api/challenges/${challengeId}/applications`, { cookie: teamA.cookie, body: { ...application, budgetWan: '300' } });
    expect(over.json.error.fields.map((f: { code: string }) => f.code)).toEqual(['MILESTONES_OVER_BUDGET']);
    const unknown = await call(app, 'POST', `/api/challenges/${challengeId}/applications`, { cookie: teamA.cookie, body: { ...application, milestones: [{ ...application.milestones[0], indicators: ['噪声'] }] } });
    expect(unknown.json.error.fields[0].field).toBe('milestones.0.indicators');

    // two teams apply
    const a = await call(app, 'POST', `/api/challenges/${challengeId}/applications`, { cookie: teamA.cookie, body: application });
    expect(a.status).toBe(201);
    expect(a.json).toMatchObject({ status: 'submitted', budgetWan: '400', eligibility: { eligible: true, reasons: [] } });
    appA = a.json.id;
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/applications`, { cookie: teamA.cookie, body: application })).json.error.fields.map((f: { code: string }) => f.code)).toEqual(['ALREADY_APPLIED']);
    const b = await call(app, 'POST', `/api/challenges/${challengeId}/applications`, {
      cookie: teamB.cookie,
      body: { ...application, title: '谐波-RV 复合传动方案', budgetWan: '450', team: [{ name: '孙伟', role: '负责人' }], coAuthors: [rCoAuthorB.email], milestones: [{ ...application.milestones[0], amountWan: '200' }, { ...application.milestones[1], amountWan: '250' }] },
    });
    expect(b.status).toBe(201);
    appB = b.json.id;
  });

  it('assigns reviewers and excludes conflicts automatically, with the reason recorded', async () => {
    for (const r of [r1, r2, r3, rSameOrgA, rCoAuthorB]) {
      const res = await call(app, 'POST', `/api/challenges/${challengeId}/reviewers`, { cookie: gov.cookie, body: { email: r.email } });
      expect(res.status).toBe(201);
    }
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/reviewers`, { cookie: gov.cookie, body: { userId: r1.userId } })).json.error.code).toBe('REVIEWER_ALREADY_ASSIGNED');
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/reviewers`, { cookie: teamA.cookie, body: { userId: r1.userId } })).status).toBe(403);
    const list = await call(app, 'GET', `/api/challenges/${challengeId}/reviewers`, { cookie: gov.cookie });
    const of = (u: U) => list.json.find((x: { userId: string }) => x.userId === u.userId).reviews as { applicationId: string; status: string; exclusion: { code: string }[] }[];
    expect(of(rSameOrgA).find((x) => x.applicationId === appA)).toMatchObject({ status: 'excluded', exclusion: [{ code: 'SAME_ORGANISATION' }] });
    expect(of(rSameOrgA).find((x) => x.applicationId === appB)?.status).toBe('assigned');
    expect(of(rCoAuthorB).find((x) => x.applicationId === appB)).toMatchObject({ status: 'excluded', exclusion: [{ code: 'DECLARED_CO_AUTHOR' }] });
    expect(of(r1).every((x) => x.status === 'assigned')).toBe(true);
    const audit = await p.ctx.db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', '=', 'programme.review.exclude').execute();
    expect(audit).toHaveLength(2);
    // an application arriving after the assignment is checked too: r1's colleague applies, r1 is excluded from it
    const colleague = await user('institution', { orgId: r1.orgId, orgAdmin: false });
    const late = await call(app, 'POST', `/api/challenges/${challengeId}/applications`, {
      cookie: colleague.cookie, body: { title: '迟到的方案', plan: '方案', budgetWan: '10', team: [{ name: '周一' }], milestones: [{ title: '样机', due: '2027-06-30', amountWan: '10' }] },
    });
    expect(late.status).toBe(201);
    const again = await call(app, 'GET', `/api/challenges/${challengeId}/reviewers`, { cookie: gov.cookie });
    expect(again.json.find((x: { userId: string }) => x.userId === r1.userId).reviews.find((x: { applicationId: string }) => x.applicationId === late.json.id)).toMatchObject({ status: 'excluded', exclusion: [{ code: 'SAME_ORGANISATION' }] });
    expect((await call(app, 'POST', `/api/applications/${late.json.id}/withdraw`, { cookie: teamA.cookie, body: {} })).status).toBe(404);
    expect((await call(app, 'POST', `/api/applications/${late.json.id}/withdraw`, { cookie: colleague.cookie, body: {} })).json.status).toBe('withdrawn');
    // the reviewer is told
    const notes = await call(app, 'GET', '/api/notifications', { cookie: r1.cookie });
    expect(JSON.stringify(notes.json)).toContain('评审任务');
  });

  it('a reviewer sees only the applications assigned to them; a team never sees another team’s', async () => {
    const mine = await call(app, 'GET', '/api/applications?scope=review', { cookie: rSameOrgA.cookie });
    expect(mine.json.map((x: { id: string }) => x.id)).toEqual([appB]);
    // rSameOrgA is in team A's organisation, so it reads team A's application as a member — but may not score it
    expect((await call(app, 'GET', `/api/applications/${appA}`, { cookie: rSameOrgA.cookie })).json.access).toBe('team');
    expect((await call(app, 'GET', `/api/applications/${appB}`, { cookie: rCoAuthorB.cookie })).status).toBe(404);
    expect((await call(app, 'GET', `/api/applications/${appA}`, { cookie: rUnassigned.cookie })).status).toBe(404);
    expect((await call(app, 'GET', '/api/applications?scope=review', { cookie: rUnassigned.cookie })).json).toEqual([]);
    expect((await call(app, 'GET', `/api/applications/${appB}`, { cookie: teamA.cookie })).status).toBe(404);
    expect((await call(app, 'GET', `/api/applications/${appA}`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await call(app, 'GET', `/api/applications/${appA}`)).status).toBe(401);
    expect((await call(app, 'GET', '/api/applications?scope=mine', { cookie: teamA.cookie })).json.map((x: { id: string }) => x.id)).toEqual([appA]);
    expect((await call(app, 'GET', `/api/applications?scope=challenge&challenge=${challengeId}`, { cookie: teamA.cookie })).status).toBe(403);
    expect((await call(app, 'GET', `/api/challenges/${challengeId}/ranking`, { cookie: teamA.cookie })).status).toBe(403);
    expect((await call(app, 'GET', `/api/challenges/${challengeId}/ranking`, { cookie: r1.cookie })).status).toBe(403);
  });

  it('reviewers score after applications close; excluded and unassigned reviewers cannot', async () => {
    expect((await call(app, 'POST', `/api/applications/${appA}/scores`, { cookie: r1.cookie, body: sheet('35', '18', '17', '18') })).json.error.code).toBe('CHALLENGE_STATE_INVALID');
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/close`, { cookie: teamA.cookie, body: {} })).status).toBe(403);
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/close`, { cookie: gov.cookie, body: {} })).json.status).toBe('review');
    // applications are closed now
    const late = await user('institution');
    expect((await call(app, 'GET', `/api/challenges/${challengeId}/eligibility`, { cookie: late.cookie })).json.reasons.map((r: { code: string }) => r.code)).toEqual(['CHALLENGE_NOT_OPEN']);

    const score = (u: U, id: string, s: ReturnType<typeof sheet>) => call(app, 'POST', `/api/applications/${id}/scores`, { cookie: u.cookie, body: s });
    expect((await score(rSameOrgA, appA, sheet('40', '20', '20', '20'))).json.error.code).toBe('REVIEWER_EXCLUDED');
    expect((await score(rCoAuthorB, appB, sheet('40', '20', '20', '20'))).json.error.code).toBe('REVIEWER_EXCLUDED');
    expect((await score(rUnassigned, appA, sheet('40', '20', '20', '20'))).status).toBe(404);
    expect((await score(teamA, appA, sheet('40', '20', '20', '20'))).status).toBe(403);
    const over = await score(r1, appA, sheet('40.5', '20', '20', '20'));
    expect(over.json.error.fields[0].field).toBe('sheet.plan');
    expect((await score(r1, appA, { sheet: sheet('35', '18', '17', '18').sheet.slice(0, 3) })).json.error.fields[0].field).toBe('sheet.industry');

    // team A: 88, 95, 70, 85 → drop 95 and 70 → (88 + 85) / 2 = 86.50
    expect((await score(r1, appA, sheet('35', '18', '17', '18'))).json.total).toBe('88.00');
    await score(r2, appA, sheet('38', '19', '19', '19'));
    await score(r3, appA, sheet('28', '14', '14', '14'));
    // a reviewer may revise until the award: first 80, then 85
    await score(rCoAuthorB, appA, sheet('32', '16', '16', '16'));
    expect((await score(rCoAuthorB, appA, sheet('34', '17', '17', '17'))).json.total).toBe('85.00');
    // team B: 80, 85.5, 90, 60 → drop 90 and 60 → (80 + 85.5) / 2 = 82.75
    await score(r1, appB, sheet('32', '16', '16', '16'));
    await score(r2, appB, sheet('34.5', '17', '17', '17'));
    await score(r3, appB, sheet('36', '18', '18', '18'));
    await score(rSameOrgA, appB, sheet('24', '12', '12', '12'));

    // a reviewer sees only their own sheet
    const asR1 = await call(app, 'GET', `/api/applications/${appA}`, { cookie: r1.cookie });
    expect(asR1.json.access).toBe('reviewer');
    expect(asR1.json.aggregate).toBeNull();
    expect(asR1.json.reviews.map((r: { reviewerUserId: string }) => r.reviewerUserId)).toEqual([r1.userId]);
    // the team sees no score before publication
    const asTeam = await call(app, 'GET', `/api/applications/${appA}`, { cookie: teamA.cookie });
    expect(asTeam.json).toMatchObject({ access: 'team', aggregate: null, reviews: [], resultsPublished: false });

    const ranking = await call(app, 'GET', `/api/challenges/${challengeId}/ranking`, { cookie: gov.cookie });
    expect(ranking.json.map((r: { application: { id: string }; aggregate: { mean: string }; rank: number }) => [r.application.id, r.aggregate.mean, r.rank])).toEqual([[appA, '86.50', 1], [appB, '82.75', 2]]);
    expect(ranking.json[0]).toMatchObject({ excluded: 1, pending: 0, aggregate: { count: 4, used: 2, dropped: { highest: '95.00', lowest: '70.00' } } });
  });

  it('awards the challenge: a project with the milestones; results published to the teams', async () => {
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/award`, { cookie: gov.cookie, body: { applicationId: appA, awardedWan: '350' } })).json.error.code).toBe('AWARD_AMOUNT_INVALID');
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/award`, { cookie: teamA.cookie, body: { applicationId: appA } })).status).toBe(403);
    const award = await call(app, 'POST', `/api/challenges/${challengeId}/award`, { cookie: gov.cookie, body: { applicationId: appA } });
    expect(award.status).toBe(201);
    expect(award.json).toMatchObject({ awardedWan: '400', status: 'active', organisationId: teamA.orgId });
    projectId = award.json.id;
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/award`, { cookie: gov.cookie, body: { applicationId: appB } })).json.error.code).toBe('CHALLENGE_STATE_INVALID');
    expect((await call(app, 'POST', `/api/applications/${appB}/scores`, { cookie: r1.cookie, body: sheet('40', '20', '20', '20') })).json.error.code).toBe('CHALLENGE_STATE_INVALID');
    expect(JSON.stringify((await call(app, 'GET', '/api/notifications', { cookie: teamA.cookie })).json)).toContain('揭榜成功');
    const decided = await p.ctx.db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', 'like', 'programme.application.%award%').execute();
    expect(decided.map((a) => [a.action, a.subject_id]).sort()).toEqual([['programme.application.award', appA], ['programme.application.not_awarded', appB]]);

    // before publication: still no score for the teams, no award on the public page
    expect((await call(app, 'GET', `/api/applications/${appB}`, { cookie: teamB.cookie })).json.aggregate).toBeNull();
    expect((await call(app, 'GET', `/api/challenges/${challengeId}`)).json.challenge.award).toBeNull();
    expect((await call(app, 'POST', `/api/challenges/${challengeId}/publish`, { cookie: gov.cookie, body: {} })).json.resultsPublishedAt).toBeTruthy();
    const b = await call(app, 'GET', `/api/applications/${appB}`, { cookie: teamB.cookie });
    expect(b.json).toMatchObject({ resultsPublished: true, aggregate: { mean: '82.75' }, reviews: [], application: { status: 'not_awarded' } });
    expect((await call(app, 'GET', `/api/applications/${appA}`, { cookie: teamB.cookie })).status).toBe(404);
    expect((await call(app, 'GET', `/api/applications/${appA}`, { cookie: teamA.cookie })).json).toMatchObject({ aggregate: { mean: '86.50' }, application: { status: 'awarded' } });
    expect((await call(app, 'GET', `/api/challenges/${challengeId}`)).json.challenge).toMatchObject({ status: 'awarded', applications: 2, award: { organisationId: teamA.orgId, awardedWan: '400', projectId } });
  });

  it('milestones: report → accept against the indicators → pay; never more than awarded', async () => {
    const proj = await call(app, 'GET', `/api/projects/${projectId}`, { cookie: teamA.cookie });
    expect(proj.status).toBe(200);
    expect(proj.json.milestones.map((m: { amountWan: string; status: string }) => [m.amountWan, m.status])).toEqual([['150', 'planned'], ['250', 'planned']]);
    expect(proj.json.milestones[0].indicators).toEqual([{ name: '回差', unit: 'arcmin', target: '1', comparator: '<=' }]);
    expect((await call(app, 'GET', `/api/projects/${projectId}`, { cookie: teamB.cookie })).status).toBe(404);
    expect((await call(app, 'GET', '/api/projects', { cookie: teamB.cookie })).json).toEqual([]);
    const m1 = proj.json.milestones[0].id;
    const act = (u: U, action: string, body: object = {}) => call(app, 'POST', `/api/projects/${projectId}/milestones/${m1}/${action}`, { cookie: u.cookie, body });

    expect((await act(gov, 'accept')).json.error.code).toBe('MILESTONE_STATE_INVALID');
    expect((await act(gov, 'report', { report: 'x' })).json.error.code).toBe('MILESTONE_NOT_YOURS');
    expect((await act(teamA, 'report', { report: '10 台样机完成', values: [{ name: '回差', value: '1.2' }] })).json.status).toBe('submitted');
    const notMet = await act(gov, 'accept');
    expect(notMet.json.error.code).toBe('MILESTONE_INDICATORS_NOT_MET');
    expect(notMet.json.error.message).toContain('实测 1.2');
    expect((await act(gov, 'return', {})).json.error.code).toBe('MILESTONE_REASON_REQUIRED');
    expect((await act(gov, 'return', { reason: '回差未达到 1 arcmin' })).json).toMatchObject({ status: 'returned', returnReason: '回差未达到 1 arcmin' });
    expect((await act(teamA, 'report', { report: '修形后复测', values: [{ name: '回差', value: '0.85' }] })).json.status).toBe('submitted');
    expect((await act(teamA, 'accept')).json.error.code).toBe('MILESTONE_NOT_YOURS');
    const accepted = await act(gov, 'accept');
    expect(accepted.json).toMatchObject({ status: 'accepted', acceptance: [{ name: '回差', value: '0.85', met: true }] });
    expect((await act(teamA, 'pay')).json.error.code).toBe('MILESTONE_NOT_YOURS');
    const paid = await act(gov, 'pay', { date: '2026-12-05' });
    expect(paid.json).toMatchObject({ status: 'paid', paidWan: '150', paidOn: '2026-12-05' });
    expect((await act(gov, 'pay')).json.error.code).toBe('MILESTONE_STATE_INVALID');
    const after = await call(app, 'GET', `/api/projects/${projectId}`, { cookie: gov.cookie });
    expect(after.json).toMatchObject({ paidWan: '150', project: { status: 'active' } });
    expect(JSON.stringify((await call(app, 'GET', '/api/notifications', { cookie: teamA.cookie })).json)).toContain('经费已拨付');
    const audit = await p.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', m1).execute();
    expect(audit.map((a) => a.action)).toEqual(['programme.milestone.report', 'programme.milestone.return', 'programme.milestone.report', 'programme.milestone.accept', 'programme.milestone.pay']);
  });

  it('links the outcome to a deal of the team and a registered contract of that deal', async () => {
    const other = await p.services.deals.openConcluded({ buyerOrgId: e2.orgId!, sellerOrgId: stranger.orgId!, mode: 'tender', amountFen: 1, title: '无关交易', industry: null, cityCode: null });
    expect((await call(app, 'PUT', `/api/projects/${projectId}/outcome`, { cookie: gov.cookie, body: { dealId: other.id } })).json.error.code).toBe('PROJECT_DEAL_UNRELATED');
    expect((await call(app, 'PUT', `/api/projects/${projectId}/outcome`, { cookie: gov.cookie, body: { dealId: 'nope' } })).json.error.code).toBe('PROJECT_DEAL_UNRELATED');
    const deal = await p.services.deals.openConcluded({ demandId: demandIds[0], buyerOrgId: e1.orgId!, sellerOrgId: teamA.orgId!, mode: 'tender', amountFen: 400_000_000, title: '揭榜成果产业化', industry: null, cityCode: '210100' });
    // the parties negotiated and signed outside this test: set the deal's stage to contract_signed directly
    await p.ctx.db.updateTable('deals').set({ stage: 'contract_signed' }).where('id', '=', deal.id).execute();
    const contract = await call(app, 'POST', '/api/contracts', {
      cookie: teamA.cookie,
      body: {
        dealId: deal.id, title: 'RV 减速器摆线轮磨削技术普通许可合同', type: 'license', subtype: 'ordinary', licenseObject: 'patent', amountWan: '400', signDate: '2026-11-26',
      },
    });
    expect(contract.status, contract.body).toBe(201);
    expect((await call(app, 'PUT', `/api/projects/${projectId}/outcome`, { cookie: teamA.cookie, body: { dealId: deal.id, contractId: contract.json.id } })).json.error.code).toBe('PROJECT_CONTRACT_NOT_REGISTERED');
    await call(app, 'POST', `/api/contracts/${contract.json.id}/submit`, { cookie: teamA.cookie, body: {} });
    expect((await call(app, 'POST', `/api/contracts/${contract.json.id}/register`, { cookie: gov.cookie, body: {} })).json.status).toBe('registered');
    expect((await call(app, 'PUT', `/api/projects/${projectId}/outcome`, { cookie: teamB.cookie, body: { dealId: deal.id, contractId: contract.json.id } })).status).toBe(404);
    const linked = await call(app, 'PUT', `/api/projects/${projectId}/outcome`, { cookie: teamA.cookie, body: { dealId: deal.id, contractId: contract.json.id } });
    expect(linked.json).toMatchObject({ dealId: deal.id, contractId: contract.json.id });
    expect((await call(app, 'GET', `/api/projects/${projectId}`, { cookie: gov.cookie })).json.dealStage).toBe('registered');
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await call(app, 'GET', '/docs/json')).json;
    for (const path of ['/api/programmes', '/api/challenges/{id}/applications', '/api/applications/{id}/scores', '/api/projects/{id}/milestones/{milestoneId}/{action}']) expect(doc.paths[path], path).toBeTruthy();
    expect(doc.paths['/api/challenges/{id}/ranking'].get.responses['200']).toBeTruthy();
  });
});
