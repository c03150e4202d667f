import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makePublished, makeUser, PASSWORD, SYSTEM } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';
import { loadConfig } from '../src/kernel/config.js';

describe.each(DIALECTS)('matching through the API on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  let enterprise: Awaited<ReturnType<typeof makeUser>>;
  let institution: Awaited<ReturnType<typeof makeUser>>;
  let enterpriseCookie: string;
  let institutionCookie: string;
  let demandId: string;

  beforeAll(async () => {
    p = await createTestPlatform(dialect);
    app = await createTestApp(p);
    enterprise = await makeUser(p, 'enterprise');
    institution = await makeUser(p, 'institution');
    enterpriseCookie = await login(app, enterprise.email, PASSWORD);
    institutionCookie = await login(app, institution.email, PASSWORD);
    // a small market: the right answer, a distractor sharing generic words, one from another field
    await makePublished(p, 'achievement', institution.actor, { title: 'RV减速机摆线轮成形磨削与回差控制', summary: '工业机器人RV减速机摆线轮采用成形磨削与在机补偿，背隙≤1arcmin，寿命6000小时，已小批量装机验证。', keywords: ['RV减速机', '摆线轮', '背隙'], trl: 7, regionCode: '210100' });
    await makePublished(p, 'achievement', institution.actor, { title: '智能系统开发平台', summary: '一种先进的智能系统技术研究开发平台，支持多种应用场景，性能领先，具有广泛的应用前景和推广价值。', keywords: ['智能系统'], field: '工业软件', trl: 6, ip: [] });
    await makePublished(p, 'achievement', institution.actor, { title: '医用超声探头压电复合材料', summary: '1-3型压电复合材料用于医用超声探头，中心频率5MHz，带宽80%，已通过样机测试。', keywords: ['压电复合材料', '超声探头'], field: '医疗器械', trl: 5, ip: [] });
    const demand = await makePublished(p, 'demand', enterprise.actor, { detail: '内部代号：谐波柔轮XK9替代项目' });
    demandId = demand.row.id;
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  it('ranks the achievement that solves the demand first and explains why, synonyms included', async () => {
    const res = await call(app, 'GET', `/api/matches?demand=${demandId}&top=5`, { cookie: enterpriseCookie });
    expect(res.status).toBe(200);
    expect(res.json.code).toBe('OK');
    const first = res.json.items[0];
    expect(first.title).toBe('RV减速机摆线轮成形磨削与回差控制');
    expect(first.listing.kind).toBe('achievement');
    expect(first.summary.zh.length).toBeGreaterThan(5);
    expect(first.summary.en.length).toBeGreaterThan(5);
    const kinds = first.reasons.map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['terms', 'trl', 'region']));
    // the demand says 减速器 and 回差; the achievement says 减速机 and 背隙: the thesaurus bridges them
    expect(JSON.stringify(first.reasons)).toMatch(/减速机|背隙/);
    const scores = res.json.items.map((i: { score: number }) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('goes both ways: achievement → demands, and similar listings', async () => {
    const first = (await call(app, 'GET', `/api/matches?demand=${demandId}`)).json.items[0];
    const back = await call(app, 'GET', `/api/matches?achievement=${first.id}`);
    expect(back.json.items[0].id).toBe(demandId);
    const similar = await call(app, 'GET', `/api/matches/similar?kind=achievement&id=${first.id}`);
    expect(similar.status).toBe(200);
    expect(similar.json.items.map((i: { id: string }) => i.id)).not.toContain(first.id);
    const experts = await call(app, 'GET', `/api/matches/experts?demand=${demandId}`);
    expect(experts.json[0].organisation.id).toBe(institution.orgId);
    expect(experts.json[0].achievements.length).toBeGreaterThan(0);
  });

  it('is never stale after a write returns: new listings match at once, closed ones vanish', async () => {
    const fresh = await makePublished(p, 'achievement', institution.actor, { title: '谐波减速器柔轮疲劳寿命提升工艺', summary: '谐波减速器柔轮采用喷丸强化与渗氮复合处理，疲劳寿命提高2倍，传动精度≤1arcmin，可用于工业机器人关节。', keywords: ['谐波减速器', '柔轮'] });
    let ids = (await call(app, 'POST', '/api/match', { body: { text: '谐波减速器柔轮寿命' } })).json.items.map((i: { id: string }) => i.id);
    expect(ids[0]).toBe(fresh.row.id);
    await p.services.achievements.act(institution.actor, fresh.row.id, 'close');
    ids = (await call(app, 'POST', '/api/match', { body: { text: '谐波减速器柔轮寿命' } })).json.items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(fresh.row.id);
  });

  it('uses a listing’s confidential detail only in its owner’s own query', async () => {
    const hidden = await makePublished(p, 'achievement', institution.actor, { title: '柔性铰链XK9精密微动台', summary: 'XK9柔性铰链微动台，行程200μm，分辨率5nm，适用于光刻与精密测量。', keywords: ['XK9', '微动台'], field: '仪器仪表', regionCode: '210200' });
    const owner = await call(app, 'GET', `/api/matches?demand=${demandId}&top=20`, { cookie: enterpriseCookie });
    const other = await call(app, 'GET', `/api/matches?demand=${demandId}&top=20`, { cookie: institutionCookie });
    const anon = await call(app, 'GET', `/api/matches?demand=${demandId}&top=20`);
    const reasonsFor = (r: typeof owner) => JSON.stringify(r.json.items.find((i: { id: string }) => i.id === hidden.row.id)?.reasons ?? []).toLowerCase();
    // the owner's query includes the demand's detail, so XK9 is a matched term; nobody else's query knows it
    expect(reasonsFor(owner)).toContain('xk9');
    for (const r of [other, anon]) {
      expect(reasonsFor(r)).not.toContain('xk9');
      expect(r.body).not.toContain('谐波柔轮XK9替代项目');
    }
    // and a term that appears only in an achievement's detail finds nothing for anyone
    await makePublished(p, 'achievement', institution.actor, { title: '钛合金电子束熔丝增材制造', summary: '电子束熔丝沉积钛合金构件，沉积速率3kg/h，力学性能达锻件水平。', detail: '秘密工艺参数ZQ77束流', keywords: ['电子束', '增材制造'] });
    const q = await call(app, 'POST', '/api/match', { body: { text: 'ZQ77束流' } });
    expect(q.json.items).toEqual([]);
  });

  it('answers bad queries with codes: empty, only generic words, too long, unknown ids', async () => {
    expect((await call(app, 'POST', '/api/match', { body: { text: '   ' } })).json.error.code).toBe('MATCH_QUERY_EMPTY');
    const generic = await call(app, 'POST', '/api/match', { body: { text: '高性能技术系统研究开发' } });
    expect(generic.status).toBe(200);
    expect(generic.json).toMatchObject({ code: 'QUERY_ONLY_GENERIC', items: [] });
    expect(generic.json.notice).toContain('泛化词');
    const long = await call(app, 'POST', '/api/match', { body: { text: `摆线轮${'磨削'.repeat(6000)}` } });
    expect(long.status).toBe(200);
    expect(long.json.truncated).toBe(true);
    expect((await call(app, 'POST', '/api/match', { body: { text: 'x'.repeat(20_001) } })).status).toBe(400);
    expect((await call(app, 'GET', '/api/matches?demand=nope')).status).toBe(404);
    expect((await call(app, 'GET', '/api/matches')).json.error.code).toBe('MATCH_SOURCE_REQUIRED');
    expect((await call(app, 'GET', `/api/matches?demand=${demandId}&achievement=${demandId}`)).status).toBe(400);
  });

  it('reports the index size and memory to admins only', async () => {
    const admin = await makeUser(p, 'admin', { orgId: null });
    const stats = await call(app, 'GET', '/api/matching/stats', { cookie: await login(app, admin.email, PASSWORD) });
    expect(stats.json.achievements.docs).toBeGreaterThan(2);
    expect(stats.json.process.rssMB).toBeGreaterThan(0);
    // the matches asked above decoded their (dense) lists, within MATCH_IMPACT_CACHE_MB
    expect(stats.json.achievements.decodedBytes).toBeGreaterThan(0);
    expect(stats.json.achievements.decodedBytes).toBeLessThanOrEqual(p.config.matchImpactCacheMb * 1048576);
    expect((await call(app, 'GET', '/api/matching/stats', { cookie: enterpriseCookie })).status).toBe(403);
  });

  it('filters by region and minimum TRL when asked', async () => {
    const res = await call(app, 'POST', '/api/match', { body: { text: '减速机 摆线轮 压电 超声', region: '210200', top: 20 } });
    for (const i of res.json.items) expect(i.listing.regionCode.startsWith('2102')).toBe(true);
    const hard = await call(app, 'POST', '/api/match', { body: { text: '压电复合材料 超声探头', minTrl: 6, hardTrl: true } });
    expect(hard.json.items.map((i: { title: string }) => i.title)).not.toContain('医用超声探头压电复合材料');
  });

  it('notifies a subscriber when a new listing matches their saved query, and not otherwise', async () => {
    const sub = await call(app, 'POST', '/api/subscriptions', { cookie: enterpriseCookie, body: { name: '质子交换膜', targetKind: 'achievement', queryText: '质子交换膜 燃料电池 膜电极', threshold: 40 } });
    expect(sub.status).toBe(201);
    expect((await call(app, 'POST', '/api/subscriptions', { body: { name: 'x', targetKind: 'achievement', queryText: 'y' } })).status).toBe(401);
    await makePublished(p, 'achievement', institution.actor, { title: '船用低速柴油机曲轴锻造', summary: '大型船用低速柴油机曲轴采用全纤维锻造工艺，晶粒度8级，疲劳强度提高15%，已为三家船厂批量供货。', keywords: ['曲轴', '锻造'], field: '船舶海工' });
    expect((await call(app, 'GET', '/api/notifications', { cookie: enterpriseCookie })).json.items).toHaveLength(0);
    const pem = await makePublished(p, 'achievement', institution.actor, { title: 'PEM燃料电池低铂膜电极', summary: '质子交换膜燃料电池膜电极铂载量0.2mg/cm²，功率密度1.2W/cm²，耐久5000小时。', keywords: ['膜电极', 'PEM'], field: '新能源/氢能' });
    const notes = await call(app, 'GET', '/api/notifications', { cookie: enterpriseCookie });
    expect(notes.json.unread).toBe(1);
    expect(notes.json.items[0]).toMatchObject({ kind: 'match', link: `/achievements/${pem.row.id}` });
    expect((await call(app, 'POST', `/api/notifications/${notes.json.items[0].id}/read`, { cookie: enterpriseCookie })).status).toBe(200);
    expect((await call(app, 'GET', '/api/notifications', { cookie: enterpriseCookie })).json.unread).toBe(0);
    expect((await call(app, 'POST', `/api/notifications/${notes.json.items[0].id}/read`, { cookie: institutionCookie })).status).toBe(404);
    expect((await call(app, 'DELETE', `/api/subscriptions/${sub.json.id}`, { cookie: institutionCookie })).status).toBe(404);
    expect((await call(app, 'DELETE', `/api/subscriptions/${sub.json.id}`, { cookie: enterpriseCookie })).status).toBe(200);
    expect(SYSTEM.kind).toBe('system');
  });
});

describe('MATCH_IMPACT_CACHE_MB', () => {
  it('is read as whole megabytes, 0 turning decoded postings off (every query by MaxScore, same answers)', async () => {
    expect(loadConfig({ LOG_LEVEL: 'silent' }).matchImpactCacheMb).toBe(256);
    expect(loadConfig({ LOG_LEVEL: 'silent', MATCH_IMPACT_CACHE_MB: '0' }).matchImpactCacheMb).toBe(0);
    expect(() => loadConfig({ LOG_LEVEL: 'silent', MATCH_IMPACT_CACHE_MB: 'lots' })).toThrow(/MATCH_IMPACT_CACHE_MB/);
    const answers: string[][] = [];
    for (const mb of [0, 256]) {
      const q = await createTestPlatform('sqlite', { matchImpactCacheMb: mb });
      try {
        const inst = await makeUser(q, 'institution');
        const listings = [
          ['谐波减速器柔轮回差控制', '谐波减速器柔轮采用新型齿形与热处理工艺，回差≤20角秒，寿命8000小时，已在协作机器人关节小批量装机验证。', ['谐波减速器', '柔轮']],
          ['RV减速机摆线轮成形磨削', '工业机器人RV减速机摆线轮成形磨削与在机补偿，背隙≤1arcmin，已通过整机厂的可靠性试验与小批量供货。', ['RV减速机', '摆线轮']],
          ['锂离子电池湿法隔膜涂覆', '锂离子电池湿法隔膜陶瓷涂覆工艺，热收缩率低于2%，孔隙率稳定，已完成中试线验证并具备量产条件。', ['隔膜', '涂覆']],
        ] as const;
        for (const [title, summary, keywords] of listings) await makePublished(q, 'achievement', inst.actor, { title, summary, keywords: [...keywords], ip: [] });
        const res = await q.services.matching.matchText(SYSTEM, '减速器 回差 柔轮', 'achievement');
        answers.push(res.results.map((r) => r.view.row.title));
        expect(q.services.matching.stats().achievements.decodedBytes > 0).toBe(mb > 0);
      } finally {
        await q.destroy();
      }
    }
    expect(answers[0].length).toBeGreaterThan(0);
    expect(answers[1]).toEqual(answers[0]);
  });
});
