import { describe, expect, it } from 'vitest';
import { blocksSubmission, qualityChecklist, type QualityInput } from './quality.js';

const good: QualityInput = {
  kind: 'achievement',
  title: 'RV减速器摆线轮精密磨削工艺',
  summary: '针对工业机器人RV减速器摆线轮齿廓磨削精度不足的问题，采用成形砂轮修整与在机测量补偿，齿廓误差≤3μm，回差≤1arcmin，已在两家整机企业完成1000台套装机验证，寿命6000小时。',
  detail: '修整参数与补偿模型',
  industries: ['EQ.ROB'],
  keywords: ['RV减速器', '摆线轮', '磨削'],
  regionCode: '210100',
  modes: ['license'],
  trl: 7,
  ipCount: 2,
  priceNegotiable: true,
};

describe('listing-quality checklist', () => {
  it('has nothing to say about a complete, specific listing', () => {
    expect(qualityChecklist(good)).toEqual([]);
  });

  it('flags missing TRL, IP and keywords as warnings, missing industry and region as blocking', () => {
    const items = qualityChecklist({ ...good, trl: null, ipCount: 0, keywords: [], industries: [], regionCode: null });
    const codes = items.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['no_trl', 'no_ip', 'few_keywords', 'no_industry', 'no_region']));
    expect(blocksSubmission(items)).toBe(true);
    expect(blocksSubmission(qualityChecklist({ ...good, trl: null, ipCount: 0 }))).toBe(false);
  });

  it('calls a short or vague description what it is', () => {
    expect(qualityChecklist({ ...good, summary: '先进智能技术系统研究与开发' }).map((i) => i.code)).toContain('summary_missing');
    const vague = '本技术是先进的智能系统技术，研究开发先进技术系统，技术领先，应用广泛，前景广阔，具有重要的创新优势，国内领先，国际先进，系统智能，技术创新，研究开发，应用前景好。';
    const codes = qualityChecklist({ ...good, summary: vague }).map((i) => i.code);
    expect(codes).toContain('summary_vague');
    expect(codes).toContain('summary_no_figures');
  });

  it('asks demands for budget and minimum TRL, not for IP', () => {
    const codes = qualityChecklist({ ...good, kind: 'demand', trl: undefined, ipCount: undefined, minTrl: null, budgetMaxFen: null, deadline: null }).map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['no_min_trl', 'no_budget', 'no_deadline']));
    expect(codes).not.toContain('no_ip');
  });
});
