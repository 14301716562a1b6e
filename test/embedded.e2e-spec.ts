import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { BASIC, startTestApp, type TestApp } from './support/test-app';
import { statementFactory } from './support/statements';

/**
 * The embedded default (PGlite behind its socket server) under concurrent load. Its connections
 * share one backend session, so anything session-scoped (prepared statement names) collides there
 * while it works on PostgreSQL; these run on PGlite even when CI gives a PostgreSQL server.
 */
describe('embedded PGlite under concurrent requests', () => {
  let t: TestApp;
  const v = { 'X-Experience-API-Version': '2.0.0', Authorization: BASIC };
  beforeAll(async () => {
    t = await startTestApp({}, { embedded: true });
  });
  afterAll(async () => t?.close());

  it('stores every statement of concurrent batches and single POSTs', async () => {
    const activity = `https://mooc.example.vn/courses/${randomUUID()}`;
    const object = { objectType: 'Activity', id: activity };
    const requests = Array.from({ length: 24 }, (_, i) =>
      request(t.url)
        .post('/xapi/statements')
        .set(v)
        .send(
          i % 2 === 0
            ? statementFactory({ object })
            : Array.from({ length: 10 }, () => statementFactory({ object })),
        ),
    );
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const stored = await request(t.url)
      .get('/xapi/statements')
      .query({ activity, limit: '500' })
      .set(v)
      .expect(200);
    expect(stored.body.statements).toHaveLength(12 + 12 * 10);
  });

  it('applies concurrent document merges one after another', async () => {
    const q = {
      activityId: `https://mooc.example.vn/courses/${randomUUID()}`,
      agent: JSON.stringify({ mbox: 'mailto:hv@example.vn' }),
      stateId: 's',
    };
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(t.url)
          .post('/xapi/activities/state')
          .query(q)
          .set(v)
          .send({ [`k${i}`]: i })
          .expect(204),
      ),
    );
    const doc = (await request(t.url).get('/xapi/activities/state').query(q).set(v).expect(200)).body;
    expect(Object.keys(doc)).toHaveLength(10);
  });
});
