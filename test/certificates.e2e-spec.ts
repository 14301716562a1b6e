import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XAPI, { type Statement } from '@xapi/xapi';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { readTable } from '@hocba/spreadsheets';
import { binary, finishedJob, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Certificates end to end: statements complete a course, the certificate appears without anyone
 * asking, its PDF is read back with poppler's tools (the text, the QR code as a phone would scan
 * it), verified by code and by its bytes, revoked, reissued.
 */
const HOME = 'https://lms.hocba-test.vn';
const PUBLIC_URL = 'https://hocba.example.vn';
const COURSE = `${HOME}/course/view.php?id=7`;
const LEARNERS = [
  // Written decomposed (NFD), as some keyboards and exports produce: stored, listed and printed in NFC.
  {
    fullName: 'Nguyễn Thị Ngọc Ánh'.normalize('NFD'),
    account: { homePage: HOME, name: 'ngoc-anh' },
    unit: 'Công an huyện Lục Ngạn',
  },
  { fullName: 'Đặng Quốc Hưng', account: { homePage: HOME, name: 'quoc-hung' }, unit: 'UBND xã Tân Mộc' },
  { fullName: 'Lò Văn Sửu', account: { homePage: HOME, name: 'van-suu' } },
];

const completed = (name: string, day: string): Statement => ({
  actor: { objectType: 'Agent', account: { homePage: HOME, name } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'vi-VN': 'đã hoàn thành' } },
  object: {
    objectType: 'Activity',
    id: COURSE,
    definition: { type: 'http://adlnet.gov/expapi/activities/course' },
  },
  result: { completion: true },
  timestamp: `${day}T03:00:00Z`,
});

interface StaffCertificate {
  number: string;
  code: string;
  state: string;
  enrollmentId: string;
  fullName: string;
  sha256: string | null;
}

