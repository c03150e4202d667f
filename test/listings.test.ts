import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { achievementInput, demandInput, makePublished, makeUser, PASSWORD, SYSTEM } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

const SECRET = '保密参数：砂轮线速度35m/s';

describe.each(DIALECTS)('demands and achievements on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  let enterprise: Awaited<ReturnType<typeof makeUser>>;
  let enterpriseCookie: string;
  let institution: Awaited<ReturnType<typeof makeUser>>;
  let institutionCookie: string;
  let third: Awaited<ReturnType<typeof makeUser>>;
  let thirdCookie: string;
  let adminCookie: string;

  beforeAll(async () => {
    p = await createTestPlatform(dialect);
    app = await createTestApp(p);
    enterprise = await makeUser(p, 'enterprise');
    institution = await makeUser(p, 'institution');
    third = await makeUser(p, 'enterprise');
    const admin = await makeUser(p, 'admin', { orgId: null });
    [enterpriseCookie, institutionCookie, thirdCookie, adminCookie] = await Promise.all([
      login(app, enterprise.email, PASSWORD), login(app, institution.email, PASSWORD), login(app, third.email, PASSWORD), login(app, admin.email, PASSWORD),
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  const demandBody = (over: Record<string, unknown> = {}) => ({
    title: '冷轧带钢表面缺陷在线检测',
    description: '我司冷轧产线速度600m/min，需要对带钢表面划伤、辊印、孔洞进行在线检测，漏检率≤1%，误报率≤3%，可与现有MES对接。',
    detail: '现有检测设备为进口品牌，年维护费120万元。',
    industries: [],
    field: '冶金新材料/钢铁',
    keywords: ['表面缺陷', '机器视觉', '冷轧'],
    regionCode: '210300',
    modes: ['co_development'],
    minTrl: 6,
    budgetMinWan: '80',
    budgetMaxWan: '150.5',
    deadline: '2027-06-30',
    ...over,
  });

  it('walks a demand through draft → submitted → published with admin review, keeping money exact', async () => {
    const created = await call(app, 'POST', '/api/demands', { cookie: enterpriseCookie, body: demandBody() });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'draft', budgetMaxWan: '150.5', budgetMinWan: '80', owner: true, detail: demandBody().detail });
    expect(created.json.industries.length).toBeGreaterThan(0); // classified from the field label
    expect(created.json.actions).toContain('submit');
    const id = created.json.id;
    expect((await call(app, 'GET', `/api/demands/${id}`)).status).toBe(404); // drafts are invisible to the public
    expect((await call(app, 'POST', `/api/demands/${id}/submit`, { cookie: enterpriseCookie, body: {} })).json.status).toBe('submitted');
    expect((await call(app, 'POST', `/api/demands/${id}/approve`, { cookie: enterpriseCookie, body: {} })).status).toBe(403);
    const queue = await call(app, 'GET', '/api/demands?scope=review', { cookie: adminCookie });
    expect(queue.json.items.map((d: { id: string }) => d.id)).toContain(id);
    expect((await call(app, 'GET', '/api/demands?scope=review', { cookie: enterpriseCookie })).status).toBe(403);
    const noReason = await call(app, 'POST', `/api/demands/${id}/reject`, { cookie: adminCookie, body: {} });
    expect(noReason.json.error.code).toBe('LISTING_REASON_REQUIRED');
    const published = await call(app, 'POST', `/api/demands/${id}/approve`, { cookie: adminCookie, body: {} });
    expect(published.json.status).toBe('published');
    expect(published.json.publishedAt).toBeTruthy();
    const row = await p.ctx.db.selectFrom('demands').select(['budget_max_fen']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.budget_max_fen).toBe(150_500_000);
    const audit = await p.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['demand.create', 'demand.submit', 'demand.approve']);
  });

  it('shows anonymous visitors and other organisations only the public summary, everywhere', async () => {
    const view = await makePublished(p, 'achievement', institution.actor, { detail: SECRET, title: '摆线轮成形磨削保密测试' });
    const id = view.row.id;
    for (const cookie of [undefined, thirdCookie, enterpriseCookie]) {
      const one = await call(app, 'GET', `/api/achievements/${id}`, { cookie });
      expect(one.status).toBe(200);
      expect(one.json.detail).toBeNull();
      expect(one.json.detailVisible).toBe(false);
      expect(one.json.hasDetail).toBe(true);
      const list = await call(app, 'GET', '/api/achievements?q=摆线轮', { cookie });
      expect(list.json.items.some((a: { id: string }) => a.id === id)).toBe(true);
      expect(list.body).not.toContain('砂轮线速度');
      for (const format of ['jsonl', 'csv']) {
        const exp = await call(app, 'GET', `/api/achievements/export?format=${format}`, { cookie });
        expect(exp.status).toBe(200);
        expect(exp.body).toContain('摆线轮成形磨削保密测试');
        expect(exp.body).not.toContain('砂轮线速度');
      }
    }
    // searching for words that appear only in the confidential detail finds nothing
    expect((await call(app, 'GET', '/api/achievements?q=砂轮线速度')).json.total).toBe(0);
    const owner = await call(app, 'GET', `/api/achievements/${id}`, { cookie: institutionCookie });
    expect(owner.json.detail).toBe(SECRET);
    const admin = await call(app, 'GET', `/api/achievements/${id}`, { cookie: adminCookie });
    expect(admin.json.detail).toBe(SECRET);
  });

  it('reveals the detail to the requesting organisation only after the NDA is approved and accepted', async () => {
    const view = await makePublished(p, 'achievement', institution.actor, { detail: SECRET, title: 'NDA 流程测试成果' });
    const id = view.row.id;
    const req = await call(app, 'POST', '/api/ndas', { cookie: enterpriseCookie, body: { listingKind: 'achievement', listingId: id, message: '拟用于产线' } });
    expect(req.status).toBe(201);
    expect(req.json.status).toBe('requested');
    expect((await call(app, 'POST', '/api/ndas', { cookie: enterpriseCookie, body: { listingKind: 'achievement', listingId: id } })).json.error.code).toBe('NDA_ALREADY_REQUESTED');
    expect((await call(app, 'POST', '/api/ndas', { cookie: institutionCookie, body: { listingKind: 'achievement', listingId: id } })).json.error.code).toBe('NDA_OWN_LISTING');
    // neither the requester nor a third party can approve it
    expect((await call(app, 'POST', `/api/ndas/${req.json.id}/approve`, { cookie: enterpriseCookie })).status).toBe(403);
    expect((await call(app, 'POST', `/api/ndas/${req.json.id}/approve`, { cookie: thirdCookie })).status).toBe(404);
    const incoming = await call(app, 'GET', '/api/ndas?direction=incoming', { cookie: institutionCookie });
    expect(incoming.json.map((n: { id: string }) => n.id)).toContain(req.json.id);
    expect((await call(app, 'POST', `/api/ndas/${req.json.id}/approve`, { cookie: institutionCookie })).json.status).toBe('approved');
    // approved is not yet accepted: still hidden
    expect((await call(app, 'GET', `/api/achievements/${id}`, { cookie: enterpriseCookie })).json.detail).toBeNull();
    const text = await call(app, 'GET', '/api/ndas/text');
    expect((await call(app, 'POST', `/api/ndas/${req.json.id}/accept`, { cookie: enterpriseCookie, body: { ndaVersion: 'NDA-1999' } })).json.error.code).toBe('NDA_VERSION_MISMATCH');
    const accepted = await call(app, 'POST', `/api/ndas/${req.json.id}/accept`, { cookie: enterpriseCookie, body: { ndaVersion: text.json.version } });
    expect(accepted.json).toMatchObject({ status: 'accepted', ndaVersion: text.json.version });
    expect(accepted.json.acceptedAt).toBeTruthy();
    const visible = await call(app, 'GET', `/api/achievements/${id}`, { cookie: enterpriseCookie });
    expect(visible.json.detail).toBe(SECRET);
    expect(visible.json.detailVisible).toBe(true);
    const exp = await call(app, 'GET', '/api/achievements/export?format=jsonl', { cookie: enterpriseCookie });
    const line = exp.body.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((r) => r.title === 'NDA 流程测试成果');
    expect(line.detail).toBe(SECRET);
    // a third organisation still sees nothing
    expect((await call(app, 'GET', `/api/achievements/${id}`, { cookie: thirdCookie })).json.detail).toBeNull();
    const audit = await p.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', req.json.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['nda.request', 'nda.approved', 'nda.accepted']);
  });

  it('refuses edits by another organisation and anonymous users', async () => {
    const view = await makePublished(p, 'demand', enterprise.actor);
    const id = view.row.id;
    const other = await call(app, 'PATCH', `/api/demands/${id}`, { cookie: thirdCookie, body: { title: '被篡改的标题' } });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('FORBIDDEN');
    expect((await call(app, 'PATCH', `/api/demands/${id}`, { body: { title: '匿名篡改' } })).status).toBe(401);
    expect((await call(app, 'POST', `/api/demands/${id}/close`, { cookie: thirdCookie, body: {} })).status).toBe(403);
    expect((await call(app, 'GET', `/api/demands/${id}`)).json.title).toBe(view.row.title);
  });

  it('sends a published listing back to review when its owner edits it, with optimistic concurrency', async () => {
    const view = await makePublished(p, 'demand', enterprise.actor);
    const id = view.row.id;
    const stale = await call(app, 'PATCH', `/api/demands/${id}`, { cookie: enterpriseCookie, body: { title: '新标题：带钢缺陷检测', version: 1 } });
    expect(stale.json.error.code).toBe('CONFLICT');
    const edited = await call(app, 'PATCH', `/api/demands/${id}`, { cookie: enterpriseCookie, body: { title: '新标题：带钢缺陷检测', version: view.row.version } });
    expect(edited.status).toBe(200);
    expect(edited.json.status).toBe('draft');
    expect((await call(app, 'GET', `/api/demands/${id}`)).status).toBe(404);
  });

  it('blocks submission when the quality checklist has errors and explains each', async () => {
    const created = await call(app, 'POST', '/api/achievements', { cookie: institutionCookie, body: { title: '新技术', summary: '很好的技术', regionCode: null } });
    expect(created.status).toBe(201);
    const codes = created.json.quality.map((q: { code: string }) => q.code);
    expect(codes).toEqual(expect.arrayContaining(['title_short', 'summary_missing', 'no_region', 'no_industry', 'no_trl', 'no_ip']));
    const submit = await call(app, 'POST', `/api/achievements/${created.json.id}/submit`, { cookie: institutionCookie, body: {} });
    expect(submit.status).toBe(400);
    expect(submit.json.error.code).toBe('LISTING_QUALITY_BLOCKED');
    expect(submit.json.error.message).toContain('请选择所在地区');
    expect(submit.json.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['title', 'summary', 'regionCode', 'industries']));
  });

  it('validates patents, TRL, money and modes at the edge with field names', async () => {
    const bad = async (body: Record<string, unknown>) => (await call(app, 'POST', '/api/achievements', { cookie: institutionCookie, body: { ...achievementBody(), ...body } })).json.error;
    const achievementBody = () => ({ title: '测试成果标题足够长', summary: achievementInput().summary, regionCode: '210200' });
    expect((await bad({ ip: [{ type: 'invention_patent', number: '201811564288.1' }] })).fields[0].field).toBe('ip.0.number');
    expect((await bad({ ip: [{ type: 'utility_patent', number: 'ZL201811564288.X' }] })).fields[0].field).toBe('ip.0.type');
    const trl = await bad({ trl: 10 });
    expect(trl.fields.map((f: { field: string }) => f.field)).toEqual(['trl']); // one message per field, not one per union branch
    expect((await bad({ priceMinWan: '12.3.4' })).fields[0].field).toBe('priceMinWan');
    expect((await bad({ priceMinWan: '50', priceMaxWan: '10' })).fields[0].field).toBe('priceMinWan');
    expect((await bad({ modes: ['barter'] })).fields[0].field).toMatch(/^modes/);
    expect((await bad({ industries: ['NOPE.X'] })).fields[0].field).toBe('industries');
    const d = await call(app, 'POST', '/api/demands', { cookie: enterpriseCookie, body: demandBody({ deadline: '2020-01-01' }) });
    expect(d.json.error.fields[0].field).toBe('deadline');
    // a government user cannot publish demands; anonymous users cannot publish at all
    const gov = await makeUser(p, 'government');
    expect((await call(app, 'POST', '/api/demands', { cookie: await login(app, gov.email, PASSWORD), body: demandBody() })).json.error.code).toBe('LISTING_ROLE_NOT_ALLOWED');
    expect((await call(app, 'POST', '/api/demands', { body: demandBody() })).status).toBe(401);
  });

  it('filters and paginates the public market', async () => {
    const owner = await makeUser(p, 'institution');
    await makePublished(p, 'achievement', owner.actor, { title: '氢燃料电池膜电极低铂化制备', field: '新能源/氢能', regionCode: '210200', trl: 5, keywords: ['膜电极', '低铂'] });
    await makePublished(p, 'achievement', owner.actor, { title: '镍基高温合金涡轮叶片定向凝固', field: '新材料/高温合金', regionCode: '210100', trl: 8, keywords: ['高温合金'] });
    const byRegion = await call(app, 'GET', `/api/achievements?region=210200&org=${owner.orgId}`);
    expect(byRegion.json.items.map((a: { title: string }) => a.title)).toEqual(['氢燃料电池膜电极低铂化制备']);
    const byTrl = await call(app, 'GET', `/api/achievements?trlMin=7&org=${owner.orgId}`);
    expect(byTrl.json.items.map((a: { title: string }) => a.title)).toEqual(['镍基高温合金涡轮叶片定向凝固']);
    const chain = byTrl.json.items[0].industries[0].split('.')[0];
    const byIndustry = await call(app, 'GET', `/api/achievements?industry=${chain}&org=${owner.orgId}`);
    expect(byIndustry.json.items.map((a: { title: string }) => a.title)).toContain('镍基高温合金涡轮叶片定向凝固');
    const paged = await call(app, 'GET', `/api/achievements?org=${owner.orgId}&pageSize=1&page=2&sort=title`);
    expect(paged.json).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.json.items).toHaveLength(1);
    expect((await call(app, 'GET', '/api/achievements?pageSize=1000')).status).toBe(400);
    expect((await call(app, 'GET', '/api/achievements?trlMin=abc')).json.error.fields[0].field).toBe('trlMin');
  });

  it('lets an owner assign a broker, who then reads the detail', async () => {
    const broker = await makeUser(p, 'broker');
    const view = await makePublished(p, 'demand', enterprise.actor, { detail: SECRET });
    const brokerCookie = await login(app, broker.email, PASSWORD);
    expect((await call(app, 'GET', `/api/demands/${view.row.id}`, { cookie: brokerCookie })).json.detail).toBeNull();
    const notBroker = await call(app, 'POST', `/api/demands/${view.row.id}/brokers`, { cookie: enterpriseCookie, body: { brokerUserId: third.userId } });
    expect(notBroker.json.error.fields[0].field).toBe('brokerUserId');
    expect((await call(app, 'POST', `/api/demands/${view.row.id}/brokers`, { cookie: enterpriseCookie, body: { brokerUserId: broker.userId } })).status).toBe(200);
    expect((await call(app, 'GET', `/api/demands/${view.row.id}`, { cookie: brokerCookie })).json.detail).toBe(SECRET);
    const brokered = await call(app, 'GET', '/api/demands?scope=brokered', { cookie: brokerCookie });
    expect(brokered.json.items.map((d: { id: string }) => d.id)).toEqual([view.row.id]);
  });

  it('reads a listing with its industries, brokers and IP items in order, in one statement, the same as per-fact queries', async () => {
    const ip = [
      { type: 'know_how' as const, title: '修整工艺诀窍' },
      { type: 'invention_patent' as const, number: 'ZL201811564288.X', title: '一种摆线轮磨削方法' },
      { type: 'utility_patent' as const, number: 'ZL201920123456.5', title: '一种砂轮修整装置' },
    ];
    const a = await makePublished(p, 'achievement', institution.actor, { ip });
    const broker = await makeUser(p, 'broker');
    await p.services.achievements.assignBroker(institution.actor, a.row.id, broker.userId, 'broker', true);
    const d = await makePublished(p, 'demand', enterprise.actor);
    const repo = (p.services.achievements as unknown as { repo: any }).repo;
    const [one] = await repo.findWithFacts(p.ctx.db, [a.row.id, 'no-such-id']);
    expect(Object.keys(one.row).some((k) => k.startsWith('f_'))).toBe(false);
    expect(one.row).toEqual(await repo.findById(p.ctx.db, a.row.id));
    expect(one.ip.map((i: { title: string }) => i.title)).toEqual(ip.map((i) => i.title));
    expect(one.ip).toEqual((await repo.ipItems(p.ctx.db, [a.row.id])).get(a.row.id));
    expect([...one.industries].sort()).toEqual([...((await repo.industriesOf(p.ctx.db, [a.row.id])).get(a.row.id) ?? [])].sort());
    expect(one.industries.length).toBeGreaterThan(0);
    expect(one.brokers).toEqual([broker.userId]);
    // a demand has no IP items; facts of rows already read (a list page) agree
    const dRepo = (p.services.demands as unknown as { repo: any }).repo;
    const facts = await dRepo.factsOf(p.ctx.db, [d.row.id]);
    const dOrg = await p.services.organisations.get(d.row.organisation_id);
    expect(facts.get(d.row.id)).toEqual({
      industries: (await dRepo.industriesOf(p.ctx.db, [d.row.id])).get(d.row.id) ?? [], brokers: [], ip: [],
      organisation: { id: d.row.organisation_id, name: dOrg.name, verified: dOrg.verified === 1 },
    });
    // the owner's name and verification come with the row, as the organisations table has them
    const aOrg = await p.services.organisations.get(a.row.organisation_id);
    expect(one.organisation).toEqual({ id: a.row.organisation_id, name: aOrg.name, verified: aOrg.verified === 1 });
    // the API answers with the same, in order, and the many-listing read (match results) too
    const viaApi = await call(app, 'GET', `/api/achievements/${a.row.id}`, { cookie: institutionCookie });
    expect(viaApi.json.ip.map((i: { title: string }) => i.title)).toEqual(ip.map((i) => i.title));
    expect(viaApi.json.organisation).toEqual(one.organisation);
    const many = await p.services.achievements.getMany(institution.actor, [a.row.id, 'no-such-id']);
    expect([...many.keys()]).toEqual([a.row.id]);
    expect(many.get(a.row.id)!.ip.map((i) => i.title)).toEqual(ip.map((i) => i.title));
    expect(many.get(a.row.id)!.brokers).toEqual([broker.userId]);
  });

  it('expires and closes through the state machine only', async () => {
    const view = await makePublished(p, 'demand', enterprise.actor);
    expect((await call(app, 'POST', `/api/demands/${view.row.id}/expire`, { cookie: enterpriseCookie, body: {} })).json.error.code).toBe('LISTING_ACTION_FORBIDDEN');
    const expired = await p.services.demands.act(SYSTEM, view.row.id, 'expire');
    expect(expired.row.status).toBe('expired');
    expect((await call(app, 'POST', `/api/demands/${view.row.id}/solve`, { cookie: enterpriseCookie, body: {} })).json.error.code).toBe('LISTING_STATUS_INVALID');
    expect((await call(app, 'POST', `/api/demands/${view.row.id}/reopen`, { cookie: enterpriseCookie, body: {} })).json.status).toBe('submitted');
    expect(demandInput().title).toBeTruthy();
  });
});
