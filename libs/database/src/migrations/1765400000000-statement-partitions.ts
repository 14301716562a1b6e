import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The three tables partitioned by `stored`, and the partitioned copies' column lists. */
const TABLES = {
  statement: `seq, id, stored, "timestamp", verb_id, registration, ref_target, voids, voided, client_id,
              has_attachments, body`,
  statement_agent: 'statement_seq, stored, agent_key, direct',
  statement_activity: 'statement_seq, stored, activity_id, direct',
} as const;

/** The statement table's columns after `seq`, the same partitioned or not. */
const STATEMENT_COLUMNS = `id uuid NOT NULL, stored timestamptz NOT NULL, "timestamp" timestamptz NOT NULL,
  verb_id text NOT NULL, registration uuid, ref_target uuid, voids uuid, voided boolean NOT NULL DEFAULT false,
  client_id uuid NOT NULL, has_attachments boolean NOT NULL DEFAULT false, body json NOT NULL`;

/** The statement table's secondary indexes (on a partitioned table, each month gets its own). */
async function createStatementIndexes(q: QueryRunner): Promise<void> {
  await q.query(`CREATE INDEX ix_statement_verb ON statement (verb_id, seq)`);
  await q.query(
    `CREATE INDEX ix_statement_registration ON statement (registration, seq) WHERE registration IS NOT NULL`,
  );
  await q.query(`CREATE INDEX ix_statement_stored ON statement (stored)`);
  await q.query(`CREATE INDEX ix_statement_voids ON statement (voids) WHERE voids IS NOT NULL`);
  await q.query(
    `CREATE INDEX ix_statement_ref_target ON statement (ref_target) WHERE ref_target IS NOT NULL`,
  );
}

/**
 * Statements partitioned by time (docs/scaling.md): `statement`, `statement_agent` and
 * `statement_activity` become range-partitioned on `stored`, one partition per calendar month (UTC),
 * so old months can be detached and archived and a query bounded by `since`/`until` reads only its
 * months. A partitioned table's unique keys must hold the partition key, so statement ids are kept
 * unique by `statement_id` (id → seq, stored), which every lookup by id goes through; the index
 * tables carry `stored` so that their joins to `statement` reach one partition.
 *
 * `statement_partitions_ensure(from, to)` creates the missing months from one to the other (the
 * worker runs it every six hours, up to three months ahead). Each table has a DEFAULT partition so
 * that a write is never refused for want of a month; when a month is created later, its rows are
 * moved out of the default first. Existing statements are copied here, in the migration's
 * transaction (31–37 s for a million statements on the 2-core reference machine,
 * `npm run bench:partition-migration`); a store of hundreds of millions would be copied in the
 * background instead.
 */
export class StatementPartitions1765400000000 implements MigrationInterface {
  name = 'StatementPartitions1765400000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(TABLES))
      await q.query(`ALTER TABLE ${table} RENAME TO ${table}_unpartitioned`);
    // Index and constraint names are per schema: the old ones step aside for the new tables'.
    await q.query(`
      DO $$ DECLARE r record; BEGIN
        FOR r IN SELECT c.conname, t.relname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                  WHERE t.relname IN ('statement_unpartitioned', 'statement_agent_unpartitioned', 'statement_activity_unpartitioned')
                    AND c.contype IN ('p', 'u') LOOP
          EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', r.relname, r.conname, r.conname || '_unpartitioned');
        END LOOP;
        FOR r IN SELECT indexname FROM pg_indexes
                  WHERE tablename IN ('statement_unpartitioned', 'statement_agent_unpartitioned', 'statement_activity_unpartitioned')
                    AND indexname NOT LIKE '%\\_unpartitioned' LOOP
          EXECUTE format('ALTER INDEX %I RENAME TO %I', r.indexname, r.indexname || '_unpartitioned');
        END LOOP;
      END $$`);

    await q.query(`CREATE SEQUENCE statement_seq AS bigint`);
    await q.query(`
      CREATE TABLE statement_id (
        id uuid NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('statement_seq'),
        stored timestamptz NOT NULL,
        CONSTRAINT pk_statement_id PRIMARY KEY (id)
      )`);
    await q.query(`ALTER SEQUENCE statement_seq OWNED BY statement_id.seq`);
    await q.query(`
      CREATE TABLE statement (
        seq bigint NOT NULL, ${STATEMENT_COLUMNS},
        CONSTRAINT pk_statement PRIMARY KEY (seq, stored)
      ) PARTITION BY RANGE (stored)`);
    await createStatementIndexes(q);
    await q.query(`
      CREATE TABLE statement_agent (
        statement_seq bigint NOT NULL,
        stored timestamptz NOT NULL,
        agent_key text NOT NULL,
        direct boolean NOT NULL,
        CONSTRAINT pk_statement_agent PRIMARY KEY (agent_key, statement_seq, stored)
      ) PARTITION BY RANGE (stored)`);
    await q.query(`
      CREATE TABLE statement_activity (
        statement_seq bigint NOT NULL,
        stored timestamptz NOT NULL,
        activity_id text NOT NULL,
        direct boolean NOT NULL,
        CONSTRAINT pk_statement_activity PRIMARY KEY (activity_id, statement_seq, stored)
      ) PARTITION BY RANGE (stored)`);
    for (const table of Object.keys(TABLES)) {
      await q.query(`CREATE TABLE ${table}_default PARTITION OF ${table} DEFAULT`);
    }

