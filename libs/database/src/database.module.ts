import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import { HocbaConfig } from '@hocba/config';
import { createDataSource, dataSourceOptions, runMigrations } from './data-source';

/** What the process learned about its database server at start-up. */
export class DatabaseInfo {
  constructor(
    /**
     * PGlite serves every connection from one backend session, so session state such as named
     * prepared statements is shared between connections: code must not prepare names there.
     */
    readonly embedded: boolean,
  ) {}

  /**
   * Runs a query on the runner's own connection as a named (prepared) statement, planned once per
   * connection (on the write path, planning can cost as much as running). Unnamed on PGlite, whose
   * connections share one session and so one namespace of prepared names. Answers the rows, those
   * of an UPDATE … RETURNING too.
   */
  async prepared<T>(
    runner: QueryRunner | undefined,
    name: string,
    text: string,
    values: unknown[],
  ): Promise<T[]> {
    if (!runner) throw new Error(`${name} must run inside a transaction`);
    // A query runner's connect() answers the driver's client it holds (the transaction's own
    // connection); TypeORM's query() has no way to name a statement, the pg client does.
    const client = (await runner.connect()) as PoolClient;
    return (await client.query({ name: this.embedded ? undefined : name, text, values })).rows as T[];
  }
}

/**
 * The connection reports read through: a read replica when DATABASE_READ_URL names one (reports then
 * lag the primary by the replica's delay, which their `dataAsOf` tells), else the one DataSource.
 */
export abstract class ReportsDataSource {
  abstract readonly dataSource: DataSource;
}

/**
 * The replica's pool. Global, and imported by DatabaseModule after TypeOrmModule, so that Nest
 * (which shuts global modules down in the reverse of the order it found them) closes it after
 * every feature module and just before the primary.
 */
@Global()
@Module({
  providers: [
    {
      provide: ReportsDataSource,
      inject: [HocbaConfig, DataSource],
      useFactory: async (config: HocbaConfig, primary: DataSource): Promise<ReportsDataSource> => {
        if (!config.DATABASE_READ_URL) return { dataSource: primary };
        const replica = createDataSource(config.DATABASE_READ_URL, config.HOCBA_DB_POOL);
        await replica.initialize();
        new Logger('Database').log('Reports read from the replica named by DATABASE_READ_URL');
        return { dataSource: replica };
      },
    },
  ],
  exports: [ReportsDataSource],
})
class ReportsDatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly reports: ReportsDataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // The primary is TypeOrmModule's: it closes it itself, right after this.
    if (this.reports.dataSource !== this.dataSource && this.reports.dataSource.isInitialized)
      await this.reports.dataSource.destroy();
  }
}

/**
 * Provides the one DataSource of the process (TypeOrmModule's, with the entities the feature
 * modules register), connected and migrated before anything else starts. DATABASE_URL must be set
 * by then: the launcher (apps/main.ts) points it at embedded PGlite when the operator left it unset.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [HocbaConfig],
      useFactory: (config: HocbaConfig) => {
        if (!config.DATABASE_URL)
          throw new Error(
            'DATABASE_URL is not set (the launcher starts embedded PostgreSQL when it is unset)',
          );
        return {
          ...dataSourceOptions(config.DATABASE_URL, config.HOCBA_DB_POOL),
          autoLoadEntities: true,
          // Fail at once, as before: the process manager restarts the service, and a failure at
          // start (wrong URL, a migration refused) is not cured by trying again in three seconds.
          toRetry: () => false,
        };
      },
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const dataSource = await new DataSource(options!).initialize();
        const ran = await runMigrations(dataSource);
        if (ran.length > 0) new Logger('Database').log(`Applied migrations: ${ran.join(', ')}`);
        return dataSource;
      },
    }),
    ReportsDatabaseModule,
  ],
  providers: [
    {
      provide: DatabaseInfo,
      inject: [DataSource],
      useFactory: async (dataSource: DataSource) => {
        const [{ version }]: { version: string }[] = await dataSource.query('SELECT version() AS version');
        return new DatabaseInfo(version.includes('PGlite'));
      },
    },
  ],
  exports: [DatabaseInfo],
})
export class DatabaseModule {}
