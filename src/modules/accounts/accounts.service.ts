import { createHash, randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { authorize, ROLES, type Actor, type Role } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import { AppError, invalidField } from '../../kernel/errors.js';
import { inTransaction, nowIso, type KernelContext } from '../../kernel/context.js';
import type { DB } from '../../schema.js';
import { OrganisationsService, type OrganisationInput, type OrganisationType } from '../organisations/index.js';
import { AccountsRepository } from './accounts.repository.js';
import type { UserRow } from './accounts.table.js';
import { hashPassword, passwordError, passwordProblem, verifyPassword } from './passwords.js';
import { DatabaseLoginThrottle, DatabaseSessionStore, type LoginThrottle, type SessionStore } from './session-store.js';

/** Roles a visitor may choose when registering; government and admin accounts are created by admins. */
export const SELF_SERVICE_ROLES = ['enterprise', 'institution', 'broker', 'service'] as const;

/** Which organisation types fit which role. */
export const ORG_TYPES_FOR_ROLE: Record<Role, readonly OrganisationType[]> = {
  enterprise: ['enterprise'],
  institution: ['university', 'institute'],
  broker: ['broker_agency'],
  service: ['pilot_base', 'demonstration_base', 'incubator', 'bank', 'guarantee', 'insurer', 'investor'],
  government: ['government'],
  admin: [],
};

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  phone?: string | null;
  role: (typeof SELF_SERVICE_ROLES)[number];
  organisation: OrganisationInput;
}

export interface CreateUserInput {
  email: string;
  password: string;
  name: string;
  role: Role;
  organisationId?: string | null;
  orgAdmin?: boolean;
  phone?: string | null;
}

export class AccountsService {
  private readonly repo = new AccountsRepository();
  /** database in embedded mode; Redis in server mode (see session-store.ts) */
  private sessions: SessionStore = new DatabaseSessionStore(this.repo);
  private throttle: LoginThrottle = new DatabaseLoginThrottle(this.repo);

