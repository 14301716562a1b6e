import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@hocba/database';

/**
 * A database of its own for one test file: a new database on the server DATABASE_URL names (CI),
 * or an in-memory PGlite when it is unset (a newcomer's laptop). Dropped at the end.
 */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

// Jest reuses worker processes across files, and each file points DATABASE_URL at its own
// database: remember the server the run was given before anyone changed it.
const SERVER_URL = (process.env.HOCBA_TEST_SERVER_URL ??= process.env.DATABASE_URL ?? '');

export async function createTestDatabase(options: { embedded?: boolean } = {}): Promise<TestDatabase> {
  if (SERVER_URL === '' || options.embedded) {
    const pg = await startEmbeddedPostgres();
    return { url: pg.url, drop: pg.stop };
  }
  const name = `hocba_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
