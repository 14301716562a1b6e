import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The document resources (state, activity profiles, agent profiles) and the canonical activity
 * definitions. A document is addressed by its resource, activity, agent, registration and id; the
 * parts a resource does not use are '' so that one unique key covers all three.
 */
export class LrsDocuments1763900000000 implements MigrationInterface {
  name = 'LrsDocuments1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lrs_document (
        resource text NOT NULL CHECK (resource IN ('state', 'activity-profile', 'agent-profile')),
        activity_id text NOT NULL,
        agent_key text NOT NULL,
        registration text NOT NULL,
        document_id text NOT NULL,
        content_type text NOT NULL,
        content bytea NOT NULL,
        etag text NOT NULL,
        updated timestamptz NOT NULL,
        CONSTRAINT pk_lrs_document PRIMARY KEY (resource, activity_id, agent_key, registration, document_id)
      )`);
    // Activity definitions merged from statements by a background pass; statements stored after
    // `through_seq` are merged in at read time, so the answer is complete as soon as a POST returns.
    await q.query(`
      CREATE TABLE activity_definition (
        activity_id text PRIMARY KEY,
        definition json NOT NULL,
        merged_through_seq bigint NOT NULL
      )`);
    await q.query(`
      CREATE TABLE lrs_projection (
        name text PRIMARY KEY,
        through_seq bigint NOT NULL
      )`);
    await q.query(`INSERT INTO lrs_projection (name, through_seq) VALUES ('activity-definitions', 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lrs_projection`);
    await q.query(`DROP TABLE activity_definition`);
    await q.query(`DROP TABLE lrs_document`);
  }
}
