import { uuidv7 } from 'uuidv7';
import { authorize, type Actor } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, parseJsonArray, type Executor, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import { regionByCode, taxonomyNode } from '../reference/index.js';
import { OrganisationsRepository, type OrganisationFilter } from './organisations.repository.js';
import type { OrganisationRow } from './organisations.table.js';
import { normaliseUscc, validateUscc } from './uscc.js';

export const ORGANISATION_TYPES = [
  'enterprise', 'university', 'institute', 'broker_agency', 'pilot_base', 'demonstration_base', 'incubator',
  'bank', 'guarantee', 'insurer', 'investor', 'government',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const ORGANISATION_FLAGS = ['专精特新', '高新技术企业', '链主企业', '科技型中小企业', '瞪羚企业', '独角兽企业'] as const;

export interface OrganisationInput {
  name: string;
  uscc?: string | null;
  type: OrganisationType;
  regionCode?: string | null;
  industries?: string[];
  flags?: string[];
  intro?: string;
  website?: string | null;
}

const USCC_REASONS = {
  length: ['应为 18 位', 'must have 18 characters'],
  charset: ['含有不允许的字符（不使用 I、O、Z、S、V）', 'contains characters outside the GB 32100 alphabet (no I, O, Z, S, V)'],
  region: ['第 3–8 位应为行政区划代码', 'characters 3–8 must be a region code'],
  check: ['校验位不正确', 'the check character is wrong'],
} as const;

export class OrganisationsService {
  private readonly repo: OrganisationsRepository;

  constructor(private readonly ctx: KernelContext<DB>) {
    this.repo = new OrganisationsRepository(ctx.dialect);
  }

  /** Validates and normalises input; throws VALIDATION_FAILED naming the field. */
  private validate(input: Partial<OrganisationInput>): void {
    if (input.name !== undefined && !input.name.trim()) throw invalidField('name', '不能为空', 'must not be empty');
    if (input.uscc) {
      const problem = validateUscc(input.uscc);
      if (problem) throw invalidField('uscc', `统一社会信用代码${USCC_REASONS[problem][0]}`, `unified social credit code ${USCC_REASONS[problem][1]}`);
    }
    if (input.regionCode && !regionByCode(input.regionCode)) throw invalidField('regionCode', '不是有效的行政区划代码（GB/T 2260）', 'is not a GB/T 2260 region code');
    for (const code of input.industries ?? []) {
      if (!taxonomyNode(code)) throw invalidField('industries', `行业代码 ${code} 不存在`, `unknown industry code ${code}`);
    }
    for (const flag of input.flags ?? []) {
      if (!(ORGANISATION_FLAGS as readonly string[]).includes(flag)) throw invalidField('flags', `未知标识 ${flag}`, `unknown flag ${flag}`);
    }
  }

  async create(actor: Actor, input: OrganisationInput, db: Executor<DB> = this.ctx.db, opts: { allowSelfService?: boolean } = {}): Promise<OrganisationRow> {
    if (!opts.allowSelfService) authorize(actor, 'create', 'organisation', null as unknown as OrganisationRow);
    this.validate(input);
    return inTransaction(db, async (trx) => {
      const uscc = input.uscc ? normaliseUscc(input.uscc) : null;
      if (uscc && (await this.repo.findByUscc(trx, uscc))) throw new AppError('ORGANISATION_EXISTS', { uscc });
      const now = nowIso(this.ctx.clock);
      const row: OrganisationRow = {
        id: uuidv7(),
        name: input.name.trim(),
        uscc,
        type: input.type,
        region_code: input.regionCode ?? null,
        flags: JSON.stringify(input.flags ?? []),
        intro: input.intro ?? '',
        website: input.website ?? null,
        verified: actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin') ? 1 : 0,
        created_at: now,
        updated_at: now,
      };
      await this.repo.insert(trx, row, input.industries ?? []);
      await recordAudit(trx, actor, { action: 'organisation.create', subjectType: 'organisation', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
      return row;
    });
  }

  /** For imports: finds an organisation by exact name, or creates an unverified one. */
  async findOrCreateByName(actor: Actor, name: string, regionCode: string | null, type: OrganisationType, db: Executor<DB>): Promise<{ row: OrganisationRow; created: boolean }> {
    const existing = await this.repo.findByName(db, name.trim());
    if (existing) return { row: existing, created: false };
    const now = nowIso(this.ctx.clock);
    const row: OrganisationRow = {
      id: uuidv7(), name: name.trim(), uscc: null, type, region_code: regionCode, flags: '[]', intro: '', website: null,
      verified: 0, created_at: now, updated_at: now,
    };
    await this.repo.insert(db, row, []);
    await recordAudit(db, actor, { action: 'organisation.create', subjectType: 'organisation', subjectId: row.id, after: row, requestId: actor.requestId }, this.ctx.clock.now());
    return { row, created: true };
  }

  async get(id: string, db: Executor<DB> = this.ctx.db): Promise<OrganisationRow> {
    const row = await this.repo.findById(db, id);
    if (!row) throw new AppError('ORGANISATION_NOT_FOUND', { id });
    return row;
  }

  async findByUscc(uscc: string): Promise<OrganisationRow | undefined> {
    return this.repo.findByUscc(this.ctx.db, normaliseUscc(uscc));
  }

  async industries(ids: string[]): Promise<Map<string, string[]>> {
    return this.repo.industriesOf(this.ctx.db, ids);
  }

  async update(actor: Actor, id: string, patch: Partial<OrganisationInput>): Promise<OrganisationRow> {
    return inTransaction(this.ctx.db, async (trx) => {
      const before = await this.get(id, trx);
      authorize(actor, 'update', 'organisation', before);
      this.validate(patch);
      const isAdmin = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
      // Changing the legal identity of a verified organisation is an admin decision.
      if (patch.uscc !== undefined && before.verified && !isAdmin && normaliseUscc(patch.uscc ?? '') !== before.uscc) {
        throw new AppError('ORGANISATION_USCC_LOCKED');
      }
      const uscc = patch.uscc === undefined ? before.uscc : patch.uscc ? normaliseUscc(patch.uscc) : null;
      if (uscc && uscc !== before.uscc) {
        const other = await this.repo.findByUscc(trx, uscc);
        if (other && other.id !== id) throw new AppError('ORGANISATION_EXISTS', { uscc });
      }
      const changes: Partial<OrganisationRow> = {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        uscc,
        ...(patch.type !== undefined && isAdmin ? { type: patch.type } : {}),
        ...(patch.regionCode !== undefined ? { region_code: patch.regionCode } : {}),
        ...(patch.flags !== undefined ? { flags: JSON.stringify(patch.flags) } : {}),
        ...(patch.intro !== undefined ? { intro: patch.intro } : {}),
        ...(patch.website !== undefined ? { website: patch.website } : {}),
        updated_at: nowIso(this.ctx.clock),
      };
      await this.repo.update(trx, id, changes, patch.industries);
      const after = await this.get(id, trx);
      await recordAudit(trx, actor, { action: 'organisation.update', subjectType: 'organisation', subjectId: id, before, after, requestId: actor.requestId }, this.ctx.clock.now());
      return after;
    });
  }

  async setVerified(actor: Actor, id: string, verified: boolean): Promise<OrganisationRow> {
    return inTransaction(this.ctx.db, async (trx) => {
      const before = await this.get(id, trx);
      authorize(actor, 'verify', 'organisation', before);
      await this.repo.update(trx, id, { verified: verified ? 1 : 0, updated_at: nowIso(this.ctx.clock) });
      const after = await this.get(id, trx);
      await recordAudit(trx, actor, { action: verified ? 'organisation.verify' : 'organisation.unverify', subjectType: 'organisation', subjectId: id, before, after, requestId: actor.requestId }, this.ctx.clock.now());
      return after;
    });
  }

  async list(filter: OrganisationFilter, page = 1, pageSize = 20): Promise<{ rows: OrganisationRow[]; total: number; industries: Map<string, string[]> }> {
    const { rows, total } = await this.repo.list(this.ctx.db, filter, page, pageSize);
    return { rows, total, industries: await this.repo.industriesOf(this.ctx.db, rows.map((r) => r.id)) };
  }

  /** The organisations with these ids, in one query — for naming the parties of a page of results. */
  async byIds(ids: string[]): Promise<OrganisationRow[]> {
    return this.repo.byIds(this.ctx.db, ids);
  }

  async count(): Promise<number> {
    return this.repo.count(this.ctx.db);
  }
}

export function organisationFlags(row: OrganisationRow): string[] {
  return parseJsonArray(row.flags);
}
