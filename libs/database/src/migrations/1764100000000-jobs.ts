import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background jobs as people see them (state, result, files they download), and the outbox that
 * hands them to BullMQ after the transaction that created them commits.
 */
export class Jobs1764100000000 implements MigrationInterface {
  name = 'Jobs1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'active', 'completed', 'failed')),
        params jsonb NOT NULL DEFAULT '{}',
        input bytea,
        input_name text,
        result jsonb,
        error text,
        created_by uuid,
        province_id text REFERENCES admin_unit (id),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_job_created_by ON job (created_by, created_at)`);
    // Rows not yet handed to BullMQ are few; a partial index keeps the relay's scan small.
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_outbox_pending ON outbox (id) WHERE relayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE job`);
  }
}
