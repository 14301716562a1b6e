import request from 'supertest';
import { DataSource } from 'typeorm';
import { ReportsDataSource } from '../libs/database/src';
import { createCohort, createCourse, startAdminApp } from './support/admin';
import type { TestApp } from './support/test-app';

/** DATABASE_READ_URL: the reports read through their own pool (a replica's, in production). */
describe('reports on a read replica', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ readReplica: true }));
  });
  afterAll(() => t?.close());

  it('answers the funnel through the read pool, with the same figures', async () => {
    const reports = t.app.get(ReportsDataSource).dataSource;
    const primary = t.app.get(DataSource);
    expect(reports).not.toBe(primary);
    // Each query checks a client out of the pool: count them.
    let reads = 0;
    const pool = (reports.driver as unknown as { master: { on(event: 'acquire', f: () => void): void } })
      .master;
    pool.on('acquire', () => reads++);
    const as = { authorization: `Bearer ${admin}` };
    await createCourse(t.url, admin, { code: 'khoa-k', activityId: 'https://x.vn/k' });
    const cohort = await createCohort(t.url, admin, {
      code: 'khoa-k-1',
      courseCode: 'khoa-k',
      province: 'Huế',
    });
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as)
      .send({ learners: [{ fullName: 'Tôn Nữ Thử', account: { homePage: 'https://x.vn', name: 'tnt' } }] })
      .expect(201);
    expect(reads).toBe(0); // enrolling wrote through the primary
    const funnel = (
      await request(t.url).get('/api/v1/reports/funnel').query({ groupBy: 'cohort' }).set(as).expect(200)
    ).body;
    expect(funnel.totals.enrolled).toBe(1);
    expect(Date.parse(funnel.dataAsOf)).toBeGreaterThan(Date.now() - 60_000);
    expect(reads).toBeGreaterThan(0);
  });
});
