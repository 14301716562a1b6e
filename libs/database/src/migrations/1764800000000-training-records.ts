import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training Hocba did not track: classes a province or central agency organised itself, and totals
 * from other platforms, as their reports give them. The training-volume report adds these to the
 * learners Hocba saw start.
 */
export class TrainingRecords1764800000000 implements MigrationInterface {
  name = 'TrainingRecords1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id text NOT NULL REFERENCES admin_unit (id),
        kind text NOT NULL CHECK (kind IN ('self-organised', 'platform')),
        platform text,
        title text,
        held_on date NOT NULL,
        participants integer NOT NULL CHECK (participants >= 0),
        level text CHECK (level IN ('tinh', 'huyen', 'xa')),
        created_by uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_training_record_held_on ON training_record (held_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_record`);
  }
}
