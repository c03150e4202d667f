import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { creditParams } from '../credit.params.js';
import { CreditRuleError } from './errors.js';
import { parseCreditParams, RECORD_CATEGORIES } from './params.js';

const shipped = JSON.parse(readFileSync(new URL('../../../../data/reference/credit.json', import.meta.url), 'utf8'));

describe('credit settings (data/reference/credit.json)', () => {
  it('the shipped defaults load and carry the documented values', () => {
    const p = creditParams();
    expect(p.inspection.ratiosBp).toEqual({ A: 300, B: 500, C: 1500, D: 3000 });
    expect(p.inspection.causeOnlyClasses).toEqual(['A']);
    expect(p.deregistration.noticeDays).toBe(20);
    expect(p.abnormalList.removalDecisionDays).toBe(7);
    expect(p.seriousList).toEqual({ termYears: 3, earlyRemovalAfterYears: 1 });
    expect(p.records['penalty.minor'].publicationMonths).toBe(3);
    expect(p.records['penalty.serious'].publicationMonths).toBe(36);
    expect(p.periods.startDayCounted).toBe(false);
  });

  it('every record category carries a [confirmed]/[recalled]/[default] marker', () => {
    for (const c of RECORD_CATEGORIES) expect(shipped.records[c]._marker, c).toMatch(/^\[(confirmed|recalled|default)\]/);
  });

  it('lists every problem at once', () => {
    const broken = structuredClone(shipped);
    broken.inspection.ratiosBp.B = 12_000;
    broken.riskClass.thresholds.C = 5;
    delete broken.records['award'];
    broken.records['penalty.serious'].repairAfterMonths = 48;
    broken.abnormalList.annualReportWindow.to = '06-31x';
    try {
      parseCreditParams(broken);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CreditRuleError);
      const problems = (e as CreditRuleError).details.problems as string[];
      expect(problems.join('\n')).toMatch(/ratiosBp\.B/);
      expect(problems.join('\n')).toMatch(/thresholds must increase/);
      expect(problems.join('\n')).toMatch(/records\.award must be an object/);
      expect(problems.join('\n')).toMatch(/penalty\.serious\.repairAfterMonths must not exceed/);
      expect(problems.join('\n')).toMatch(/annualReportWindow\.to/);
      expect(problems.length).toBeGreaterThanOrEqual(5);
    }
  });

  it('rejects unknown keys that look like typos', () => {
    const typo = structuredClone(shipped);
    typo.riskClass.points['penalty.seriuos'] = 40;
    expect(() => parseCreditParams(typo)).toThrowError(expect.objectContaining({ code: 'PARAMS_INVALID' }));
  });
});
