export { DatabaseModule, DatabaseInfo, ReportsDataSource } from './database.module';
export { createDataSource, dataSourceOptions, runMigrations } from './data-source';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
export { databaseUnavailable, UNAVAILABLE_RETRY_AFTER } from './unavailable';
