import { describe, expect, it } from 'vitest';
import { checkDocuments, compensationFen, compTransition, indicatorProblems, indicatorText, rankPotentialUsers, type CompAction, type CompSide, type DocumentMeta, type Indicator } from './index.js';
import { firstkindParams } from '../firstkind.params.js';

const WAN = 1_000_000;

describe('compensationFen (80 % of the premium, capped at 500 万元)', () => {
  const p = firstkindParams.compensation;
  it.each([
    [100 * WAN, 80 * WAN],
    [625 * WAN, 500 * WAN], // exactly at the cap
    [1_000 * WAN, 500 * WAN], // capped
    [1, 0], // 0.8 fen rounds down
    [13, 10], // 10.4 fen → 10
    [0, 0],
    [-5, 0],
  ])('premium %i fen → %i fen', (premium, expected) => expect(compensationFen(premium, p)).toBe(expected));
  it('follows the parameters', () => expect(compensationFen(100 * WAN, { rateBp: 5_000, capFen: 30 * WAN, minPremiumFen: 0 })).toBe(30 * WAN));
});

describe('compTransition (the review workflow)', () => {
  const facts = (status: string, approvedFen: number | null = null) => ({ status, requestedFen: 80 * WAN, approvedFen });
  const table: [string, CompAction, CompSide, { reason?: string; amountFen?: number }, string][] = [
    ['submitted', 'review', 'government', {}, 'under_review'],
    ['under_review', 'approve', 'government', { amountFen: 80 * WAN }, 'approved'],
    ['under_review', 'approve', 'government', { amountFen: 60 * WAN }, 'approved'],
    ['under_review', 'approve', 'government', { amountFen: 81 * WAN }, 'FIRSTKIND_AMOUNT_INVALID'],
    ['under_review', 'approve', 'government', {}, 'FIRSTKIND_AMOUNT_INVALID'],
    ['submitted', 'approve', 'government', { amountFen: WAN }, 'FIRSTKIND_STATE_INVALID'], // review first
    ['under_review', 'return', 'government', { reason: '保费发票与保险合同金额不一致' }, 'returned'],
    ['under_review', 'return', 'government', { reason: '  ' }, 'FIRSTKIND_REASON_REQUIRED'],
    ['submitted', 'decline', 'government', { reason: '产品不在认定目录内' }, 'declined'],
    ['under_review', 'decline', 'government', {}, 'FIRSTKIND_REASON_REQUIRED'],
    ['approved', 'pay', 'government', {}, 'paid'],
    ['approved', 'decline', 'government', { reason: 'x' }, 'FIRSTKIND_STATE_INVALID'],
    ['returned', 'resubmit', 'applicant', {}, 'submitted'],
    ['returned', 'withdraw', 'applicant', {}, 'withdrawn'],
    ['under_review', 'withdraw', 'applicant', {}, 'FIRSTKIND_STATE_INVALID'],
    ['submitted', 'review', 'applicant', {}, 'FIRSTKIND_NOT_YOURS'], // applicants do not review themselves
    ['returned', 'resubmit', 'government', {}, 'FIRSTKIND_NOT_YOURS'],
    ['paid', 'pay', 'government', {}, 'FIRSTKIND_STATE_INVALID'], // paid is final
    ['declined', 'resubmit', 'applicant', {}, 'FIRSTKIND_STATE_INVALID'],
  ];
  it.each(table)('%s —%s by %s %j → %s', (status, action, side, input, expected) => {
    const r = compTransition(facts(status, status === 'approved' ? 70 * WAN : null), action, side, input);
    expect(r.ok ? r.to : r.code).toBe(expected);
  });
  it('pays no more than approved', () => {
    expect(compTransition(facts('approved', 70 * WAN), 'pay', 'government', { amountFen: 71 * WAN })).toEqual({ ok: false, code: 'FIRSTKIND_AMOUNT_INVALID' });
    expect(compTransition(facts('approved', 70 * WAN), 'pay', 'government', { amountFen: 70 * WAN })).toEqual({ ok: true, to: 'paid' });
  });
});

