import { describe, expect, it } from 'vitest';
import { changeStage, DEAL_STAGES, nextStages, stagesPassed, type DealStage, type StageChange } from './stages.js';

const here = { inLiaoning: true, regionCode: '210300' };

describe('deal stages', () => {
  const table: [DealStage, StageChange, string][] = [
    ['matched', { to: 'contacted' }, 'contacted'],
    ['contacted', { to: 'nda_signed' }, 'nda_signed'],
    ['contacted', { to: 'due_diligence' }, 'due_diligence'],
    ['matched', { to: 'negotiating' }, 'negotiating'],
    ['negotiating', { to: 'due_diligence' }, 'due_diligence'],
    ['negotiating', { to: 'agreed' }, 'agreed'],
    ['negotiating', { to: 'contacted' }, 'DEAL_STAGE_INVALID'],
    ['agreed', { to: 'contract_signed' }, 'contract_signed'],
    ['agreed', { to: 'registered' }, 'DEAL_STAGE_INVALID'],
    ['contract_signed', { to: 'registered' }, 'registered'],
    ['registered', { to: 'implementing' }, 'implementing'],
    ['implementing', { to: 'industrialised', where: here }, 'industrialised'],
    ['implementing', { to: 'industrialised', where: { inLiaoning: true, regionCode: '' } }, 'DEAL_WHERE_REQUIRED'],
    ['negotiating', { to: 'closed_lost', reason: 'price_gap' }, 'closed_lost'],
    ['negotiating', { to: 'closed_lost', reason: 'other' }, 'DEAL_LOST_REASON_REQUIRED'],
    ['negotiating', { to: 'closed_lost', reason: 'other', note: '企业转产' }, 'closed_lost'],
    ['negotiating', { to: 'closed_lost', reason: 'bored' as never }, 'DEAL_LOST_REASON_REQUIRED'],
    ['closed_lost', { to: 'contacted' }, 'DEAL_CLOSED'],
    ['industrialised', { to: 'closed_lost', reason: 'other', note: 'x' }, 'DEAL_CLOSED'],
  ];

  it.each(table)('%s → %j = %s', (from, change, expected) => {
    const r = changeStage(from, change);
    expect(r.ok ? r.to : r.code).toBe(expected);
  });

  it('offers the next stages for the UI and counts skipped stages as passed', () => {
    expect(nextStages('agreed')).toEqual(['contract_signed', 'closed_lost']);
    expect(nextStages('industrialised')).toEqual([]);
    expect(nextStages('matched')[0]).toBe('contacted');
    expect(stagesPassed('contacted', 'negotiating')).toEqual(['nda_signed', 'due_diligence', 'negotiating']);
    expect(stagesPassed('negotiating', 'due_diligence')).toEqual(['due_diligence']);
    expect(stagesPassed('matched', 'closed_lost')).toEqual([]);
  });

  it('never moves a deal backwards along the path except the due-diligence revisit', () => {
    for (const [i, from] of DEAL_STAGES.entries()) {
      for (const [j, to] of DEAL_STAGES.entries()) {
        if (to === 'industrialised') continue;
        const r = changeStage(from, { to } as StageChange);
        if (r.ok && j <= i) expect([from, to]).toEqual(['negotiating', 'due_diligence']);
      }
    }
  });
});
