import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XAPI from '@xapi/xapi';
import ExcelJS from 'exceljs';
import { JobQueues } from '@hocba/jobs';
import { DEFAULT_JOB_OPTIONS, QueueName } from '@hocba/queue';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { readTable, toCsv } from '@hocba/spreadsheets';
import { UnitsService } from '@hocba/units';
import seeds from './fixtures/seed-cohorts.json';
import { binary, finishedJob, startAdminApp } from './support/admin';
import { BASIC, type TestApp } from './support/test-app';
import { rateCells } from './support/xlsx';

/**
 * The training-volume table of the weekly reports ("Tuần 39/2022"): the provinces of
 * test/fixtures/seed-cohorts.json as units, with invented volumes, entered the way provinces spell
 * them in their letters, plus learners Hocba saw start on the platform; ranking and totals exact.
 */
const HOME = 'https://mooc.volume.vn';
const PERIOD = { from: '2022-09-01', to: '2022-09-30' };

describe('training volume', () => {
  let t: TestApp;
  let admin: string;
  const as = () => ({ authorization: `Bearer ${admin}` });
  const record = (
    unit: string,
    kind: 'self-organised' | 'platform',
    participants: number,
    date = '2022-09-15',
  ) =>
    request(t.url)
      .post('/api/v1/training-records')
      .set(as())
      .send({
        unit,
        kind,
        participants,
        date,
        ...(kind === 'platform' ? { platform: 'OneTouch' } : {}),
        title: 'Tập huấn Đề án 06',
      });

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ worker: true }));
    const provinces = [...new Set((seeds.cohorts as { province: string }[]).map((c) => c.province))];
    expect(provinces).toEqual(['Bắc Giang', 'Hải Dương', 'Lạng Sơn', 'Bắc Kạn', 'Khánh Hòa']);
    for (const [unit, kind, n, date] of [
      ['Bắc Giang', 'self-organised', 700],
      ['Bac Giang', 'self-organised', 500], // no diacritics at all
      ['Bắc Giang', 'platform', 300],
      ['Bắc Giang', 'self-organised', 999, '2022-08-31'], // before the period
      ['Hải Dương', 'self-organised', 900],
      ['Tỉnh Lạng Sơn', 'platform', 1500],
      ['Bắc Kạn', 'self-organised', 200],
      ['Khánh Hoà', 'self-organised', 1289], // the other tone-mark placement
      ['Hung Yên', 'self-organised', 1500], // as a real report spells it
      ['Đông Nai', 'platform', 800],
      ['TP. Hồ Chí Minh', 'self-organised', 2000],
      ['Thành phố Hồ Chí Minh', 'platform', 1000],
    ] as [string, 'self-organised' | 'platform', number, string?][])
      await record(unit, kind, n, date).expect(201);
    // Learners Hocba tracked: three enrolled in Bắc Giang, two of them start in September.
    await request(t.url)
      .post('/api/v1/courses')
      .set(as())
      .send({
        code: 'de-an-06',
        title: 'Đề án 06',
        activityId: `${HOME}/c/06`,
        completion: { moveOn: 'Completed' },
      })
      .expect(201);
    const cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as())
        .send({ code: 'bg-1', title: 'Bắc Giang 1', courseCode: 'de-an-06', province: 'Bắc Giang' })
        .expect(201)
    ).body.id;
    await request(t.url)
      .post(`/api/v1/cohorts/${cohort}/enrollments`)
      .set(as())
      .send({
        learners: [0, 1, 2].map((i) => ({
          fullName: `Học viên ${i}`,
          account: { homePage: HOME, name: `hv-${i}` },
        })),
      })
      .expect(201);
    await new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' }).sendStatements({
      statements: [0, 1].map((i) => ({
        actor: { objectType: 'Agent' as const, account: { homePage: HOME, name: `hv-${i}` } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/launched' },
        object: { objectType: 'Activity' as const, id: `${HOME}/c/06` },
        timestamp: '2022-09-10T02:00:00Z',
      })),
    });
  }, 60_000);
  afterAll(async () => t?.close());

  it('ranks the 63 provinces by total and adds up exactly, with provinces spelled as reports spell them', async () => {
    const report = (
      await request(t.url).get('/api/v1/reports/training-volume').query(PERIOD).set(as()).expect(200)
    ).body;
    const top = report.rows
      .filter((r: { total: number }) => r.total > 0)
      .map((r: { rank: number; label: string; selfOrganised: number; onPlatform: number; total: number }) => [
        r.rank,
        r.label,
        r.selfOrganised,
        r.onPlatform,
        r.total,
      ]);
    expect(top).toEqual([
      [1, 'Hồ Chí Minh', 2000, 1000, 3000],
      [2, 'Bắc Giang', 1200, 302, 1502],
      [3, 'Hưng Yên', 1500, 0, 1500],
      [3, 'Lạng Sơn', 0, 1500, 1500],
      [5, 'Khánh Hòa', 1289, 0, 1289],
      [6, 'Hải Dương', 900, 0, 900],
      [7, 'Đồng Nai', 0, 800, 800],
      [8, 'Bắc Kạn', 200, 0, 200],
    ]);
    expect(report.rows).toHaveLength(63);
    expect(
      report.rows
        .filter((r: { total: number; rank: number }) => r.total === 0)
        .every((r: { rank: number }) => r.rank === 9),
    ).toBe(true);
    expect(report.totals).toEqual({ selfOrganised: 7089, onPlatform: 3602, tracked: 2, total: 10691 });
    expect(report.coverage).toEqual({ units: 63, started: 8 });
  });

  it('rolls the legacy provinces into the 34 current ones with the same totals', async () => {
    const report = (
      await request(t.url)
        .get('/api/v1/reports/training-volume')
        .query({ ...PERIOD, era: 'current' })
        .set(as())
        .expect(200)
    ).body;
    expect(report.rows).toHaveLength(34);
    expect(report.totals.total).toBe(10691);
    // Without a period: the August record counts too.
    const all = (await request(t.url).get('/api/v1/reports/training-volume').set(as()).expect(200)).body;
    expect(all.totals.total).toBe(10691 + 999);
  });

  it('counts central agencies apart, and refuses a unit it cannot tell', async () => {
    const [agency] = await t.app.get(UnitsService).agencies();
    await record(agency.name, 'self-organised', 450).expect(201);
    const report = (
      await request(t.url)
        .get('/api/v1/reports/training-volume')
        .query({ ...PERIOD, groupBy: 'agency' })
        .set(as())
        .expect(200)
    ).body;
    expect(report.rows[0]).toMatchObject({ rank: 1, label: agency.name, selfOrganised: 450, total: 450 });
    expect(report.totals.total).toBe(450);
    const bad = await record('Tỉnh Không Có', 'self-organised', 1).expect(400);
    expect(bad.body.message).toMatch(/unit "Tỉnh Không Có"/);
    await request(t.url)
      .post('/api/v1/training-records')
      .set(as())
      .send({ unit: 'Bắc Giang', kind: 'self-organised', participants: -1, date: '2022-09-01' })
      .expect(400)
      .expect((r) => expect(JSON.stringify(r.body.message)).toMatch(/participants must be 0 or more/));
  });

  it('exports the table as reports lay it out, with the totals row', async () => {
    const xlsx = await request(t.url)
      .get('/api/v1/reports/training-volume')
      .query({ ...PERIOD, format: 'xlsx' })
      .set(as())
      .buffer(true)
      .parse(binary)
      .expect(200);
    const table = await readTable(xlsx.body as Buffer, 1000);
    // The definitions and the time of the data above the table, then the table.
    expect(table.header[0]).toMatch(/từ 01\/09\/2022 đến 30\/09\/2022.*Đã triển khai: 8\/63/);
    const lines = table.rows.map((r) => r.cells.slice(0, 5));
    const header = lines.findIndex((c) => c[0] === 'Hạng');
    expect(lines[header]).toEqual(['Hạng', 'Tỉnh/Thành phố', 'Tự tổ chức', 'Trên nền tảng', 'Tổng số']);
    expect(lines[header + 1]).toEqual(['1', 'Hồ Chí Minh', '2000', '1000', '3000']);
    expect(lines[lines.length - 1]).toEqual(['', 'Tổng cộng', '7089', '3602', '10691']);
    expect(lines.length - header - 2).toBe(63);
  });

  it('builds the weekly pack on a fixed clock ("Tuần 39/2022"): the workbook holds the API\'s figures, with a PDF summary', async () => {
    // The scheduled job as BullMQ runs it on Monday 3 October 2022, 06:00 in Hà Nội.
    await t.app
      .get(JobQueues)
      .get(QueueName.Reports)
      .add(
        'weekly-report-pack',
        {},
        { ...DEFAULT_JOB_OPTIONS, timestamp: Date.parse('2022-10-03T06:00:00+07:00') },
      );
    let packs: { week: string; label: string; xlsx: string; pdf: string }[] = [];
    for (let i = 0; i < 150 && packs.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      packs = (await request(t.url).get('/api/v1/report-packs').set(as()).expect(200)).body;
    }
    expect(packs.map((p) => [p.week, p.label])).toEqual([['2022-W39', 'Tuần 39/2022']]);

    const xlsx = (await request(t.url).get(packs[0].xlsx).set(as()).buffer(true).parse(binary).expect(200))
      .body as Buffer;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx);
    const rowsOf = (sheet: string) => {
      const out: string[][] = [];
      workbook
        .getWorksheet(sheet)!
        .eachRow((row) =>
          out.push(
            (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
          ),
        );
      return out;
    };
    const funnel = (
      await request(t.url)
        .get('/api/v1/reports/funnel')
        .query({ groupBy: 'province', era: 'legacy', asOf: '2022-10-02' })
        .set(as())
        .expect(200)
    ).body;
    const funnelSheet = rowsOf('Phễu học tập');
    for (const r of funnel.rows) {
      const line = funnelSheet.find((cells) => cells[1] === r.label)!;
      expect(line.slice(2, 10).map(Number)).toEqual([
        r.enrolled,
        r.learners,
        r.deducted,
        r.activated,
        r.started,
        r.completed,
        r.passed,
        r.certified,
      ]);
    }
    expect(funnel.rows.map((r: { label: string }) => r.label)).toEqual(['Bắc Giang']);
    // Rates are numbers with a percentage format, in the funnel sheet and in the lagging provinces.
    const rates = [
      ...(await rateCells(xlsx, 'Phễu học tập', 'Hạng', 1)),
      ...(await rateCells(xlsx, 'Tỉnh chậm triển khai', 'Tỉnh/Thành phố', 1)),
    ];
    expect(rates.length).toBeGreaterThan(10);
    for (const cell of rates) expect([cell.type, cell.numFmt]).toEqual([ExcelJS.ValueType.Number, '0.0%']);
    const volume = (
      await request(t.url)
        .get('/api/v1/reports/training-volume')
        .query({ era: 'legacy', to: '2022-10-02' })
        .set(as())
        .expect(200)
    ).body;
    const volumeSheet = rowsOf('Số lượng tập huấn');
    for (const r of volume.rows)
      expect(
        volumeSheet
          .find((cells) => cells[1] === r.label)!
          .slice(0, 5)
          .map((c, i) => (i === 1 ? c : Number(c))),
      ).toEqual([r.rank, r.label, r.selfOrganised, r.onPlatform, r.total]);
    expect(volumeSheet[volumeSheet.length - 1].slice(1, 5)).toEqual([
      'Tổng cộng',
      ...[volume.totals.selfOrganised, volume.totals.onPlatform, volume.totals.total].map(String),
    ]);
    // Lagging: the 62 provinces where nobody has started, and Bắc Giang's completion rate.
    expect(
      rowsOf('Tỉnh chậm triển khai').filter((cells) => cells[1] === 'Chưa có học viên bắt đầu học'),
    ).toHaveLength(62);

    const pdf = (await request(t.url).get(packs[0].pdf).set(as()).buffer(true).parse(binary).expect(200))
      .body as Buffer;
    const dir = mkdtempSync(join(tmpdir(), 'hocba-pack-'));
    try {
      writeFileSync(join(dir, 'pack.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'pack.pdf'), '-'], {
        encoding: 'utf8',
      });
      expect(text).toContain('Tuần 39/2022 (26/09/2022 - 02/10/2022)');
      expect(text).toContain(`Ghi danh: ${funnel.totals.enrolled} lượt`);
      expect(text).toContain(`Tổng số: ${volume.totals.total}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A national admin builds a past week on demand; a week not over yet is refused.
    await request(t.url).post('/api/v1/report-packs').set(as()).send({ week: '2999-W01' }).expect(400);
    const { jobId } = (
      await request(t.url).post('/api/v1/report-packs').set(as()).send({ week: '2022-W38' }).expect(202)
    ).body;
    expect(await finishedJob(t.url, admin, jobId)).toMatchObject({
      state: 'completed',
      result: { week: '2022-W38', label: 'Tuần 38/2022' },
    });
  });

  it('imports records from a spreadsheet as provinces send them, all or nothing, errors by row and field', async () => {
    const header = ['STT', 'Tỉnh/Thành phố', 'Hình thức', 'Nền tảng', 'Nội dung', 'Ngày', 'Số người'];
    const good = [
      [1, 'Hung Yên', 'Tự tổ chức', '', 'Lớp cấp xã', '20/10/2022', '1.200'],
      [2, 'TP. Hồ Chí Minh', 'Trên nền tảng', 'OneTouch', '', '2022-10-21', 345],
    ];
    const send = (rows: (string | number)[][], dryRun = false) =>
      request(t.url)
        .post('/api/v1/training-records/import')
        .set(as())
        .field('dryRun', String(dryRun))
        .attach('file', toCsv({ sheetName: 'x', header, rows }), 'tap-huan.csv');
    const bad = await send([
      ...good,
      [3, 'Tỉnh Không Có', 'Tự tổ chức', '', '', '22/10/2022', 10],
      [4, 'Bắc Kạn', 'Tự tổ chức', '', '', '22/10/2022', 'năm'],
    ]).expect(400);
    expect(bad.body.errors).toEqual([
      { row: 4, field: 'unit', message: expect.stringContaining('"Tỉnh Không Có"') },
      { row: 5, field: 'participants', message: 'participants must be a whole number' },
    ]);
    const october = { from: '2022-10-01', to: '2022-10-31' };
    const volume = async () =>
      (await request(t.url).get('/api/v1/reports/training-volume').query(october).set(as()).expect(200)).body;
    expect((await volume()).totals.total).toBe(0);
    expect((await send(good, true).expect(201)).body).toMatchObject({
      dryRun: true,
      rows: 2,
      created: 0,
      errors: [],
    });
    expect((await volume()).totals.total).toBe(0);
    expect((await send(good).expect(201)).body).toMatchObject({ dryRun: false, created: 2 });
    const after = await volume();
    expect(
      after.rows
        .slice(0, 2)
        .map((r: { rank: number; label: string; total: number }) => [r.rank, r.label, r.total]),
    ).toEqual([
      [1, 'Hưng Yên', 1200],
      [2, 'Hồ Chí Minh', 345],
    ]);
  });

  it("lets a central agency's own coordinator enter its records, and nobody else's", async () => {
    const [, agency] = await t.app.get(UnitsService).agencies();
    const login = async (username: string, provinces: string[]) => {
      const password = 'mat-khau-dieu-phoi-2026';
      await request(t.url)
        .post('/api/v1/users')
        .set(as())
        .send({ username, password, role: 'coordinator', provinces })
        .expect(201);
      return (await request(t.url).post('/api/v1/auth/login').send({ username, password }).expect(200)).body
        .accessToken as string;
    };
    const ministry = await login('dieu-phoi-bo', [agency.name]);
    const province = await login('dieu-phoi-bac-giang', ['Bắc Giang']);
    const post = (token: string, unit: string) =>
      request(t.url)
        .post('/api/v1/training-records')
        .set({ authorization: `Bearer ${token}` })
        .send({ unit, kind: 'self-organised', participants: 40, date: '2022-11-02' });
    await post(ministry, agency.name).expect(201);
    await post(ministry, 'Bắc Giang').expect(403);
    await post(province, agency.name).expect(403);
    await post(province, 'Bắc Giang').expect(201);
    const mine = (
      await request(t.url)
        .get('/api/v1/training-records')
        .set({ authorization: `Bearer ${ministry}` })
        .expect(200)
    ).body as { unit: string }[];
    expect(mine.map((r) => r.unit)).toEqual([agency.name]);
  });

  it('keeps every change in an append-only audit log that national admins read and export', async () => {
    const entries = (
      await request(t.url).get('/api/v1/audit-log').query({ entity: 'training-record' }).set(as()).expect(200)
    ).body as { user: string; action: string; entity: string; detail: { participants: number } }[];
    expect(
      entries.filter((e) => e.action === 'created' && e.user === 'c06-admin').length,
    ).toBeGreaterThanOrEqual(12);
    expect(
      entries
        .filter((e) => e.action === 'imported')
        .map((e) => e.detail.participants)
        .sort(),
    ).toEqual([1200, 345]);
    expect(entries.some((e) => e.user === 'dieu-phoi-bo')).toBe(true);
    const coordinator = (
      await request(t.url)
        .post('/api/v1/auth/login')
        .send({ username: 'dieu-phoi-bac-giang', password: 'mat-khau-dieu-phoi-2026' })
        .expect(200)
    ).body.accessToken as string;
    await request(t.url)
      .get('/api/v1/audit-log')
      .set({ authorization: `Bearer ${coordinator}` })
      .expect(403);
    const db = t.app.get(DataSource);
    await expect(db.query(`UPDATE audit_log SET action = 'hidden'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    const csv = await request(t.url)
      .get('/api/v1/audit-log')
      .query({ format: 'csv', entity: 'training-record' })
      .set(as())
      .expect(200);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain('Người thực hiện');
  });

  it('shows a coordinator the national table (every unit ranked) but only their own records', async () => {
    const username = 'dieu-phoi-khanh-hoa';
    const password = 'mat-khau-dieu-phoi-2026';
    await request(t.url)
      .post('/api/v1/users')
      .set(as())
      .send({ username, password, role: 'coordinator', provinces: ['Khánh Hòa'] })
      .expect(201);
    const coordinator = {
      authorization: `Bearer ${(await request(t.url).post('/api/v1/auth/login').send({ username, password }).expect(200)).body.accessToken as string}`,
    };
    const table = await request(t.url)
      .get('/api/v1/reports/training-volume')
      .query({ ...PERIOD, era: 'legacy' })
      .set(coordinator)
      .expect(200);
    expect(table.body.rows).toHaveLength(63);
    expect(table.body.rows.find((r: { label: string }) => r.label === 'Bắc Giang').total).toBeGreaterThan(0);
    const records = await request(t.url)
      .get('/api/v1/training-records')
      .query(PERIOD)
      .set(coordinator)
      .expect(200);
    const units = new Set((records.body.rows ?? records.body).map((r: { unit: string }) => r.unit));
    expect([...units]).toEqual(['Khánh Hòa']);
  });
});
