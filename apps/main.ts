/**
 * `npm start`: the API and the worker in one foreground process, on the embedded defaults unless
 * DATABASE_URL / REDIS_URL say otherwise. With DATABASE_URL unset, PostgreSQL runs in-process
 * (PGlite, kept in HOCBA_DATA_DIR); with REDIS_URL unset, the Redis on 127.0.0.1:6379 is used, or a
 * redis-server child is started there. This launcher is the one place that writes those variables.
 */
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@hocba/config';
import { startEmbeddedPostgres } from '@hocba/database';
import { ensureLocalRedis, RedisUnavailableError } from '@hocba/queue';
import { startApi } from './api/src/main';
import { seedDemoData } from './demo/demo-data';
import { startWorker } from './worker/src/main';

async function main(): Promise<void> {
  const logger = new Logger('Hocba');
  const config = loadConfig();
  const stops: (() => Promise<void>)[] = [];
  if (!config.DATABASE_URL) {
    const dir = join(config.HOCBA_DATA_DIR, 'pglite');
    logger.log(`DATABASE_URL is unset: starting embedded PostgreSQL (PGlite) in ${dir}`);
    const pg = await startEmbeddedPostgres(dir);
    process.env.DATABASE_URL = pg.url;
    stops.push(pg.stop);
  }
  if (!config.REDIS_URL) {
    const redis = await ensureLocalRedis();
    if (redis.child)
      logger.log(
        `REDIS_URL is unset and nothing answered on 6379: started redis-server (pid ${redis.child.pid})`,
      );
    process.env.REDIS_URL = redis.url;
    stops.push(redis.stop);
  }
  const worker = await startWorker({ shutdownHooks: false });
  const api = await startApi({ shutdownHooks: false });
  if (config.HOCBA_DEMO_DATA === 'on') {
    const seeded = await seedDemoData({
      url: api.url,
      admin: { username: config.HOCBA_ADMIN_USER!, password: config.HOCBA_ADMIN_PASSWORD! },
      lrs: { key: config.HOCBA_LRS_KEY!, secret: config.HOCBA_LRS_SECRET! },
    });
    if (seeded)
      logger.log(
        `HOCBA_DEMO_DATA=on: demo data made (${seeded.learners} learners, ${seeded.statements} statements; certificates follow)`,
      );
  }
  logger.log(
    `Ready. Web app: ${api.url}/  Health: ${api.url}/health  API description: ${api.url}/docs  xAPI: ${api.url}/xapi  (Ctrl-C stops)`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: closing`);
    await api.close();
    await worker.close();
    for (const stop of stops.reverse()) await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RedisUnavailableError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
