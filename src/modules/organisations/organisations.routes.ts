import { Type } from '@sinclair/typebox';
import { regionPrefix } from '../reference/index.js';
import type { HttpApp } from '../../kernel/http/index.js';
import { errorResponses, IdParams, Page } from '../../kernel/http/index.js';
import { presentOrganisation } from './organisations.presenter.js';
import { OrganisationCreateBody, OrganisationListQuery, OrganisationUpdateBody, OrganisationView } from './organisations.schemas.js';
import type { OrganisationsService } from './organisations.service.js';

export function organisationsRoutes(deps: { organisations: OrganisationsService }) {
  const { organisations } = deps;
  return async function (app: HttpApp) {
    app.get('/api/organisations', { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags: ['organisations'], summary: '单位列表 / list organisations', querystring: OrganisationListQuery, response: { 200: Page(OrganisationView), ...errorResponses } },
    }, async (req) => {
      const { q, type, region, verified, page = 1, pageSize = 20 } = req.query;
      const { rows, total, industries } = await organisations.list({ q, type, regionPrefix: region ? regionPrefix(region) : undefined, verified }, page, pageSize);
      return { items: rows.map((r) => presentOrganisation(r, industries.get(r.id))), total, page, pageSize };
    });

    app.get('/api/organisations/:id', { config: { access: { roles: 'everyone' }, public: true },
      schema: { tags: ['organisations'], summary: '单位主页 / organisation profile', params: IdParams, response: { 200: OrganisationView, ...errorResponses } },
    }, async (req) => {
      const row = await organisations.get(req.params.id);
      const ind = await organisations.industries([row.id]);
      return presentOrganisation(row, ind.get(row.id));
    });

    app.post('/api/organisations', {
      config: { access: { roles: ['admin'] } }, schema: { tags: ['organisations'], summary: '新建单位（管理员） / create organisation (admin)', body: OrganisationCreateBody, response: { 201: OrganisationView, ...errorResponses } },
    }, async (req, reply) => {
      const row = await organisations.create(req.actor, req.body);
      return reply.status(201).send(presentOrganisation(row, req.body.industries ?? []));
    });

    app.patch('/api/organisations/:id', {
      config: { access: { roles: 'signed-in' } }, schema: { tags: ['organisations'], summary: '修改单位信息（单位管理员或平台管理员）', params: IdParams, body: OrganisationUpdateBody, response: { 200: OrganisationView, ...errorResponses } },
    }, async (req) => {
      const row = await organisations.update(req.actor, req.params.id, req.body);
      const ind = await organisations.industries([row.id]);
      return presentOrganisation(row, ind.get(row.id));
    });

    app.post('/api/organisations/:id/verify', {
      config: { access: { roles: ['admin'] } }, schema: { tags: ['organisations'], summary: '认证单位（管理员）', params: IdParams, body: Type.Object({ verified: Type.Boolean() }), response: { 200: OrganisationView, ...errorResponses } },
    }, async (req) => {
      const row = await organisations.setVerified(req.actor, req.params.id, req.body.verified);
      const ind = await organisations.industries([row.id]);
      return presentOrganisation(row, ind.get(row.id));
    });
  };
}
