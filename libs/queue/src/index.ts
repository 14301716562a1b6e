export { QueueModule, REDIS } from './queue.module';
export { createRedisConnection, redisConnectionOptions } from './redis-connection';
export { redisUnavailable } from './redis-unavailable';
export { ensureLocalRedis, RedisUnavailableError, type EmbeddedRedis } from './embedded-redis';
export {
  QueueName,
  JOB_QUEUES,
  DEFAULT_JOB_OPTIONS,
  type JobName,
  type JobPayloads,
} from './queue-catalogue';
