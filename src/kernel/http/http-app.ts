import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppConfig } from '../config.js';
import { AppError, registerErrors } from '../errors.js';
import { pickLocale, type Locale } from '../i18n/index.js';
import { ANONYMOUS, type Actor } from '../auth/index.js';
import { installErrorHandler, sendError } from './errors-handler.js';
import type { RouteAccess } from './access.js';
import { Metrics, metricsAllowed, type MetricsProviders } from './metrics.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
  }
  interface FastifyInstance {
    metrics: Metrics;
    /** set by the server when a graceful shutdown begins: /readyz answers 503 and responses close their connection */
    draining: boolean;
  }
  interface FastifyContextConfig {
    /** Anonymous visitors may call this route. Every other /api route refuses them before any work (secure by default). */
    public?: boolean;
    /** expected access, checked by the generated authorization matrix (see access.ts) */
    access?: RouteAccess;
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
  /** sources for the /metrics gauges (outbox lag, Redis state) */
  metrics?: MetricsProviders;
}

registerErrors({
  SHUTTING_DOWN: { status: 503, zh: '本节点正在停机，请求请发往其他节点', en: 'This node is shutting down; send requests to another node' },
});

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
  const routeTable: { method: string; url: string; public: boolean; access?: RouteAccess; schema?: unknown }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: r.url, public: Boolean((r.config as { public?: boolean } | undefined)?.public), access: (r.config as { access?: RouteAccess } | undefined)?.access, schema: r.schema });
    }
  });
  app.decorateRequest('actor', null as any);
  app.decorateRequest('locale', 'zh-CN' as any);
  installErrorHandler(app, config.bodyLimitBytes);
  // Ajv coerces "Infinity" / "1e309" to Infinity and then skips minimum/maximum (an Ajv quirk): no route takes a
  // non-finite number, so one anywhere in params, query or body is refused here, naming the field (it was a 500)
  app.addHook('preHandler', async (req) => {
    const bad = findNonFinite({ params: req.params, query: req.query, body: req.body });
    if (bad) throw new AppError('VALIDATION_FAILED', { summary: bad }, [{ field: bad, code: 'FIELD_TYPE', params: { field: bad, reasonZh: '不是有限数值', reasonEn: 'is not a finite number' } }]);
  });
  // JSON only: no text/plain parser (a cross-site form or fetch can send text/plain without a CORS preflight) → 415
  app.removeContentTypeParser('text/plain');

  const metrics = new Metrics(opts.metrics);
  app.decorate('metrics', metrics);
  app.decorate('draining', false);
  // while draining, clients are told not to reuse the connection, so they reconnect to another node
  app.addHook('onSend', async (_req, reply) => {
    if (app.draining) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(req, reply.statusCode, reply.elapsedTime / 1000);
  });

  // Secure headers. The CSP fits the built web app: scripts only from this origin (Vite emits no inline script),
  // inline styles allowed because Ant Design injects <style> elements (CSS-in-JS) and ECharts sets style attributes;
  // images/fonts may be data: or blob: (chart export, icons). Swagger UI at /docs needs nothing more.
  // upgrade-insecure-requests and HSTS only when served over HTTPS (COOKIE_SECURE=true): a plain-HTTP intranet
  // deployment would otherwise have every asset request rewritten to https and fail.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'frame-ancestors': ["'self'"],
        'upgrade-insecure-requests': config.cookieSecure ? [] : null,
      },
    },
    hsts: config.cookieSecure ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });

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
    let actor: Actor;
    try {
      actor = await opts.resolveActor(req);
    } catch (e) {
      // the session store (Redis in server mode) is down: public routes still answer, as for an anonymous visitor;
      // every other route gets the store's clear 503 code instead of a misleading 401
      if (!(e instanceof AppError) || e.status !== 503) throw e;
      if (!req.routeOptions.config?.public) return sendError(reply, req, e);
      req.log.warn({ code: e.code }, 'session store unavailable: serving a public route anonymously');
      actor = ANONYMOUS;
    }
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
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const allowed = metricsAllowed(req, config.metricsToken);
    if (allowed !== 'ok') return sendError(reply, req, new AppError(allowed === 'unauthenticated' ? 'UNAUTHENTICATED' : 'FORBIDDEN'));
    const { contentType, body } = await metrics.render();
    return reply.type(contentType).send(body);
  });
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    if (app.draining) return sendError(reply.status(503), req, new AppError('SHUTTING_DOWN'));
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

/** The path of the first non-finite number (Infinity, NaN) in a parsed request, or null. */
function findNonFinite(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path.replace(/^(params|query|body)\.?/, '') || 'body';
  if (!value || typeof value !== 'object' || depth > 32) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const found = findNonFinite(v, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return null;
}
