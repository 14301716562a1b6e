import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';

/** The training program over HTTP: units, users, courses, cohorts, enrollments, and province scoping. */
describe('training program API', () => {
  let t: TestApp;
  const ADMIN = { username: 'c06-admin', password: 'mat-khau-quan-tri-2026' };
  let admin: string;
  const login = async (username: string, password: string) =>
    (await request(t.url).post('/api/v1/auth/login').send({ username, password }).expect(200)).body
      .accessToken as string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ HOCBA_ADMIN_USER: ADMIN.username, HOCBA_ADMIN_PASSWORD: ADMIN.password });
    admin = await login(ADMIN.username, ADMIN.password);
    await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({
        code: 'de-an-06',
        title: 'Kiến thức chuyển đổi số hỗ trợ triển khai Đề án 06',
        activityId: 'https://mooc.example.vn/courses/de-an-06',
        completion: {
          moveOn: 'CompletedAndPassed',
          exam: { activityId: 'https://mooc.example.vn/courses/de-an-06/exam', masteryScore: 0.8 },
        },
      })
      .expect(201);
  });
  afterAll(async () => t?.close());

  const coordinator = async (provinces: string[]) => {
    const username = `cb-${randomUUID().slice(0, 8)}`;
    const password = 'mat-khau-dieu-phoi-2026';
    await request(t.url)
      .post('/api/v1/users')
      .set(as(admin))
      .send({ username, password, role: 'coordinator', provinces })
      .expect(201);
    return login(username, password);
  };
  const cohort = async (token: string, province: string) =>
    (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as(token))
        .send({
          code: `lop-${randomUUID().slice(0, 8)}`,
          title: 'Lớp đợt 1',
          courseCode: 'de-an-06',
          province,
          wave: 'đợt 1',
          startsOn: '2024-05-20',
        })
        .expect(201)
    ).body as { id: string; provinceId: string; province: string };

  it('lists the 63 legacy and 34 current provinces', async () => {
    const legacy = (
      await request(t.url).get('/api/v1/provinces').query({ era: 'legacy' }).set(as(admin)).expect(200)
    ).body;
    const current = (
      await request(t.url).get('/api/v1/provinces').query({ era: 'current' }).set(as(admin)).expect(200)
    ).body;
    expect(legacy).toHaveLength(63);
    expect(current).toHaveLength(34);
    expect(legacy.find((p: { name: string }) => p.name === 'Bắc Giang').successorId).toBe('current:bac-ninh');
  });

  it('resolves a province from any known spelling: NFD, old tone placement, TP. prefix, alias, code', async () => {
    expect((await cohort(admin, 'Khánh Hoà'.normalize('NFD'))).province).toBe('Khánh Hòa');
    expect((await cohort(admin, 'TP.HCM')).province).toBe('Hồ Chí Minh');
    expect((await cohort(admin, 'Bắc Kan')).province).toBe('Bắc Kạn');
    expect((await cohort(admin, '24')).province).toBe('Bắc Giang');
    const res = await request(t.url)
      .post('/api/v1/cohorts')
      .set(as(admin))
      .send({ code: 'x-1', title: 'x', courseCode: 'de-an-06', province: 'Atlantis' })
      .expect(400);
    expect(res.body.message).toMatch(/province "Atlantis"/);
  });

  it('enrolls learners, returns per-row errors naming field and reason, and is idempotent on re-send', async () => {
    const c = await cohort(admin, 'Lạng Sơn');
    const learners = [
      {
        fullName: 'Nguyễn Văn An'.normalize('NFD'),
        nationalId: '001203004567',
        level: 'xa',
        sector: 'cong-an',
      },
      {
        fullName: 'Trần Thị Bình',
        account: { homePage: 'https://mooc.example.vn', name: 'ttbinh' },
        email: 'binh@example.vn',
      },
      { fullName: 'Lê Văn Cường', nationalId: '12345' },
      { fullName: '', nationalId: '001203004568' },
      { fullName: 'Nguyễn Văn An (again)', nationalId: '001203004567' },
      { fullName: 'Phạm Thị Dung' },
    ];
    const first = (
      await request(t.url)
        .post(`/api/v1/cohorts/${c.id}/enrollments`)
        .set(as(admin))
        .send({ learners })
        .expect(201)
    ).body;
    expect(first.created).toBe(2);
    expect(first.errors).toEqual([
      { row: 3, field: 'nationalId', message: 'nationalId (CCCD) must be 12 digits' },
      { row: 4, field: 'fullName', message: 'fullName is required' },
      { row: 5, field: 'nationalId', message: 'the same learner as row 1' },
      {
        row: 6,
        field: 'nationalId',
        message: 'nationalId or account is required to recognise the learner across cohorts',
      },
    ]);
    const again = (
      await request(t.url)
        .post(`/api/v1/cohorts/${c.id}/enrollments`)
        .set(as(admin))
        .send({ learners: learners.slice(0, 2) })
        .expect(201)
    ).body;
    expect(again).toEqual({
      dryRun: false,
      created: 0,
      updated: 0,
      unchanged: 2,
      errors: [],
      notices: [],
      changes: [],
    });
    const listed = (
      await request(t.url).get(`/api/v1/cohorts/${c.id}/enrollments`).set(as(admin)).expect(200)
    ).body;
    expect(listed).toHaveLength(2);
    // The name is kept as written, in NFC (sent in NFD here): it looks the same and matches byte for byte.
    expect(listed.map((e: { learner: { fullName: string } }) => e.learner.fullName)).toContain(
      'Nguyễn Văn An'.normalize('NFC'),
    );
  });

  it('refuses a learner already holding a seat in another cohort of the same course', async () => {
    const a = await cohort(admin, 'Bắc Giang');
    const b = await cohort(admin, 'Bắc Giang');
    const learner = { fullName: 'Đỗ Minh Khoa', nationalId: '024099001122' };
    await request(t.url)
      .post(`/api/v1/cohorts/${a.id}/enrollments`)
      .set(as(admin))
      .send({ learners: [learner] })
      .expect(201);
    const res = (
      await request(t.url)
        .post(`/api/v1/cohorts/${b.id}/enrollments`)
        .set(as(admin))
        .send({ learners: [learner] })
        .expect(201)
    ).body;
    expect(res.created).toBe(0);
    expect(res.errors[0]).toMatchObject({ row: 1, field: 'nationalId' });
    expect(res.errors[0].message).toMatch(/already enrolled in cohort/);
  });

  it('deducts and replaces learners, both reversible and both audited', async () => {
    const c = await cohort(admin, 'Hải Dương');
    await request(t.url)
      .post(`/api/v1/cohorts/${c.id}/enrollments`)
      .set(as(admin))
      .send({
        learners: [
          { fullName: 'Vũ Thị E', nationalId: '030188000001' },
          { fullName: 'Hoàng Văn G', nationalId: '030188000002' },
        ],
      })
      .expect(201);
    const [e1, e2] = (
      await request(t.url).get(`/api/v1/cohorts/${c.id}/enrollments`).set(as(admin)).expect(200)
    ).body as { id: string }[];
    await request(t.url)
      .post(`/api/v1/enrollments/${e1.id}/deduction`)
      .set(as(admin))
      .send({ reason: 'Chuyển công tác (công an huyện báo)', effectiveOn: '2024-05-25' })
      .expect(204);
    await request(t.url)
      .post(`/api/v1/enrollments/${e1.id}/deduction`)
      .set(as(admin))
      .send({ reason: 'again', effectiveOn: '2024-05-25' })
      .expect(409);
    expect(
      (
        await request(t.url)
          .get(`/api/v1/cohorts/${c.id}/enrollments`)
          .query({ status: 'deducted' })
          .set(as(admin))
      ).body,
    ).toHaveLength(1);
    await request(t.url).delete(`/api/v1/enrollments/${e1.id}/deduction`).set(as(admin)).expect(204);

    const replaced = (
      await request(t.url)
        .post(`/api/v1/enrollments/${e2.id}/replacement`)
        .set(as(admin))
        .send({ learner: { fullName: 'Ngô Văn H', nationalId: '030188000003' }, reason: 'Nghỉ ốm dài ngày' })
        .expect(201)
    ).body;
    const [why] = await t.app
      .get(DataSource)
      .query(
        `SELECT detail->>'reason' AS reason FROM audit_log WHERE entity_id = $1 AND action = 'replaced'`,
        [e2.id],
      );
    expect(why.reason).toBe('Nghỉ ốm dài ngày');
    const all = (await request(t.url).get(`/api/v1/cohorts/${c.id}/enrollments`).set(as(admin))).body as {
      id: string;
      status: string;
      replaces: string | null;
    }[];
    expect(all.find((e) => e.id === e2.id)?.status).toBe('replaced');
    expect(all.find((e) => e.id === replaced.enrollmentId)?.replaces).toBe(e2.id);
    await request(t.url).delete(`/api/v1/enrollments/${e2.id}/replacement`).set(as(admin)).expect(204);
    const after = (await request(t.url).get(`/api/v1/cohorts/${c.id}/enrollments`).set(as(admin))).body as {
      status: string;
    }[];
    expect(after.map((e) => e.status)).toEqual(['active', 'active']);
    const audit = await t.app
      .get(DataSource)
      .query(`SELECT action FROM audit_log WHERE entity_id = ANY($1) ORDER BY id`, [[e1.id, e2.id]]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'enrolled',
      'enrolled',
      'deducted',
      'deduction-undone',
      'replaced',
      'replacement-undone',
    ]);
  });

  it('a coordinator of one province gets 403 or 404 on every endpoint for another province', async () => {
    const other = await cohort(admin, 'Lạng Sơn');
    await request(t.url)
      .post(`/api/v1/cohorts/${other.id}/enrollments`)
      .set(as(admin))
      .send({ learners: [{ fullName: 'Lý Văn K', nationalId: '020177000001' }] })
      .expect(201);
    const [enrollment] = (await request(t.url).get(`/api/v1/cohorts/${other.id}/enrollments`).set(as(admin)))
      .body as { id: string }[];
    const bacGiang = await coordinator(['Bắc Giang']);
    const own = await cohort(bacGiang, 'Bắc Giang');
    expect(
      (await request(t.url).get('/api/v1/cohorts').set(as(bacGiang)).expect(200)).body.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual(expect.not.arrayContaining([other.id]));

    const walk: [string, string, object?][] = [
      ['get', `/api/v1/cohorts/${other.id}`],
      ['get', `/api/v1/cohorts/${other.id}/enrollments`],
      [
        'post',
        `/api/v1/cohorts/${other.id}/enrollments`,
        { learners: [{ fullName: 'X', nationalId: '020177000009' }] },
      ],
      [
        'post',
        `/api/v1/enrollments/${enrollment.id}/deduction`,
        { reason: 'thử', effectiveOn: '2024-06-01' },
      ],
      ['delete', `/api/v1/enrollments/${enrollment.id}/deduction`],
      [
        'post',
        `/api/v1/enrollments/${enrollment.id}/replacement`,
        { learner: { fullName: 'Y', nationalId: '020177000010' } },
      ],
      ['delete', `/api/v1/enrollments/${enrollment.id}/replacement`],
      ['get', `/api/v1/enrollments/${enrollment.id}/progress`],
      [
        'post',
        '/api/v1/cohorts',
        { code: `x-${randomUUID().slice(0, 6)}`, title: 'x', courseCode: 'de-an-06', province: 'Lạng Sơn' },
      ],
      [
        'post',
        '/api/v1/courses',
        { code: 'khac', title: 'x', activityId: 'https://x.vn/c', completion: { moveOn: 'Completed' } },
      ],
      [
        'post',
        '/api/v1/users',
        { username: 'sneaky', password: 'mat-khau-dai-du-12', role: 'national-admin' },
      ],
      ['post', '/api/v1/lrs-clients', { name: 'x', scopes: ['all'] }],
    ];
    for (const [method, path, body] of walk) {
      const res = await (request(t.url) as unknown as Record<string, (p: string) => request.Test>)
        [method](path)
        .set(as(bacGiang))
        .send(body ?? {});
      expect([`${method} ${path}`, [403, 404].includes(res.status)]).toEqual([`${method} ${path}`, true]);
    }
    // The file import, and a job started in the other province (with its error file).
    const importPath = `/api/v1/cohorts/${other.id}/enrollments/import`;
    const file = Buffer.from('Họ và tên,Số CCCD\r\nĐỗ Văn M,020177000011\r\n');
    expect(
      (await request(t.url).post(importPath).set(as(bacGiang)).attach('file', file, 'ds.csv')).status,
    ).toBe(404);
    const { jobId } = (
      await request(t.url)
        .post(importPath)
        .set(as(admin))
        .field('dryRun', 'true')
        .attach('file', file, 'ds.csv')
        .expect(202)
    ).body as { jobId: string };
    for (const path of [`/api/v1/jobs/${jobId}`, `/api/v1/jobs/${jobId}/errors`]) {
      expect([path, (await request(t.url).get(path).set(as(bacGiang))).status]).toEqual([path, 404]);
    }
    expect((await request(t.url).get(`/api/v1/jobs/${jobId}`).set(as(admin))).status).toBe(200);
    // Nothing changed in the other province.
    const still = (await request(t.url).get(`/api/v1/cohorts/${other.id}/enrollments`).set(as(admin)))
      .body as { status: string }[];
    expect(still.map((e) => e.status)).toEqual(['active']);
    // And the coordinator works in their own province.
    await request(t.url)
      .post(`/api/v1/cohorts/${own.id}/enrollments`)
      .set(as(bacGiang))
      .send({ learners: [{ fullName: 'Mai Văn L', nationalId: '024177000001' }] })
      .expect(201);
  });

  it('a coordinator of a current province reaches the legacy provinces it absorbed', async () => {
    const legacy = await cohort(admin, 'Bắc Giang');
    const bacNinh = await coordinator(['Bắc Ninh']);
    expect(
      await request(t.url)
        .get(`/api/v1/cohorts/${legacy.id}`)
        .set(as(bacNinh))
        .then((r) => r.status),
    ).toBe(200);
  });

  it('answers 401 without a token and names the field and rule on bad input', async () => {
    await request(t.url).get('/api/v1/cohorts').expect(401);
    await request(t.url)
      .post('/api/v1/auth/login')
      .send({ username: ADMIN.username, password: 'wrong' })
      .expect(401);
    const res = await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({ code: 'Bad Code', title: 'x', activityId: 'not an iri', completion: { moveOn: 'Sometimes' } })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation.failed' });
    expect(res.body.message).toMatch(/code must be/);
    expect(res.body.message).toMatch(/activityId must be an absolute IRI/);
    expect(res.body.message).toMatch(/moveOn must be one of/);
    // Each field with the rule it breaks, nested fields by their path.
    expect(
      (res.body.errors as { field: string; rule: string }[]).map((e) => `${e.field} ${e.rule}`).sort(),
    ).toEqual(['activityId isUrl', 'code matches', 'completion.moveOn isIn']);
  });

  it('stores what people type in NFC, whatever form it arrives in: learner names and units (JSON, replacement), cohort and course titles', async () => {
    const nfd = (text: string) => text.normalize('NFD');
    const course = (
      await request(t.url)
        .post('/api/v1/courses')
        .set(as(admin))
        .send({
          code: 'ky-nang-so-nfd',
          title: nfd('Kỹ năng số cơ bản'),
          activityId: 'https://mooc.example.vn/courses/ky-nang-so-nfd',
          completion: { moveOn: 'Completed' },
        })
        .expect(201)
    ).body as { title: string };
    expect(course.title).toBe('Kỹ năng số cơ bản');
    const created = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as(admin))
        .send({
          code: `lop-${randomUUID().slice(0, 8)}`,
          title: nfd('Lớp Quảng Ninh, đợt một'),
          wave: nfd('Đợt 1'),
          courseCode: 'ky-nang-so-nfd',
          province: 'Quảng Ninh',
        })
        .expect(201)
    ).body as { id: string; title: string; wave: string };
    expect([created.title, created.wave]).toEqual(['Lớp Quảng Ninh, đợt một', 'Đợt 1']);
    const read = (await request(t.url).get(`/api/v1/cohorts/${created.id}`).set(as(admin)).expect(200))
      .body as { title: string };
    expect(read.title).toBe('Lớp Quảng Ninh, đợt một');
    await request(t.url)
      .post(`/api/v1/cohorts/${created.id}/enrollments`)
      .set(as(admin))
      .send({
        learners: [
          {
            fullName: nfd('Nguyễn Thị Hằng'),
            nationalId: '022190000001',
            unit: nfd('Công an phường Hồng Gai'),
          },
        ],
      })
      .expect(201);
    const [enrolled] = (
      await request(t.url).get(`/api/v1/cohorts/${created.id}/enrollments`).set(as(admin)).expect(200)
    ).body as { id: string; learner: { fullName: string }; unit: string }[];
    expect([enrolled.learner.fullName, enrolled.unit]).toEqual([
      'Nguyễn Thị Hằng',
      'Công an phường Hồng Gai',
    ]);
    await request(t.url)
      .post(`/api/v1/enrollments/${enrolled.id}/replacement`)
      .set(as(admin))
      .send({ learner: { fullName: nfd('Đặng Văn Thắng'), nationalId: '022190000002' } })
      .expect(201);
    const names = (
      (await request(t.url).get(`/api/v1/cohorts/${created.id}/enrollments`).set(as(admin)).expect(200))
        .body as { learner: { fullName: string } }[]
    ).map((e) => e.learner.fullName);
    expect(names.sort()).toEqual(['Nguyễn Thị Hằng', 'Đặng Văn Thắng'].sort());
  });
});
