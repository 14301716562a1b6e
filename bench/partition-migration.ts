/**
 * The statement-partitioning migration (1765400000000) on a filled store: how long writes stop while
 * it copies. A database is migrated up to the migration before it, filled in SQL with statements
 * spread over the last months (one agent and two activity rows each, ~600-byte bodies), then the
 * migration runs and the clock reads its time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:partition-migration [-- --statements 1000000]
 */
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../libs/database/src/migrations';
import { arg, benchDatabase } from './support';

const STATEMENTS = arg('statements', 1_000_000);
/** Seconds between two statements' `stored`: a million cover about four months. */
const SPACING = 10;

async function main(): Promise<void> {
  const db = await benchDatabase();
  const source = (migrations: typeof MIGRATIONS) =>
    new DataSource({ type: 'postgres', url: db.url, migrations, migrationsTableName: 'migration' });
  try {
    const before = source(MIGRATIONS.slice(0, -1));
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.query(
      `INSERT INTO statement (id, stored, "timestamp", verb_id, client_id, body)
       SELECT gen_random_uuid(), t, t, 'http://adlnet.gov/expapi/verbs/experienced', gen_random_uuid(),
              json_build_object('actor', json_build_object('account', json_build_object('homePage', 'https://mooc.bench.vn', 'name', 'hv' || (i % 60000))),
                                'verb', json_build_object('id', 'http://adlnet.gov/expapi/verbs/experienced'),
                                'object', json_build_object('id', 'https://mooc.bench.vn/c/lessons/' || (i % 40)),
                                'context', repeat('x', 400))
         FROM generate_series(1, $1::int) i, LATERAL (SELECT now() - make_interval(secs => ($1::int - i) * $2::int)) AS s(t)`,
      [STATEMENTS, SPACING],
    );
    await before.query(
      `INSERT INTO statement_agent SELECT seq, 'account:https://mooc.bench.vn|hv' || (seq % 60000), true FROM statement`,
    );
    await before.query(
      `INSERT INTO statement_activity
       SELECT seq, 'https://mooc.bench.vn/c/lessons/' || (seq % 40), true FROM statement
       UNION ALL SELECT seq, 'https://mooc.bench.vn/c', false FROM statement`,
    );
    await before.destroy();

    const after = source(MIGRATIONS);
    await after.initialize();
    const started = Date.now();
    await after.runMigrations({ transaction: 'each' });
    const seconds = (Date.now() - started) / 1000;
    const [{ months }] = await after.query<{ months: number }[]>(
      `SELECT count(*)::int AS months FROM pg_inherits WHERE inhparent = 'statement'::regclass`,
    );
    await after.destroy();
    console.log(
      `partition migration: ${STATEMENTS} statements copied into ${months} partitions (default included) in ${seconds.toFixed(1)} s, ${(seconds / (STATEMENTS / 1e6)).toFixed(1)} s per million`,
    );
  } finally {
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
