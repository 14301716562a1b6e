import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The milestones a funnel counts, as enrollment_progress columns `<m>_at`. */
const MARKS = ['activated', 'started', 'completed', 'passed', 'certified'] as const;
const COUNTS = ['enrolled', ...MARKS, 'deducted', ...MARKS.map((m) => `deducted_${m}` as const)] as const;

const dayOf = (m: string) => `(s.${m}_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
const DEDUCTED_ON = `CASE WHEN s.status = 'deducted' THEN COALESCE(s.deducted_on, '-infinity'::date) END`;

/**
 * Rows of (cohort_id, day, m, delta) for seats: `enrolled` on the day '-infinity' (a seat counts
 * whatever the date); each milestone on the day it was reached, Vietnam time; a deducted seat's
 * deduction on the day it took effect, and each of its milestones as `deducted_<m>` on the later of
 * the two days (from then on the adjusted figures leave it out). `seats` yields cohort_id, status,
 * deducted_on and the progress columns (null without a progress row). `seat` false: the
 * milestones only (a change of progress, not of the seat).
 */
const contributions = (seats: string, sign: 1 | -1, seat = true) => `
  SELECT s.cohort_id, v.day, v.m, ${sign} AS delta
    FROM (${seats}) s
    CROSS JOIN LATERAL (VALUES ${seat ? `('enrolled', '-infinity'::date), ('deducted', ${DEDUCTED_ON}),` : ''}
      ${MARKS.map((m) => `('${m}', ${dayOf(m)}), ('deducted_${m}', CASE WHEN s.status = 'deducted' AND s.${m}_at IS NOT NULL THEN GREATEST(COALESCE(s.deducted_on, '-infinity'::date), ${dayOf(m)}) END)`).join(',\n      ')}) AS v(m, day)
   WHERE s.status <> 'replaced' AND v.day IS NOT NULL`;

/**
 * Adds the deltas to this backend's shard, to the row of their day (span 'd') and of their month
 * (span 'm', keyed by its first day), in key order (no deadlocks). A report as of a day reads the
 * months before that day's month and the days of that month: about 40 rows per cohort, not 365.
 */
const tally = (deltas: string[], shard = 'pg_backend_pid()') => `
  INSERT INTO funnel_tally AS t (cohort_id, span, day, shard, ${COUNTS.join(', ')})
  SELECT d.cohort_id, b.span, b.day, ${shard}, ${COUNTS.map((c) => `COALESCE(sum(d.delta) FILTER (WHERE d.m = '${c}'), 0)`).join(', ')}
    FROM (${deltas.join(' UNION ALL ')}) d
    CROSS JOIN LATERAL (VALUES ('d', d.day), ('m', date_trunc('month', d.day)::date)) AS b(span, day)
   GROUP BY d.cohort_id, b.span, b.day
  HAVING ${COUNTS.map((c) => `COALESCE(sum(d.delta) FILTER (WHERE d.m = '${c}'), 0) <> 0`).join(' OR ')}
   ORDER BY d.cohort_id, b.span, b.day
  ON CONFLICT (cohort_id, span, day, shard) DO UPDATE SET ${COUNTS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;

const PROGRESS = MARKS.map((m) => `p.${m}_at`).join(', ');
/** Seats of an enrollment transition table, with their current progress. */
const enrollmentSeats = (table: string) =>
  `SELECT e.cohort_id, e.status, e.deducted_on, ${PROGRESS} FROM ${table} e LEFT JOIN enrollment_progress p ON p.enrollment_id = e.id`;
/** Progress rows of a transition table, with their enrollment as it is (none when it is gone). */
const progressSeats = (table: string) =>
  `SELECT e.cohort_id, e.status, e.deducted_on, ${PROGRESS} FROM ${table} p JOIN enrollment e ON e.id = p.enrollment_id`;

/** Learners who hold (or once held) two seats or more: the only ones unique-learner counts must look at. */
const noteMultiSeat = (table: string) => `
  INSERT INTO learner_multi_seat (learner_id)
  SELECT e.learner_id FROM enrollment e
   WHERE e.learner_id IN (SELECT learner_id FROM ${table} WHERE status <> 'replaced') AND e.status <> 'replaced'
   GROUP BY e.learner_id HAVING count(*) > 1
   ORDER BY e.learner_id
  ON CONFLICT DO NOTHING`;

const fn = (name: string, body: string[]) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    ${body.map((s) => `${s};`).join('\n    ')}
    RETURN NULL;
  END $fn$`;

/**
 * The funnel kept as running counts per cohort and day, maintained by triggers in the transaction
 * that changes a seat or its progress (so a report is as fresh as the tables it replaces), and read
 * by the province, cohort and course reports instead of a million seats. Each connection adds to
 * its own shard (its backend pid): concurrent ingest never waits on a shared counter; the worker
 * folds shards into shard 0. Unique learners are seats less the extra seats of learners listed in
 * learner_multi_seat (the only live part of the report).
 */
export class FunnelTally1764300000000 implements MigrationInterface {
  name = 'FunnelTally1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE funnel_tally (
        cohort_id uuid NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
        span "char" NOT NULL CHECK (span IN ('d', 'm')),
        day date NOT NULL,
        shard integer NOT NULL,
        ${COUNTS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (cohort_id, span, day, shard)
      )`);
    await q.query(`CREATE INDEX ix_funnel_tally_day ON funnel_tally (span, day)`);
    await q.query(
      `CREATE TABLE learner_multi_seat (learner_id uuid PRIMARY KEY REFERENCES learner (id) ON DELETE CASCADE)`,
    );

    await q.query(
      fn('funnel_enrollment_inserted', [
        tally([contributions(enrollmentSeats('new_seats'), 1)]),
        noteMultiSeat('new_seats'),
      ]),
    );
    await q.query(
      fn('funnel_enrollment_updated', [
        tally([
          contributions(enrollmentSeats('old_seats'), -1),
          contributions(enrollmentSeats('new_seats'), 1),
        ]),
        noteMultiSeat('new_seats'),
      ]),
    );
    // A deleted enrollment takes its progress with it (cascade): count both out before they go.
    await q.query(`
      CREATE FUNCTION funnel_enrollment_deleting() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        ${tally([contributions(`SELECT OLD.cohort_id, OLD.status, OLD.deducted_on, ${PROGRESS} FROM (SELECT 1) x LEFT JOIN enrollment_progress p ON p.enrollment_id = OLD.id`, -1)])};
        RETURN OLD;
      END $fn$`);
    await q.query(
      fn('funnel_progress_inserted', [tally([contributions(progressSeats('new_marks'), 1, false)])]),
    );
    // Progress updated: only rows whose milestones moved count (most updates record an activity).
    const moved = (side: 'o' | 'n') =>
      `SELECT e.cohort_id, e.status, e.deducted_on, ${MARKS.map((m) => `${side}.${m}_at`).join(', ')}
         FROM old_marks o JOIN new_marks n ON n.enrollment_id = o.enrollment_id JOIN enrollment e ON e.id = o.enrollment_id
        WHERE (${MARKS.map((m) => `o.${m}_at`).join(', ')}) IS DISTINCT FROM (${MARKS.map((m) => `n.${m}_at`).join(', ')})`;
    await q.query(
      fn('funnel_progress_updated', [
        tally([contributions(moved('o'), -1, false), contributions(moved('n'), 1, false)]),
      ]),
    );
    // Progress deleted (on its own, or with its enrollment: then the enrollment is gone and the
    // BEFORE DELETE trigger above has counted both out).
    await q.query(
      fn('funnel_progress_deleted', [tally([contributions(progressSeats('old_marks'), -1, false)])]),
    );

    await q.query(
      `CREATE TRIGGER funnel_enrollment_inserted AFTER INSERT ON enrollment REFERENCING NEW TABLE AS new_seats FOR EACH STATEMENT EXECUTE FUNCTION funnel_enrollment_inserted()`,
    );
    await q.query(
      `CREATE TRIGGER funnel_enrollment_updated AFTER UPDATE ON enrollment REFERENCING OLD TABLE AS old_seats NEW TABLE AS new_seats FOR EACH STATEMENT EXECUTE FUNCTION funnel_enrollment_updated()`,
    );
    await q.query(
      `CREATE TRIGGER funnel_enrollment_deleting BEFORE DELETE ON enrollment FOR EACH ROW EXECUTE FUNCTION funnel_enrollment_deleting()`,
    );
    await q.query(
      `CREATE TRIGGER funnel_progress_inserted AFTER INSERT ON enrollment_progress REFERENCING NEW TABLE AS new_marks FOR EACH STATEMENT EXECUTE FUNCTION funnel_progress_inserted()`,
    );
    await q.query(
      `CREATE TRIGGER funnel_progress_updated AFTER UPDATE ON enrollment_progress REFERENCING OLD TABLE AS old_marks NEW TABLE AS new_marks FOR EACH STATEMENT EXECUTE FUNCTION funnel_progress_updated()`,
    );
    await q.query(
      `CREATE TRIGGER funnel_progress_deleted AFTER DELETE ON enrollment_progress REFERENCING OLD TABLE AS old_marks FOR EACH STATEMENT EXECUTE FUNCTION funnel_progress_deleted()`,
    );

    // Folds every shard into shard 0, taking only rows no transaction is writing (it never waits).
    await q.query(`
      CREATE FUNCTION funnel_tally_compact() RETURNS integer LANGUAGE plpgsql AS $fn$
      DECLARE moved integer;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('funnel_tally_compact')) THEN RETURN 0; END IF;
        WITH taken AS (
          DELETE FROM funnel_tally t USING (
            SELECT cohort_id, span, day, shard FROM funnel_tally WHERE shard <> 0 FOR UPDATE SKIP LOCKED) x
           WHERE t.cohort_id = x.cohort_id AND t.span = x.span AND t.day = x.day AND t.shard = x.shard
          RETURNING t.*),
        folded AS (
          INSERT INTO funnel_tally AS t (cohort_id, span, day, shard, ${COUNTS.join(', ')})
          SELECT cohort_id, span, day, 0, ${COUNTS.map((c) => `sum(${c})`).join(', ')} FROM taken
           GROUP BY cohort_id, span, day ORDER BY cohort_id, span, day
          ON CONFLICT (cohort_id, span, day, shard) DO UPDATE SET ${COUNTS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}
          RETURNING 1)
        SELECT count(*) INTO moved FROM taken;
        DELETE FROM funnel_tally WHERE shard = 0 AND ${COUNTS.map((c) => `${c} = 0`).join(' AND ')};
        RETURN moved;
      END $fn$`);
    // Recounts everything from the seats (after a bulk load with triggers off, or to check).
    await q.query(`
      CREATE FUNCTION funnel_tally_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('funnel_tally_compact'));
        LOCK TABLE funnel_tally IN EXCLUSIVE MODE;
        DELETE FROM funnel_tally;
        ${tally([contributions(enrollmentSeats('enrollment'), 1)], '0')};
        INSERT INTO learner_multi_seat (learner_id)
        SELECT learner_id FROM enrollment WHERE status <> 'replaced' GROUP BY learner_id HAVING count(*) > 1
        ON CONFLICT DO NOTHING;
      END $fn$`);
    await q.query(`SELECT funnel_tally_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'funnel_progress_deleted ON enrollment_progress',
      'funnel_progress_updated ON enrollment_progress',
      'funnel_progress_inserted ON enrollment_progress',
      'funnel_enrollment_deleting ON enrollment',
      'funnel_enrollment_updated ON enrollment',
      'funnel_enrollment_inserted ON enrollment',
    ])
      await q.query(`DROP TRIGGER ${t}`);
    for (const f of [
      'funnel_tally_rebuild',
      'funnel_tally_compact',
      'funnel_progress_updated',
      'funnel_progress_deleted',
      'funnel_progress_inserted',
      'funnel_enrollment_deleting',
      'funnel_enrollment_updated',
      'funnel_enrollment_inserted',
    ])
      await q.query(`DROP FUNCTION ${f}()`);
    await q.query(`DROP TABLE learner_multi_seat`);
    await q.query(`DROP TABLE funnel_tally`);
  }
}
