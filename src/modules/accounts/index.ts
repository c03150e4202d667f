import { registerErrors } from '../../kernel/errors.js';

registerErrors({
  EMAIL_TAKEN: { status: 409, zh: '邮箱 {email} 已注册', en: 'E-mail {email} is already registered' },
  LOGIN_FAILED: { status: 401, zh: '邮箱或密码错误', en: 'Wrong e-mail or password' },
  LOGIN_THROTTLED: { status: 429, zh: '登录失败次数过多，请 {minutes} 分钟后再试', en: 'Too many failed sign-ins; try again in {minutes} minutes' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系平台管理员', en: 'This account is disabled; contact the platform administrators' },
  PASSWORD_WRONG: { status: 400, zh: '原密码不正确', en: 'The current password is wrong' },
  USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'User not found' },
  TOKEN_NOT_FOUND: { status: 404, zh: '令牌不存在', en: 'Token not found' },
  SESSION_STORE_UNAVAILABLE: { status: 503, zh: '会话服务（Redis）暂不可用：暂时无法登录或验证登录状态，请稍后再试', en: 'The session store (Redis) is unavailable: signing in and session checks are refused for now; try again later' },
  CANNOT_DEMOTE_SELF: { status: 400, zh: '不能停用自己或撤销自己的管理员权限', en: 'You cannot disable yourself or revoke your own admin rights' },
});

export { AccountsService, SELF_SERVICE_ROLES, ORG_TYPES_FOR_ROLE, toActor, type RegisterInput, type CreateUserInput } from './accounts.service.js';
export { accountsRoutes } from './accounts.routes.js';
export { presentUser } from './accounts.presenter.js';
export type { UserRow } from './accounts.table.js';
export { RedisSessionStore, RedisLoginThrottle, type SessionStore, type LoginThrottle } from './session-store.js';
