import { Type } from '@sinclair/typebox';
import { ORGANISATION_TYPES } from './organisations.service.js';

export const OrganisationType = Type.Union(ORGANISATION_TYPES.map((t) => Type.Literal(t)));

export const OrganisationView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    uscc: Type.Union([Type.String(), Type.Null()]),
    type: Type.String(),
    regionCode: Type.Union([Type.String(), Type.Null()]),
    regionName: Type.Union([Type.String(), Type.Null()]),
    industries: Type.Array(Type.String()),
    flags: Type.Array(Type.String()),
    intro: Type.String(),
    website: Type.Union([Type.String(), Type.Null()]),
    verified: Type.Boolean(),
    createdAt: Type.String(),
  },
  { $id: 'Organisation' },
);

const Uscc = Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码 (GB 32100-2015)' });
const RegionCode = Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 region code' });

export const OrganisationCreateBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 120 }),
  uscc: Type.Optional(Type.Union([Uscc, Type.Null()])),
  type: OrganisationType,
  regionCode: Type.Optional(Type.Union([RegionCode, Type.Null()])),
  industries: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  flags: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
  intro: Type.Optional(Type.String({ maxLength: 2000 })),
  website: Type.Optional(Type.Union([Type.String({ maxLength: 200, pattern: '^https?://' }), Type.Null()])),
});

export const OrganisationUpdateBody = Type.Partial(OrganisationCreateBody);

export const OrganisationListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  type: Type.Optional(OrganisationType),
  region: Type.Optional(Type.String({ pattern: '^\\d{2,6}$' })),
  verified: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
