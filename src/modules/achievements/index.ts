/** 科技成果 — achievements are listings of kind 'achievement'; the shared mechanics live in modules/listings. */
import type { KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import { ListingsService } from '../listings/index.js';

export type AchievementsService = ListingsService<'achievement'>;

export function createAchievementsService(ctx: KernelContext<DB>): AchievementsService {
  return new ListingsService(ctx, 'achievement');
}

export { parsePatentNumber, patentCheckChar, isPatentProblem, type ParsedPatentNumber } from './patent-number.js';
