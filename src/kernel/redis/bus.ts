/**
 * A small event bus between the API nodes. `publish` delivers to this node's subscribers at once and, in server
 * mode, to every other node through one Redis pub/sub channel. It carries hints and live events only (outbox
 * wake-ups, auction-room SSE events): nothing that must not be lost travels only here — durable state is in the
 * database, and the outbox is also polled.
 */
import { EventEmitter } from 'node:events';
import type { RedisHandle } from './redis.js';

export interface EventBus {
  publish(topic: string, data: unknown): void;
  subscribe(topic: string, handler: (data: unknown) => void): () => void;
  close(): Promise<void>;
}

/** Embedded mode: one process, so the bus is an in-process emitter. */
export class LocalBus implements EventBus {
  protected readonly local = new EventEmitter();

  constructor() {
    this.local.setMaxListeners(0);
  }

  publish(topic: string, data: unknown): void {
    this.deliver(topic, data);
  }

  protected deliver(topic: string, data: unknown): void {
    for (const h of this.local.listeners(topic)) {
      try {
        (h as (d: unknown) => void)(data);
      } catch {
        // a failing subscriber must not stop the others
      }
    }
  }

  subscribe(topic: string, handler: (data: unknown) => void): () => void {
    this.local.on(topic, handler);
    return () => this.local.off(topic, handler);
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
  }
}

interface Envelope {
  n: string;
  t: string;
  d: unknown;
}

/** Server mode: local delivery plus one Redis channel `<prefix>bus`; a node ignores its own echoes. */
export class RedisBus extends LocalBus {
  private readonly channel: string;
  private readonly onMessage = (channel: string, message: string) => {
    if (channel !== this.channel) return;
    let e: Envelope;
    try {
      e = JSON.parse(message) as Envelope;
    } catch {
      return;
    }
    if (e.n === this.redis.nodeId || typeof e.t !== 'string') return;
    this.deliver(e.t, e.d);
  };

  constructor(private readonly redis: RedisHandle) {
    super();
    this.channel = redis.key('bus');
    const sub = redis.sub();
    sub.on('message', this.onMessage);
    void sub.subscribe(this.channel).catch(() => undefined); // re-subscribed automatically after reconnects
  }

  override publish(topic: string, data: unknown): void {
    this.deliver(topic, data);
    const envelope: Envelope = { n: this.redis.nodeId, t: topic, d: data };
    // Redis down: other nodes miss this hint; they still poll the outbox (live SSE events are lost meanwhile)
    this.redis.client.publish(this.channel, JSON.stringify(envelope)).catch(() => undefined);
  }

  override async close(): Promise<void> {
    this.redis.sub().off('message', this.onMessage);
    await super.close();
  }
}

/**
 * Relays an in-process EventEmitter (e.g. the auction rooms' live events) across nodes: every `emit` goes through the
 * bus, and every node re-emits it locally, so an SSE client connected to node 3 sees a bid placed through node 1.
 */
export function relayEmitter(emitter: EventEmitter, bus: EventBus, topic: string): () => void {
  const original = emitter.emit.bind(emitter);
  const unsubscribe = bus.subscribe(topic, (data) => {
    const m = data as { event?: unknown; args?: unknown[] };
    if (typeof m?.event === 'string' && Array.isArray(m.args)) original(m.event, ...m.args);
  });
  emitter.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (typeof event !== 'string' || event === 'error' || event === 'newListener' || event === 'removeListener') return original(event, ...args);
    const had = emitter.listenerCount(event) > 0;
    bus.publish(topic, { event, args });
    return had;
  }) as typeof emitter.emit;
  return () => {
    unsubscribe();
    emitter.emit = original;
  };
}
