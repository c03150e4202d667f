/**
 * `GET /api/achievements?q=` (and demands) answered from the in-memory matching index: candidates ranked by BM25F over
 * the public fields, then every filter — status and scope included — in SQL. Before the index is built the list uses
 * LIKE, which gives the reference answers the index path is compared with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { achievementInput, makePublished, makeUser, PASSWORD, SYSTEM } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

const SECRET = '保密工艺：柔轮喷丸强度0.25mmA';

describe.each(DIALECTS)('listing search through the text index on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  let inst: Awaited<ReturnType<typeof makeUser>>;
  let other: Awaited<ReturnType<typeof makeUser>>;
  let instCookie: string;
  let otherCookie: string;
  const ids: Record<string, string> = {};
  const QUERIES = ['谐波减速器', '激光熔覆', '静电卡盘', '柔轮', '谐波减速器 柔轮', '轴承 激光熔覆'];

  const ach = (title: string, summary: string, keywords: string[], over: Record<string, unknown> = {}) =>
    achievementInput({ title, summary: `${summary}已完成中试验证，具备产业化条件，可提供现场服务与人员培训。`, keywords, detail: SECRET, ...over });
  const ids_ = (res: { json: { items: { id: string }[] } }) => res.json.items.map((i) => i.id);

  beforeAll(async () => {
    p = await createTestPlatform(dialect);
    app = await createTestApp(p);
    inst = await makeUser(p, 'institution');
    other = await makeUser(p, 'institution');
    [instCookie, otherCookie] = await Promise.all([login(app, inst.email, PASSWORD), login(app, other.email, PASSWORD)]);
    const pub = async (key: string, owner: typeof inst, title: string, summary: string, keywords: string[], over: Record<string, unknown> = {}) => {
      ids[key] = (await makePublished(p, 'achievement', owner.actor, ach(title, summary, keywords, over))).row.id;
    };
    await pub('harmonic', inst, '工业机器人谐波减速器柔轮精密加工技术', '面向协作机器人关节，柔轮齿形误差小于3微米，寿命提升一倍。', ['谐波减速器', '柔轮'], { trl: 7 });
    await pub('harmonic2', other, '谐波减速器批量装配与检测线', '柔轮与刚轮自动装配，在线检测传动误差，节拍60秒。', ['装配', '检测'], { trl: 5 });
    await pub('cladding', inst, '轧辊激光熔覆再制造技术', '对冷轧工作辊进行激光熔覆修复，硬度HRC58以上，成本降低40%。', ['激光熔覆', '再制造'], { trl: 8 });
    await pub('bearing', other, '风电主轴轴承滚道激光熔覆强化', '轴承滚道表面激光熔覆耐磨层，延长寿命。', ['轴承', '激光熔覆'], { trl: 6 });
    await pub('chuck', inst, '半导体刻蚀设备静电卡盘国产化', '静电卡盘吸附力均匀，温控精度±0.5℃。', ['静电卡盘', '刻蚀'], { trl: 6 });
    // not public: a draft and one under review, both with the words searched for
    ids.draft = (await p.services.achievements.create(inst.actor, ach('谐波减速器柔轮草稿成果', '激光熔覆 静电卡盘 草稿', ['谐波减速器']))).row.id;
    const submitted = await p.services.achievements.create(other.actor, ach('谐波减速器柔轮待审成果', '激光熔覆 静电卡盘 待审', ['谐波减速器']));
    ids.submitted = (await p.services.achievements.act(other.actor, submitted.row.id, 'submit')).row.id;
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  it('answers plain Chinese queries with the same listings as the LIKE path did, best match first', async () => {
    const before: Record<string, string[]> = {};
    for (const q of QUERIES) before[q] = ids_(await call(app, 'GET', `/api/achievements?q=${encodeURIComponent(q)}&pageSize=50`)).sort();
    expect(before['谐波减速器']).toEqual([ids.harmonic, ids.harmonic2].sort());
    expect(before['轴承 激光熔覆']).toEqual([ids.bearing]);
    expect((await p.services.achievements.list(SYSTEM, { q: '激光熔覆' })).total).toBe(2); // LIKE: the index is not built yet
    await p.services.matching.build();
    for (const q of QUERIES) {
      const res = await call(app, 'GET', `/api/achievements?q=${encodeURIComponent(q)}&pageSize=50`);
      expect(res.status).toBe(200);
      expect(ids_(res).sort(), q).toEqual(before[q]);
      expect(res.json.total, q).toBe(before[q].length);
    }
    // relevance is the default order with q: the listing naming 激光熔覆 in title, summary and keywords comes first
    const ranked = ids_(await call(app, 'GET', `/api/achievements?q=${encodeURIComponent('激光熔覆')}`));
    expect(ranked).toEqual([ids.cladding, ids.bearing]);
  });

  it('finds a word inside a longer compound and through the thesaurus, which LIKE could not', async () => {
    await p.services.matching.ensureBuilt();
    // 卡盘 inside 静电卡盘, 减速器 inside 谐波减速器 (jieba keeps the compounds whole; sub-words are indexed too)
    expect(ids_(await call(app, 'GET', `/api/achievements?q=${encodeURIComponent('卡盘')}`))).toEqual([ids.chuck]);
    expect(ids_(await call(app, 'GET', `/api/achievements?q=${encodeURIComponent('减速器')}`)).sort()).toEqual([ids.harmonic, ids.harmonic2].sort());
    // 谐波减速机 is the thesaurus' other name for 谐波减速器
    expect(ids_(await call(app, 'GET', `/api/achievements?q=${encodeURIComponent('谐波减速机')}`)).sort()).toEqual([ids.harmonic, ids.harmonic2].sort());
    // every word is needed
    expect((await call(app, 'GET', `/api/achievements?q=${encodeURIComponent('静电卡盘 激光熔覆')}`)).json.total).toBe(0);
    // punctuation or stop words only: nothing, not everything
    expect((await call(app, 'GET', `/api/achievements?q=${encodeURIComponent("' OR '1'='1")}`)).json.total).toBe(0);
  });

  it('never shows drafts, listings under review or confidential detail, whoever asks', async () => {
    await p.services.matching.ensureBuilt();
    for (const cookie of [undefined, instCookie, otherCookie]) {
      for (const q of ['谐波减速器', '草稿', '待审', '柔轮 草稿']) {
        const res = await call(app, 'GET', `/api/achievements?q=${encodeURIComponent(q)}&pageSize=100`, { cookie });
        expect(res.status).toBe(200);
        expect(ids_(res)).not.toContain(ids.draft);
        expect(ids_(res)).not.toContain(ids.submitted);
        // the confidential detail only for its owner
        for (const item of res.json.items as { owner: boolean; detail: string | null }[]) if (!item.owner) expect(item.detail).toBeNull();
        if (!cookie) expect(res.body).not.toContain('喷丸强度');
      }
      // words only in the confidential detail find nothing
      expect((await call(app, 'GET', `/api/achievements?q=${encodeURIComponent('喷丸强度')}`, { cookie })).json.total).toBe(0);
    }
    // the owner still finds its draft through its own list (scope=mine keeps LIKE over all its statuses)
    expect(ids_(await call(app, 'GET', `/api/achievements?scope=mine&q=${encodeURIComponent('草稿')}`, { cookie: instCookie }))).toEqual([ids.draft]);
    // status is applied in SQL, not trusted from the index: a listing unpublished behind the index's back disappears
    await p.ctx.db.updateTable('achievements').set({ status: 'closed' }).where('id', '=', ids.harmonic2).execute();
    try {
      const res = await call(app, 'GET', `/api/achievements?q=${encodeURIComponent('谐波减速器')}`);
      expect(ids_(res)).toEqual([ids.harmonic]);
      expect(res.json.total).toBe(1);
    } finally {
      await p.ctx.db.updateTable('achievements').set({ status: 'published' }).where('id', '=', ids.harmonic2).execute();
    }
    // the index follows writes: closing a listing through the service removes it at once
    await p.services.achievements.act(inst.actor, ids.chuck, 'close');
    expect((await call(app, 'GET', `/api/achievements?q=${encodeURIComponent('静电卡盘')}`)).json.total).toBe(0);
  });


  it('gives each item of a ranked page the same facts as its detail view (rows and facts are read in one statement)', async () => {
    await p.services.matching.ensureBuilt();
    // status only (the page of hits) and with a structured filter (all hits filtered in SQL): the two ranked paths
    for (const path of ['q=激光熔覆', 'q=激光熔覆&trlMin=1']) {
      for (const cookie of [undefined, instCookie]) {
        const res = await call(app, 'GET', `/api/achievements?${path.replace(/激光熔覆/, encodeURIComponent('激光熔覆'))}`, { cookie });
        expect(res.status).toBe(200);
        expect(ids_(res)).toEqual([ids.cladding, ids.bearing]);
        for (const item of res.json.items as Record<string, unknown>[]) {
          const detail = (await call(app, 'GET', `/api/achievements/${item.id}`, { cookie })).json as Record<string, unknown>;
          for (const k of ['industries', 'ip', 'organisation', 'keywords', 'owner', 'detailVisible', 'actions', 'priceMinWan', 'regionName']) expect(item[k], `${path} ${k}`).toEqual(detail[k]);
          expect((item.ip as unknown[]).length).toBe(1);
          expect((item.organisation as { name: string }).name).not.toBe('');
        }
      }
    }
  });
  it('pages and counts over the filtered set, for every sort and with structured filters', async () => {
    await p.services.matching.ensureBuilt();
    const q = encodeURIComponent('柔轮'); // harmonic, harmonic2 (+ the draft and the one under review, never)
    const all = ids_(await call(app, 'GET', `/api/achievements?q=${q}&pageSize=100`));
    expect(all.sort()).toEqual([ids.harmonic, ids.harmonic2].sort());
    const pages: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await call(app, 'GET', `/api/achievements?q=${q}&pageSize=1&page=${page}`);
      expect(res.json.total).toBe(2);
      expect(res.json.page).toBe(page);
      pages.push(...ids_(res));
    }
    expect(pages.sort()).toEqual(all.sort());
    const wide = encodeURIComponent('激光熔覆');
    expect(ids_(await call(app, 'GET', `/api/achievements?q=${wide}&sort=trl`))).toEqual([ids.cladding, ids.bearing]); // TRL 8, 6
    const trl7 = await call(app, 'GET', `/api/achievements?q=${wide}&trlMin=7`);
    expect(ids_(trl7)).toEqual([ids.cladding]);
    expect(trl7.json.total).toBe(1);
    const byOrg = await call(app, 'GET', `/api/achievements?q=${wide}&org=${other.orgId}&sort=newest`);
    expect(ids_(byOrg)).toEqual([ids.bearing]);
    expect((await call(app, 'GET', `/api/achievements?q=${wide}&region=110000`)).json.total).toBe(0);
    // demands are searched in their own index
    expect((await call(app, 'GET', `/api/demands?q=${wide}`)).json.total).toBe(0);
  });
});
