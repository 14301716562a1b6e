import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates: one row per certificate, requested in the transaction that completes the course
 * (or by a coordinator), rendered once by the worker, kept forever. At most one certificate that
 * is not revoked per enrollment (a unique index): a retried or repeated request finds it there.
 * The PDF's SHA-256 is stored so that an uploaded file can be recognised byte for byte.
 */
export class Certificates1764500000000 implements MigrationInterface {
  name = 'Certificates1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE certificate_number_seq`);
    await q.query(`
      CREATE TABLE certificate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL REFERENCES enrollment (id),
        number text NOT NULL,
        code text NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'issued', 'revoked')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        requested_by uuid REFERENCES app_user (id),
        issued_at timestamptz,
        sha256 text,
        size integer,
        storage_key text,
        full_name text,
        course_title text,
        cohort_title text,
        province_name text,
        unit text,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES app_user (id),
        revoke_reason text,
        replaces uuid REFERENCES certificate (id),
        CONSTRAINT uq_certificate_number UNIQUE (number),
        CONSTRAINT uq_certificate_code UNIQUE (code)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ux_certificate_enrollment ON certificate (enrollment_id) WHERE state <> 'revoked'`,
    );
    await q.query(`CREATE INDEX ix_certificate_sha256 ON certificate (sha256)`);
    await q.query(
      `CREATE INDEX ix_certificate_pending ON certificate (requested_at) WHERE state = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate`);
    await q.query(`DROP SEQUENCE certificate_number_seq`);
  }
}