describe('checkDocuments', () => {
  const limits = firstkindParams.documents;
  const doc = (type: DocumentMeta['type'], over: Partial<DocumentMeta> = {}): DocumentMeta => ({ type, name: `${type}.pdf`, mime: 'application/pdf', size: 200_000, sha256: type.padEnd(64, 'a').replace(/[^0-9a-f]/g, 'b').slice(0, 64), ...over });
  const full = [doc('certificate'), doc('insurance_contract'), doc('premium_invoice'), doc('sales_contract')];
  it('accepts the four required documents', () => expect(checkDocuments(full, limits)).toEqual({ ok: true, missing: [], problems: [] }));
  it('names the missing ones', () => {
    const r = checkDocuments(full.slice(0, 2), limits);
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual(['premium_invoice', 'sales_contract']);
  });
  it.each([
    ['too large', { size: 21 * 1024 * 1024 }, 'documents[0].size'],
    ['empty', { size: 0 }, 'documents[0].size'],
    ['wrong type', { mime: 'application/x-msdownload' }, 'documents[0].mime'],
    ['bad hash', { sha256: 'XYZ' }, 'documents[0].sha256'],
  ])('rejects a file that is %s', (_n, over, field) => {
    const r = checkDocuments([doc('certificate', over), ...full.slice(1)], limits);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.field)).toEqual([field]);
  });
  it('rejects the same file twice', () => {
    const r = checkDocuments([...full, { ...full[0], type: 'other' }], limits);
    expect(r.problems.map((p) => p.field)).toEqual(['documents[4].sha256']);
  });
});

describe('indicators', () => {
  const ok: Indicator[] = [{ key: '回差', type: 'number', value: 1, unit: 'arcmin', comparator: '<=' }, { key: '额定寿命', type: 'number', value: 6000, unit: 'h', comparator: '>=' }, { key: '适配系统', type: 'text', value: '国产工业机器人控制器' }];
  it('accepts typed indicators and shows them', () => {
    expect(indicatorProblems(ok)).toEqual([]);
    expect(ok.map(indicatorText)).toEqual(['回差 ≤ 1 arcmin', '额定寿命 ≥ 6000 h', '适配系统: 国产工业机器人控制器']);
  });
  it('rejects a number without unit, a duplicate key, an empty text', () => {
    const bad: Indicator[] = [{ key: '精度', type: 'number', value: 3, unit: '' }, { key: '精度', type: 'number', value: Number.NaN, unit: 'μm' }, { key: '材料', type: 'text', value: ' ' }];
    expect(indicatorProblems(bad).map((p) => p.field)).toEqual(['indicators[0].unit', 'indicators[1].key', 'indicators[1].value', 'indicators[2].value']);
  });
});

describe('rankPotentialUsers', () => {
  const terms = (s: string) => s.split(' ').map((t) => ({ term: t, weight: 1, surface: t }));
  const product = { makerOrgId: 'maker', terms: terms('rv 减速器 机器人 关节'), industries: ['EQ.ROB.RED'] };
  const params = firstkindParams.potentialUsers;
  it('ranks an enterprise with a matching demand first, with reasons, and skips the maker and the unrelated', () => {
    const r = rankPotentialUsers(product, [
      { organisationId: 'maker', industries: ['EQ.ROB.RED'], profileTerms: new Set(['rv', '减速器']), demands: [] },
      { organisationId: 'robot', industries: ['EQ.ROB'], profileTerms: new Set(['机器人']), demands: [{ id: 'd1', title: '机器人关节减速器国产化', terms: new Set(['减速器', '机器人', '关节']) }] },
      { organisationId: 'chem', industries: ['PC'], profileTerms: new Set(['聚丙烯']), demands: [{ id: 'd2', title: '聚丙烯改性', terms: new Set(['聚丙烯']) }] },
      { organisationId: 'lathe', industries: ['EQ.CNC'], profileTerms: new Set(['关节']), demands: [] },
    ], params, (c) => (c.startsWith('EQ.ROB') ? '机器人' : c));
    expect(r.map((u) => u.organisationId)).toEqual(['robot', 'lathe']);
    expect(r[0].demandId).toBe('d1');
    expect(r[0].reasons.map((x) => x.code)).toEqual(['demand', 'profile', 'industry']);
    expect(r[0].reasons[2].zh).toBe('同属机器人领域'); // the shared industry, EQ.ROB
    // a top-level code alone (EQ) is no shared industry
    expect(rankPotentialUsers(product, [{ organisationId: 'broad', industries: ['EQ'], profileTerms: new Set(), demands: [] }], params)).toEqual([]);
    expect(r[0].score).toBe(0.663); // 0.6 × 3/4 demand terms + 0.25 × 1/4 profile terms + 0.15 industry = 0.6625, rounded
  });
  it('returns nobody when nothing relates', () => {
    expect(rankPotentialUsers(product, [{ organisationId: 'x', industries: [], profileTerms: new Set(), demands: [] }], params)).toEqual([]);
  });
});
