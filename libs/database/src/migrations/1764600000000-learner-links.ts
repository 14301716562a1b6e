import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Short-lived links a platform asks for on its learner's behalf: the learner opens their own
 * courses and certificates without an account here. Only a hash of the token is kept.
 */
export class LearnerLinks1764600000000 implements MigrationInterface {
  name = 'LearnerLinks1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE learner_link (
        token_hash text PRIMARY KEY,
        learner_id uuid NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
        lrs_client_id uuid NOT NULL REFERENCES lrs_client (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_learner_link_expires ON learner_link (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE learner_link`);
  }
}
