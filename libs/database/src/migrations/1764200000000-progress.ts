import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Learner progress, kept up to date in the statements' own transaction: one row per enrollment
 * with the time (statement timestamp) and statement of each milestone. Reports read these rows,
 * never the statements. Statements from actors no learner matches are counted for coordinators.
 */
export class Progress1764200000000 implements MigrationInterface {
  name = 'Progress1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enrollment_progress (
        enrollment_id uuid PRIMARY KEY REFERENCES enrollment (id) ON DELETE CASCADE,
        activated_at timestamptz, activated_by uuid,
        started_at timestamptz, started_by uuid,
        course_completed_at timestamptz, course_completed_by uuid,
        passed_at timestamptz, passed_by uuid,
        satisfied_at timestamptz, satisfied_by uuid,
        completed_at timestamptz, completed_by uuid,
        certified_at timestamptz,
        activities jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A learner's statements are found by the actor's key, as the LRS indexes agents. The account
    // key is unique (so is the account): the planner then knows one key is one learner.
    await q.query(
      `CREATE UNIQUE INDEX ix_learner_account_key ON learner (('account:' || account_home_page || '|' || account_name)) WHERE account_name IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_learner_mbox_key ON learner (('mbox:mailto:' || email)) WHERE email IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE unmatched_actor (
        agent_key text PRIMARY KEY,
        actor jsonb NOT NULL,
        statements integer NOT NULL,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unmatched_actor`);
    await q.query(`DROP INDEX ix_learner_mbox_key`);
    await q.query(`DROP INDEX ix_learner_account_key`);
    await q.query(`DROP TABLE enrollment_progress`);
  }
}
