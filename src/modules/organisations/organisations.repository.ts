import type { Executor } from '../../kernel/context.js';
import { escapeLike, type Dialect } from '../../kernel/db/database.js';
import type { DB } from '../../schema.js';
import type { OrganisationRow } from './organisations.table.js';

export interface OrganisationFilter {
  q?: string;
  type?: string;
  regionPrefix?: string;
  verified?: boolean;
  ids?: string[];
}

/** The only place that speaks SQL about organisations. */
export class OrganisationsRepository {
  constructor(private readonly dialect: Dialect) {}

  async insert(db: Executor<DB>, row: OrganisationRow, industries: string[]): Promise<void> {
    await db.insertInto('organisations').values(row).execute();
    await this.setIndustries(db, row.id, industries);
  }

  async update(db: Executor<DB>, id: string, patch: Partial<OrganisationRow>, industries?: string[]): Promise<void> {
    await db.updateTable('organisations').set(patch).where('id', '=', id).execute();
    if (industries) await this.setIndustries(db, id, industries);
  }

  private async setIndustries(db: Executor<DB>, id: string, codes: string[]): Promise<void> {
    await db.deleteFrom('organisation_industries').where('organisation_id', '=', id).execute();
    if (codes.length) await db.insertInto('organisation_industries').values(codes.map((code) => ({ organisation_id: id, code }))).execute();
  }

  async findById(db: Executor<DB>, id: string): Promise<OrganisationRow | undefined> {
    return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByUscc(db: Executor<DB>, uscc: string): Promise<OrganisationRow | undefined> {
    return db.selectFrom('organisations').selectAll().where('uscc', '=', uscc).executeTakeFirst();
  }

  async findByName(db: Executor<DB>, name: string): Promise<OrganisationRow | undefined> {
    return db.selectFrom('organisations').selectAll().where('name', '=', name).orderBy('created_at').executeTakeFirst();
  }

  async industriesOf(db: Executor<DB>, ids: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (!ids.length) return map;
    const rows = await db.selectFrom('organisation_industries').selectAll().where('organisation_id', 'in', ids).execute();
    for (const r of rows) map.set(r.organisation_id, [...(map.get(r.organisation_id) ?? []), r.code]);
    return map;
  }

  async list(db: Executor<DB>, f: OrganisationFilter, page: number, pageSize: number): Promise<{ rows: OrganisationRow[]; total: number }> {
    let q = db.selectFrom('organisations');
    if (f.q) q = q.where('name', this.dialect === 'postgres' ? 'ilike' : 'like', `%${escapeLike(f.q)}%`);
    if (f.type) q = q.where('type', '=', f.type);
    if (f.regionPrefix) q = q.where('region_code', 'like', `${escapeLike(f.regionPrefix)}%`);
    if (f.verified !== undefined) q = q.where('verified', '=', f.verified ? 1 : 0);
    if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['']);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll().orderBy('verified', 'desc').orderBy('name').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { rows, total };
  }

  /** The organisations with these ids, in one query (unknown ids are left out; no order). */
  async byIds(db: Executor<DB>, ids: string[]): Promise<OrganisationRow[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    return db.selectFrom('organisations').selectAll().where('id', 'in', unique).execute();
  }

  async count(db: Executor<DB>): Promise<number> {
    return Number((await db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }
}
