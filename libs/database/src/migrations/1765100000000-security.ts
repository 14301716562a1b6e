import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig, parseKeyList } from '@hocba/config';
import { Keyring } from '@hocba/privacy';

/**
 * Issue 8: CCCDs sealed at rest with a keyed hash for lookup (the clear column goes), sessions behind
 * access tokens (revocable, checked on each request), a learner's erasure, and the one way an audit
 * entry may change: an erasure replacing personal data in its detail.
 */
export class Security1765100000000 implements MigrationInterface {
  name = 'Security1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // Keys kept in the database: the embedded default when HOCBA_PII_KEYS is unset (docs/operations.md).
    await q.query(
      `CREATE TABLE pii_key (id text PRIMARY KEY, key text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    const configured = loadConfig().HOCBA_PII_KEYS;
    const keys = configured ? parseKeyList(configured) : [{ id: 'local1', key: randomBytes(32) }];
    if (!configured)
      await q.query(`INSERT INTO pii_key (id, key) VALUES ($1, $2)`, [
        keys[0].id,
        keys[0].key.toString('base64'),
      ]);
    const ring = new Keyring(keys);

    await q.query(
      `ALTER TABLE learner ADD COLUMN national_id_hash text, ADD COLUMN national_id_sealed text, ADD COLUMN erased_at timestamptz`,
    );
    const rows: { id: string; national_id: string }[] = await q.query(
      `SELECT id, national_id FROM learner WHERE national_id IS NOT NULL`,
    );
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await q.query(
        `UPDATE learner l SET national_id_hash = v.h, national_id_sealed = v.s
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, h, s) WHERE l.id = v.id`,
        [
          batch.map((r) => r.id),
          batch.map((r) => ring.hash(r.national_id)),
          batch.map((r) => ring.seal(r.national_id)),
        ],
      );
    }
    await q.query(`ALTER TABLE learner DROP COLUMN national_id`);
    await q.query(`ALTER TABLE learner ADD CONSTRAINT uq_learner_national_id_hash UNIQUE (national_id_hash)`);
    await q.query(
      `ALTER TABLE learner ADD CONSTRAINT ck_learner_national_id_pair CHECK ((national_id_hash IS NULL) = (national_id_sealed IS NULL))`,
    );

    // One row per login: an access token names its session, which logout or a disabled user ends.
    await q.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_auth_session_user ON auth_session (user_id) WHERE revoked_at IS NULL`);

    // Append-only, except an erasure (hocba.erasure set in its transaction) rewriting only `detail`.
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('hocba.erasure', true) = 'on'
           AND (NEW.id, NEW.at, NEW.user_id, NEW.action, NEW.entity, NEW.entity_id)
               IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.user_id, OLD.action, OLD.entity, OLD.entity_id) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
      END $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
      END $fn$`);
    await q.query(`DROP TABLE auth_session`);
    // Clear CCCDs cannot come back without the keys; the column does, empty.
    await q.query(
      `ALTER TABLE learner DROP COLUMN national_id_hash, DROP COLUMN national_id_sealed, DROP COLUMN erased_at`,
    );
    await q.query(
      `ALTER TABLE learner ADD COLUMN national_id text, ADD CONSTRAINT uq_learner_national_id UNIQUE (national_id)`,
    );
    await q.query(`DROP TABLE pii_key`);
  }
}
