import { Pool } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

describe('startEmbeddedPostgres', () => {
  let pg: EmbeddedPostgres;
  beforeAll(async () => {
    pg = await startEmbeddedPostgres();
  });
  afterAll(async () => pg?.stop());

  it('serves parameterised readers on several connections while another runs transactions, without mixing them up', async () => {
    const pool = new Pool({ connectionString: pg.url, max: 6 });
    try {
      await pool.query('CREATE TABLE r (n int)');
      let done = false;
      const writer = (async () => {
        const c = await pool.connect();
        for (let k = 0; k < 20; k++) {
          await c.query('BEGIN');
          for (let j = 0; j < 5; j++)
            await c.query('INSERT INTO r SELECT * FROM unnest($1::int[])', [[k, j]]);
          await c.query('COMMIT');
        }
        c.release();
        done = true;
      })();
      const readers = Array.from({ length: 4 }, async (_, i) => {
        let answered = 0;
        while (!done) {
          const { rows } = await pool.query<{ v: string }>('SELECT $1::text || $2::text || $3::text AS v', [
            'a',
            String(i),
            'c',
          ]);
          if (rows[0].v !== `a${i}c`) throw new Error(`reader ${i} got ${rows[0].v}`);
          answered++;
        }
        return answered;
      });
      // pglite-socket's own queue wedges here for good; fail in bounded time rather than hang.
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the embedded server stopped answering')), 20_000).unref(),
      );
      await Promise.race([writer, timeout]);
      const answered = await Promise.race([Promise.all(readers), timeout]);
      expect(answered.every((n) => n > 0)).toBe(true);
      expect((await pool.query<{ c: string }>('SELECT count(*) AS c FROM r')).rows[0].c).toBe('200');
    } finally {
      await pool.end();
    }
  });

  it('holds other connections while a transaction is open, then runs their queued queries intact', async () => {
    const pool = new Pool({ connectionString: pg.url, max: 6 });
    try {
      await pool.query('CREATE TABLE t (n int)');
      const tx = await pool.connect();
      await tx.query('BEGIN');
      await tx.query('INSERT INTO t VALUES ($1)', [1]);
      // Five connections queue parameterised queries of different shapes behind the transaction.
      const outside = Array.from({ length: 5 }, (_, i) =>
        i % 2 === 0
          ? pool
              .query<{ v: string }>('SELECT (SELECT count(*) FROM t WHERE n >= $1) || $2::text AS v', [
                0,
                `/${i}`,
              ])
              .then((r) => r.rows[0].v)
          : pool
              .query<{ v: string }>('SELECT (SELECT count(*) FROM t) || $1::text AS v', [`/${i}`])
              .then((r) => r.rows[0].v),
      );
      await new Promise((r) => setTimeout(r, 100));
      await tx.query('INSERT INTO t VALUES ($1)', [2]);
      await tx.query('COMMIT');
      tx.release();
      expect(await Promise.all(outside)).toEqual(['2/0', '2/1', '2/2', '2/3', '2/4']);
    } finally {
      await pool.end();
    }
  });
});
