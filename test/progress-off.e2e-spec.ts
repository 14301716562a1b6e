import XAPI from '@xapi/xapi';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/** HOCBA_PROGRESS_PROJECTION=off (a bulk load of history): statements stored, progress untouched until a rebuild. */
describe('progress projection switched off', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ env: { HOCBA_PROGRESS_PROJECTION: 'off' } }));
  });
  afterAll(async () => t?.close());

  it('stores statements and leaves progress and unmatched actors alone', async () => {
    const as = { authorization: `Bearer ${admin}` };
    const home = 'https://lms.off.vn';
    await request(t.url)
      .post('/api/v1/courses')
      .set(as)
      .send({ code: 'tat', title: 'Tắt', activityId: `${home}/c`, completion: { moveOn: 'Completed' } })
      .expect(201);
    const cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as)
        .send({ code: 'tat-1', title: 'Tắt 1', courseCode: 'tat', province: 'Hà Nội' })
        .expect(201)
    ).body.id as string;
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as)
      .send({ learners: [{ fullName: 'Vũ Thị Tắt', account: { homePage: home, name: 'tat' } }] })
      .expect(201);
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    const verb = { id: 'http://adlnet.gov/expapi/verbs/completed' };
    await xapi.sendStatements({
      statements: [
        {
          actor: { objectType: 'Agent', account: { homePage: home, name: 'tat' } },
          verb,
          object: { objectType: 'Activity', id: `${home}/c` },
        },
        {
          actor: { objectType: 'Agent', account: { homePage: home, name: 'stranger' } },
          verb,
          object: { objectType: 'Activity', id: `${home}/c` },
        },
      ],
    });
    const db = t.app.get(DataSource);
    expect((await db.query(`SELECT count(*)::int AS n FROM statement`))[0].n).toBe(2);
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM enrollment_progress WHERE activated_at IS NOT NULL`))[0]
        .n,
    ).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS n FROM unmatched_actor`))[0].n).toBe(0);
  });
});
