import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version on each progress row: the projection writes a change with "where the version is still
 * the one I read" in one statement, and takes row locks (two more round trips) only when another
 * transaction moved the row in between.
 */
export class ProgressVersion1764400000000 implements MigrationInterface {
  name = 'ProgressVersion1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrollment_progress ADD COLUMN version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrollment_progress DROP COLUMN version`);
  }
}
