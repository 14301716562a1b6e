import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/http';
import { createTestDatabase, type TestDatabase } from './test-database';

export const LRS_KEY = 'test-platform';
export const LRS_SECRET = 'test-platform-secret';
export const BASIC = `Basic ${Buffer.from(`${LRS_KEY}:${LRS_SECRET}`).toString('base64')}`;

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real API on a free port, over its own fresh, migrated database and the shared Redis.
 * `embedded` forces PGlite even when the run has a PostgreSQL server.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { embedded?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase(options);
  const settings: Record<string, string> = {
    DATABASE_URL: database.url,
    HOCBA_LRS_KEY: LRS_KEY,
    HOCBA_LRS_SECRET: LRS_SECRET,
    LOG_LEVEL: 'warn',
    PORT: '0',
    ...env,
  };
  // Jest reuses a worker process for several files: put the environment back when done.
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  const app = await createApiApp({ shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    database,
    async close() {
      await app.close();
      await database.drop();
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
