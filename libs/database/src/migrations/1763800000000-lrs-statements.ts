import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statement store. Statements are ordered by `seq`, a store sequence that only grows; the
 * narrow index tables carry it so that agent and activity filters page without touching bodies.
 */
export class LrsStatements1763800000000 implements MigrationInterface {
  name = 'LrsStatements1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lrs_client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        key text NOT NULL,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        CONSTRAINT uq_lrs_client_key UNIQUE (key)
      )`);
    await q.query(`
      CREATE TABLE statement (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        id uuid NOT NULL,
        stored timestamptz NOT NULL,
        "timestamp" timestamptz NOT NULL,
        verb_id text NOT NULL,
        registration uuid,
        ref_target uuid,
        voids uuid,
        voided boolean NOT NULL DEFAULT false,
        client_id uuid NOT NULL,
        has_attachments boolean NOT NULL DEFAULT false,
        body json NOT NULL,
        CONSTRAINT pk_statement PRIMARY KEY (seq),
        CONSTRAINT uq_statement_id UNIQUE (id)
      )`);
    await q.query(`CREATE INDEX ix_statement_verb ON statement (verb_id, seq)`);
    await q.query(
      `CREATE INDEX ix_statement_registration ON statement (registration, seq) WHERE registration IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_statement_stored ON statement (stored)`);
    await q.query(`CREATE INDEX ix_statement_voids ON statement (voids) WHERE voids IS NOT NULL`);
    await q.query(`
      CREATE TABLE statement_agent (
        statement_seq bigint NOT NULL,
        agent_key text NOT NULL,
        direct boolean NOT NULL,
        CONSTRAINT pk_statement_agent PRIMARY KEY (agent_key, statement_seq)
      )`);
    await q.query(`
      CREATE TABLE statement_activity (
        statement_seq bigint NOT NULL,
        activity_id text NOT NULL,
        direct boolean NOT NULL,
        CONSTRAINT pk_statement_activity PRIMARY KEY (activity_id, statement_seq)
      )`);
    await q.query(`
      CREATE TABLE attachment (
        sha2 text NOT NULL,
        content_type text NOT NULL,
        length integer NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_attachment PRIMARY KEY (sha2)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachment`);
    await q.query(`DROP TABLE statement_activity`);
    await q.query(`DROP TABLE statement_agent`);
    await q.query(`DROP TABLE statement`);
    await q.query(`DROP TABLE lrs_client`);
  }
}
