/** `npm run migration:run`: applies pending migrations to DATABASE_URL and exits (the service also does this at start). */
import { loadConfig } from '@hocba/config';
import { createDataSource, runMigrations } from '../data-source';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('Set DATABASE_URL to the PostgreSQL database to migrate');
  // Two connections: one holds the migration lock while the other migrates.
  const dataSource = createDataSource(config.DATABASE_URL, 2);
  await dataSource.initialize();
  try {
    const ran = await runMigrations(dataSource);
    console.log(
      ran.length > 0 ? `Applied: ${ran.join(', ')}` : 'Nothing to apply: the database is up to date',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
