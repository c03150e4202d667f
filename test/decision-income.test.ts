import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createTestPlatform, DIALECTS, login, type TestPlatform } from './helpers.js';
import { makePublished, makeUser, PASSWORD } from './factories.js';
import type { HttpApp } from '../src/kernel/http/index.js';

describe.each(DIALECTS)('decision aids and income sharing on %s', (dialect) => {
  let p: TestPlatform;
  let app: HttpApp;
  beforeAll(async () => {
    p = await createTestPlatform(dialect);
    app = await createTestApp(p);
  });
  afterAll(async () => {
    await app?.close();
    await p?.destroy();
  });

  it('recommends transformation modes by TRL, with the pilot-base flag for medium maturity', async () => {
    const mid = await call(app, 'GET', '/api/decision/modes?trl=5');
    expect(mid.json).toMatchObject({ group: 'medium', needsPilotBase: true });
    expect(mid.json.modes.map((m: { mode: string }) => m.mode)).toContain('strategic');
    const high = await call(app, 'GET', '/api/decision/modes?trl=8');
    expect(high.json.modes.map((m: { mode: string }) => m.mode)).toEqual(expect.arrayContaining(['license', 'equity']));
    expect((await call(app, 'GET', '/api/decision/modes')).json.selfAssessFirst).toBe(true);
    expect((await call(app, 'GET', '/api/decision/modes?trl=12')).status).toBe(400);
  });

  it('values by the cost approach exactly and lists every assumption', async () => {
    // cost approach: 300 万元 × (1 − obsolescence 10–30%) = 210–270 万元
    const r = await call(app, 'POST', '/api/valuation', { body: { trl: 7, industry: 'EQ.ROB', cost: { replacementCostWan: '300' } } });
    expect(r.status).toBe(200);
    expect(r.json.cost).toEqual({ lowWan: '210', highWan: '270' });
    // income approach: 1000 万元 a year for one year, royalty 2%, no risk discount, r = 0 → 20 万元
    const inc = await call(app, 'POST', '/api/valuation', { body: { trl: 9, income: { revenueForecastWan: ['1000'], royaltyRate: '0.02', riskFreeRate: '0', riskPremium: '0', trlRiskDiscount: '0' } } });
    expect(inc.json.income).toMatchObject({ lowWan: '20', highWan: '20', years: 1 });
    expect(inc.json.assumptions.map((a: { key: string }) => a.key)).toEqual(expect.arrayContaining(['income.royaltyRate', 'income.riskFreeRate']));
    expect((await call(app, 'POST', '/api/valuation', { body: { trl: 7 } })).json.error.fields[0].field).toBe('income');
    const patent = await call(app, 'POST', '/api/patent-assessment', { body: { noveltySearch: 'identical', marketSize: 'large', claimBreadth: 'broad', enterpriseInquiries: 5, lettersOfIntent: 2, licenseeIdentified: true, estimatedCostWan: '3', productStructure: false, infringementDetectable: true } });
    expect(patent.json.recommendation).toBe('do_not_file');
  });

  it('enforces the Liaoning 70% team floor and splits income to the fen', async () => {
    const inst = await makeUser(p, 'institution');
    const other = await makeUser(p, 'institution');
    const cookie = await login(app, inst.email, PASSWORD);
    const a = await makePublished(p, 'achievement', inst.actor);
    const plan = (team: string, unit: string) => ({ achievementId: a.row.id, mode: 'license', teamSharePercent: team, otherParties: [{ party: 'unit', sharePercent: unit }], contributors: [{ id: 'c1', name: '张教授', sharePercent: '50' }, { id: 'c2', name: '李博士', sharePercent: '30' }, { id: 'c3', name: '王工', sharePercent: '20' }] });
    const low = await call(app, 'POST', '/api/income/plans', { cookie, body: plan('60', '40') });
    expect(low.status).toBe(400);
    expect(low.json.error.code).toBe('INCOME_PLAN_INVALID');
    expect(low.json.error.fields[0]).toMatchObject({ field: 'teamSharePercent', code: 'TEAM_SHARE_BELOW_FLOOR' });
    expect((await call(app, 'POST', '/api/income/plans', { cookie: await login(app, other.email, PASSWORD), body: plan('70', '30') })).status).toBe(403);
    const ok = await call(app, 'POST', '/api/income/plans', { cookie, body: plan('70', '30') });
    expect(ok.status).toBe(201);
    // 100 万元 gross − 0.000001 万元 (1 fen) cost: 99999999 fen net; 70% = 69999999.3 → parts must still add up exactly
    await call(app, 'POST', `/api/income/plans/${ok.json.id}/receipts`, { cookie, body: { date: '2026-11-20', grossWan: '100', costs: [{ label: '评估费', amountWan: '0.000001' }] } });
    await call(app, 'POST', `/api/income/plans/${ok.json.id}/receipts`, { cookie, body: { date: '2026-11-25', grossWan: '33.333333' } });
    const d = await call(app, 'GET', `/api/income/plans/${ok.json.id}/distribution`, { cookie });
    const toFen = (w: string) => Math.round(Number(w) * 1_000_000);
    for (const r of d.json.receipts) {
      expect(r.parties.reduce((n: number, x: { amountWan: string }) => n + toFen(x.amountWan), 0)).toBe(toFen(r.netWan));
      expect(r.contributors.reduce((n: number, x: { amountWan: string }) => n + toFen(x.amountWan), 0)).toBe(toFen(r.parties[0].amountWan));
    }
    const zhang = d.json.statements.find((s: { contributorId: string }) => s.contributorId === 'c1');
    expect(zhang.lines).toHaveLength(2);
    // by hand: receipt 1 team 69 999 999 fen → c1 50% = 34 999 999.5, the spare fen goes to larger remainders (c3 .8, c2 .7);
    // receipt 2 team 23 333 333 → c1 11 666 666.5, spares to c2 (.9) and c3 (.6): c1 gets 34 999 999 + 11 666 666 fen
    expect(zhang.totalWan).toBe('46.666665');
    const grant = await call(app, 'POST', '/api/rights-grants', { cookie, body: { achievementId: a.row.id, kind: 'long_term_use', years: 5 } });
    expect(grant.json.error.code).toBe('RIGHTS_GRANT_INVALID');
    expect((await call(app, 'POST', '/api/rights-grants', { cookie, body: { achievementId: a.row.id, kind: 'long_term_use', years: 10 } })).status).toBe(201);
  });
});