    await q.query(`
      CREATE FUNCTION statement_partitions_ensure(from_time timestamptz, to_time timestamptz)
      RETURNS integer LANGUAGE plpgsql AS $fn$
      DECLARE
        -- Months are UTC calendar months, computed without a time zone so that no session setting
        -- moves a boundary.
        month timestamp := date_trunc('month', from_time AT TIME ZONE 'UTC');
        last timestamp := date_trunc('month', to_time AT TIME ZONE 'UTC');
        low timestamptz;
        high timestamptz;
        parent text;
        part text;
        made integer := 0;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('statement_partitions_ensure'));
        WHILE month <= last LOOP
          low := month AT TIME ZONE 'UTC';
          high := (month + interval '1 month') AT TIME ZONE 'UTC';
          FOREACH parent IN ARRAY ARRAY['statement', 'statement_agent', 'statement_activity'] LOOP
            part := parent || '_' || to_char(month, 'YYYYMM');
            CONTINUE WHEN to_regclass(part) IS NOT NULL;
            -- Built beside the table, filled with what the default partition holds for the month,
            -- then attached: attaching locks the parent far less than CREATE ... PARTITION OF.
            EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, parent);
            EXECUTE format('WITH moved AS (DELETE FROM %I WHERE stored >= $1 AND stored < $2 RETURNING *)
                            INSERT INTO %I SELECT * FROM moved', parent || '_default', part) USING low, high;
            EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, low, high);
            made := made + 1;
          END LOOP;
          month := month + interval '1 month';
        END LOOP;
        RETURN made;
      END $fn$`);
    await q.query(`
      SELECT statement_partitions_ensure(coalesce((SELECT min(stored) FROM statement_unpartitioned), now()),
                                         now() + interval '3 months')`);

    await q.query(
      `INSERT INTO statement_id (id, seq, stored) SELECT id, seq, stored FROM statement_unpartitioned`,
    );
    await q.query(
      `SELECT setval('statement_seq', greatest((SELECT max(seq) FROM statement_unpartitioned), 0) + 1, false)`,
    );
    await q.query(
      `INSERT INTO statement (${TABLES.statement}) SELECT ${TABLES.statement} FROM statement_unpartitioned`,
    );
    await q.query(`
      INSERT INTO statement_agent (${TABLES.statement_agent})
      SELECT a.statement_seq, s.stored, a.agent_key, a.direct
        FROM statement_agent_unpartitioned a JOIN statement_unpartitioned s ON s.seq = a.statement_seq`);
    await q.query(`
      INSERT INTO statement_activity (${TABLES.statement_activity})
      SELECT a.statement_seq, s.stored, a.activity_id, a.direct
        FROM statement_activity_unpartitioned a JOIN statement_unpartitioned s ON s.seq = a.statement_seq`);
    for (const table of Object.keys(TABLES).reverse()) await q.query(`DROP TABLE ${table}_unpartitioned`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statement_unpartitioned (seq bigint GENERATED BY DEFAULT AS IDENTITY, ${STATEMENT_COLUMNS})`);
    await q.query(`INSERT INTO statement_unpartitioned SELECT ${TABLES.statement} FROM statement`);
    await q.query(
      `SELECT setval(pg_get_serial_sequence('statement_unpartitioned', 'seq'), (SELECT max(seq) FROM statement_id) + 1, false)`,
    );
    await q.query(
      `CREATE TABLE statement_agent_unpartitioned AS SELECT statement_seq, agent_key, direct FROM statement_agent`,
    );
    await q.query(
      `CREATE TABLE statement_activity_unpartitioned AS SELECT statement_seq, activity_id, direct FROM statement_activity`,
    );
    await q.query(`DROP FUNCTION statement_partitions_ensure(timestamptz, timestamptz)`);
    for (const table of Object.keys(TABLES)) {
      await q.query(`DROP TABLE ${table}`);
      await q.query(`ALTER TABLE ${table}_unpartitioned RENAME TO ${table}`);
    }
    await q.query(`DROP TABLE statement_id`);
    await q.query(`
      ALTER TABLE statement ALTER COLUMN seq SET GENERATED ALWAYS,
        ADD CONSTRAINT pk_statement PRIMARY KEY (seq), ADD CONSTRAINT uq_statement_id UNIQUE (id)`);
    for (const [table, column] of [
      ['statement_agent', 'agent_key'],
      ['statement_activity', 'activity_id'],
    ]) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN statement_seq SET NOT NULL, ALTER COLUMN ${column} SET NOT NULL,
                     ALTER COLUMN direct SET NOT NULL, ADD CONSTRAINT pk_${table} PRIMARY KEY (${column}, statement_seq)`);
    }
    await createStatementIndexes(q);
  }
}
