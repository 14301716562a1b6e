import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProgressProjection } from '@hocba/progress';
import { FunnelTallyCompactor } from '@hocba/reports';
import { createCohort, createCourse, startAdminApp } from './support/admin';
import { startPostgresCluster, type PostgresCluster } from './support/postgres-cluster';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Issue 9: PostgreSQL stops and comes back while a platform sends statements. While it is down the
 * API answers 503 with Retry-After (never 500); the platform sends the same batch again; in the end
 * every acknowledged statement is stored once and the reports equal a full rebuild from the statements.
 * The cluster is the test's own (initdb in a temporary folder); the machine's server is not touched.
 */
const HOME = 'https://lms.pg-restart.vn';
const COURSE = `${HOME}/course/1`;
const LEARNERS = 120;
const BATCHES = 40;
const PER_BATCH = 15;

describe('PostgreSQL restarted during ingest', () => {
  let pg: PostgresCluster;
  let t: TestApp;
  let admin: string;
  let outage: Promise<void> | undefined;

  beforeAll(async () => {
    pg = await startPostgresCluster();
    ({ t, admin } = await startAdminApp({ env: { DATABASE_URL: pg.url } }));
    const as = { authorization: `Bearer ${admin}` };
    await createCourse(t.url, admin, { code: 'pg-1', activityId: COURSE });
    const cohort = await createCohort(t.url, admin, {
      code: 'pg-1-1',
      courseCode: 'pg-1',
      province: 'Cà Mau',
    });
    const learners = Array.from({ length: LEARNERS }, (_, i) => ({
      fullName: `Học viên ${i}`,
      account: { homePage: HOME, name: `hv-${i}` },
    }));
    await request(t.url).post(`/api/v1/cohorts/${cohort}/enrollments`).set(as).send({ learners }).expect(201);
  }, 120_000);

  afterAll(async () => {
    await outage?.catch(() => undefined);
    await t?.close();
    await pg?.destroy();
  });

  it('answers 503 while it is down, loses no acknowledged statement and stores none twice', async () => {
    const statuses = new Map<number, number>();
    // The database stays down until the platform has been answered 503 (at most 30 s), not for a
    // fixed time that a slow machine might not fill.
    let answered503 = () => {};
    const refused = new Promise<void>((resolve) => (answered503 = resolve));
    const down = async () => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([refused, new Promise((r) => (timer = setTimeout(r, 30_000)))]);
      clearTimeout(timer);
    };
    const acknowledged: string[] = [];
    let shapesChecked = false;
    const expectUnavailableBodies = async (xapi: request.Response) => {
      expect(xapi.body).toEqual({
        error: 503,
        code: 'service.unavailable',
        message: 'The database is unavailable; nothing was stored: send the request again shortly',
      });
      expect(xapi.headers['x-experience-api-version']).toBe('1.0.3');
      const api = await request(t.url)
        .get('/api/v1/cohorts')
        .set({ authorization: `Bearer ${admin}` });
      expect([api.status, api.headers['retry-after'], api.body]).toEqual([
        503,
        '5',
        {
          statusCode: 503,
          code: 'service.unavailable',
          message: 'The database is unavailable; nothing was changed: try again shortly',
        },
      ]);
    };
    for (let b = 0; b < BATCHES; b++) {
      const batch = Array.from({ length: PER_BATCH }, (_, i) => {
        const n = (b * PER_BATCH + i) % LEARNERS;
        return {
          id: randomUUID(),
          actor: { objectType: 'Agent', account: { homePage: HOME, name: `hv-${n}` } },
          verb: { id: `http://adlnet.gov/expapi/verbs/${b % 2 ? 'completed' : 'experienced'}` },
          object: { objectType: 'Activity', id: COURSE },
          ...(b % 2 ? { result: { completion: true } } : {}),
          timestamp: `2026-11-${String(10 + (b % 15)).padStart(2, '0')}T02:00:00Z`,
        };
      });
      // A third of the way in, the database stops (a restart, a failover).
      if (b === Math.floor(BATCHES / 3))
        outage = pg
          .stop()
          .then(down)
          .then(() => pg.start());
      // The platform's rule: on 503 or no answer, wait and send the same batch again.
      for (let attempt = 0; ; attempt++) {
        const res = await request(t.url)
          .post('/xapi/statements')
          .set({ authorization: BASIC, 'x-experience-api-version': '1.0.3' })
          .send(batch)
          .then(
            (r) => r,
            () => undefined,
          );
        const status = res?.status ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 200) {
          acknowledged.push(...(res!.body as string[]));
          break;
        }
        expect([503, 0]).toContain(status);
        if (status === 503) {
          expect(Number(res!.headers['retry-after'])).toBeGreaterThan(0);
          // While still down (it stays so until answered503), both APIs answer in their error body.
          if (!shapesChecked) await expectUnavailableBodies(res!);
          shapesChecked = true;
          answered503();
        }
        if (attempt > 200) throw new Error('the service did not come back');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await outage;
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(500)).toBeUndefined();
    expect(acknowledged).toHaveLength(BATCHES * PER_BATCH);

    const db = t.app.get(DataSource);
    const [stored]: { total: number; distinct: number; acknowledged: number }[] = await db.query(
      `SELECT count(*)::int AS total, count(DISTINCT id)::int AS distinct,
              count(*) FILTER (WHERE id = ANY($1::uuid[]))::int AS acknowledged FROM statement`,
      [acknowledged],
    );
    expect(stored).toEqual({
      total: BATCHES * PER_BATCH,
      distinct: BATCHES * PER_BATCH,
      acknowledged: BATCHES * PER_BATCH,
    });

    // The reports as kept while it happened equal the reports rebuilt from the statements.
    const funnel = async () =>
      (
        await request(t.url)
          .get('/api/v1/reports/funnel')
          .query({ groupBy: 'cohort' })
          .set({ authorization: `Bearer ${admin}` })
          .expect(200)
      ).body.rows;
    const live = await funnel();
    expect(live[0].completed).toBeGreaterThan(0);
    await t.app.get(ProgressProjection).rebuildAll(db);
    await new FunnelTallyCompactor(db).rebuild();
    expect(await funnel()).toEqual(live);
  });
});
