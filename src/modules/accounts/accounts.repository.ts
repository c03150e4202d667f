import type { Executor } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import type { ApiTokenRow, SessionRow, UserRow } from './accounts.table.js';

export class AccountsRepository {
  async insertUser(db: Executor<DB>, row: UserRow): Promise<void> {
    await db.insertInto('users').values(row).execute();
  }

  async updateUser(db: Executor<DB>, id: string, patch: Partial<UserRow>): Promise<void> {
    await db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  async userById(db: Executor<DB>, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async userByEmail(db: Executor<DB>, email: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  async usersOfOrg(db: Executor<DB>, orgId: string): Promise<UserRow[]> {
    return db.selectFrom('users').selectAll().where('organisation_id', '=', orgId).orderBy('created_at').execute();
  }

  async listUsers(db: Executor<DB>, f: { role?: string; q?: string }, page: number, pageSize: number): Promise<{ rows: UserRow[]; total: number }> {
    let q = db.selectFrom('users');
    if (f.role) q = q.where('role', '=', f.role);
    if (f.q) q = q.where((eb) => eb.or([eb('email', 'like', `%${f.q}%`), eb('name', 'like', `%${f.q}%`)]));
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll().orderBy('created_at', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { rows, total };
  }

  async countUsers(db: Executor<DB>): Promise<number> {
    return Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }

  async insertSession(db: Executor<DB>, row: SessionRow): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  }

  async sessionWithUser(db: Executor<DB>, id: string): Promise<(SessionRow & { user: UserRow }) | undefined> {
    const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!session) return undefined;
    const user = await this.userById(db, session.user_id);
    return user ? { ...session, user } : undefined;
  }

  async deleteSession(db: Executor<DB>, id: string): Promise<void> {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionsOfUser(db: Executor<DB>, userId: string, exceptId?: string): Promise<void> {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async deleteExpiredSessions(db: Executor<DB>, nowIso: string): Promise<void> {
    await db.deleteFrom('sessions').where('expires_at', '<', nowIso).execute();
  }

  async insertToken(db: Executor<DB>, row: ApiTokenRow): Promise<void> {
    await db.insertInto('api_tokens').values(row).execute();
  }

  async tokenByHash(db: Executor<DB>, hash: string): Promise<ApiTokenRow | undefined> {
    return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  }

  async tokensOfUser(db: Executor<DB>, userId: string): Promise<ApiTokenRow[]> {
    return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  }

  async updateToken(db: Executor<DB>, id: string, patch: Partial<ApiTokenRow>): Promise<void> {
    await db.updateTable('api_tokens').set(patch).where('id', '=', id).execute();
  }

  async loginAttempt(db: Executor<DB>, key: string) {
    return db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
  }

  async saveLoginAttempt(db: Executor<DB>, row: { key: string; failures: number; window_start: string; locked_until: string | null }): Promise<void> {
    const existing = await this.loginAttempt(db, row.key);
    if (existing) await db.updateTable('login_attempts').set(row).where('key', '=', row.key).execute();
    else await db.insertInto('login_attempts').values(row).execute();
  }

  async clearLoginAttempts(db: Executor<DB>, key: string): Promise<void> {
    await db.deleteFrom('login_attempts').where('key', '=', key).execute();
  }
}
