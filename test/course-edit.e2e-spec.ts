import XAPI from '@xapi/xapi';
import request from 'supertest';
import { startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Issue 20: an administrator edits a course (title, completion rule, automatic certificates),
 * audited with what it was; the completion rule is refused once a learner of the course has
 * progress, since milestones stay as they were reached under the rule of their time.
 */
const HOME = 'https://lms.edit-test.vn';
const COURSE = `${HOME}/course/view.php?id=3`;

describe('editing a course', () => {
  let t: TestApp;
  let admin: string;
  const as = () => ({ authorization: `Bearer ${admin}` });

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ worker: true }));
    await request(t.url)
      .post('/api/v1/courses')
      .set(as())
      .send({ code: 'SUA-01', title: 'Khoá cũ', activityId: COURSE, completion: { moveOn: 'Completed' } })
      .expect(201);
  }, 60_000);

  afterAll(() => t?.close());

  it('changes the title, the rule with an exam and mastery score, and automatic certificates; audited', async () => {
    const changed = await request(t.url)
      .put('/api/v1/courses/sua-01')
      .set(as())
      .send({
        title: 'Khoá mới',
        completion: {
          moveOn: 'CompletedAndPassed',
          exam: { activityId: `${HOME}/mod/quiz/view.php?id=4`, masteryScore: 0.8 },
        },
        certificates: { auto: true },
      })
      .expect(200);
    expect(changed.body).toMatchObject({
      code: 'SUA-01',
      title: 'Khoá mới',
      activityId: COURSE,
      completion: { moveOn: 'CompletedAndPassed', exam: { masteryScore: 0.8 } },
      certificates: { auto: true },
    });
    const listed = (await request(t.url).get('/api/v1/courses').set(as()).expect(200)).body as {
      code: string;
      title: string;
    }[];
    expect(listed.find((c) => c.code === 'SUA-01')?.title).toBe('Khoá mới');
    const audit = (
      await request(t.url)
        .get('/api/v1/audit-log')
        .query({ entity: 'course', action: 'updated' })
        .set(as())
        .expect(200)
    ).body as { detail: { before: { title: string }; after: { title: string } } }[];
    expect(audit.map((a) => [a.detail.before.title, a.detail.after.title])).toEqual([
      ['Khoá cũ', 'Khoá mới'],
    ]);
  });

  it('answers 404 for no such course and 400 for a bad rule, naming the field', async () => {
    await request(t.url).put('/api/v1/courses/khong-co').set(as()).send({ title: 'x' }).expect(404);
    const bad = await request(t.url)
      .put('/api/v1/courses/SUA-01')
      .set(as())
      .send({ completion: { moveOn: 'Sometimes' } })
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/moveOn/);
  });

  it('refuses a new completion rule once a learner has progress, but still changes the title', async () => {
    const cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as())
        .send({ code: 'sua-lop-1', title: 'Lớp sửa', courseCode: 'SUA-01', province: 'Khánh Hòa' })
        .expect(201)
    ).body.id as string;
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as())
      .send({ learners: [{ fullName: 'Ngô Văn Học', account: { homePage: HOME, name: 'hv-1' } }] })
      .expect(201);
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    await xapi.sendStatement({
      statement: {
        actor: { objectType: 'Agent', account: { homePage: HOME, name: 'hv-1' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/launched' },
        object: { objectType: 'Activity', id: COURSE },
        timestamp: '2026-11-20T02:00:00Z',
      },
    });
    for (let i = 0; i < 100; i++) {
      const seats = (await request(t.url).get(`/api/v1/cohorts/${cohort}/enrollments`).set(as()).expect(200))
        .body as { milestones: { activatedAt: string | null } }[];
      if (seats[0].milestones.activatedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const refused = await request(t.url)
      .put('/api/v1/courses/SUA-01')
      .set(as())
      .send({ completion: { moveOn: 'Completed' } })
      .expect(409);
    expect(JSON.stringify(refused.body)).toMatch(/completion: the rule cannot change once learners/);
    const course = (await request(t.url).get('/api/v1/courses').set(as()).expect(200)).body.find(
      (c: { code: string }) => c.code === 'SUA-01',
    );
    expect(course.completion.moveOn).toBe('CompletedAndPassed');
    await request(t.url)
      .put('/api/v1/courses/SUA-01')
      .set(as())
      .send({ title: 'Khoá mới (đợt 2)', completion: course.completion })
      .expect(200);
  });
});
