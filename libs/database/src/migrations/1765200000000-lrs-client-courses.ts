import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An LRS client may be scoped to courses (the contract's `courses` on POST /api/v1/lrs-clients): it
 * writes statements about those courses' activities only, and reads what it wrote. The activity
 * IRIs are resolved once, when the client is made.
 */
export class LrsClientCourses1765200000000 implements MigrationInterface {
  name = 'LrsClientCourses1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lrs_client ADD COLUMN course_codes text[], ADD COLUMN activity_scope text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lrs_client DROP COLUMN course_codes, DROP COLUMN activity_scope`);
  }
}
