/**
 * Prometheus metrics at /metrics (prom-client): HTTP request durations by route, match latency, outbox lag, Redis
 * state, and the default process metrics (collected once per process).
 *
 * Access: with METRICS_TOKEN set, `Authorization: Bearer <METRICS_TOKEN>` is required; without it only a direct
 * loopback caller (TCP peer 127.0.0.1/::1 and no X-Forwarded-For, i.e. not relayed by a reverse proxy) may read it.
 */
import { timingSafeEqual } from 'node:crypto';
import client from 'prom-client';
import type { FastifyRequest } from 'fastify';
import { workerId } from '../cluster/index.js';

export interface OutboxLag {
  maxId: number;
  appliedId: number;
  events: number;
  seconds: number;
}

export interface MetricsProviders {
  /** this node's position in the outbox (read at scrape time) */
  outboxLag?: () => Promise<OutboxLag>;
  /** Redis connection state; null in embedded mode */
  redisUp?: () => boolean | null;
}

let processRegistry: client.Registry | null = null;

function defaultsRegistry(): client.Registry {
  if (!processRegistry) {
    processRegistry = new client.Registry();
    client.collectDefaultMetrics({ register: processRegistry, prefix: 'techbridge_' });
  }
  return processRegistry;
}

export class Metrics {
  readonly registry = new client.Registry();
  readonly httpDuration: client.Histogram<'method' | 'route' | 'status_code'>;
  readonly matchLatency: client.Histogram<'target'>;

  constructor(providers: MetricsProviders = {}) {
    const registers = [this.registry];
    this.httpDuration = new client.Histogram({
      name: 'techbridge_http_request_duration_seconds', help: 'HTTP request duration by route template, method and status',
      labelNames: ['method', 'route', 'status_code'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    });
    this.matchLatency = new client.Histogram({
      name: 'techbridge_match_latency_seconds', help: 'Time to rank one match query in the in-process index, by target kind',
      labelNames: ['target'], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers,
    });
    const lag = providers.outboxLag;
    if (lag) {
      let last: Promise<OutboxLag | null> | null = null;
      // one database read per scrape, shared by the four gauges
      const read = () => {
        last ??= lag().catch(() => null).finally(() => setTimeout(() => (last = null), 0));
        return last;
      };
      const gauge = (name: string, help: string, pick: (l: OutboxLag) => number) =>
        new client.Gauge({ name, help, registers, async collect() {
          const l = await read();
          if (l) this.set(pick(l));
        } });
      gauge('techbridge_outbox_lag_events', 'Outbox events committed but not yet applied to this node\'s matching index (max id − applied id)', (l) => l.events);
      gauge('techbridge_outbox_lag_seconds', 'Age of the oldest outbox event this node has not applied (0 when current)', (l) => l.seconds);
      gauge('techbridge_outbox_applied_id', 'Last outbox event id applied by this node', (l) => l.appliedId);
      gauge('techbridge_outbox_max_id', 'Highest committed outbox event id', (l) => l.maxId);
    }
    new client.Gauge({ name: 'techbridge_worker_id', help: 'Which worker of `serve --workers N` answered this scrape (1…N; 0 = a single process)', registers, collect() {
      this.set(workerId());
    } });
    const redisUp = providers.redisUp;
    if (redisUp && redisUp() !== null) {
      new client.Gauge({ name: 'techbridge_redis_up', help: '1 when this node\'s Redis connection is ready (server mode)', registers, collect() {
        const up = redisUp();
        if (up !== null) this.set(up ? 1 : 0);
      } });
    }
  }

  observeRequest(req: FastifyRequest, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status_code: String(statusCode) }, seconds);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    const merged = client.Registry.merge([defaultsRegistry(), this.registry]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }
}

/** Whether this caller may read /metrics (see the header comment). */
export function metricsAllowed(req: FastifyRequest, token: string | null): 'ok' | 'unauthenticated' | 'forbidden' {
  if (token) {
    const auth = req.headers.authorization ?? '';
    const given = Buffer.from(auth.startsWith('Bearer ') ? auth.slice(7).trim() : '');
    const want = Buffer.from(token);
    return given.length === want.length && timingSafeEqual(given, want) ? 'ok' : 'unauthenticated';
  }
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  return loopback && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined ? 'ok' : 'forbidden';
}
