import XAPI from '@xapi/xapi';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { toCsv } from '@hocba/spreadsheets';
import { createCohort, finishedJob, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/**
 * No personal data in the logs: the service runs at the most verbose log level while learners with
 * names, CCCDs, e-mails and phones go through enrollment (JSON and a file with bad rows), xAPI
 * statements, a replacement, a certificate and a learner link, and logins fail; everything the
 * process wrote to stdout and stderr is then searched for those values. Uploads that cannot be read
 * too: their error, logged and stored with the job, names the row and column, never the cell.
 */
const HOME = 'https://lms.rieng-tu.vn';
const PEOPLE = [
  {
    fullName: 'Trương Thị Bí Mật',
    nationalId: '001203004567',
    email: 'bimat.truong@example.vn',
    phone: '0912345678',
  },
  {
    fullName: 'Lý Văn Kín Đáo',
    nationalId: '079188002233',
    email: 'kindao.ly@example.vn',
    phone: '0987654321',
  },
  {
    fullName: 'Hà Thị Thay Thế',
    nationalId: '036199001122',
    email: 'thaythe.ha@example.vn',
    phone: '0901234567',
  },
];

/** The learner of a file with a stray quote in her row: the CSV parser's own message would quote the cell. */
const BROKEN_ROW = { fullName: 'Đỗ Thanh Hằng', nationalId: '079199887766' };

describe('personal data in logs', () => {
  let t: TestApp;
  let admin: string;
  const output: string[] = [];
  const writes = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };

  beforeAll(async () => {
    // Kept for the search here, and passed on to the run's log (test/support/run-log), which the
    // scan at the end of the run searches as well; that log keeps the service's lines off the console.
    const capture =
      (write: (chunk: string | Uint8Array) => boolean) =>
      (chunk: string | Uint8Array): boolean => {
        output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return write(chunk);
      };
    process.stdout.write = capture(writes.out);
    process.stderr.write = capture(writes.err);
    ({ t, admin } = await startAdminApp({ worker: true, env: { LOG_LEVEL: 'verbose' } }));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  });

  it("writes none of the learners' names, CCCDs, e-mails or phones to the log", async () => {
    const as = { authorization: `Bearer ${admin}` };
    await request(t.url)
      .post('/api/v1/courses')
      .set(as)
      .send({
        code: 'rieng',
        title: 'Bảo mật dữ liệu',
        activityId: `${HOME}/c`,
        completion: { moveOn: 'Completed' },
        certificates: { auto: true },
      })
      .expect(201);
    const cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as)
        .send({ code: 'rt-1', title: 'Riêng tư 1', courseCode: 'rieng', province: 'Hà Nội' })
        .expect(201)
    ).body.id as string;
    const [first, second, third] = PEOPLE;
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as)
      .send({ learners: [first, second].map((p) => ({ ...p, account: { homePage: HOME, name: p.email } })) })
      .expect(201);
    // A file with a duplicate CCCD and a bad phone: rows with errors, reported by row and field.
    const header = ['Họ và tên', 'Số CCCD', 'Email', 'Số điện thoại'];
    const file = toCsv({
      sheetName: 'x',
      header,
      rows: [
        [first.fullName, first.nationalId, first.email, first.phone],
        [second.fullName, first.nationalId, second.email, 'không có'],
      ],
    });
    const { jobId } = (
      await request(t.url)
        .post(`/api/v1/cohorts/${cohort}/enrollments/import`)
        .set(as)
        .attach('file', file, 'danh-sach.csv')
        .expect(202)
    ).body;
    expect((await finishedJob(t.url, admin, jobId)).state).toBe('completed');
    // Statements with the learner's name in the actor, a completion and so a certificate.
    await new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' }).sendStatements({
      statements: [first, second].map((p) => ({
        actor: { objectType: 'Agent' as const, name: p.fullName, account: { homePage: HOME, name: p.email } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { objectType: 'Activity' as const, id: `${HOME}/c` },
      })),
    });
    for (let i = 0; i < 100; i++) {
      const list = (
        await request(t.url).get('/api/v1/certificates').query({ cohortId: cohort }).set(as).expect(200)
      ).body;
      if (list.length === 2 && list.every((c: { state: string }) => c.state === 'issued')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seats = (await request(t.url).get(`/api/v1/cohorts/${cohort}/enrollments`).set(as).expect(200))
      .body as { id: string }[];
    await request(t.url)
      .post(`/api/v1/enrollments/${seats[0].id}/replacement`)
      .set(as)
      .send({ learner: { ...third, account: { homePage: HOME, name: third.email } } })
      .expect(201);
    await request(t.url)
      .post('/api/v1/learner-links')
      .set('authorization', BASIC)
      .send({ account: { homePage: HOME, name: first.email } })
      .expect(201);
    await request(t.url)
      .post('/api/v1/auth/login')
      .send({ username: first.email, password: first.nationalId })
      .expect(401);
    await request(t.url)
      .get('/api/v1/reports/funnel/learners')
      .query({ groupBy: 'cohort', format: 'csv' })
      .set(as)
      .expect(200);

    const log = output.join('');
    expect(log.length).toBeGreaterThan(1000); // the verbose log was captured
    expect(log).toContain('Certificate HB-');
    for (const person of PEOPLE)
      for (const value of [
        person.fullName,
        person.fullName.normalize('NFD'),
        person.nationalId,
        person.email,
        person.phone,
      ])
        expect([value, log.includes(value)]).toEqual([value, false]);
  }, 120_000);

  it("names the row and column of a file's broken quote, and puts no cell of it in the job or the log", async () => {
    const as = { authorization: `Bearer ${admin}` };
    const cohort = await createCohort(t.url, admin, {
      code: 'rt-2',
      title: 'Riêng tư 2',
      courseCode: 'rieng',
      province: 'Hà Nội',
    });
    const before = output.join('').length;
    // A stray quote after the name: csv-parse's message would say 'value is "Đỗ Thanh Hằng 0791… "'.
    const file = Buffer.from(
      `Họ và tên,Số CCCD,Email\r\n${BROKEN_ROW.fullName} ${BROKEN_ROW.nationalId} "x,${BROKEN_ROW.nationalId},hang@example.vn\r\n`,
    );
    const { jobId } = (
      await request(t.url)
        .post(`/api/v1/cohorts/${cohort}/enrollments/import`)
        .set(as)
        .attach('file', file, 'danh-sach.csv')
        .expect(202)
    ).body;
    const job = await finishedJob(t.url, admin, jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/row 2, column 1: a quote .* dòng 2, cột 1/);
    const [stored] = await t.app
      .get(DataSource)
      .query<{ error: string; result: unknown }[]>(`SELECT error, result FROM job WHERE id = $1`, [jobId]);
    // The training-records import reads files the same way, and answers at once.
    const training = await request(t.url)
      .post('/api/v1/training-records/import')
      .set(as)
      .attach('file', file, 'bao-cao.csv')
      .expect(400);
    expect(training.body.message).toMatch(/^file: the CSV file cannot be read at row 2, column 1/);

    const log = output.join('').slice(before);
    expect(log).toContain(jobId); // the failure was logged
    for (const [where, text] of [
      ['job', JSON.stringify(job)],
      ['stored job', JSON.stringify(stored)],
      ['training import answer', JSON.stringify(training.body)],
      ['log', log],
    ])
      for (const value of [BROKEN_ROW.fullName, BROKEN_ROW.fullName.normalize('NFD'), BROKEN_ROW.nationalId])
        expect([where, value, text.includes(value)]).toEqual([where, value, false]);
  }, 60_000);
});
