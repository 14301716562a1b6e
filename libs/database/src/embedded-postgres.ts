import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ProtocolQueue } from './pglite-protocol-queue';

export interface EmbeddedPostgres {
  /** A postgres:// URL that the ordinary `pg` driver connects to. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL in WebAssembly (PGlite) in this process and serves it on a loopback port, so
 * the same driver, SQL and migrations run here as on a real server. `dataDir` undefined keeps the
 * database in memory (tests); otherwise it persists there.
 *
 * PGlite is a single backend: while one connection is inside a transaction, the others wait. Code
 * must keep every query of a transaction on that transaction's own connection, or it deadlocks here.
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  // Replace the server's message queue (a private field, read when each connection arrives) with
  // one that never interleaves two connections' query batches; see ProtocolQueue.
  (server as unknown as { queryQueue: ProtocolQueue }).queryQueue = new ProtocolQueue(db);
  await server.start();
  const [, port] = server.getServerConn().split(':');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
