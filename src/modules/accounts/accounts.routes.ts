import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../kernel/errors.js';
import { errorResponses, IdParams, OkResponse, Page, SESSION_COOKIE, type HttpApp } from '../../kernel/http/index.js';
import { presentOrganisation, type OrganisationsService } from '../organisations/index.js';
import { presentToken, presentUser } from './accounts.presenter.js';
import { LoginBody, MemberCreateBody, MeView, PasswordBody, RegisterBody, TokenCreateBody, TokenView, UserCreateBody, UserListQuery, UserUpdateBody, UserView } from './accounts.schemas.js';
import { toActor, type AccountsService } from './accounts.service.js';

export function accountsRoutes(deps: { accounts: AccountsService; organisations: OrganisationsService; cookieSecure: boolean }) {
  const { accounts, organisations } = deps;

  function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string) {
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure, path: '/', expires: new Date(expiresAt) });
  }

  async function me(userId: string) {
    const user = await accounts.getUser(userId);
    const org = user.organisation_id ? await organisations.get(user.organisation_id) : null;
    const ind = org ? await organisations.industries([org.id]) : new Map();
    return { user: presentUser(user), organisation: org ? presentOrganisation(org, ind.get(org.id)) : null };
  }

  return async function (app: HttpApp) {
    app.post('/api/auth/register', { config: { access: { roles: 'everyone' }, public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '注册账号与单位 / register an account and its organisation', body: RegisterBody, response: { 201: MeView, ...errorResponses } },
    }, async (req, reply) => {
      const user = await accounts.register(req.body, req.id);
      const session = await accounts.login(req.body.email, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'], requestId: req.id });
      setSessionCookie(reply, session.token, session.expiresAt);
      return reply.status(201).send(await me(user.id));
    });

    app.post('/api/auth/login', { config: { access: { roles: 'everyone', note: 'wrong credentials → 401 LOGIN_FAILED' }, public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '登录 / sign in (sets an HttpOnly session cookie)', body: LoginBody, response: { 200: MeView, ...errorResponses, 429: errorResponses[400] } },
    }, async (req, reply) => {
      const session = await accounts.login(req.body.email, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'], requestId: req.id });
      setSessionCookie(reply, session.token, session.expiresAt);
      return me(session.user.id);
    });

    app.post('/api/auth/logout', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: ['auth'], summary: '退出登录 / sign out', response: { 200: OkResponse } } }, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await accounts.logout(req.actor, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.get('/api/auth/me', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['auth'], summary: '当前用户 / current user', response: { 200: MeView, ...errorResponses } } }, async (req) => {
      if (req.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
      return me(req.actor.userId);
    });

    app.get('/api/auth/session', {
      config: { access: { roles: 'everyone' }, public: true },
      schema: { tags: ['auth'], summary: '当前会话（未登录时 user 为 null，不返回 401） / the current session, null when signed out', response: { 200: Type.Object({ user: Type.Union([MeView.properties.user, Type.Null()]), organisation: MeView.properties.organisation }) } },
    }, async (req) => {
      if (req.actor.kind !== 'user') return { user: null, organisation: null };
      return me(req.actor.userId);
    });

    app.post('/api/auth/password', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['auth'], summary: '修改密码 / change password (ends other sessions)', body: PasswordBody, response: { 200: OkResponse, ...errorResponses } } }, async (req) => {
      await accounts.changePassword(req.actor, req.body.oldPassword, req.body.newPassword, req.cookies[SESSION_COOKIE]);
      return { ok: true };
    });

    app.get('/api/auth/tokens', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['auth'], summary: 'API 令牌列表 / API tokens', response: { 200: Type.Array(TokenView), ...errorResponses } } }, async (req) => {
      return (await accounts.listTokens(req.actor)).map(presentToken);
    });

    app.post('/api/auth/tokens', {
      config: { access: { roles: 'signed-in' } }, schema: { tags: ['auth'], summary: '创建 API 令牌（仅显示一次） / create an API token (shown once)', body: TokenCreateBody, response: { 201: Type.Object({ id: Type.String(), token: Type.String(), prefix: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses } },
    }, async (req, reply) => {
      return reply.status(201).send(await accounts.createToken(req.actor, req.body.name, req.body.expiresInDays));
    });

    app.delete('/api/auth/tokens/:id', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['auth'], summary: '吊销 API 令牌 / revoke a token', params: IdParams, response: { 200: OkResponse, ...errorResponses } } }, async (req) => {
      await accounts.revokeToken(req.actor, req.params.id);
      return { ok: true };
    });

    app.get('/api/organisations/:id/members', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['organisations'], summary: '单位成员 / members', params: IdParams, response: { 200: Type.Array(UserView), ...errorResponses } } }, async (req) => {
      return (await accounts.members(req.actor, req.params.id)).map(presentUser);
    });

    app.post('/api/organisations/:id/members', {
      config: { access: { roles: 'signed-in' } }, schema: { tags: ['organisations'], summary: '添加成员（单位管理员） / add a member (org-admin)', params: IdParams, body: MemberCreateBody, response: { 201: UserView, ...errorResponses } },
    }, async (req, reply) => {
      const actor = req.actor;
      const role = actor.kind === 'user' && actor.role !== 'admin' ? actor.role : undefined;
      let memberRole = role;
      if (!memberRole) {
        // an admin adding a member: take the role of the organisation's existing members
        const existing = await accounts.members(actor, req.params.id);
        memberRole = (existing[0]?.role as typeof role) ?? 'enterprise';
      }
      const user = await accounts.createUser(actor, { ...req.body, role: memberRole!, organisationId: req.params.id });
      return reply.status(201).send(presentUser(user));
    });

    app.patch('/api/users/:id', {
      config: { access: { roles: 'signed-in' } }, schema: { tags: ['admin'], summary: '修改用户（管理员；单位管理员可设成员管理员权限）', params: IdParams, body: UserUpdateBody, response: { 200: UserView, ...errorResponses } },
    }, async (req) => presentUser(await accounts.updateUser(req.actor, req.params.id, req.body)));

    app.get('/api/admin/users', { config: { access: { roles: ['admin'] } }, schema: { tags: ['admin'], summary: '用户管理 / users (admin)', querystring: UserListQuery, response: { 200: Page(UserView), ...errorResponses } } }, async (req) => {
      const { page = 1, pageSize = 20, role, q } = req.query;
      const { rows, total } = await accounts.listUsers(req.actor, { role, q }, page, pageSize);
      return { items: rows.map(presentUser), total, page, pageSize };
    });

    app.post('/api/admin/users', { config: { access: { roles: 'signed-in' } }, schema: { tags: ['admin'], summary: '创建账号（管理员） / create an account (admin)', body: UserCreateBody, response: { 201: UserView, ...errorResponses } } }, async (req, reply) => {
      return reply.status(201).send(presentUser(await accounts.createUser(req.actor, req.body)));
    });
  };
}

export { toActor };
