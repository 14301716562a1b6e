import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { vietnamDay } from '@hocba/units';
import { createCohort, createCourse, finishedJob, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';
import { statementFactory } from './support/statements';

/**
 * Issue 18, finding 1: a learner is one person across provinces, and their statements are matched by
 * account and e-mail. Their identity (name, CCCD, e-mail, phone, account) changes only by a national
 * administrator or a coordinator whose provinces hold every active seat of theirs. Anyone else
 * links a person trained elsewhere only with their name as well as their CCCD or account, and then
 * enrolls them as they are (one notice, naming no field); a row is refused when its name or its
 * account contradicts the person's, and an e-mail names one learner only. Every change is audited
 * before and after, the CCCD masked.
 * Finding 11: a deduction's date is bounded.
 */
describe('learner identity across provinces', () => {
  let t: TestApp;
  let admin: string;
  let haNoi: string;
  let khanhHoa: string;
  const HOME = 'https://mooc.example.vn';
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  let serial = 0;
  /** A fresh 12-digit CCCD for each learner of this file. */
  const cccd = () => `0010990${String(10000 + ++serial).padStart(5, '0')}`;
  const code = (prefix: string) => `${prefix}-${randomUUID().slice(0, 6)}`;

  const coordinator = async (province: string) => {
    const username = `dp-${randomUUID().slice(0, 8)}`;
    const password = 'mat-khau-dieu-phoi-2026';
    await request(t.url)
      .post('/api/v1/users')
      .set(as(admin))
      .send({ username, password, role: 'coordinator', provinces: [province] })
      .expect(201);
    return (await request(t.url).post('/api/v1/auth/login').send({ username, password }).expect(200)).body
      .accessToken as string;
  };
  const cohort = (token: string, courseCode: string, province: string, prefix = 'lop') =>
    createCohort(t.url, token, { code: code(prefix), courseCode, province });
  const enroll = async (token: string, cohortId: string, learners: object[]) =>
    (
      await request(t.url)
        .post(`/api/v1/cohorts/${cohortId}/enrollments`)
        .set(as(token))
        .send({ learners })
        .expect(201)
    ).body;
  /** The learner as a national administrator sees them, found by CCCD. */
  const learnerByCccd = async (nationalId: string) => {
    const found = (
      await request(t.url).get('/api/v1/learners').query({ nationalId }).set(as(admin)).expect(200)
    ).body as { id: string; fullName: string }[];
    expect(found).toHaveLength(1);
    return found[0];
  };
  /** The learner's full record as listed in one of their cohorts (national administrator). */
  const learnerIn = async (cohortId: string, learnerId: string) => {
    const seats = (
      await request(t.url).get(`/api/v1/cohorts/${cohortId}/enrollments`).set(as(admin)).expect(200)
    ).body as { id: string; status: string; learner: Record<string, unknown> & { id: string } }[];
    return seats.find((s) => s.learner.id === learnerId)?.learner;
  };
  const identityAudit = async (learnerId: string) =>
    (
      await request(t.url)
        .get('/api/v1/audit-log')
        .query({ entity: 'learner', entityId: learnerId, action: 'identity-changed' })
        .set(as(admin))
        .expect(200)
    ).body as { user: string; detail: Record<string, unknown> }[];

  /** Each test's Hà Nội learner, enrolled by the Hà Nội coordinator. */
  const haNoiLearner = async (withAccount: boolean) => {
    const nationalId = cccd();
    const hnCohort = await cohort(haNoi, 'ky-nang-a', 'Hà Nội', 'hn-sec');
    const original = {
      fullName: 'Nguyễn Thị Hà',
      nationalId,
      email: `ha${serial}@hanoi.gov.vn`,
      phone: '0912000111',
      ...(withAccount ? { account: { homePage: HOME, name: `ha.${serial}` } } : {}),
    };
    expect((await enroll(haNoi, hnCohort, [original])).created).toBe(1);
    const { id } = await learnerByCccd(nationalId);
    return { nationalId, hnCohort, original, id };
  };

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ worker: true }));
    for (const c of ['ky-nang-a', 'ky-nang-b'])
      await createCourse(t.url, admin, { code: c, activityId: `${HOME}/courses/${c}` });
    haNoi = await coordinator('Hà Nội');
    khanhHoa = await coordinator('Khánh Hòa');
  });
  afterAll(async () => t?.close());

  it("refuses a Khánh Hòa row that names a Hà Nội learner's CCCD under another name and account, and leaves that learner as they were (the issue's reproduction)", async () => {
    const victim = await haNoiLearner(true);
    const khCohort = await cohort(khanhHoa, 'ky-nang-b', 'Khánh Hòa');
    const res = await enroll(khanhHoa, khCohort, [
      {
        fullName: 'Other',
        nationalId: victim.nationalId,
        email: 'a@evil.test',
        account: { homePage: HOME, name: 'evil' },
      },
    ]);
    expect(res).toMatchObject({ created: 0, updated: 0, unchanged: 0, changes: [] });
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({ row: 1, field: 'fullName' });
    expect(res.errors[0].message).toMatch(/họ tên khác/);
    expect((await learnerByCccd(victim.nationalId)).fullName).toBe('Nguyễn Thị Hà');
    expect(await learnerIn(victim.hnCohort, victim.id)).toMatchObject({
      fullName: victim.original.fullName,
      email: victim.original.email,
      account: victim.original.account,
    });
    expect(await identityAudit(victim.id)).toEqual([]);
  });

  it("enrolls another province's learner, known by CCCD and name, without touching their identity, with one notice naming no field", async () => {
    const victim = await haNoiLearner(false);
    const khCohort = await cohort(khanhHoa, 'ky-nang-b', 'Khánh Hòa');
    const row = {
      fullName: 'NGUYỄN THỊ HÀ', // the same name as another hand writes it
      nationalId: victim.nationalId,
      email: `guess${serial}@hanoi.gov.vn`,
      phone: '0987654321',
      account: { homePage: HOME, name: `moi-${serial}` },
    };
    const res = await enroll(khanhHoa, khCohort, [row]);
    expect(res).toMatchObject({ created: 1, updated: 0, unchanged: 0, errors: [] });
    expect((await learnerByCccd(victim.nationalId)).fullName).toBe('Nguyễn Thị Hà');
    const stored = await learnerIn(victim.hnCohort, victim.id);
    expect(stored).toMatchObject({
      email: victim.original.email,
      phone: victim.original.phone,
      account: null,
    });
    // One notice whichever fields differ: it must not confirm, field by field, a guessed e-mail or phone.
    expect(res.notices).toEqual([
      { row: 1, field: 'nationalId', message: expect.stringMatching(/không thay đổi.*tỉnh khác/) },
    ]);
    const rightEmail = await enroll(khanhHoa, khCohort, [{ ...row, email: victim.original.email }]);
    expect(rightEmail.notices).toEqual(res.notices);
    // The seat is the Hà Nội learner's; sending the row again changes nothing and says so.
    expect(await learnerIn(khCohort, victim.id)).toMatchObject({ fullName: 'Nguyễn Thị Hà' });
    const again = await enroll(khanhHoa, khCohort, [row]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, changes: [] });
    expect(again.notices).toHaveLength(1);
    expect(await identityAudit(victim.id)).toEqual([]);
  });

  it('refuses a row naming the learner by account alone ({fullName, account}) under another name; with their name it enrolls them as they are', async () => {
    const victim = await haNoiLearner(true);
    const khCohort = await cohort(khanhHoa, 'ky-nang-b', 'Khánh Hòa');
    const guessed = await enroll(khanhHoa, khCohort, [
      { fullName: 'Other', account: victim.original.account },
    ]);
    expect(guessed).toMatchObject({ created: 0, errors: [{ row: 1, field: 'fullName' }] });
    expect(await learnerIn(victim.hnCohort, victim.id)).toMatchObject({ fullName: 'Nguyễn Thị Hà' });
    const known = await enroll(khanhHoa, khCohort, [
      { fullName: 'Nguyễn Thị Hà', account: victim.original.account },
    ]);
    expect(known).toMatchObject({ created: 1, errors: [], notices: [] });
    expect(await identityAudit(victim.id)).toEqual([]);
  });

  it("refuses an e-mail another learner has: a platform's mbox statements would count for both", async () => {
    const victim = await haNoiLearner(false);
    const khCohort = await cohort(khanhHoa, 'ky-nang-b', 'Khánh Hòa');
    const res = await enroll(khanhHoa, khCohort, [
      { fullName: 'Kẻ Mạo Danh', nationalId: cccd(), email: victim.original.email },
    ]);
    expect(res).toMatchObject({ created: 0, errors: [{ row: 1, field: 'email' }] });
    // Nor may a coordinator give one of their own learners that address.
    const own = cccd();
    await enroll(khanhHoa, khCohort, [{ fullName: 'Lê Thị Riêng', nationalId: own }]);
    const moved = await enroll(khanhHoa, khCohort, [
      { fullName: 'Lê Thị Riêng', nationalId: own, email: victim.original.email },
    ]);
    expect(moved).toMatchObject({ updated: 0, errors: [{ row: 1, field: 'email' }] });
  });

  it('does not tell a coordinator which cohort of another province holds a learner; a national administrator is told', async () => {
    const victim = await haNoiLearner(false);
    const hnCode = (await request(t.url).get(`/api/v1/cohorts/${victim.hnCohort}`).set(as(admin)).expect(200))
      .body.code as string;
    const sameCourse = await cohort(khanhHoa, 'ky-nang-a', 'Khánh Hòa');
    const row = { fullName: 'Nguyễn Thị Hà', nationalId: victim.nationalId };
    const byCoordinator = await enroll(khanhHoa, sameCourse, [row]);
    expect(byCoordinator.created).toBe(0);
    expect(byCoordinator.errors).toHaveLength(1);
    expect(byCoordinator.errors[0]).toMatchObject({ row: 1, field: 'nationalId' });
    expect(byCoordinator.errors[0].message).not.toContain(hnCode);
    expect(byCoordinator.errors[0].message).toMatch(/another province/);
    const byAdmin = await enroll(admin, sameCourse, [row]);
    expect(byAdmin.errors[0].message).toContain(`cohort ${hnCode}`);
  });

  it('a national administrator corrects identity anywhere: counted as updated, audited before and after with the CCCD masked, scrubbed by erasure', async () => {
    // A learner known by account only, in Hà Nội; the administrator adds their CCCD and fixes the name.
    const hnCohort = await cohort(haNoi, 'ky-nang-a', 'Hà Nội');
    const account = { homePage: HOME, name: `hv-${serial}` };
    await enroll(haNoi, hnCohort, [{ fullName: 'Tran Van Binh', account, email: 'binh@old.vn' }]);
    const nationalId = cccd();
    const res = await enroll(admin, hnCohort, [
      { fullName: 'Trần Văn Bình', account, nationalId, email: 'binh@new.vn' },
    ]);
    expect(res).toMatchObject({ created: 0, updated: 1, unchanged: 0, errors: [], notices: [] });
    expect(res.changes).toEqual([{ row: 1, action: 'updated', enrollmentId: null }]);
    const learner = await learnerByCccd(nationalId);
    expect(learner.fullName).toBe('Trần Văn Bình');
    const audit = await identityAudit(learner.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].user).toBe('c06-admin');
    expect(audit[0].detail).toEqual({
      cohortId: hnCohort,
      fields: ['fullName', 'nationalId', 'email'],
      before: { fullName: 'Tran Van Binh', nationalId: null, email: 'binh@old.vn' },
      after: {
        fullName: 'Trần Văn Bình',
        nationalId: `*********${nationalId.slice(-3)}`,
        email: 'binh@new.vn',
      },
    });
    expect(JSON.stringify(audit)).not.toContain(nationalId);

    await request(t.url)
      .post(`/api/v1/learners/${learner.id}/erasure`)
      .set(as(admin))
      .send({ reason: 'Yêu cầu xoá dữ liệu' })
      .expect(200);
    const scrubbed = await identityAudit(learner.id);
    expect(scrubbed[0].detail).toEqual({
      cohortId: hnCohort,
      fields: ['fullName', 'nationalId', 'email'],
      erased: true,
    });
  });

  it('a coordinator whose provinces hold every active seat corrects identity; a deducted seat elsewhere does not count', async () => {
    const victim = await haNoiLearner(false);
    const khCohort = await cohort(khanhHoa, 'ky-nang-b', 'Khánh Hòa');
    // The learner moves to Khánh Hòa: enrolled there (identity untouched while Hà Nội holds a seat).
    const moved = {
      fullName: 'NGUYỄN THỊ HÀ',
      nationalId: victim.nationalId,
      email: `ha${serial}@khanhhoa.gov.vn`,
    };
    const enrolled = await enroll(khanhHoa, khCohort, [moved]);
    expect((await learnerByCccd(victim.nationalId)).fullName).toBe('Nguyễn Thị Hà');
    expect(enrolled.notices).toHaveLength(1);
    // Nor may Hà Nội correct it while Khánh Hòa holds an active seat of theirs.
    const byHaNoi = await enroll(haNoi, victim.hnCohort, [{ ...victim.original, phone: '0912999888' }]);
    expect(byHaNoi).toMatchObject({ updated: 0, unchanged: 1 });
    expect(byHaNoi.notices).toEqual([{ row: 1, field: 'nationalId', message: expect.any(String) }]);

    // Hà Nội deducts its seat: every active seat is now Khánh Hòa's, whose coordinator corrects.
    const hnSeat = (
      (await request(t.url).get(`/api/v1/cohorts/${victim.hnCohort}/enrollments`).set(as(haNoi)).expect(200))
        .body as { id: string }[]
    )[0];
    await request(t.url)
      .post(`/api/v1/enrollments/${hnSeat.id}/deduction`)
      .set(as(haNoi))
      .send({ reason: 'Chuyển công tác về Khánh Hòa', effectiveOn: vietnamDay(new Date()) })
      .expect(204);
    const fixed = await enroll(khanhHoa, khCohort, [moved]);
    expect(fixed).toMatchObject({ created: 0, updated: 1, unchanged: 0, notices: [] });
    expect((await learnerByCccd(victim.nationalId)).fullName).toBe('NGUYỄN THỊ HÀ');
    const audit = await identityAudit(victim.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({
      before: { fullName: 'Nguyễn Thị Hà', email: victim.original.email },
      after: { fullName: moved.fullName, email: moved.email },
    });
  });

  it('gives every seat of a learner the statements of a corrected account at once', async () => {
    const hnCohort = await cohort(haNoi, 'ky-nang-a', 'Hà Nội');
    const nationalId = cccd();
    const old = { homePage: HOME, name: `cu-${serial}` };
    const fixed = { homePage: HOME, name: `moi-${serial}` };
    await enroll(haNoi, hnCohort, [{ fullName: 'Phan Văn Sửa', nationalId, account: old }]);
    // The platform knows the learner by the right account; their completion arrives under it.
    await request(t.url)
      .post('/xapi/statements')
      .set({ authorization: BASIC, 'x-experience-api-version': '1.0.3' })
      .send(
        statementFactory({
          actor: { objectType: 'Agent', name: 'Phan Văn Sửa', account: fixed },
          object: { objectType: 'Activity', id: `${HOME}/courses/ky-nang-a` },
        }),
      )
      .expect(200);
    const [seat] = (
      await request(t.url).get(`/api/v1/cohorts/${hnCohort}/enrollments`).set(as(haNoi)).expect(200)
    ).body as { id: string }[];
    const completed = async () =>
      (await request(t.url).get(`/api/v1/enrollments/${seat.id}/progress`).set(as(haNoi)).expect(200)).body
        .milestones.completed ?? null;
    expect(await completed()).toBeNull();
    const res = await enroll(haNoi, hnCohort, [{ fullName: 'Phan Văn Sửa', nationalId, account: fixed }]);
    expect(res).toMatchObject({ updated: 1, errors: [] });
    expect(await completed()).toMatchObject({ at: expect.any(String) });
  });

  it('counts truthfully: a correction of identity alone is "updated", a row that changes nothing "unchanged"', async () => {
    const own = await haNoiLearner(false);
    const corrected = { ...own.original, fullName: 'Nguyễn Thị Thu Hà' };
    expect(await enroll(haNoi, own.hnCohort, [corrected])).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 0,
      changes: [{ row: 1, action: 'updated' }],
    });
    expect(await enroll(haNoi, own.hnCohort, [corrected])).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 1,
      changes: [],
    });
    expect((await learnerByCccd(own.nationalId)).fullName).toBe('Nguyễn Thị Thu Hà');
  });

  it('an enrollment file does the same, and its dry run reports exactly what the real run does', async () => {
    const withAccount = await haNoiLearner(true);
    const withoutAccount = await haNoiLearner(false);
    const khCohort = await cohort(khanhHoa, 'ky-nang-b', 'Khánh Hòa');
    const own = cccd();
    await enroll(khanhHoa, khCohort, [{ fullName: 'Lê Văn Cũ', nationalId: own }]);
    const fresh = cccd();
    const csv = [
      'Họ và tên,Số CCCD,Email,Tài khoản',
      `Nguyễn Thị Hà,${withAccount.nationalId},a${serial}@evil.test,evil-file`,
      `Nguyễn Thị Hà,${withoutAccount.nationalId},b${serial}@evil.test,`,
      `Lê Văn Mới,${own},,`,
      `Phạm Thị Mới,${fresh},moi@khanhhoa.gov.vn,`,
    ].join('\n');
    const run = async (dryRun: boolean) => {
      const { jobId } = (
        await request(t.url)
          .post(`/api/v1/cohorts/${khCohort}/enrollments/import`)
          .set(as(khanhHoa))
          .field('dryRun', String(dryRun))
          .field('accountHomePage', HOME)
          .attach('file', Buffer.from(csv), 'danh-sach.csv')
          .expect(202)
      ).body;
      const job = await finishedJob(t.url, khanhHoa, jobId);
      expect(job.state).toBe('completed');
      return { ...job.result, jobId };
    };
    const dry = await run(true);
    expect((await learnerByCccd(own)).fullName).toBe('Lê Văn Cũ');
    const real = await run(false);
    const outcome = (r: Record<string, unknown>) => ({
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      errors: r.errors,
      notices: r.notices,
      changes: (r.changes as { row: number; action: string }[]).map((c) => ({
        row: c.row,
        action: c.action,
      })),
    });
    expect(outcome(dry)).toEqual(outcome(real));
    expect(real).toMatchObject({ created: 2, updated: 1, unchanged: 0 });
    expect(real.errors).toEqual([{ row: 2, field: 'account', message: expect.stringMatching(/tài khoản/) }]);
    expect(real.notices.map((n: { row: number; field: string }) => [n.row, n.field])).toEqual([
      [3, 'nationalId'],
    ]);
    expect((await learnerByCccd(withAccount.nationalId)).fullName).toBe('Nguyễn Thị Hà');
    expect((await learnerByCccd(withoutAccount.nationalId)).fullName).toBe('Nguyễn Thị Hà');
    expect(await learnerIn(withoutAccount.hnCohort, withoutAccount.id)).toMatchObject({
      email: withoutAccount.original.email,
    });
    expect((await learnerByCccd(own)).fullName).toBe('Lê Văn Mới');
    // The file to look at lists the refused row and the notices, each under the file's own column.
    const file = await request(t.url)
      .get(`/api/v1/jobs/${real.jobId}/errors`)
      .query({ format: 'csv' })
      .set(as(khanhHoa))
      .expect(200);
    const lines = file.text.split(/\r?\n/).filter((l) => /^\d+[,;]/.test(l));
    expect(lines.map((l) => l.split(/[,;]/).slice(0, 3))).toEqual([
      ['2', 'Tài khoản', 'account'],
      ['3', 'Số CCCD', 'nationalId'],
    ]);
  });

  it("a replacement by another province's learner takes the seat without touching their identity", async () => {
    const victim = await haNoiLearner(false);
    const khCohort = await cohort(khanhHoa, 'ky-nang-b', 'Khánh Hòa');
    await enroll(khanhHoa, khCohort, [{ fullName: 'Đỗ Văn Đi', nationalId: cccd() }]);
    const [seat] = (
      await request(t.url).get(`/api/v1/cohorts/${khCohort}/enrollments`).set(as(khanhHoa)).expect(200)
    ).body as { id: string }[];
    const res = (
      await request(t.url)
        .post(`/api/v1/enrollments/${seat.id}/replacement`)
        .set(as(khanhHoa))
        .send({
          learner: {
            fullName: 'Nguyễn Thị Hà',
            nationalId: victim.nationalId,
            email: `c${serial}@evil.test`,
          },
        })
        .expect(201)
    ).body;
    expect((await learnerByCccd(victim.nationalId)).fullName).toBe('Nguyễn Thị Hà');
    expect(res.notices.map((n: { field: string }) => n.field)).toEqual(['learner.nationalId']);
    expect(await learnerIn(khCohort, victim.id)).toMatchObject({ email: victim.original.email });
    expect(await identityAudit(victim.id)).toEqual([]);
  });

  it('bounds the date a deduction takes effect: from 2020-01-01 to 92 days after today in Vietnam', async () => {
    const c = await cohort(admin, 'ky-nang-a', 'Hà Nội');
    await enroll(admin, c, [{ fullName: 'Vũ Văn Giảm', nationalId: cccd() }]);
    const [seat] = (await request(t.url).get(`/api/v1/cohorts/${c}/enrollments`).set(as(admin)).expect(200))
      .body as { id: string }[];
    const day = (offset: number) => {
      const d = new Date(`${vietnamDay(new Date())}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + offset);
      return d.toISOString().slice(0, 10);
    };
    for (const effectiveOn of ['9999-12-31', '2019-12-31', day(93)]) {
      const res = await request(t.url)
        .post(`/api/v1/enrollments/${seat.id}/deduction`)
        .set(as(admin))
        .send({ reason: 'Nghỉ hưu', effectiveOn })
        .expect(400);
      expect([effectiveOn, res.body.message]).toEqual([
        effectiveOn,
        expect.stringMatching(new RegExp(`effectiveOn must be between 2020-01-01 and ${day(92)}`)),
      ]);
    }
    const listed = (await request(t.url).get(`/api/v1/cohorts/${c}/enrollments`).set(as(admin))).body as {
      status: string;
    }[];
    expect(listed[0].status).toBe('active');
    await request(t.url)
      .post(`/api/v1/enrollments/${seat.id}/deduction`)
      .set(as(admin))
      .send({ reason: 'Nghỉ hưu', effectiveOn: day(92) })
      .expect(204);
  });
});
