import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * StatementRefs by their target: a statement query filtered by agent, activity or registration
 * finds the statements that reference its matches through this index (docs/scaling.md). Partial:
 * StatementRefs (voiding included) are few.
 */
export class StatementRefTarget1765300000000 implements MigrationInterface {
  name = 'StatementRefTarget1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_statement_ref_target ON statement (ref_target) WHERE ref_target IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_statement_ref_target`);
  }
}
