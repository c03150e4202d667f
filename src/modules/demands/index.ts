/** 技术需求 — demands are listings of kind 'demand'; the shared mechanics live in modules/listings. */
import type { KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import { ListingsService } from '../listings/index.js';

export type DemandsService = ListingsService<'demand'>;

export function createDemandsService(ctx: KernelContext<DB>): DemandsService {
  return new ListingsService(ctx, 'demand');
}
