import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room on each page of the tables that are updated with every batch of statements, so that an
 * update can stay on its row's page (a HOT update): no new index entry, and the old version is
 * pruned when the page is next read, without waiting for vacuum. At 100% full (the default) nearly
 * every progress update moved its row and added an entry to the primary key, and lookups slowed
 * as the dead versions piled up until vacuum ran (docs/scaling.md). Pages written from now on
 * keep the room; `VACUUM FULL enrollment_progress` in a quiet hour applies it to older ones.
 */
export class ProgressFillfactor1765500000000 implements MigrationInterface {
  name = 'ProgressFillfactor1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrollment_progress SET (fillfactor = 50)`);
    await q.query(`ALTER TABLE funnel_tally SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enrollment_progress RESET (fillfactor)`);
    await q.query(`ALTER TABLE funnel_tally RESET (fillfactor)`);
  }
}
