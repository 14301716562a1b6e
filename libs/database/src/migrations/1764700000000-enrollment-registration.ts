import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An enrollment's registration (the UUID a cmi5 LMS gives a learner's enrollment in a course): a
 * statement carrying it is inside the course even when its activity is not one the course lists.
 */
export class EnrollmentRegistration1764700000000 implements MigrationInterface {
  name = 'EnrollmentRegistration1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrollment ADD COLUMN registration uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrollment DROP COLUMN registration`);
  }
}
