import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * In a process of its own, because what is checked is how soon that process can exit: a connection
 * to a port nothing listens on (still retrying), then disconnected, as a shutdown with Redis away does.
 */
const closeWhileRetrying = `
  const { createRedisConnection } = require(${JSON.stringify(join(__dirname, 'redis-connection.ts'))});
  const redis = createRedisConnection('redis://127.0.0.1:1');
  redis.on('error', () => undefined);
  redis.once('reconnecting', () => {
    const at = Date.now();
    redis.disconnect();
    process.on('exit', () => process.stdout.write(String(Date.now() - at)));
  });
`;

describe('createRedisConnection', () => {
  it('lets the process exit soon after disconnecting while Redis is away (ioredis alone held it 2 s)', () => {
    const lingered = Number(
      execFileSync(
        process.execPath,
        ['-r', join(__dirname, '../../../test/support/ts-register.js'), '-e', closeWhileRetrying],
        { encoding: 'utf8', timeout: 30_000 },
      ),
    );
    expect(lingered).toBeLessThan(1_000);
  });
});
