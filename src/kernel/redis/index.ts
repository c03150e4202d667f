export { RedisHandle, type RedisLog } from './redis.js';
export { LocalBus, RedisBus, relayEmitter, type EventBus } from './bus.js';
