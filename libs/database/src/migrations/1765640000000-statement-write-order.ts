import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Advisory-lock keys of statement writes in flight: this tag in the top bits, the write's start in
 * epoch milliseconds in the low 48. Other advisory locks of the project use hashtext() or small
 * constants, whose top 32 bits are all zeros or all ones, so they never carry this tag.
 */
const TAG = 0x4843; // "HC"

/**
 * Statement writes that a reader can trust, across every API instance on the database
 * (docs/scaling.md, "Statement order and Consistent-Through"):
 *
 * - `statement_write_stamp()`, called once by each write transaction before it inserts: holds a
 *   shared transaction-level advisory lock whose key carries the time it was taken (t0), then
 *   answers `stored` for the transaction's statements, read from the clock after the lock became
 *   visible (so stored >= t0). Shared locks never wait for one another: writers are not serialised.
 * - `statement_consistent_through()`: reads the clock, then the advisory locks of the writes in
 *   flight, and answers the earlier of the clock and their oldest t0. A write that took its lock
 *   after that scan reads its stored after it too, so later than the answer; a write seen in flight
 *   has stored >= its t0 >= the answer; a write that ended before the scan has committed (a
 *   transaction's locks are released after its commit is visible) and every query that starts
 *   afterwards sees it. So every statement stored before the answer is visible to such a query.
 * - `statement_writes_wait()`: waits until every statement write in flight at the call has ended
 *   (each lock key taken in exclusive mode until the caller's transaction ends, which the caller
 *   bounds with a lock_timeout), answering how many keys it waited on.
 *
 * Times are in whole milliseconds, as the statements' JSON carries them. One clock (the server's)
 * decides, so API instances on machines whose clocks differ still agree.
 */
export class StatementWriteOrder1765640000000 implements MigrationInterface {
  name = 'StatementWriteOrder1765640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION statement_write_stamp() RETURNS timestamptz LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        started timestamptz := date_trunc('milliseconds', clock_timestamp());
        ms bigint := (extract(epoch FROM started) * 1000)::bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock_shared((${TAG}::bigint << 48) + ms);
        -- greatest(): stored never falls before the key, even if the server's clock steps back.
        RETURN greatest(started, date_trunc('milliseconds', clock_timestamp()));
      END $fn$`);
    await q.query(`
      CREATE FUNCTION statement_consistent_through() RETURNS timestamptz LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        -- The clock is read before the locks are: the order is what makes the answer safe.
        now_ms bigint := (extract(epoch FROM date_trunc('milliseconds', clock_timestamp())) * 1000)::bigint;
        oldest bigint;
      BEGIN
        SELECT min(((l.classid::bigint & 65535) << 32) | l.objid::bigint) INTO oldest
          FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND (l.classid::bigint >> 16) = ${TAG};
        RETURN timestamptz 'epoch' + least(now_ms, coalesce(oldest, now_ms)) * interval '1 millisecond';
      END $fn$`);
    await q.query(`
      CREATE FUNCTION statement_writes_wait() RETURNS integer LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        k bigint;
        n integer := 0;
      BEGIN
        FOR k IN SELECT DISTINCT (l.classid::bigint << 32) | l.objid::bigint
                   FROM pg_locks l
                  WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND (l.classid::bigint >> 16) = ${TAG}
                    AND l.pid IS DISTINCT FROM pg_backend_pid() LOOP
          -- Exclusive waits for the shared holders of this key. Held to the end of the caller's
          -- (short) transaction, so a cancelled wait can never leave a key behind in pg_locks to
          -- hold Consistent-Through back; writes that start later take later keys and never wait here.
          PERFORM pg_advisory_xact_lock(k);
          n := n + 1;
        END LOOP;
        RETURN n;
      END $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION statement_writes_wait()`);
    await q.query(`DROP FUNCTION statement_consistent_through()`);
    await q.query(`DROP FUNCTION statement_write_stamp()`);
  }
}
