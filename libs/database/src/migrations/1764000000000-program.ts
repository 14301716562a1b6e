import type { MigrationInterface, QueryRunner } from 'typeorm';
import { randomBytes } from 'node:crypto';

/**
 * The training program: administrative units (the 63 provinces until 2025-06-30, the 34 from
 * 2025-07-01, the central agencies), users, courses, cohorts, learners and their enrollments, and
 * the audit log. Learners' personal data lives in `learner` only. The units themselves are seeded
 * by the program module at start-up (idempotently), from the data files it carries.
 */
export class Program1764000000000 implements MigrationInterface {
  name = 'Program1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_unit (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('province', 'agency')),
        era text CHECK (era IN ('legacy', 'current')),
        code text,
        name text NOT NULL,
        type text,
        aliases text[] NOT NULL DEFAULT '{}',
        successor_id text REFERENCES admin_unit (id),
        valid_from date,
        valid_to date
      )`);
    // Every spelling a unit is known by, as a match key (see units/vietnamese.ts).
    await q.query(`
      CREATE TABLE admin_unit_key (
        key text NOT NULL,
        unit_id text NOT NULL REFERENCES admin_unit (id) ON DELETE CASCADE,
        CONSTRAINT pk_admin_unit_key PRIMARY KEY (key, unit_id)
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('national-admin', 'national-viewer', 'coordinator')),
        province_ids text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        CONSTRAINT uq_app_user_username UNIQUE (username)
      )`);
    // The key that signs access tokens: made once, shared by every API instance through the database.
    await q.query(`CREATE TABLE signing_key (id smallint PRIMARY KEY CHECK (id = 1), secret text NOT NULL)`);
    await q.query(`INSERT INTO signing_key (id, secret) VALUES (1, $1)`, [
      randomBytes(48).toString('base64'),
    ]);

    await q.query(`
      CREATE TABLE course (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        title text NOT NULL,
        activity_id text NOT NULL,
        completion jsonb NOT NULL,
        certificates jsonb NOT NULL DEFAULT '{"auto": false}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_course_code UNIQUE (code)
      )`);
    await q.query(`
      CREATE TABLE cohort (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        title text NOT NULL,
        course_id uuid NOT NULL REFERENCES course (id),
        province_id text NOT NULL REFERENCES admin_unit (id),
        wave text,
        starts_on date,
        ends_on date,
        planned_size integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_cohort_code UNIQUE (code)
      )`);
    await q.query(`CREATE INDEX ix_cohort_province ON cohort (province_id)`);
    await q.query(`
      CREATE TABLE learner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name text NOT NULL,
        name_key text NOT NULL,
        national_id text,
        email text,
        phone text,
        account_home_page text,
        account_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_learner_national_id UNIQUE (national_id),
        CONSTRAINT uq_learner_account UNIQUE (account_home_page, account_name)
      )`);
    await q.query(`
      CREATE TABLE enrollment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL REFERENCES cohort (id),
        learner_id uuid NOT NULL REFERENCES learner (id),
        unit text,
        level text CHECK (level IN ('tinh', 'huyen', 'xa')),
        sector text CHECK (sector IN ('cong-an', 'cbccvc', 'khac')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deducted', 'replaced')),
        deduction_reason text,
        deducted_on date,
        replaced_by uuid REFERENCES enrollment (id),
        replaces uuid REFERENCES enrollment (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_enrollment_cohort_learner UNIQUE (cohort_id, learner_id)
      )`);
    await q.query(`CREATE INDEX ix_enrollment_learner ON enrollment (learner_id)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX ix_audit_log_entity ON audit_log (entity, entity_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'enrollment',
      'learner',
      'cohort',
      'course',
      'signing_key',
      'app_user',
      'admin_unit_key',
      'admin_unit',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