describe('certificates', () => {
  let t: TestApp;
  let admin: string;
  let cohortId: string;
  let xapi: XAPI;
  const work = mkdtempSync(join(tmpdir(), 'hocba-certificates-'));
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  const list = async (cohort = cohortId) =>
    (await request(t.url).get('/api/v1/certificates').query({ cohortId: cohort }).set(as(admin)).expect(200))
      .body as StaffCertificate[];
  /** Waits (bounded) until the cohort's certificates satisfy the condition. */
  const waitFor = async (check: (c: StaffCertificate[]) => boolean, cohort = cohortId) => {
    for (let i = 0; i < 150; i++) {
      const certificates = await list(cohort);
      if (check(certificates)) return certificates;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`certificates did not reach the expected state: ${JSON.stringify(await list(cohort))}`);
  };
  const finished = (jobId: string) => finishedJob(t.url, admin, jobId);

  const pdfOf = async (code: string) =>
    (
      await request(t.url)
        .get(`/api/v1/certificates/${code}/pdf`)
        .set(as(admin))
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ worker: true, env: { HOCBA_PUBLIC_URL: PUBLIC_URL } }));
    await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({
        code: 'chuyen-doi-so',
        title: 'Chuyển đổi số trong cơ quan nhà nước',
        activityId: COURSE,
        completion: { moveOn: 'Completed' },
        certificates: { auto: true },
      })
      .expect(201);
    cohortId = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as(admin))
        .send({
          code: 'bg-cds-1',
          title: 'Bắc Giang - Chuyển đổi số, đợt 1',
          courseCode: 'chuyen-doi-so',
          province: 'Bắc Giang',
        })
        .expect(201)
    ).body.id;
    await request(t.url)
      .post(`/api/v1/cohorts/${cohortId}/enrollments`)
      .set(as(admin))
      .send({ learners: LEARNERS })
      .expect(201);
    xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('issues a certificate when statements complete the course, without anyone asking: the exact name in the PDF, a QR code to the verify page', async () => {
    await xapi.sendStatements({
      statements: [completed('ngoc-anh', '2024-06-03'), completed('quoc-hung', '2024-06-04')],
    });
    const certificates = await waitFor((c) => c.length === 2 && c.every((x) => x.state === 'issued'));
    expect(certificates.map((c) => c.fullName).sort()).toEqual(
      [LEARNERS[0].fullName.normalize('NFC'), LEARNERS[1].fullName].sort(),
    );
    for (const c of certificates) {
      expect(c.number).toMatch(/^HB-\d{4}-\d{6}$/);
      expect(c.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    }
    const anh = certificates.find((c) => c.fullName === LEARNERS[0].fullName.normalize('NFC'))!;
    const pdf = await pdfOf(anh.code);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(work, 'anh.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    expect(text).toContain('Nguyễn Thị Ngọc Ánh'.normalize('NFC'));
    expect(text).toContain('Chuyển đổi số trong cơ quan nhà nước');
    expect(text).toContain('Công an huyện Lục Ngạn');
    expect(text).toContain('Bắc Giang');
    expect(text).toContain(anh.number);
    execFileSync('pdftoppm', ['-r', '120', '-png', '-singlefile', file, join(work, 'anh')]);
    const png = PNG.sync.read(readFileSync(join(work, 'anh.png')));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(
      `${PUBLIC_URL}/v/${anh.code}`,
    );
    // The same bytes on every download.
    expect((await pdfOf(anh.code)).equals(pdf)).toBe(true);
  });

  it('verifies by code for anyone, with the name masked, and recognises the PDF byte for byte', async () => {
    const anh = (await list()).find((c) => c.fullName === LEARNERS[0].fullName.normalize('NFC'))!;
    const verified = await request(t.url).get(`/api/v1/verify/${anh.code}`).expect(200);
    expect(verified.body).toMatchObject({
      status: 'valid',
      number: anh.number,
      learner: 'Nguyễn T. N. Á.',
      province: 'Bắc Giang',
    });
    expect(JSON.stringify(verified.body)).not.toContain('Ngọc');
    // Typed by a person: lower case, with dashes.
    const typed = anh.code.toLowerCase().replace(/(.{4})(?!$)/g, '$1-');
    await request(t.url).get(`/api/v1/verify/${typed}`).expect(200);
    await request(t.url).get('/api/v1/verify/0000000000000000').expect(404);
    await request(t.url).get('/api/v1/verify/..%2F..%2Fetc%2Fpasswd').expect(404);
    const page = await request(t.url).get(`/v/${anh.code}`).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Giấy chứng nhận hợp lệ');
    expect(page.text).toContain('name="viewport"');

    const pdf = await pdfOf(anh.code);
    const byBody = await request(t.url)
      .post('/api/v1/verify')
      .set('content-type', 'application/pdf')
      .send(pdf)
      .expect(200);
    expect(byBody.body).toMatchObject({ issued: true, certificate: { number: anh.number, status: 'valid' } });
    const byForm = await request(t.url).post('/api/v1/verify').attach('file', pdf, 'gcn.pdf').expect(200);
    expect(byForm.body.certificate.number).toBe(anh.number);
    const changed = Buffer.from(pdf);
    changed[Math.floor(changed.length / 2)] ^= 0x01;
    expect(
      (
        await request(t.url)
          .post('/api/v1/verify')
          .set('content-type', 'application/pdf')
          .send(changed)
          .expect(200)
      ).body,
    ).toEqual({ issued: false });
  });

  it('revokes with a reason: 410 on the API and the page, never deleted, the PDF still recognised as revoked', async () => {
    const anh = (await list()).find((c) => c.fullName === LEARNERS[0].fullName.normalize('NFC'))!;
    await request(t.url).post(`/api/v1/certificates/${anh.code}/revoke`).set(as(admin)).send({}).expect(400);
    const revoked = await request(t.url)
      .post(`/api/v1/certificates/${anh.code}/revoke`)
      .set(as(admin))
      .send({ reason: 'Cấp nhầm lớp' })
      .expect(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', revokeReason: 'Cấp nhầm lớp' });
    const gone = await request(t.url).get(`/api/v1/verify/${anh.code}`).expect(410);
    expect(gone.body).toMatchObject({ status: 'revoked', revokeReason: 'Cấp nhầm lớp' });
    expect(gone.body.revokedAt).toEqual(expect.any(String));
    expect((await request(t.url).get(`/v/${anh.code}`).expect(410)).text).toContain('đã bị thu hồi');
    const pdf = await pdfOf(anh.code);
    expect(
      (
        await request(t.url)
          .post('/api/v1/verify')
          .set('content-type', 'application/pdf')
          .send(pdf)
          .expect(200)
      ).body,
    ).toMatchObject({ issued: true, certificate: { status: 'revoked' } });
    await request(t.url)
      .post(`/api/v1/certificates/${anh.code}/revoke`)
      .set(as(admin))
      .send({ reason: 'again' })
      .expect(409);
  });

  it('reissues under a new number and code, the old one revoked; one valid certificate per enrollment', async () => {
    const hung = (await list()).find((c) => c.fullName === LEARNERS[1].fullName)!;
    const next = await request(t.url)
      .post(`/api/v1/certificates/${hung.code}/reissue`)
      .set(as(admin))
      .send({ reason: 'Sai tên đơn vị' })
      .expect(201);
    expect(next.body.number).not.toBe(hung.number);
    expect(next.body.code).not.toBe(hung.code);
    const all = await waitFor((c) => c.some((x) => x.code === next.body.code && x.state === 'issued'));
    const ofHung = all.filter((c) => c.enrollmentId === hung.enrollmentId);
    expect(ofHung.map((c) => c.state).sort()).toEqual(['issued', 'revoked']);
    await request(t.url).get(`/api/v1/verify/${hung.code}`).expect(410);
    await request(t.url).get(`/api/v1/verify/${next.body.code}`).expect(200);
  });

  it('counts certified learners in the funnel and lists who got which number in the manifest', async () => {
    const funnel = await request(t.url)
      .get('/api/v1/reports/funnel')
      .query({ groupBy: 'cohort', cohortId })
      .set(as(admin))
      .expect(200);
    expect(funnel.body.rows[0]).toMatchObject({ enrolled: 3, completed: 2, certified: 2 });
    const xlsx = await request(t.url)
      .get(`/api/v1/cohorts/${cohortId}/certificates.xlsx`)
      .set(as(admin))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const table = await readTable(xlsx.body as Buffer, 100);
    const numbers = (await list()).map((c) => c.number).sort();
    const cells = JSON.stringify(table);
    for (const n of numbers) expect(cells).toContain(n);
    expect(cells).toContain('Đặng Quốc Hưng');
  });

  it("builds a cohort's ZIP through a job: every issued PDF byte for byte, and the manifest", async () => {
    const { jobId } = (
      await request(t.url).post(`/api/v1/cohorts/${cohortId}/certificates.zip`).set(as(admin)).expect(202)
    ).body;
    const job = await finished(jobId);
    const issued = (await list()).filter((c) => c.state === 'issued');
    expect(job).toMatchObject({ state: 'completed', result: { certificates: issued.length } });
    const zip = await request(t.url)
      .get(job.result.download)
      .set(as(admin))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const file = join(work, 'cohort.zip');
    writeFileSync(file, zip.body as Buffer);
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(names).toEqual(['danh-sach-giay-chung-nhan.xlsx', ...issued.map((c) => `${c.number}.pdf`)].sort());
    for (const c of issued)
      expect(execFileSync('unzip', ['-p', file, `${c.number}.pdf`]).equals(await pdfOf(c.code))).toBe(true);
    // Another cohort's address for this job: not found.
    await request(t.url)
      .get(`/api/v1/cohorts/00000000-0000-4000-8000-000000000000/certificates.zip`)
      .query({ jobId })
      .set(as(admin))
      .expect(404);
  });

  it("opens a learner's own courses and certificates through a platform's short-lived link, and not after it expires", async () => {
    await request(t.url)
      .post('/api/v1/learner-links')
      .send({ account: { homePage: HOME, name: 'quoc-hung' } })
      .expect(401);
    await request(t.url)
      .post('/api/v1/learner-links')
      .set('authorization', BASIC)
      .send({ account: { homePage: HOME, name: 'nobody' } })
      .expect(404);
    const link = await request(t.url)
      .post('/api/v1/learner-links')
      .set('authorization', BASIC)
      .send({ account: { homePage: HOME, name: 'quoc-hung' } })
      .expect(201);
    expect(link.body.url).toMatch(new RegExp(`^${PUBLIC_URL}/l/[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const path = new URL(link.body.url).pathname;
    const token = path.split('/')[2];
    const page = await request(t.url).get(path).expect(200);
    expect(page.text).toContain('Đặng Quốc Hưng');
    const overview = (await request(t.url).get(`/api/v1/learner-links/${token}`).expect(200)).body;
    expect(overview.courses[0]).toMatchObject({
      course: 'Chuyển đổi số trong cơ quan nhà nước',
      completedAt: expect.any(String),
    });
    const valid = overview.certificates.find((c: { state: string }) => c.state === 'issued');
    expect(page.text).toContain(`/l/${token}/certificates/${valid.code}`);
    const pdf = await request(t.url)
      .get(`/l/${token}/certificates/${valid.code}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((pdf.body as Buffer).equals(await pdfOf(valid.code))).toBe(true);
    // Another learner's certificate is not reachable through this link.
    const anh = (await list()).find((c) => c.fullName === LEARNERS[0].fullName.normalize('NFC'))!;
    await request(t.url).get(`/l/${token}/certificates/${anh.code}`).expect(404);

    await t.app.get(DataSource).query(`UPDATE learner_link SET expires_at = now() - interval '1 second'`);
    await request(t.url).get(path).expect(410);
    await request(t.url).get(`/api/v1/learner-links/${token}`).expect(410);
    await request(t.url).get(`/l/${token}/certificates/${valid.code}`).expect(410);
    await request(t.url).get('/l/not-a-token').expect(404);
  });

  it('issues on request for a course that does not issue automatically, through a job', async () => {
    await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({
        code: 'an-ninh-mang',
        title: 'An ninh mạng',
        activityId: `${HOME}/course/view.php?id=8`,
        completion: { moveOn: 'Completed' },
      })
      .expect(201);
    const cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as(admin))
        .send({
          code: 'bg-anm-1',
          title: 'Bắc Giang - An ninh mạng',
          courseCode: 'an-ninh-mang',
          province: 'Bắc Giang',
        })
        .expect(201)
    ).body.id as string;
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as(admin))
      .send({ learners: LEARNERS })
      .expect(201);
    await xapi.sendStatements({
      statements: [
        {
          ...completed('van-suu', '2024-07-01'),
          object: { objectType: 'Activity', id: `${HOME}/course/view.php?id=8` },
        },
      ],
    });
    // The completion is recorded (the projection ran in the statement's transaction, where a course
    // that issues automatically requests its certificate), and the relay has handed every outbox row
    // to the worker: had a certificate been requested, its row and its render job would exist now.
    const seats = (
      await request(t.url).get(`/api/v1/cohorts/${cohort}/enrollments`).set(as(admin)).expect(200)
    ).body as { learner: { fullName: string }; milestones: { completedAt: string | null } }[];
    expect(seats.find((s) => s.learner.fullName === 'Lò Văn Sửu')?.milestones.completedAt).toBe(
      '2024-07-01T03:00:00.000Z',
    );
    const db = t.app.get(DataSource);
    const pendingOutbox = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM outbox WHERE relayed_at IS NULL`))[0].n);
    for (let i = 0; i < 100 && (await pendingOutbox()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await pendingOutbox()).toBe(0);
    expect(await list(cohort)).toEqual([]);
    const { jobId } = (
      await request(t.url).post(`/api/v1/cohorts/${cohort}/certificates`).set(as(admin)).expect(202)
    ).body;
    const issued = await waitFor((c) => c.length === 1 && c[0].state === 'issued', cohort);
    expect(issued[0].fullName).toBe('Lò Văn Sửu');
    expect(await finished(jobId)).toMatchObject({
      state: 'completed',
      result: { eligible: 1, requested: 1 },
    });
    // Asked again: nobody new qualifies, nothing is issued twice.
    const again = (
      await request(t.url).post(`/api/v1/cohorts/${cohort}/certificates`).set(as(admin)).expect(202)
    ).body;
    expect(await finished(again.jobId)).toMatchObject({
      state: 'completed',
      result: { eligible: 0, requested: 0 },
    });
    expect(await list(cohort)).toHaveLength(1);
  });

  it('gives learner links only to a platform that reads statements; one scoped to courses links only their learners, and its links show those courses only', async () => {
    const client = async (name: string, scopes: string[], courses?: string[]) => {
      const body = (
        await request(t.url)
          .post('/api/v1/lrs-clients')
          .set(as(admin))
          .send({ name, scopes, ...(courses ? { courses } : {}) })
          .expect(201)
      ).body as { key: string; secret: string };
      return `Basic ${Buffer.from(`${body.key}:${body.secret}`).toString('base64')}`;
    };
    const ask = (authorization: string, name: string) =>
      request(t.url)
        .post('/api/v1/learner-links')
        .set('authorization', authorization)
        .send({ account: { homePage: HOME, name } });
    // Write-only credentials (what content packages carry) and read-only ones: no links.
    await ask(await client('goi-noi-dung', ['statements/write']), 'quoc-hung').expect(403);
    await ask(await client('bao-cao', ['all/read']), 'quoc-hung').expect(403);
    await ask(await client('nen-tang', ['statements/write', 'statements/read/mine']), 'quoc-hung').expect(
      201,
    );

    // A learner of "chuyen-doi-so" only, beside Hưng (both courses) and Sửu (both, certified in an-ninh-mang).
    await request(t.url)
      .post(`/api/v1/cohorts/${cohortId}/enrollments`)
      .set(as(admin))
      .send({ learners: [{ fullName: 'Hoàng Thị Chỉ Một', account: { homePage: HOME, name: 'chi-mot' } }] })
      .expect(201);
    const scoped = await client('nen-tang-anm', ['statements/write', 'statements/read'], ['an-ninh-mang']);
    const unknown = await ask(scoped, 'khong-ai-ca').expect(404);
    const outside = await ask(scoped, 'chi-mot').expect(404);
    expect(outside.body).toEqual(unknown.body);
    await ask(BASIC, 'chi-mot').expect(201);

    const hung = await ask(scoped, 'quoc-hung').expect(201);
    const path = new URL(hung.body.url).pathname;
    const token = path.split('/')[2];
    const page = await request(t.url).get(path).expect(200);
    expect(page.text).toContain('An ninh mạng');
    expect(page.text).not.toContain('Chuyển đổi số');
    const overview = (await request(t.url).get(`/api/v1/learner-links/${token}`).expect(200)).body as {
      courses: { course: string }[];
      certificates: { code: string }[];
    };
    expect(overview.courses.map((c) => c.course)).toEqual(['An ninh mạng']);
    expect(overview.certificates).toEqual([]);
    // His certificate of the other course: not through this platform's link.
    const hungs = (await list()).find((c) => c.fullName === LEARNERS[1].fullName && c.state === 'issued')!;
    expect(page.text).not.toContain(hungs.number);
    await request(t.url).get(`/l/${token}/certificates/${hungs.code}`).expect(404);

    // Sửu's certificate of the platform's course: shown and downloadable.
    const suu = (await ask(scoped, 'van-suu').expect(201)).body as { url: string };
    const suuToken = new URL(suu.url).pathname.split('/')[2];
    const suuOverview = (await request(t.url).get(`/api/v1/learner-links/${suuToken}`).expect(200)).body as {
      courses: { course: string }[];
      certificates: { code: string; course: string }[];
    };
    expect(suuOverview.courses.map((c) => c.course)).toEqual(['An ninh mạng']);
    expect(suuOverview.certificates.map((c) => c.course)).toEqual(['An ninh mạng']);
    await request(t.url).get(`/l/${suuToken}/certificates/${suuOverview.certificates[0].code}`).expect(200);
  });

  it('sends the verification and learner pages unsniffable, never framed, without a Referer', async () => {
    const link = (
      await request(t.url)
        .post('/api/v1/learner-links')
        .set('authorization', BASIC)
        .send({ account: { homePage: HOME, name: 'quoc-hung' } })
        .expect(201)
    ).body as { url: string };
    const valid = (await list()).find((c) => c.state === 'issued')!;
    const pages: [string, number][] = [
      [`/v/${valid.code}`, 200],
      ['/v/HB0000000000000X', 404],
      [new URL(link.url).pathname, 200],
      [`/l/${'x'.repeat(43)}`, 404],
    ];
    for (const [where, status] of pages) {
      const page = await request(t.url).get(where).expect(status);
      expect([where, page.headers['content-type']]).toEqual([where, 'text/html; charset=utf-8']);
      expect([where, page.headers['x-content-type-options']]).toEqual([where, 'nosniff']);
      expect([where, page.headers['content-security-policy']]).toEqual([
        where,
        expect.stringMatching(/(^|; )frame-ancestors 'none'(;|$)/),
      ]);
      expect([where, page.headers['referrer-policy']]).toEqual([where, 'no-referrer']);
    }
  });
});
