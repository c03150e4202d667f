import { Type } from '@sinclair/typebox';
import { Nullable } from '../../kernel/http/index.js';
import { ROLES } from '../../kernel/auth/index.js';
import { OrganisationCreateBody, OrganisationViewSchema } from '../organisations/index.js';
import { SELF_SERVICE_ROLES } from './accounts.service.js';


export const UserView = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), role: Type.String(), organisationId: Nullable(Type.String()),
  orgAdmin: Type.Boolean(), status: Type.String(), createdAt: Type.String(), lastLoginAt: Nullable(Type.String()),
}, { $id: 'User' });

const Email = Type.String({ minLength: 3, maxLength: 254, description: 'e-mail, also the login name' });
const Password = Type.String({ minLength: 8, maxLength: 128 });

export const RegisterBody = Type.Object({
  email: Email,
  password: Password,
  name: Type.String({ minLength: 1, maxLength: 60 }),
  phone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }))),
  role: Type.Union(SELF_SERVICE_ROLES.map((r) => Type.Literal(r))),
  organisation: OrganisationCreateBody,
});

export const LoginBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 128 }) });

export const MeView = Type.Object({ user: UserView, organisation: Nullable(OrganisationViewSchema) });

export const PasswordBody = Type.Object({ oldPassword: Type.String({ minLength: 1, maxLength: 128 }), newPassword: Password });

export const TokenCreateBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) });
export const TokenView = Type.Object({
  id: Type.String(), name: Type.String(), prefix: Type.String(), createdAt: Type.String(), expiresAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()), revokedAt: Nullable(Type.String()),
});

export const UserCreateBody = Type.Object({
  email: Email,
  password: Password,
  name: Type.String({ minLength: 1, maxLength: 60 }),
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  organisationId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  orgAdmin: Type.Optional(Type.Boolean()),
});

export const MemberCreateBody = Type.Object({
  email: Email,
  password: Password,
  name: Type.String({ minLength: 1, maxLength: 60 }),
  orgAdmin: Type.Optional(Type.Boolean()),
});

export const UserUpdateBody = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  role: Type.Optional(Type.Union(ROLES.map((r) => Type.Literal(r)))),
  orgAdmin: Type.Optional(Type.Boolean()),
});

export const UserListQuery = Type.Object({
  role: Type.Optional(Type.Union(ROLES.map((r) => Type.Literal(r)))),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
