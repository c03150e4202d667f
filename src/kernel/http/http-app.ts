import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppConfig } from '../config.js';
import { AppError } from '../errors.js';
import { pickLocale, type Locale } from '../i18n/index.js';
import { ANONYMOUS, type Actor } from '../auth/index.js';
import { installErrorHandler, sendError } from './errors-handler.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** Anonymous visitors may call this route. Every other /api route refuses them before any work (secure by default). */
    public?: boolean;
  }
}

export type HttpApp = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export interface HttpAppOptions {
  config: AppConfig;
  /** Resolves the acting user from the session cookie or bearer token. */
  resolveActor(req: FastifyRequest): Promise<Actor>;
  /** Readiness probe: throws when the platform cannot serve (database unreachable …). */
  checkReady(): Promise<void>;
  logger?: boolean;
}

export const SESSION_COOKIE = 'tb_session';
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function createHttpApp(opts: HttpAppOptions): Promise<HttpApp> {
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger === false || config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
    trustProxy: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // the route table (method, url, public?) — for the generated authorization tests and the docs
  const routeTable: { method: string; url: string; public: boolean }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: r.url, public: Boolean((r.config as { public?: boolean } | undefined)?.public) });
    }
  });
  app.decorateRequest('actor', null as any);
  app.decorateRequest('locale', 'zh-CN' as any);
  installErrorHandler(app, config.bodyLimitBytes);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'TechBridge 辽宁科技成果转化服务平台 API', version: '0.1.0', description: 'Errors: `{error:{code,message,fields?},requestId}`; messages follow Accept-Language (zh-CN default, en).' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const q = req.query as Record<string, string> | undefined;
    req.locale = pickLocale(req.headers['accept-language'], typeof q?.lang === 'string' ? q.lang : undefined);
    req.actor = ANONYMOUS;
    if (!req.url.startsWith('/api/')) return;
    const actor = await opts.resolveActor(req);
    req.actor = { ...actor, requestId: req.id } as Actor;
    // routes are closed to anonymous callers unless they declare `config: { public: true }`
    if (actor.kind === 'anonymous' && req.routeOptions.url && !req.routeOptions.config?.public) {
      return sendError(reply, req, new AppError('UNAUTHENTICATED'));
    }
    // CSRF: a cookie-authenticated mutation from another origin is refused (SameSite=Lax covers most browsers; this covers the rest).
    if (!SAFE_METHODS.has(req.method) && actor.kind === 'user' && actor.via === 'session') {
      const origin = req.headers.origin;
      if (origin && origin !== 'null') {
        let originHost = '';
        try {
          originHost = new URL(origin).host;
        } catch {
          originHost = '';
        }
        if (originHost !== req.headers.host) return sendError(reply, req, new AppError('CSRF_REJECTED'));
      }
    }
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await opts.checkReady();
      return { status: 'ready' };
    } catch {
      return sendError(reply.status(503), req, new AppError('DATABASE_UNAVAILABLE'));
    }
  });

  return app;
}

/** Serves the built web app (if present) with an SPA fallback; unknown /api routes get a coded 404. */
export async function installWebAndFallback(app: HttpApp, webDist: string | null): Promise<void> {
  const index = webDist ? path.join(webDist, 'index.html') : null;
  const hasWeb = Boolean(index && fs.existsSync(index));
  if (hasWeb && webDist) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: ['index.html'], maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0];
    // a missing built file (/assets/x.js, /favicon.png) is a 404, not the app shell: only page routes fall back
    const isFile = /\.[a-z0-9]{1,8}$/i.test(url);
    if (!hasWeb || isFile || url.startsWith('/api/') || url === '/api' || url.startsWith('/docs') || req.method !== 'GET') {
      return sendError(reply, req, new AppError('ROUTE_NOT_FOUND', { method: req.method, url }));
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
