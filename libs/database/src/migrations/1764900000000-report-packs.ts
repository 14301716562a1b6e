import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The weekly report packs (a workbook and a PDF summary per ISO week), kept for download. */
export class ReportPacks1764900000000 implements MigrationInterface {
  name = 'ReportPacks1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_pack (
        week text PRIMARY KEY CHECK (week ~ '^\\d{4}-W\\d{2}$'),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        era text NOT NULL,
        xlsx_key text NOT NULL,
        pdf_key text NOT NULL,
        figures jsonb NOT NULL,
        built_at timestamptz NOT NULL DEFAULT now(),
        built_by uuid REFERENCES app_user (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_pack`);
  }
}
