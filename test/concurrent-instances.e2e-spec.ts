import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, BASIC, type TestApp } from './support/test-app';

/**
 * Issue 9: two API instances on one database. The same statement id reaches both at the same moment;
 * a platform sends a batch again after its request timed out. Each statement is stored once, and a
 * different statement under a taken id is refused with 409, whichever instance takes it.
 */
const XAPI = { authorization: BASIC, 'x-experience-api-version': '1.0.3' };
const statement = (id: string, verb = 'experienced') => ({
  id,
  actor: { objectType: 'Agent', account: { homePage: 'https://two.example.vn', name: 'hv-1' } },
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
  object: { objectType: 'Activity', id: 'https://two.example.vn/course/1' },
  timestamp: '2026-11-30T02:00:00Z',
});

describe('two API instances', () => {
  let a: TestApp;
  let b: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    a = await startTestApp();
    // The second instance on the first one's database, with its own pool, queues prefix aside.
    b = await startTestApp({ DATABASE_URL: a.database.url });
    db = a.app.get(DataSource);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const count = async (ids: string[]) =>
    (await db.query(`SELECT count(*)::int AS n FROM statement WHERE id = ANY($1::uuid[])`, [ids]))[0]
      .n as number;

  it('stores a statement sent to both at the same moment once, and answers both', async () => {
    const ids = Array.from({ length: 30 }, () => randomUUID());
    const answers = await Promise.all(
      ids.flatMap((id) =>
        [a, b].map((app) => request(app.url).post('/xapi/statements').set(XAPI).send(statement(id))),
      ),
    );
    expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(await count(ids)).toBe(ids.length);
  });

  it('refuses a different statement under the same id with 409 on whichever instance loses', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const answers = await Promise.all(
      ids.map((id) =>
        Promise.all([
          request(a.url).post('/xapi/statements').set(XAPI).send(statement(id, 'experienced')),
          request(b.url).post('/xapi/statements').set(XAPI).send(statement(id, 'completed')),
        ]),
      ),
    );
    for (const pair of answers) expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count(ids)).toBe(ids.length);
  });

  it('stores once a batch the platform sends again after its request timed out', async () => {
    const batch = Array.from({ length: 200 }, () => statement(randomUUID()));
    // The client gives up after 5 ms; the server goes on and commits (or not): the client cannot know.
    await request(b.url)
      .post('/xapi/statements')
      .set(XAPI)
      .timeout(5)
      .send(batch)
      .then(
        () => undefined,
        () => undefined,
      );
    const again = await request(a.url).post('/xapi/statements').set(XAPI).send(batch).expect(200);
    expect(again.body).toEqual(batch.map((s) => s.id));
    // Once the first request has finished on the server too, still one of each.
    for (let i = 0; i < 50 && (await count(batch.map((s) => s.id))) !== batch.length; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await count(batch.map((s) => s.id))).toBe(batch.length);
  });
});
