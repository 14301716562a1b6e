import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Key of the advisory lock that serialises migrations when several instances start at once. */
const MIGRATION_LOCK = 0x686f6362; // "hocb"

/**
 * The options every connection of the service uses. The schema is the hand-written migrations':
 * never `synchronize`. `gen_random_uuid()` is built into PostgreSQL 13+ and PGlite, so entities'
 * uuid keys name it (pgcrypto) and nothing installs an extension at connect.
 */
export function dataSourceOptions(url: string, poolSize: number) {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize },
  } satisfies DataSourceOptions;
}

export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}

/** Runs pending migrations, one instance at a time. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
