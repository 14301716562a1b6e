import { ensureLocalRedis } from '../../libs/queue/src';

/**
 * Redis as the start command finds it: REDIS_URL when set, else 127.0.0.1:6379, starting a
 * redis-server child there when nothing answers (stopped in global-teardown).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.REDIS_URL) return;
  const redis = await ensureLocalRedis();
  process.env.REDIS_URL = redis.url;
  (globalThis as { __hocbaRedis?: typeof redis }).__hocbaRedis = redis;
}
