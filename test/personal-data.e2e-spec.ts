import { randomBytes } from 'node:crypto';
import XAPI, { type Statement } from '@xapi/xapi';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { HocbaConfig } from '@hocba/config';
import { ERASED_NAME } from '@hocba/erasure';
import { PersonalDataKeys } from '@hocba/privacy';
import { LearnersService } from '@hocba/program';
import { LearnersRepository } from '../libs/program/src/learners.repository';
import { ProgressProjection } from '@hocba/progress';
import { FunnelTallyCompactor } from '@hocba/reports';
import { createCohort, createCourse, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Issue 8: CCCDs sealed at rest and found by keyed hash (through a key rotation), and the erasure of
 * one learner's personal data with every count kept.
 */
const HOME = 'https://lms.pd-test.vn';
const PUBLIC_URL = 'https://hocba.example.vn';
const COURSE = `${HOME}/course/an-toan-thong-tin`;
const ANH = {
  fullName: 'Nguyễn Thị Ngọc Ánh',
  nationalId: '024190004321',
  email: 'ngoc.anh@bacgiang.gov.vn',
  phone: '0912345678',
  account: { homePage: HOME, name: 'ngoc-anh-2026' },
};
const HUNG = {
  fullName: 'Đặng Quốc Hưng',
  nationalId: '024088001122',
  account: { homePage: HOME, name: 'quoc-hung-2026' },
};

const statement = (account: string, verb: string, day: string): Statement => ({
  actor: {
    objectType: 'Agent',
    name: account === ANH.account.name ? ANH.fullName : HUNG.fullName,
    account: { homePage: HOME, name: account },
  },
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
  object: {
    objectType: 'Activity',
    id: COURSE,
    definition: { type: 'http://adlnet.gov/expapi/activities/course' },
  },
  ...(verb === 'completed' ? { result: { completion: true } } : {}),
  timestamp: `${day}T03:00:00Z`,
});

describe('personal data', () => {
  let t: TestApp;
  let admin: string;
  let cohortId: string;
  let db: DataSource;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  /** The funnel's figures (rows and totals; not the time it was read). */
  const funnel = async () => {
    const { rows, totals } = (
      await request(t.url)
        .get('/api/v1/reports/funnel')
        .query({ groupBy: 'cohort', era: 'current' })
        .set(as(admin))
        .expect(200)
    ).body;
    return { rows, totals };
  };
  const enrollments = async () =>
    (await request(t.url).get(`/api/v1/cohorts/${cohortId}/enrollments`).set(as(admin)).expect(200)).body as {
      id: string;
      learner: {
        id: string;
        fullName: string;
        nationalId: string | null;
        email: string | null;
        phone: string | null;
      };
    }[];
  const certificates = async () =>
    (await request(t.url).get('/api/v1/certificates').query({ cohortId }).set(as(admin)).expect(200))
      .body as {
      code: string;
      state: string;
      fullName: string;
    }[];

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ worker: true, env: { HOCBA_PUBLIC_URL: PUBLIC_URL } }));
    db = t.app.get(DataSource);
    await createCourse(t.url, admin, { code: 'attt', activityId: COURSE, certificates: { auto: true } });
    cohortId = await createCohort(t.url, admin, {
      code: 'bg-attt-1',
      courseCode: 'attt',
      province: 'Bắc Giang',
    });
    await request(t.url)
      .post(`/api/v1/cohorts/${cohortId}/enrollments`)
      .set(as(admin))
      .send({ learners: [ANH, HUNG] })
      .expect(201);
  }, 60_000);
  afterAll(() => t?.close());

  it('keeps CCCDs sealed in the database, shows them to staff, finds a learner by one', async () => {
    const rows: { row: string }[] = await db.query(`SELECT l::text AS row FROM learner l`);
    expect(rows).toHaveLength(2);
    for (const { row } of rows) {
      expect(row).not.toContain(ANH.nationalId);
      expect(row).not.toContain(HUNG.nationalId);
    }
    const listed = await enrollments();
    expect(listed.map((e) => e.learner.nationalId).sort()).toEqual([HUNG.nationalId, ANH.nationalId].sort());
    const found = (
      await request(t.url)
        .get('/api/v1/learners')
        .query({ nationalId: ANH.nationalId })
        .set(as(admin))
        .expect(200)
    ).body;
    expect(found).toEqual([
      expect.objectContaining({ fullName: ANH.fullName, enrollments: 1, erasedAt: null }),
    ]);
    await request(t.url)
      .get('/api/v1/learners')
      .query({ nationalId: "0' OR '1'='1" })
      .set(as(admin))
      .expect(400);

    // The same CCCD in another list is the same person (matched by hash), not a second learner.
    const other = await createCohort(t.url, admin, {
      code: 'bg-attt-2',
      courseCode: 'attt',
      province: 'Bắc Giang',
    });
    const again = await request(t.url)
      .post(`/api/v1/cohorts/${other}/enrollments`)
      .set(as(admin))
      .send({ learners: [{ fullName: 'Hưng', nationalId: HUNG.nationalId }] });
    expect(JSON.stringify(again.body)).toMatch(/already enrolled in cohort bg-attt-1/);
    expect(again.body).toMatchObject({ created: 0 });
    expect((await db.query(`SELECT count(*)::int AS n FROM learner`))[0].n).toBe(2);
  });

  it('rotates the key: every CCCD re-sealed under the new one, still found and opened', async () => {
    const before: { national_id_hash: string }[] = await db.query(
      `SELECT national_id_hash FROM learner WHERE national_id_hash IS NOT NULL`,
    );
    const oldId = before[0].national_id_hash.split('.')[0];
    const newKeys = `k2026:${randomBytes(32).toString('base64')}`;
    const rotated = new PersonalDataKeys(db, { HOCBA_PII_KEYS: newKeys } as HocbaConfig);
    const learners = new LearnersService(new LearnersRepository(db), rotated);
    expect(await learners.rekey()).toEqual({ learners: 2 });
    expect(await learners.rekey()).toEqual({ learners: 0 });
    const ring = await rotated.keyring();
    const rows: { national_id_hash: string; national_id_sealed: string }[] = await db.query(
      `SELECT national_id_hash, national_id_sealed FROM learner ORDER BY national_id_hash`,
    );
    expect(rows.every((r) => r.national_id_hash.startsWith('k2026.'))).toBe(true);
    expect(rows.map((r) => ring.open(r.national_id_sealed)).sort()).toEqual(
      [ANH.nationalId, HUNG.nationalId].sort(),
    );
    expect(rows.map((r) => r.national_id_hash)).toContain(ring.hash(ANH.nationalId));
    // The old key alone no longer opens them; put back for the rest of this file (its app holds the old ring).
    const oldOnly = await new PersonalDataKeys(db, {} as HocbaConfig).keyring();
    expect(oldOnly.currentId).toBe(oldId);
    expect(() => oldOnly.open(rows[0].national_id_sealed)).toThrow('not in the keyring');
    await db.query(
      `UPDATE learner SET national_id_hash = v.h, national_id_sealed = v.s FROM unnest($1::text[], $2::text[], $3::text[]) AS v(old, h, s) WHERE national_id_hash = v.old`,
      [
        [ANH, HUNG].map((l) => ring.hash(l.nationalId)),
        [ANH, HUNG].map((l) => oldOnly.hash(l.nationalId)),
        [ANH, HUNG].map((l) => oldOnly.seal(l.nationalId)),
      ],
    );
  });

  it('erases a learner: name, CCCD, contacts, account, certificates and audit reasons gone; every count kept', async () => {
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    await xapi.sendStatements({
      statements: [
        statement(ANH.account.name, 'launched', '2026-03-02'),
        statement(ANH.account.name, 'completed', '2026-03-09'),
        statement(HUNG.account.name, 'completed', '2026-03-10'),
      ],
    });
    for (let i = 0; i < 150 && (await certificates()).filter((c) => c.state === 'issued').length < 2; i++)
      await new Promise((r) => setTimeout(r, 200));
    const anhCertificate = (await certificates()).find((c) => c.fullName === ANH.fullName)!;
    expect(anhCertificate.state).toBe('issued');
    // A reason that names her, in the audit log.
    const reissued = await request(t.url)
      .post(`/api/v1/certificates/${anhCertificate.code}/reissue`)
      .set(as(admin))
      .send({ reason: `Sai tên: ${ANH.fullName}` })
      .expect(201);
    for (let i = 0; i < 150 && (await certificates()).filter((c) => c.state === 'issued').length < 2; i++)
      await new Promise((r) => setTimeout(r, 200));
    await request(t.url)
      .put('/xapi/activities/state')
      .query({ activityId: COURSE, agent: JSON.stringify({ account: ANH.account }), stateId: 'bookmark' })
      .set({ authorization: BASIC, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' })
      .send({ lesson: 4, note: ANH.fullName })
      .expect(204);
    const before = await funnel();
    const anh = (await enrollments()).find((e) => e.learner.fullName === ANH.fullName)!;

    const erased = await request(t.url)
      .post(`/api/v1/learners/${anh.learner.id}/erasure`)
      .set(as(admin))
      .send({ reason: 'Yêu cầu của người học, đơn ngày 20/11/2026' })
      .expect(200);
    expect(erased.body).toMatchObject({
      learnerId: anh.learner.id,
      enrollments: 1,
      certificates: 2,
      statements: 2,
      documents: 1,
    });
    await request(t.url)
      .post(`/api/v1/learners/${anh.learner.id}/erasure`)
      .set(as(admin))
      .send({ reason: 'again' })
      .expect(409);

    // Counts: the same, and the same again after every projection is rebuilt from the statements.
    expect(await funnel()).toEqual(before);
    await t.app.get(ProgressProjection).rebuildAll(db);
    await new FunnelTallyCompactor(db).rebuild();
    expect(await funnel()).toEqual(before);

    // What staff see now.
    const seat = (await enrollments()).find((e) => e.id === anh.id)!;
    expect(seat.learner).toMatchObject({ fullName: ERASED_NAME, nationalId: null, email: null, phone: null });
    expect(
      (
        await request(t.url)
          .get('/api/v1/learners')
          .query({ nationalId: ANH.nationalId })
          .set(as(admin))
          .expect(200)
      ).body,
    ).toEqual([]);
    for (const code of [anhCertificate.code, reissued.body.code as string]) {
      await request(t.url).get(`/api/v1/verify/${code}`).expect(410);
      const pdf = await request(t.url).get(`/api/v1/certificates/${code}/pdf`).set(as(admin));
      expect(pdf.status).toBe(410);
    }
    // Her statements answer to the pseudonym only.
    const byOld = await xapi.getStatements({ agent: { objectType: 'Agent', account: ANH.account } });
    expect(byOld.data.statements).toHaveLength(0);
    const byPseudonym = await xapi.getStatements({
      agent: { objectType: 'Agent', account: { homePage: `${PUBLIC_URL}/erased`, name: anh.learner.id } },
    });
    expect(byPseudonym.data.statements.map((s) => s.verb.id).sort()).toEqual([
      'http://adlnet.gov/expapi/verbs/completed',
      'http://adlnet.gov/expapi/verbs/launched',
    ]);
    expect(JSON.stringify(byPseudonym.data.statements)).not.toContain(ANH.fullName);

    // Nothing that named her is left in any table that could hold it.
    const traces = [
      ANH.fullName,
      ANH.fullName.normalize('NFD'),
      ANH.nationalId,
      ANH.email,
      ANH.phone,
      ANH.account.name,
    ];
    for (const table of [
      'learner',
      'enrollment',
      'certificate',
      'statement',
      'statement_agent',
      'audit_log',
      'learner_link',
      'unmatched_actor',
      'job',
      'lrs_document',
    ]) {
      const rows: { row: string }[] = await db.query(`SELECT x::text AS row FROM ${table} x`);
      for (const trace of traces) {
        expect({ table, trace, found: rows.filter((r) => r.row.includes(trace)).length }).toEqual({
          table,
          trace,
          found: 0,
        });
      }
    }
    // Hưng is untouched.
    expect((await enrollments()).find((e) => e.learner.fullName === HUNG.fullName)!.learner.nationalId).toBe(
      HUNG.nationalId,
    );

    // The audit log keeps the entries, with the reason replaced, and the erasure itself.
    const audit = (await request(t.url).get('/api/v1/audit-log').set(as(admin)).expect(200)).body as {
      action: string;
      entity: string;
      detail: Record<string, unknown>;
    }[];
    expect(audit.find((e) => e.action === 'reissued')!.detail.reason).toBe('[đã xoá]');
    expect(audit.find((e) => e.action === 'erased')).toMatchObject({
      entity: 'learner',
      detail: { certificates: 2 },
    });
    // Outside an erasure the log is still append-only.
    await expect(db.query(`UPDATE audit_log SET detail = '{}'`)).rejects.toThrow(/append-only/);
  });
});
