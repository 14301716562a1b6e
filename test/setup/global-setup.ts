import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLocalRedis } from '../../libs/queue/src/embedded-redis'; // globalSetup runs outside Jest's module mapper: this file imports no alias

/**
 * Redis as the start command finds it: REDIS_URL when set, else 127.0.0.1:6379, starting a
 * redis-server child there when nothing answers (stopped in global-teardown). And a folder for the
 * whole run's log, searched for personal data in global-teardown.
 */
export default async function globalSetup(): Promise<void> {
  const runLog = mkdtempSync(join(tmpdir(), 'hocba-run-log-'));
  process.env.HOCBA_TEST_RUN_LOG = runLog;
  (globalThis as { __hocbaRunLog?: string }).__hocbaRunLog = runLog;
  if (process.env.REDIS_URL) return;
  const redis = await ensureLocalRedis();
  process.env.REDIS_URL = redis.url;
  (globalThis as { __hocbaRedis?: typeof redis }).__hocbaRedis = redis;
}
