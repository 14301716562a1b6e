import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['course', 'cohort'] as const;
const MAX_CODE = 64;

/**
 * Course and cohort codes are unique regardless of case: coordinators write "DA06-K1", and
 * "da06-k1" must find that course, never make a second one. A code stays as it was written (it is
 * what reports, exports and lists show); a unique index on lower(code) takes the place of the unique
 * constraint on the code itself. Codes are ASCII (the API's rule), so lower() is the same on every
 * server and collation.
 *
 * Cohort codes have accepted capitals from the start, so two cohorts may already differ only by
 * case ("HN-01" and "hn-01"). The oldest keeps its code; each later one gets the first free suffix
 * ("HN-01-2"), and every rename is in the audit log with the code before and after. Course codes
 * were lower case only, so none collide; they are handled the same way all the same, and an LRS
 * client scoped to a renamed course lists the new code. down() puts the plain unique constraints
 * back (a case-insensitive unique index implies them); renamed codes keep their new names.
 */
export class CodesAnyCase1765610000000 implements MigrationInterface {
  name = 'CodesAnyCase1765610000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      const clashing: { id: string; code: string }[] = await q.query(
        `SELECT t.id, t.code FROM ${table} t
          WHERE EXISTS (SELECT 1 FROM ${table} o
                         WHERE lower(o.code) = lower(t.code) AND (o.created_at, o.id) < (t.created_at, t.id))
          ORDER BY t.created_at, t.id`,
      );
      for (const row of clashing) {
        let renamed: string;
        let n = 2;
        for (;;) {
          const suffix = `-${n++}`;
          renamed = row.code.slice(0, MAX_CODE - suffix.length) + suffix;
          const taken: unknown[] = await q.query(`SELECT 1 FROM ${table} WHERE lower(code) = lower($1)`, [
            renamed,
          ]);
          if (taken.length === 0) break;
        }
        await q.query(`UPDATE ${table} SET code = $2 WHERE id = $1`, [row.id, renamed]);
        if (table === 'course')
          await q.query(`UPDATE lrs_client SET course_codes = array_replace(course_codes, $1, $2)`, [
            row.code,
            renamed,
          ]);
        await q.query(
          `INSERT INTO audit_log (user_id, action, entity, entity_id, detail) VALUES (NULL, 'code-renamed', $1, $2, $3)`,
          [
            table,
            row.id,
            JSON.stringify({
              from: row.code,
              to: renamed,
              reason: 'codes became unique regardless of case; an older one differs only by case',
            }),
          ],
        );
      }
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT uq_${table}_code`);
      await q.query(`CREATE UNIQUE INDEX uq_${table}_code_any_case ON ${table} (lower(code))`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`DROP INDEX uq_${table}_code_any_case`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT uq_${table}_code UNIQUE (code)`);
    }
  }
}
