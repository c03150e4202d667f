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

  /** A token and its user in one statement (every request signed with a token asks this first). */
  async tokenWithUser(db: Executor<DB>, hash: string): Promise<{ token: Pick<ApiTokenRow, 'id' | 'revoked_at' | 'expires_at' | 'last_used_at'>; user: UserRow } | undefined> {
    const r = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select(['api_tokens.id as t_id', 'api_tokens.revoked_at as t_revoked_at', 'api_tokens.expires_at as t_expires_at', 'api_tokens.last_used_at as t_last_used_at'])
      .where('api_tokens.token_hash', '=', hash)
      .executeTakeFirst();
    if (!r) return undefined;
    const { t_id, t_revoked_at, t_expires_at, t_last_used_at, ...user } = r;
    return { token: { id: t_id, revoked_at: t_revoked_at, expires_at: t_expires_at, last_used_at: t_last_used_at }, user: user as UserRow };
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
