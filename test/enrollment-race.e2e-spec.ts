import { DataSource } from 'typeorm';
import { startAdminApp, createCohort, createCourse } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Issue 19: learners enrolled at the very moment their first statements arrive. A batch that
 * matched its learners before the enrollment committed, and an enrollment whose progress rebuild
 * read the statements before the batch committed, used to leave the new seats without those
 * statements until the next rebuild. Both are sent at once, 100 rounds, one of the two up to 10 ms
 * before the other (the statements first in half of the rounds), so the two meet at every point of
 * each other's transaction.
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
      // From 10 ms statements-first to 9 ms enrollment-first, round by round.
      const lead = (round % 20) - 10;
      const enrollment = () =>
        fetch(`${t.url}/api/v1/cohorts/${cohort}/enrollments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            learners: names.map((name) => ({
              fullName: `Học viên ${name}`,
              account: { homePage: HOME, name },
            })),
          }),
        });
      const statementBatch = () =>
        fetch(`${t.url}/xapi/statements`, {
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
      const pause = () => new Promise((r) => setTimeout(r, Math.abs(lead)));
      const [e, s] =
        lead >= 0
          ? await Promise.all([enrollment(), pause().then(statementBatch)])
          : await Promise.all([pause().then(enrollment), statementBatch()]);
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
