import { Type } from '@sinclair/typebox';
import type { HttpApp } from '../../kernel/http/index.js';
import { regionGroups, regions, taxonomy, trlLevels } from './reference.data.js';

/** Reference data for pickers: regions (GB/T 2260), industry taxonomy, TRL levels (GB/T 22900). Public, cacheable. */
export function referenceRoutes() {
  return async function (app: HttpApp) {
    app.get('/api/reference/regions', { config: { access: { roles: 'everyone' }, public: true },
      schema: {
        tags: ['reference'], summary: '行政区划（GB/T 2260） / regions',
        querystring: Type.Object({ level: Type.Optional(Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')])), parent: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) }),
      },
    }, async (req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return regions().filter((r) => (!req.query.level || r.level === req.query.level) && (!req.query.parent || r.parent === req.query.parent));
    });
    app.get('/api/reference/region-groups', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: ['reference'], summary: '一圈一带两区 / regional groupings' } }, async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return regionGroups();
    });
    app.get('/api/reference/taxonomy', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: ['reference'], summary: '产业链分类（链→环节→节点） / industry taxonomy' } }, async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return taxonomy();
    });
    app.get('/api/reference/trl', { config: { access: { roles: 'everyone' }, public: true }, schema: { tags: ['reference'], summary: '技术成熟度等级与自评问题（GB/T 22900-2022）' } }, async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return trlLevels();
    });
  };
}
