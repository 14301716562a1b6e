export { QueueModule, REDIS } from './queue.module';
export { ensureLocalRedis, RedisUnavailableError, type EmbeddedRedis } from './embedded-redis';
