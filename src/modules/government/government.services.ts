/** Builds the government module's services from the platform's (the lead wires this one call into createServices). */
import type { KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { DealsService } from '../deals/index.js';
import type { ContractsService } from '../contracts/index.js';
import type { ListingsService } from '../listings/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { AccountsService } from '../accounts/index.js';
import { CoordinationService } from './coordination.service.js';
import { PlanService } from './plan.service.js';
import { RegionalService } from './regional.service.js';
import { CultivationService } from './cultivation.service.js';
import { GepService } from './gep.service.js';

export interface GovernmentServices {
  coordination: CoordinationService;
  plan: PlanService;
  regional: RegionalService;
  cultivation: CultivationService;
  gep: GepService;
}

export interface GovernmentDeps {
  deals: DealsService;
  contracts: ContractsService;
  demands: ListingsService<'demand'>;
  achievements: ListingsService<'achievement'>;
  organisations: OrganisationsService;
  notifications: NotificationsService;
  accounts: AccountsService;
}

export function createGovernmentServices(ctx: KernelContext<DB>, deps: GovernmentDeps): GovernmentServices {
  const coordination = new CoordinationService(ctx, deps);
  return {
    coordination,
    plan: new PlanService(ctx, { ...deps, coordination }),
    regional: new RegionalService(ctx, deps),
    cultivation: new CultivationService(ctx, deps),
    gep: new GepService(ctx),
  };
}
