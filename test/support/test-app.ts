import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorker } from '../../apps/worker/src/main';
import { installRunLog } from './run-log';
import { createTestDatabase, type TestDatabase } from './test-database';

// At load, before any test replaces stdout to capture a log of its own (which it then checks itself).
installRunLog();

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
 * `embedded` forces PGlite even when the run has a PostgreSQL server; `worker` runs the worker
 * (job handlers) in the same process, as `npm start` does; `database` starts it on a database made
 * beforehand (the app drops it at close).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { embedded?: boolean; worker?: boolean; database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(options));
  // Files the service keeps (certificate PDFs) go to a folder of this app's own, removed at close.
  const dataDir = mkdtempSync(join(tmpdir(), 'hocba-test-data-'));
  const settings: Record<string, string> = {
    HOCBA_DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    HOCBA_LRS_KEY: LRS_KEY,
    HOCBA_LRS_SECRET: LRS_SECRET,
    // The service's whole log (debug and up) goes to the run's log file, scanned for personal data at
    // the end of the run; the console shows errors only.
    LOG_LEVEL: 'debug',
    PORT: '0',
    // Test files share one Redis: each gets its own queues, so no worker takes another's jobs.
    HOCBA_QUEUE_PREFIX: `test-${randomBytes(6).toString('hex')}`,
    ...env,
  };
  // Jest reuses a worker process for several files: put the environment back when done.
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  const restore = async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  let app: NestFastifyApplication | undefined;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    app = await createApiApp({ shutdownHooks: false });
    await app.listen(0, '127.0.0.1');
    worker = options.worker ? await startWorker({ shutdownHooks: false }) : undefined;
  } catch (error) {
    // A test whose app cannot start gets no TestApp to close: leave nothing behind (its database).
    await app?.close().catch(() => undefined);
    await restore().catch(() => undefined);
    throw error;
  }
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const started = app;
  return {
    app: started,
    url,
    database,
    async close() {
      await worker?.close();
      await started.close();
      await restore();
    },
  };
}