  constructor(
    private readonly ctx: KernelContext<DB>,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Server mode: sessions and login-throttle counters move to a shared store (Redis). */
  useSessionStore(sessions: SessionStore, throttle: LoginThrottle): void {
    this.sessions = sessions;
    this.throttle = throttle;
  }

  get sessionStoreKind(): SessionStore['kind'] {
    return this.sessions.kind;
  }

  private checkCredentials(email: string, password: string): void {
    if (!EMAIL.test(email)) throw invalidField('email', '不是有效的电子邮箱地址', 'is not a valid e-mail address');
    const problem = passwordProblem(password, email);
    if (problem) throw passwordError(problem);
  }

  /** Self-service registration: creates the (unverified) organisation and its first member as org-admin. */
  async register(input: RegisterInput, requestId?: string): Promise<UserRow> {
    const email = input.email.trim().toLowerCase();
    this.checkCredentials(email, input.password);
    if (!(SELF_SERVICE_ROLES as readonly string[]).includes(input.role)) throw invalidField('role', '该角色不可自助注册', 'cannot be chosen at registration');
    if (!ORG_TYPES_FOR_ROLE[input.role].includes(input.organisation.type)) {
      throw invalidField('organisation.type', `与角色 ${input.role} 不匹配`, `does not fit role ${input.role}`);
    }
    if (!input.organisation.uscc) throw invalidField('organisation.uscc', '注册单位须填写统一社会信用代码', 'is required to register an organisation');
    const passwordHash = await hashPassword(input.password);
    return inTransaction(this.ctx.db, async (trx) => {
      if (await this.repo.userByEmail(trx, email)) throw new AppError('EMAIL_TAKEN', { email });
      const now = nowIso(this.ctx.clock);
      const userId = uuidv7();
      const self: Actor = { kind: 'user', userId, email, name: input.name, role: input.role, orgId: null, orgAdmin: true, via: 'session', requestId };
      const org = await this.organisations.create(self, input.organisation, trx, { allowSelfService: true });
      const row: UserRow = {
        id: userId, email, name: input.name.trim(), phone: input.phone ?? null, password_hash: passwordHash, role: input.role,
        organisation_id: org.id, org_admin: 1, status: 'active', locale: 'zh-CN', created_at: now, updated_at: now, last_login_at: null,
      };
      await this.repo.insertUser(trx, row);
      await recordAudit(trx, { ...self, orgId: org.id }, { action: 'account.register', subjectType: 'user', subjectId: userId, after: { ...row, password_hash: '[redacted]' }, requestId }, this.ctx.clock.now());
      return row;
    });
  }

  /** Admins create any account; org-admins add members to their own organisation (same role as theirs). */
  async createUser(actor: Actor, input: CreateUserInput): Promise<UserRow> {
    const email = input.email.trim().toLowerCase();
    this.checkCredentials(email, input.password);
    if (!(ROLES as readonly string[]).includes(input.role)) throw invalidField('role', '未知角色', 'unknown role');
    const isAdmin = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
    if (!isAdmin) {
      if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
      if (!actor.orgAdmin || !actor.orgId || input.organisationId !== actor.orgId || input.role !== actor.role) throw new AppError('FORBIDDEN');
    }
    if (input.role !== 'admin' && !input.organisationId) throw invalidField('organisationId', '非管理员账号须属于一个单位', 'is required for every role except admin');
    const passwordHash = await hashPassword(input.password);
    return inTransaction(this.ctx.db, async (trx) => {
      if (input.organisationId) await this.organisations.get(input.organisationId, trx);
      if (await this.repo.userByEmail(trx, email)) throw new AppError('EMAIL_TAKEN', { email });
      const now = nowIso(this.ctx.clock);
      const row: UserRow = {
        id: uuidv7(), email, name: input.name.trim(), phone: input.phone ?? null, password_hash: passwordHash, role: input.role,
        organisation_id: input.organisationId ?? null, org_admin: input.orgAdmin ? 1 : 0, status: 'active', locale: 'zh-CN',
        created_at: now, updated_at: now, last_login_at: null,
      };
      await this.repo.insertUser(trx, row);
      await recordAudit(trx, actor, { action: 'account.create', subjectType: 'user', subjectId: row.id, after: { ...row, password_hash: '[redacted]' }, requestId: actor.requestId }, this.ctx.clock.now());
      return row;
    });
  }

  private throttleKey(email: string): string {
    return `login:${email}`;
  }

  /** Verifies credentials with throttling (N failures → locked for M minutes) and opens a session. */
  async login(emailRaw: string, password: string, meta: { ip?: string; userAgent?: string; requestId?: string } = {}): Promise<{ token: string; user: UserRow; expiresAt: string }> {
    const email = emailRaw.trim().toLowerCase();
    const now = this.ctx.clock.now();
    const key = this.throttleKey(email);
    const lockedUntil = await this.throttle.lockedUntil(this.ctx.db, key, now);
    if (lockedUntil) {
      throw new AppError('LOGIN_THROTTLED', { until: lockedUntil, minutes: Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60000) });
    }
    const user = await this.repo.userByEmail(this.ctx.db, email);
    const ok = user ? await verifyPassword(user.password_hash, password) : await verifyPassword(DUMMY_HASH, password);
    if (!user || !ok || user.status !== 'active') {
      const windowMs = this.ctx.config.loginLockMinutes * 60_000;
      await inTransaction(this.ctx.db, async (trx) => {
        const { failures } = await this.throttle.fail(trx, key, now, windowMs, this.ctx.config.loginMaxFailures);
        await recordAudit(trx, { kind: 'anonymous', requestId: meta.requestId }, { action: 'account.login_failed', subjectType: 'user', subjectId: user?.id ?? null, after: { email, failures }, requestId: meta.requestId }, now);
      });
      if (user && ok && user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
      throw new AppError('LOGIN_FAILED');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.ctx.config.sessionTtlHours * 3_600_000).toISOString();
    await inTransaction(this.ctx.db, async (trx) => {
      await this.throttle.clear(trx, key);
      await this.sessions.create(trx, { id: sha256(token), user_id: user.id, created_at: now.toISOString(), expires_at: expiresAt, ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null }, Date.parse(expiresAt) - now.getTime());
      await this.repo.updateUser(trx, user.id, { last_login_at: now.toISOString() });
      await recordAudit(trx, toActor(user, 'session', meta.requestId), { action: 'account.login', subjectType: 'user', subjectId: user.id, requestId: meta.requestId }, now);
    });
    return { token, user, expiresAt };
  }

  async logout(actor: Actor, token: string): Promise<void> {
    await inTransaction(this.ctx.db, async (trx) => {
      await this.sessions.delete(trx, sha256(token));
      await recordAudit(trx, actor, { action: 'account.logout', subjectType: 'user', subjectId: actor.kind === 'user' ? actor.userId : null, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  /** Resolves a session cookie token to an actor (null when missing, expired or the account is disabled). */
  async actorForSession(token: string): Promise<Actor | null> {
    const s = await this.sessions.get(this.ctx.db, sha256(token));
    if (!s || s.expires_at <= this.ctx.clock.now().toISOString()) return null;
    const user = await this.repo.userById(this.ctx.db, s.user_id);
    if (!user || user.status !== 'active') return null;
    return toActor(user, 'session');
  }

  /** Resolves a bearer API token (`tb_…`) to an actor. */
  async actorForToken(token: string): Promise<Actor | null> {
    const found = await this.repo.tokenWithUser(this.ctx.db, sha256(token));
    const now = nowIso(this.ctx.clock);
    if (!found) return null;
    const { token: row, user } = found;
    if (row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
    if (user.status !== 'active') return null;
    // last_used_at at minute resolution, so a busy machine client does not write on every request
    if (!row.last_used_at || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) await this.repo.updateToken(this.ctx.db, row.id, { last_used_at: now });
    return toActor(user, 'token');
  }

  async changePassword(actor: Actor, oldPassword: string, newPassword: string, currentToken?: string): Promise<void> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    const user = await this.getUser(actor.userId);
    if (!(await verifyPassword(user.password_hash, oldPassword))) throw new AppError('PASSWORD_WRONG');
    const problem = passwordProblem(newPassword, user.email);
    if (problem) throw passwordError(problem, 'newPassword');
    const hash = await hashPassword(newPassword);
    await inTransaction(this.ctx.db, async (trx) => {
      await this.repo.updateUser(trx, user.id, { password_hash: hash, updated_at: nowIso(this.ctx.clock) });
      // every other session of this user ends
      await this.sessions.deleteOfUser(trx, user.id, currentToken ? sha256(currentToken) : undefined);
      await recordAudit(trx, actor, { action: 'account.password_change', subjectType: 'user', subjectId: user.id, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  async createToken(actor: Actor, name: string, expiresInDays?: number): Promise<{ token: string; id: string; prefix: string; expiresAt: string | null }> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    const secret = `tb_${randomBytes(24).toString('base64url')}`;
    const now = this.ctx.clock.now();
    const row = {
      id: uuidv7(), user_id: actor.userId, name: name.trim(), token_hash: sha256(secret), prefix: secret.slice(0, 7),
      created_at: now.toISOString(), expires_at: expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000).toISOString() : null,
      last_used_at: null, revoked_at: null,
    };
    await inTransaction(this.ctx.db, async (trx) => {
      await this.repo.insertToken(trx, row);
      await recordAudit(trx, actor, { action: 'api_token.create', subjectType: 'api_token', subjectId: row.id, after: { ...row, token_hash: '[redacted]' }, requestId: actor.requestId }, now);
    });
    return { token: secret, id: row.id, prefix: row.prefix, expiresAt: row.expires_at };
  }

  async listTokens(actor: Actor) {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    return this.repo.tokensOfUser(this.ctx.db, actor.userId);
  }

  async revokeToken(actor: Actor, id: string): Promise<void> {
    if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
    const tokens = await this.repo.tokensOfUser(this.ctx.db, actor.userId);
    const token = tokens.find((t) => t.id === id);
    if (!token) throw new AppError('TOKEN_NOT_FOUND');
    await inTransaction(this.ctx.db, async (trx) => {
      await this.repo.updateToken(trx, id, { revoked_at: nowIso(this.ctx.clock) });
      await recordAudit(trx, actor, { action: 'api_token.revoke', subjectType: 'api_token', subjectId: id, requestId: actor.requestId }, this.ctx.clock.now());
    });
  }

  async getUser(id: string): Promise<UserRow> {
    const u = await this.repo.userById(this.ctx.db, id);
    if (!u) throw new AppError('USER_NOT_FOUND');
    return u;
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.repo.userByEmail(this.ctx.db, email.trim().toLowerCase());
  }

  async members(actor: Actor, orgId: string): Promise<UserRow[]> {
    const org = await this.organisations.get(orgId);
    authorize(actor, 'listMembers', 'organisation', org);
    return this.repo.usersOfOrg(this.ctx.db, orgId);
  }

  async listUsers(actor: Actor, f: { role?: string; q?: string }, page: number, pageSize: number) {
    if (!(actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin'))) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    return this.repo.listUsers(this.ctx.db, f, page, pageSize);
  }

  /** Admin: enable/disable, change role; org-admin: grant/revoke org-admin within their organisation. */
  async updateUser(actor: Actor, id: string, patch: { status?: 'active' | 'disabled'; role?: Role; orgAdmin?: boolean }): Promise<UserRow> {
    const before = await this.getUser(id);
    const isAdmin = actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
    const isOrgAdmin = actor.kind === 'user' && actor.orgAdmin && actor.orgId !== null && actor.orgId === before.organisation_id;
    if (!isAdmin && !(isOrgAdmin && patch.role === undefined)) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    if (actor.kind === 'user' && actor.userId === id && (patch.status === 'disabled' || patch.orgAdmin === false)) throw new AppError('CANNOT_DEMOTE_SELF');
    return inTransaction(this.ctx.db, async (trx) => {
      await this.repo.updateUser(trx, id, {
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.orgAdmin !== undefined ? { org_admin: patch.orgAdmin ? 1 : 0 } : {}),
        updated_at: nowIso(this.ctx.clock),
      });
      if (patch.status === 'disabled') await this.sessions.deleteOfUser(trx, id);
      const after = (await this.repo.userById(trx, id))!;
      await recordAudit(trx, actor, { action: 'account.update', subjectType: 'user', subjectId: id, before: { ...before, password_hash: '' }, after: { ...after, password_hash: '' }, requestId: actor.requestId }, this.ctx.clock.now());
      return after;
    });
  }

  async countUsers(): Promise<number> {
    return this.repo.countUsers(this.ctx.db);
  }

  async purgeExpiredSessions(): Promise<void> {
    await this.sessions.purgeExpired(this.ctx.db, nowIso(this.ctx.clock));
  }
}

// Verifying against a fixed hash when the e-mail is unknown keeps response times alike (no account enumeration by timing).
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1nVZ3d3eTQ0qz9o3x4l0bH3u2w9mVQ7u0mQdM7o6xq8';

export function toActor(user: UserRow, via: 'session' | 'token', requestId?: string): Actor {
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, role: user.role as Role, orgId: user.organisation_id, orgAdmin: user.org_admin === 1, via, requestId };
}
