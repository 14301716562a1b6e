import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CodesAnyCase1765610000000 } from '../libs/database/src/migrations/1765610000000-codes-any-case';
import { createCohort, createCourse, startAdminApp } from './support/admin';
import type { TestApp } from './support/test-app';

/**
 * Course and cohort codes as coordinators write them ("DA06-K1"): accepted in any case, kept as
 * written, unique regardless of case, and found in any case wherever a code is asked for.
 */
describe('course and cohort codes in any case', () => {
  const HOME = 'https://codes.hocba-test.vn';
  let t: TestApp;
  let admin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp());
    // A course as the API stored codes until now: lower case.
    await createCourse(t.url, admin, { code: 'an-toan-so', activityId: `${HOME}/courses/an-toan-so` });
  });
  afterAll(async () => t?.close());

  it('accepts a course code in capitals, keeps it as written, and answers 409 to it in another case', async () => {
    const created = await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({
        code: 'DA06-K1',
        title: 'Đề án 06, khoá 1',
        activityId: `${HOME}/courses/da06-k1`,
        completion: { moveOn: 'Completed' },
      })
      .expect(201);
    expect(created.body.code).toBe('DA06-K1');
    const again = await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({
        code: 'da06-k1',
        title: 'Trùng mã',
        activityId: `${HOME}/courses/other`,
        completion: { moveOn: 'Completed' },
      })
      .expect(409);
    expect(again.body.message).toBe('code: course "DA06-K1" exists (codes are unique regardless of case)');
    const codes = (await request(t.url).get('/api/v1/courses').set(as(admin)).expect(200)).body.map(
      (c: { code: string }) => c.code,
    );
    expect(codes.filter((c: string) => c.toLowerCase() === 'da06-k1')).toEqual(['DA06-K1']);
    // The rule still says which characters a code may have.
    const bad = await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({ code: 'DA06 K1', title: 'x', activityId: `${HOME}/x`, completion: { moveOn: 'Completed' } })
      .expect(400);
    expect(bad.body.message).toContain('code must be 2 to 64 letters (A-Z, any case), digits or dashes');
  });

  it('makes a cohort with a code in capitals on a course named in another case; the code is unique regardless of case', async () => {
    const cohort = await request(t.url)
      .post('/api/v1/cohorts')
      .set(as(admin))
      .send({ code: 'HN-ATS-01', title: 'Hà Nội, đợt 1', courseCode: 'AN-TOAN-SO', province: 'Hà Nội' })
      .expect(201);
    expect(cohort.body).toMatchObject({ code: 'HN-ATS-01', courseCode: 'an-toan-so' });
    const again = await request(t.url)
      .post('/api/v1/cohorts')
      .set(as(admin))
      .send({ code: 'hn-ats-01', title: 'Trùng mã', courseCode: 'an-toan-so', province: 'Hà Nội' })
      .expect(409);
    expect(again.body.message).toBe('code: cohort "HN-ATS-01" exists (codes are unique regardless of case)');
    const listed = (await request(t.url).get('/api/v1/cohorts').set(as(admin)).expect(200)).body as {
      code: string;
    }[];
    expect(listed.filter((c) => c.code.toLowerCase() === 'hn-ats-01').map((c) => c.code)).toEqual([
      'HN-ATS-01',
    ]);
  });

  it('filters the funnel report by a course code written in another case than stored', async () => {
    const id = await createCohort(t.url, admin, {
      code: `hp-${randomUUID().slice(0, 8)}`,
      courseCode: 'an-toan-so',
      province: 'Hải Phòng',
    });
    await request(t.url)
      .post(`/api/v1/cohorts/${id}/enrollments`)
      .set(as(admin))
      .send({
        learners: [
          { fullName: 'Nguyễn Văn Mã', account: { homePage: HOME, name: 'hv-ma-1' }, level: 'xa' },
          { fullName: 'Trần Thị Hoa', account: { homePage: HOME, name: 'hv-ma-2' }, level: 'xa' },
        ],
      })
      .expect(201);
    const funnel = async (query: Record<string, string>) =>
      (await request(t.url).get('/api/v1/reports/funnel').query(query).set(as(admin)).expect(200)).body as {
        rows: { key: string; enrolled: number }[];
        totals: { enrolled: number };
      };
    // By course (read from the tally) and by level (read from the seats): both take the filter.
    const byCourse = await funnel({ groupBy: 'course', courseCode: 'An-Toan-So' });
    expect(byCourse.rows.map((r) => [r.key, r.enrolled])).toEqual([['an-toan-so', 2]]);
    const byLevel = await funnel({ groupBy: 'level', courseCode: 'AN-TOAN-SO' });
    expect(byLevel.rows.map((r) => [r.key, r.enrolled])).toEqual([['xa', 2]]);
    const csv = await request(t.url)
      .get('/api/v1/reports/funnel')
      .query({ groupBy: 'course', courseCode: 'AN-TOAN-SO', format: 'csv' })
      .set(as(admin))
      .expect(200);
    expect(csv.text).toContain('an-toan-so');
  });

  it('scopes an LRS client to a course named in another case than stored', async () => {
    const client = (
      await request(t.url)
        .post('/api/v1/lrs-clients')
        .set(as(admin))
        .send({ name: 'Nền tảng A', scopes: ['statements/write'], courses: ['AN-TOAN-SO'] })
        .expect(201)
    ).body as { key: string; secret: string; courses: string[] };
    // The client keeps the course's code as stored.
    expect(client.courses).toEqual(['an-toan-so']);
    const listed = (await request(t.url).get('/api/v1/lrs-clients').set(as(admin)).expect(200)).body as {
      key: string;
      courses: string[] | null;
    }[];
    expect(listed.find((c) => c.key === client.key)?.courses).toEqual(['an-toan-so']);
    const xapi = {
      authorization: `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`,
      'x-experience-api-version': '1.0.3',
    };
    const about = (activity: string) => ({
      actor: { objectType: 'Agent', account: { homePage: HOME, name: 'hv-ma-1' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { objectType: 'Activity', id: activity },
    });
    await request(t.url)
      .post('/xapi/statements')
      .set(xapi)
      .send(about(`${HOME}/courses/an-toan-so`))
      .expect(200);
    await request(t.url)
      .post('/xapi/statements')
      .set(xapi)
      .send(about(`${HOME}/courses/da06-k1`))
      .expect(403);
  });

  it('migrates codes that differ only by case: the oldest keeps its code, later ones are renamed and audited', async () => {
    const db = t.app.get(DataSource);
    const migration = new CodesAnyCase1765610000000();
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      // Back to the exact-case constraints, where cohort codes could already differ only by case.
      await migration.down(runner);
      const insertCohort = async (code: string, at: string) =>
        (
          await db.query(
            `INSERT INTO cohort (code, title, course_id, province_id, created_at)
             SELECT $1, 'Lớp cũ', course_id, province_id, $2 FROM cohort WHERE code = 'HN-ATS-01' RETURNING id`,
            [code, at],
          )
        )[0].id as string;
      const later = await insertCohort('hn-ats-01', '2099-01-01T00:00:00Z');
      const latest = await insertCohort('Hn-Ats-01', '2099-01-02T00:00:00Z');
      // Another code, and the first suffix a rename would take: the renames go past it.
      await insertCohort('HN-ATS-01-2', '2099-01-03T00:00:00Z');
      const [oldCourse] = await db.query(
        `INSERT INTO course (code, title, activity_id, completion, created_at)
         VALUES ('AN-TOAN-SO', 'Trùng', $1, '{"moveOn": "Completed"}', '2099-01-01T00:00:00Z') RETURNING id`,
        [`${HOME}/courses/trung`],
      );
      const key = `lrs-${randomUUID()}`;
      await db.query(
        `INSERT INTO lrs_client (name, key, secret_hash, scopes, course_codes, activity_scope)
         VALUES ('cũ', $1, 'x', '{all}', '{AN-TOAN-SO,an-toan-so}', '{}')`,
        [key],
      );

      await migration.up(runner);

      const code = async (table: string, id: string) =>
        (await db.query(`SELECT code FROM ${table} WHERE id = $1`, [id]))[0].code as string;
      expect(await code('cohort', later)).toBe('hn-ats-01-3');
      expect(await code('cohort', latest)).toBe('Hn-Ats-01-4');
      expect(await code('course', oldCourse.id as string)).toBe('AN-TOAN-SO-2');
      expect((await db.query(`SELECT code FROM cohort WHERE code = 'HN-ATS-01'`)).length).toBe(1);
      expect(
        (await db.query(`SELECT course_codes FROM lrs_client WHERE key = $1`, [key]))[0].course_codes,
      ).toEqual(['AN-TOAN-SO-2', 'an-toan-so']);
      const audit = await db.query<
        { entity: string; entity_id: string; detail: { from: string; to: string } }[]
      >(`SELECT entity, entity_id, detail FROM audit_log WHERE action = 'code-renamed' ORDER BY id`);
      expect(audit.map((a) => [a.entity, a.entity_id, a.detail.from, a.detail.to])).toEqual([
        ['course', oldCourse.id, 'AN-TOAN-SO', 'AN-TOAN-SO-2'],
        ['cohort', later, 'hn-ats-01', 'hn-ats-01-3'],
        ['cohort', latest, 'Hn-Ats-01', 'Hn-Ats-01-4'],
      ]);
      // The database itself holds the rule now, whatever writes to it.
      await expect(
        db.query(
          `INSERT INTO cohort (code, title, course_id, province_id)
           SELECT 'hn-ATS-01', 'x', course_id, province_id FROM cohort WHERE code = 'HN-ATS-01'`,
        ),
      ).rejects.toThrow(/uq_cohort_code_any_case/);
    } finally {
      await runner.release();
    }
  });
});
