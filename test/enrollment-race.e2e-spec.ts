import { DataSource } from 'typeorm';
import { startAdminApp, createCohort, createCourse } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Issue 19: learners enrolled at the very moment their first statements arrive. A batch that
 * matched its learners before the enrollment committed, and an enrollment whose progress rebuild
 * read the statements before the batch committed, used to leave the new seats without those
 * statements until the next rebuild. Both are sent at once, 100 rounds, each round's statements
 * sent a little later than the last so the two meet at every point of each other's transaction.
 */
const ROUNDS = 100;
const LEARNERS = 4;
const HOME = 'https://race.example.vn';
const COURSE = `${HOME}/course`;

describe('enrolling learners while their statements arrive', () => {
  let t: TestApp;
  let admin: string;
  let cohort: string;

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
    await createCourse(t.url, admin, { code: 'race', activityId: COURSE });
    cohort = await createCohort(t.url, admin, { code: 'race-1', courseCode: 'race', province: 'Hà Nội' });
  });
  afterAll(async () => t?.close());

  it(`gives every new seat its statements, ${ROUNDS} rounds out of ${ROUNDS}`, async () => {
    const db = t.app.get(DataSource);
    const missed: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const names = Array.from({ length: LEARNERS }, (_, i) => `race-${round}-${i}`);
      const enroll = fetch(`${t.url}/api/v1/cohorts/${cohort}/enrollments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          learners: names.map((name) => ({
            fullName: `Học viên ${name}`,
            account: { homePage: HOME, name },
          })),
        }),
      });
      // 0–9 ms after the enrollment, round by round.
      await new Promise((r) => setTimeout(r, round % 10));
      const statements = fetch(`${t.url}/xapi/statements`, {
        method: 'POST',
        headers: {
          authorization: BASIC,
          'x-experience-api-version': '1.0.3',
          'content-type': 'application/json',
        },
        body: JSON.stringify(
          names.map((name) => ({
            actor: { objectType: 'Agent', account: { homePage: HOME, name } },
            verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
            object: { objectType: 'Activity', id: COURSE },
          })),
        ),
      });
      const [e, s] = await Promise.all([enroll, statements]);
      expect([e.status, s.status]).toEqual([201, 200]);
      const rows: { name: string }[] = await db.query(
        `SELECT l.account_name AS name FROM enrollment e JOIN learner l ON l.id = e.learner_id
           LEFT JOIN enrollment_progress p ON p.enrollment_id = e.id
          WHERE e.cohort_id = $1 AND l.account_name = ANY($2::text[]) AND p.started_at IS NULL`,
        [cohort, names],
      );
      missed.push(...rows.map((r) => r.name));
    }
    expect(missed).toEqual([]);
  }, 300_000);
});
