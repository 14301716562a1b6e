import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/**
 * How long ioredis waits, after ending a connection's socket, for it to close before destroying it.
 * Its default is 2 s on a timer that holds the process open, and it starts that timer even for a
 * connection still retrying, whose socket has already closed and never will again: every shutdown
 * with Redis away then lingered 2 s for nothing. A live Redis answers the end of a socket at once.
 */
const DISCONNECT_TIMEOUT_MS = 200;

/** A Redis connection for BullMQ (which needs maxRetriesPerRequest: null on the connections it blocks on). */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: null,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    ...options,
  });
}
