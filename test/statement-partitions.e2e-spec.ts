import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { StatementPartitionKeeper } from '@hocba/lrs';
import { MIGRATIONS } from '../libs/database/src/migrations';
import { BASIC, startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { statementFactory } from './support/statements';

/**
 * Statements partitioned by month of `stored` (migration 1765400000000): a store written before the
 * migration keeps every statement, its seq order and its lookups; new months are made ahead by the
 * worker; a month made late takes its rows out of the default partition.
 */
describe('statement partitions', () => {
  const home = 'https://lms.partition.vn';
  const v = { 'X-Experience-API-Version': '1.0.3', Authorization: BASIC };
  const month = (d: Date) => `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  // Statements stored before the migration, in two past months, the last voiding the first.
  const old = [
    { id: randomUUID(), stored: '2025-03-04T02:00:00.000Z', learner: 'p-an' },
    { id: randomUUID(), stored: '2025-03-31T23:59:59.999Z', learner: 'p-an' },
    { id: randomUUID(), stored: '2025-04-01T00:00:00.000Z', learner: 'p-binh' },
  ];
  const voiding = { id: randomUUID(), stored: '2025-05-10T08:00:00.000Z' };

  let database: TestDatabase;
  let t: TestApp;
  let db: DataSource;
  const get = (query: Record<string, string>) => request(t.url).get('/xapi/statements').query(query).set(v);
  const partitionOf = async (id: string) =>
    (await db.query(`SELECT tableoid::regclass::text AS part FROM statement WHERE id = $1`, [id]))[0]
      ?.part as string | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The store as it was before partitioning, filled through SQL as that schema's writer left it.
    const before = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: MIGRATIONS.slice(
        0,
        MIGRATIONS.findIndex((m) => m.name === 'StatementPartitions1765400000000'),
      ),
      migrationsTableName: 'migration',
      extra: { max: 1 },
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const client = randomUUID();
    const body = (s: { id: string; stored: string }, rest: Record<string, unknown>) =>
      JSON.stringify({
        id: s.id,
        stored: s.stored,
        timestamp: s.stored,
        version: '1.0.0',
        authority: { objectType: 'Agent', name: 'old', mbox: 'mailto:old@partition.vn' },
        ...rest,
      });
    for (const s of old) {
      await before.query(
        `INSERT INTO statement (id, stored, "timestamp", verb_id, client_id, body) VALUES ($1, $2, $2, $3, $4, $5)`,
        [
          s.id,
          s.stored,
          'http://adlnet.gov/expapi/verbs/experienced',
          client,
          body(s, {
            actor: { objectType: 'Agent', account: { homePage: home, name: s.learner } },
            verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
            object: { objectType: 'Activity', id: `${home}/lesson` },
          }),
        ],
      );
      await before.query(
        `INSERT INTO statement_agent (statement_seq, agent_key, direct)
         SELECT seq, $2, true FROM statement WHERE id = $1`,
        [s.id, `account:${home}|${s.learner}`],
      );
      await before.query(
        `INSERT INTO statement_activity (statement_seq, activity_id, direct)
         SELECT seq, $2, true FROM statement WHERE id = $1`,
        [s.id, `${home}/lesson`],
      );
    }
    await before.query(
      `INSERT INTO statement (id, stored, "timestamp", verb_id, ref_target, voids, client_id, body)
       VALUES ($1, $2, $2, 'http://adlnet.gov/expapi/verbs/voided', $3, $3, $4, $5)`,
      [
        voiding.id,
        voiding.stored,
        old[0].id,
        client,
        body(voiding, {
          actor: { objectType: 'Agent', mbox: 'mailto:admin@partition.vn' },
          verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
          object: { objectType: 'StatementRef', id: old[0].id },
        }),
      ],
    );
    await before.query(`UPDATE statement SET voided = true WHERE id = $1`, [old[0].id]);
    await before.destroy();

    t = await startTestApp({}, { database, worker: true });
    db = t.app.get(DataSource);
  });
  afterAll(async () => t?.close());

  it('moves the statements stored before the migration into the partitions of their months', async () => {
    expect(await partitionOf(old[0].id)).toBe('statement_202503');
    expect(await partitionOf(old[1].id)).toBe('statement_202503');
    expect(await partitionOf(old[2].id)).toBe('statement_202504');
    expect(await partitionOf(voiding.id)).toBe('statement_202505');
    const [agents] = await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE tableoid::regclass::text = 'statement_agent_202503')::int AS march
         FROM statement_agent`,
    );
    expect(agents).toEqual({ n: 3, march: 2 });
    const [ids] = await db.query(`SELECT count(*)::int AS n FROM statement_id`);
    expect(ids.n).toBe(4);
  });

  it('still finds the old statements by id, by agent and through the voiding', async () => {
    expect((await get({ statementId: old[1].id }).expect(200)).body.id).toBe(old[1].id);
    await get({ statementId: old[0].id }).expect(404);
    expect((await get({ voidedStatementId: old[0].id }).expect(200)).body.id).toBe(old[0].id);
    const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: home, name: 'p-an' } });
    const found = (await get({ agent }).expect(200)).body.statements as { id: string }[];
    // The voided one is left out, and the voiding statement is returned as it refers to a match.
    expect(found.map((s) => s.id)).toEqual([voiding.id, old[1].id]);
  });

  it('gives new statements a higher seq than every old one, in the current month', async () => {
    const now = statementFactory({ object: { objectType: 'Activity', id: `${home}/lesson` } });
    await request(t.url).post('/xapi/statements').set(v).send(now).expect(200);
    expect(await partitionOf(now.id as string)).toBe(`statement_${month(new Date())}`);
    // Oldest first, one per page: the pages walk the months in storage order and end with the new one.
    const seen: string[] = [];
    let next = `/xapi/statements?activity=${encodeURIComponent(`${home}/lesson`)}&ascending=true&limit=1`;
    while (next) {
      const page = (await request(t.url).get(next).set(v).expect(200)).body as {
        statements: { id: string }[];
        more?: string;
      };
      seen.push(...page.statements.map((s) => s.id));
      next = page.more ?? '';
    }
    // The voiding statement refers to a match (the voided one, itself left out).
    expect(seen).toEqual([old[1].id, old[2].id, voiding.id, now.id]);
  });

  it('has this month, three months ahead and a default partition to write in', async () => {
    const ahead = new Date();
    ahead.setUTCDate(1);
    ahead.setUTCMonth(ahead.getUTCMonth() + 3);
    const parts: { name: string }[] = await db.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'statement'::regclass`,
    );
    const names = parts.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([`statement_${month(new Date())}`, `statement_${month(ahead)}`]),
    );
    expect(names).toContain('statement_default');
  });

  it('takes a month made late out of the default partition, rows and index rows alike', async () => {
    const late = { id: randomUUID(), stored: '2041-02-10T00:00:00.000Z' };
    // A write in a month nobody made yet (a worker stopped for months) lands in the default partition.
    await db.transaction(async (m) => {
      const [{ seq }] = await m.query(`INSERT INTO statement_id (id, stored) VALUES ($1, $2) RETURNING seq`, [
        late.id,
        late.stored,
      ]);
      await m.query(
        `INSERT INTO statement (seq, id, stored, "timestamp", verb_id, client_id, body)
         VALUES ($1, $2, $3, $3, 'http://adlnet.gov/expapi/verbs/experienced', gen_random_uuid(), $4)`,
        [
          seq,
          late.id,
          late.stored,
          JSON.stringify({
            ...statementFactory({ id: late.id, stored: late.stored }),
            authority: { objectType: 'Agent', mbox: 'mailto:old@partition.vn' },
          }),
        ],
      );
      await m.query(
        `INSERT INTO statement_agent (statement_seq, stored, agent_key, direct) VALUES ($1, $2, $3, true)`,
        [seq, late.stored, 'mbox:mailto:late@partition.vn'],
      );
    });
    expect(await partitionOf(late.id)).toBe('statement_default');

    const keeper = new StatementPartitionKeeper(db);
    expect(await keeper.ensure(new Date('2041-02-01T00:00:00Z'), new Date('2041-02-28T00:00:00Z'))).toBe(3);
    expect(await partitionOf(late.id)).toBe('statement_204102');
    const [left] = await db.query(
      `SELECT (SELECT count(*) FROM statement_default)::int + (SELECT count(*) FROM statement_agent_default)::int AS n`,
    );
    expect(left.n).toBe(0);
    expect((await get({ statementId: late.id }).expect(200)).body.id).toBe(late.id);
    // Made once: a second run finds the month there.
    expect(await keeper.ensure(new Date('2041-02-01T00:00:00Z'), new Date('2041-02-28T00:00:00Z'))).toBe(0);
  });

  it('goes back to one table when the migrations since are undone, and forward again', async () => {
    // The migration after this one gives the progress tables room for in-page updates; undone first.
    const fillfactor = async () =>
      (await db.query(`SELECT reloptions FROM pg_class WHERE relname = 'enrollment_progress'`))[0]
        .reloptions as string[] | null;
    /** Undoes the newest migrations down to and including `name` (later ones come off first). */
    const undoThrough = async (name: string) => {
      for (;;) {
        const [last]: { name: string }[] = await db.query(
          `SELECT name FROM migration ORDER BY timestamp DESC LIMIT 1`,
        );
        await db.undoLastMigration({ transaction: 'each' });
        if (last.name === name) return;
      }
    };
    // Before it, the statement write-order functions (migration 1765640000000).
    const writeOrder = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM pg_proc WHERE proname IN ('statement_write_stamp', 'statement_consistent_through', 'statement_writes_wait')`,
        )
      )[0].n as number;
    expect(await fillfactor()).toEqual(['fillfactor=50']);
    expect(await writeOrder()).toBe(3);
    const [before] = await db.query(`SELECT count(*)::int AS n, max(seq)::text AS max FROM statement`);
    await undoThrough('StatementWriteOrder1765640000000');
    expect(await writeOrder()).toBe(0);
    await undoThrough('ProgressFillfactor1765500000000');
    expect(await fillfactor()).toBeNull();
    await undoThrough('StatementPartitions1765400000000');
    const [kind] = await db.query(`SELECT relkind::text AS kind FROM pg_class WHERE relname = 'statement'`);
    expect(kind.kind).toBe('r');
    const [undone] = await db.query(`SELECT count(*)::int AS n, max(seq)::text AS max FROM statement`);
    expect(undone).toEqual(before);
    await db.runMigrations({ transaction: 'each' });
    expect(await fillfactor()).toEqual(['fillfactor=50']);
    expect(await writeOrder()).toBe(3);
    const [again] = await db.query(`SELECT count(*)::int AS n, max(seq)::text AS max FROM statement`);
    expect(again).toEqual(before);
    expect((await get({ statementId: old[1].id }).expect(200)).body.id).toBe(old[1].id);
  });
});
