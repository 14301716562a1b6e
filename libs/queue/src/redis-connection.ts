import type { ConnectionOptions } from 'bullmq';
import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/**
 * How long ioredis waits, after ending a connection's socket, for it to close before destroying it.
 * Its default is 2 s on a timer that holds the process open, and it starts that timer even for a
 * connection still retrying, whose socket has already closed and never will again: every shutdown
 * with Redis away then lingered 2 s for nothing. A live Redis answers the end of a socket at once.
 */
const DISCONNECT_TIMEOUT_MS = 200;

/** Options for BullMQ connections (which need maxRetriesPerRequest: null on those it blocks on). */
const BULLMQ_OPTIONS = { maxRetriesPerRequest: null, disconnectTimeout: DISCONNECT_TIMEOUT_MS } as const;

/** A Redis connection for BullMQ. */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new IORedis(url, { ...BULLMQ_OPTIONS, ...options });
}

/** The same settings as options, for connections BullMQ opens (and closes) itself: the workers'. */
export function redisConnectionOptions(url: string): ConnectionOptions {
  return { url, ...BULLMQ_OPTIONS };
}
