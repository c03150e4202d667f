/**
 * Demo policies (惠企政策直达) and first-of-kind entries (首台套) from data/demo/policies.json: the policies are
 * published by the system, so the demo enterprise (大连瑞衡, 专精特新 + 高新技术企业, 金州) qualifies for two of them
 * with reasons and nearly qualifies for others. The texts are written for the demo; the document numbers say so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../kernel/auth/index.js';
import type { Services } from '../platform.js';
import type { PolicyConditions } from '../modules/policies/index.js';
import type { FirstKind, Indicator } from '../modules/firstkind/index.js';
import { normaliseConditions } from '../modules/policies/index.js';

interface DemoPolicies {
  policies: { title: string; issuer: string; docNumber?: string; summary?: string; scope?: string; benefit?: string; effectiveFrom?: string | null; effectiveTo?: string | null; conditions: Partial<PolicyConditions> }[];
  firstkind: { kind: FirstKind; name: string; maker: string; industries?: string[]; recognitionYear?: number; batch?: string; description?: string; indicators?: Indicator[] }[];
}

export async function seedDemoPolicies(services: Services, dir: string, orgIdByKey: Map<string, string>): Promise<{ policies: number; firstkind: number }> {
  const file = path.join(dir, 'policies.json');
  if (!fs.existsSync(file)) return { policies: 0, firstkind: 0 };
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoPolicies;
  const system = systemActor('seed');
  const existing = new Set((await services.policies.list(system, { scope: 'all' })).map((p) => p.title));
  let policies = 0;
  for (const p of data.policies) {
    if (existing.has(p.title)) continue;
    const row = await services.policies.create(system, { ...p, conditions: normaliseConditions(p.conditions) });
    await services.policies.publish(system, row.id);
    policies++;
  }
  const products = new Set((await services.firstkind.list(system, { scope: 'all' })).map((p) => p.name));
  let firstkind = 0;
  for (const f of data.firstkind) {
    const makerOrgId = orgIdByKey.get(f.maker);
    if (!makerOrgId || products.has(f.name)) continue;
    await services.firstkind.create(system, { ...f, makerOrgId });
    firstkind++;
  }
  return { policies, firstkind };
}
