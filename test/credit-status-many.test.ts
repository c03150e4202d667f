/** statusMany (used to flag every owner in match results with one query per table) agrees with status, org by org. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestPlatform, type TestPlatform } from './helpers.js';
import { SYSTEM, makeOrganisation } from './factories.js';

describe.each(DIALECTS)('credit status and statusMany (%s)', (dialect) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform(dialect);
  });
  afterAll(async () => {
    await p?.destroy();
  });

  it('returns, for each organisation, what status returns; unknown ids are absent', async () => {
    const clean = await makeOrganisation(p, { name: '清白企业' });
    const abnormal = await makeOrganisation(p, { name: '异常企业' });
    const serious = await makeOrganisation(p, { name: '失信企业' });
    const source = { type: 'authority' as const, name: '沈阳市市场监督管理局', documentNo: '沈市监〔2026〕9号' };
    await p.services.credit.addRecord(SYSTEM, { organisationId: abnormal.id, kind: 'abnormal_list', detail: { reason: 'unreachable_at_address' }, source, date: '2026-01-05' } as never);
    await p.services.credit.addRecord(SYSTEM, { organisationId: serious.id, kind: 'serious_list', detail: { reason: 'fraud', legalBasis: '《市场监督管理严重违法失信名单管理办法》第十条' }, source, date: '2026-02-05' } as never);
    // records of other kinds (a penalty) flag nothing
    await p.services.credit.addRecord(SYSTEM, { organisationId: clean.id, kind: 'penalty', detail: { severity: 'ordinary', title: '未按规定公示信息' }, source, date: '2026-03-02' } as never);
    await p.services.credit.recomputeAll();
    const ids = [clean.id, abnormal.id, serious.id];
    const many = await p.services.credit.statusMany([...ids, clean.id, '00000000-0000-7000-8000-000000000000']);
    expect(many.size).toBe(3);
    for (const id of ids) expect(many.get(id)).toEqual(await p.services.credit.status(id));
    expect(many.get(abnormal.id)).toMatchObject({ abnormal: true, serious: false });
    expect(many.get(serious.id)).toMatchObject({ serious: true });
    expect(many.get(clean.id)).toMatchObject({ abnormal: false, serious: false, deregistered: false });
    expect(await p.services.credit.statusMany([])).toEqual(new Map());
    await expect(p.services.credit.status('00000000-0000-7000-8000-000000000000')).rejects.toMatchObject({ code: 'ORGANISATION_NOT_FOUND' });
    // a deregistered organisation, and the latest of two risk classes
    await p.ctx.db.updateTable('organisations').set({ deregistered_at: '2026-06-01T00:00:00.000Z' }).where('id', '=', clean.id).execute();
    await p.ctx.db.insertInto('risk_classes').values([
      { organisation_id: serious.id, class: 'B', as_of: '2026-01-01', score: 70, breakdown: '{}' },
      { organisation_id: serious.id, class: 'D', as_of: '2026-12-01', score: 20, breakdown: '{}' },
    ]).execute();
    const again = await p.services.credit.statusMany(ids);
    for (const id of ids) expect(again.get(id)).toEqual(await p.services.credit.status(id));
    expect(await p.services.credit.status(clean.id)).toMatchObject({ deregistered: true });
    expect(await p.services.credit.status(serious.id)).toMatchObject({ riskClass: 'D' });
  });
});
