import { DataSource } from 'typeorm';
import { AuditLogEntity } from '@hocba/audit';
import { AuthSessionEntity, UserEntity } from '@hocba/auth';
import { CertificateEntity } from '@hocba/certificates';
import { dataSourceOptions, runMigrations } from '@hocba/database';
import { JobEntity } from '@hocba/jobs';
import { LrsClientEntity } from '@hocba/lrs';
import { CohortEntity, CourseEntity, EnrollmentEntity, LearnerEntity } from '@hocba/program';
import { ReportPackEntity, TrainingRecordEntity } from '@hocba/training';
import { AdminUnitEntity } from '@hocba/units';
import { startTestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

/** Every entity of the administrative model, and the table each maps. */
const ENTITIES = {
  admin_unit: AdminUnitEntity,
  app_user: UserEntity,
  audit_log: AuditLogEntity,
  auth_session: AuthSessionEntity,
  certificate: CertificateEntity,
  cohort: CohortEntity,
  course: CourseEntity,
  enrollment: EnrollmentEntity,
  job: JobEntity,
  learner: LearnerEntity,
  lrs_client: LrsClientEntity,
  report_pack: ReportPackEntity,
  training_record: TrainingRecordEntity,
};

/**
 * What TypeORM's schema builder would run to make a freshly migrated database match the entities
 * (it runs nothing: log() only plans). Empty when the entities and the migrations agree on every
 * column (type, nullability, default), primary key, foreign key, unique and check constraint and
 * named index of those tables.
 */
async function drift(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(url, 2), entities: Object.values(ENTITIES) });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    expect(dataSource.entityMetadatas.map((m) => m.tableName).sort()).toEqual(Object.keys(ENTITIES));
    const plan = await dataSource.driver.createSchemaBuilder().log();
    return plan.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}

describe('entities and migrations', () => {
  it('agree on PostgreSQL: the schema builder plans no change to a migrated database', async () => {
    const database = await createTestDatabase();
    try {
      expect(await drift(database.url)).toEqual([]);
    } finally {
      await database.drop();
    }
  });

  it('agree on PGlite: the schema builder plans no change to a migrated database', async () => {
    const database = await createTestDatabase({ embedded: true });
    try {
      expect(await drift(database.url)).toEqual([]);
    } finally {
      await database.drop();
    }
  });

  it('are all registered by the feature modules of the API (TypeOrmModule.forFeature)', async () => {
    const t = await startTestApp();
    try {
      const tables = t.app
        .get(DataSource)
        .entityMetadatas.map((m) => m.tableName)
        .sort();
      expect(tables).toEqual(Object.keys(ENTITIES));
    } finally {
      await t.close();
    }
  });
});
