import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { readTable } from '@hocba/spreadsheets';
import { columnOf } from '../libs/program/src/imports/enrollment-columns';
import { PersonalDataKeys } from '@hocba/privacy';
import { binary, finishedJob, startAdminApp } from './support/admin';
import type { TestApp } from './support/test-app';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc'];
const GIVEN = ['Thuý', 'Hoà', 'Dũng', 'Hương', 'Quỳnh', 'Tuấn', 'Yến', 'Khoa', 'Thủy', 'Hạnh', 'Ánh'];
const SPELLINGS = ['Khánh Hoà', 'Tỉnh Khánh Hòa', 'KHÁNH HÒA', 'Khánh Hòa'.normalize('NFD'), '56', ''];
const LEVELS = ['Tỉnh', 'Cấp huyện', 'xã'];
const SECTORS = ['Công an', 'CBCCVC', 'Cán bộ, công chức, viên chức'];

interface Expected {
  row: number;
  field: string;
}

/**
 * A 5,000-row list as a province sends it: names typed in NFD by some keyboards, the province
 * spelled every way, CCCDs some typed as numbers (Excel drops their leading zero), and 20 bad rows.
 */
async function buildWorkbook(): Promise<{ file: Buffer; bad: Expected[]; good: number }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow([
    'STT',
    'Họ và tên',
    'Số CCCD',
    'Email',
    'Số điện thoại',
    'Đơn vị công tác',
    'Cấp',
    'Lĩnh vực',
    'Tỉnh/Thành phố',
    'Ghi chú',
  ]);
  const bad: Expected[] = [];
  for (let i = 1; i <= 5000; i++) {
    const row = i + 1;
    const name = `${FAMILY[i % 10]} ${MIDDLE[i % 6]} ${GIVEN[i % 11]} ${i}`.normalize(i % 2 ? 'NFD' : 'NFC');
    const cccd = `056${String(200000000 + i).padStart(9, '0')}`;
    const cells: (string | number)[] = [
      i,
      name,
      i % 7 === 0 ? Number(cccd) : cccd,
      `hv${i}@khanhhoa.gov.vn`,
      `09${String(10000000 + i)}`,
      `Phòng ${i % 40}`,
      LEVELS[i % 3],
      SECTORS[i % 3],
      SPELLINGS[i % 6],
      '',
    ];
    const flaw = i % 250 === 0 ? (i / 250) % 10 : -1; // 20 bad rows, spread through the file
    if (flaw === 0) {
      cells[2] = '05620000A';
      bad.push({ row, field: 'nationalId' });
    }
    if (flaw === 1) {
      cells[1] = '';
      bad.push({ row, field: 'fullName' });
    }
    if (flaw === 2) {
      cells[2] = `056${String(200000000 + i - 1).padStart(9, '0')}`;
      bad.push({ row, field: 'nationalId' }); // the row above's CCCD
    }
    if (flaw === 3) {
      cells[6] = 'Trung ương';
      bad.push({ row, field: 'level' });
    }
    if (flaw === 4) {
      cells[4] = '12345';
      bad.push({ row, field: 'phone' });
    }
    if (flaw === 5) {
      cells[8] = 'Lạng Sơn';
      bad.push({ row, field: 'province' });
    }
    if (flaw === 6) {
      cells[3] = 'khong-co-a-cong';
      bad.push({ row, field: 'email' });
    }
    if (flaw === 7) {
      cells[7] = 'Quân đội';
      bad.push({ row, field: 'sector' });
    }
    if (flaw === 8) {
      cells[8] = 'Atlantis';
      bad.push({ row, field: 'province' });
    }
    if (flaw === 9) {
      cells[2] = '';
      bad.push({ row, field: 'nationalId' });
    }
    sheet.addRow(cells);
  }
  return { file: Buffer.from(await workbook.xlsx.writeBuffer()), bad, good: 5000 - bad.length };
}

describe('enrollment import', () => {
  let t: TestApp;
  /** CCCDs are stored sealed; a row is found by its keyed hash. */
  const cccdHash = async (cccd: string) => (await t.app.get(PersonalDataKeys).keyring()).hash(cccd);
  let admin: string;
  let cohortId: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  const upload = (file: Buffer, name: string, fields: Record<string, string> = {}, token = admin) => {
    const req = request(t.url).post(`/api/v1/cohorts/${cohortId}/enrollments/import`).set(as(token));
    for (const [k, v] of Object.entries(fields)) void req.field(k, v);
    return req.attach('file', file, name);
  };
  const finished = (jobId: string) => finishedJob(t.url, admin, jobId);

  const download = async (path: string): Promise<Buffer> => {
    const res = await request(t.url).get(path).set(as(admin)).buffer(true).parse(binary);
    expect([path, res.status]).toEqual([path, 200]);
    return res.body as Buffer;
  };
  const seats = async () =>
    Number(
      (
        await t.app
          .get(DataSource)
          .query(`SELECT count(*) AS n FROM enrollment WHERE cohort_id = $1`, [cohortId])
      )[0].n,
    );

  beforeAll(async () => {
    ({ t, admin } = await startAdminApp({ worker: true }));
    await request(t.url)
      .post('/api/v1/courses')
      .set(as(admin))
      .send({
        code: 'de-an-06',
        title: 'Đề án 06',
        activityId: 'https://mooc.example.vn/courses/de-an-06',
        completion: { moveOn: 'Completed' },
      })
      .expect(201);
    cohortId = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as(admin))
        .send({
          code: 'kh-dot-1',
          title: 'Khánh Hòa đợt 1',
          courseCode: 'de-an-06',
          province: 'Khánh Hòa',
          wave: 'đợt 1',
        })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => t?.close());

  it('imports a 5,000-row XLSX: a dry run writes nothing, the good rows land, the bad come back with row, field and reason, and a second import changes nothing', async () => {
    const { file, bad, good } = await buildWorkbook();
    expect(bad).toHaveLength(20);

    const dry = await finished(
      (await upload(file, 'Danh sách Khánh Hòa.xlsx', { dryRun: 'true' }).expect(202)).body.jobId,
    );
    expect(dry.state).toBe('completed');
    expect(dry.result).toMatchObject({ dryRun: true, rows: 5000, created: good, updated: 0, unchanged: 0 });
    expect(await seats()).toBe(0);

    const first = await finished((await upload(file, 'Danh sách Khánh Hòa.xlsx').expect(202)).body.jobId);
    expect(first).toMatchObject({ state: 'completed', progress: 100 });
    expect(first.result).toMatchObject({
      dryRun: false,
      rows: 5000,
      created: good,
      updated: 0,
      unchanged: 0,
      ignoredColumns: [],
    });
    // The job's JSON abridges long lists; the changes file has every row.
    expect(first.result).toMatchObject({ changesTruncated: true });
    expect(first.result.changes).toHaveLength(1000);
    const changes = await readTable(await download(`/api/v1/jobs/${dry.id}/changes?format=xlsx`), 10_000);
    expect(changes.rows.slice(1)).toHaveLength(good);
    expect(changes.rows[1].cells).toEqual(['2', 'sẽ thêm (would create)']);
    expect(first.result.errors.map((e: Expected) => ({ row: e.row, field: e.field }))).toEqual(bad);
    for (const e of first.result.errors) expect(e.message.length).toBeGreaterThan(10);
    expect(first.result.errors.find((e: Expected) => e.field === 'province').message).toBe(
      `province "Lạng Sơn" is not the cohort's province (Khánh Hòa)`,
    );
    expect(first.result.errors.find((e: Expected) => e.field === 'level').message).toBe(
      'level "Trung ương" must be Tỉnh, Huyện or Xã',
    );
    expect(dry.result.errors).toEqual(first.result.errors);
    expect(await seats()).toBe(good);

    const db = t.app.get(DataSource);
    // Names kept as written (the old tone placement "Hoà" stays) in NFC although odd rows are NFD; a
    // CCCD typed as a number got its zero back.
    const [odd] = await db.query(`SELECT full_name, name_key FROM learner WHERE national_id_hash = $1`, [
      await cccdHash('056200000001'),
    ]);
    expect(odd.full_name).toBe('Trần Thị Hoà 1'.normalize('NFC'));
    expect(odd.name_key).toBe('trần thị hòa 1');
    expect(
      await db.query(
        `SELECT level, sector FROM enrollment e JOIN learner l ON l.id = e.learner_id WHERE l.national_id_hash = $1`,
        [await cccdHash('056200000007')],
      ),
    ).toEqual([{ level: 'huyen', sector: 'cbccvc' }]);

    const second = await finished((await upload(file, 'Danh sách Khánh Hòa.xlsx').expect(202)).body.jobId);
    expect(second.result).toMatchObject({ created: 0, updated: 0, unchanged: good, changes: [] });
    expect(second.result.errors).toEqual(first.result.errors);
    expect(await seats()).toBe(good);

    // The errors as a file to fix: Excel-ready CSV (BOM) naming the coordinator's own columns.
    const csv = await request(t.url)
      .get(`/api/v1/jobs/${first.id}/errors`)
      .set(as(admin))
      .buffer(true)
      .parse(binary);
    expect(csv.status).toBe(200);
    const errorTable = await readTable(csv.body as Buffer, 100);
    // A line saying what the file is, the header, then one line per bad row.
    expect(errorTable.header[0]).toMatch(/Danh sách Khánh Hòa\.xlsx: 20/);
    expect(errorTable.rows[0].cells[0]).toBe('Dòng (Row)');
    expect(errorTable.rows.slice(1)).toHaveLength(20);
    expect(errorTable.rows[1].cells.slice(0, 3)).toEqual([String(bad[0].row), 'Họ và tên', 'fullName']);
  });

  it('imports a semicolon CSV with English headers and explains a file it cannot use', async () => {
    const csv = Buffer.from(
      '\uFEFFFull name;National ID;Level;Sector;Province\r\nĐinh Thị Lan;056300000001;district;police;tp. khánh hoà\r\nBùi Văn Nam;056300000002;commune;other;\r\n',
    );
    const job = await finished((await upload(csv, 'list.csv').expect(202)).body.jobId);
    expect(job.result).toMatchObject({ created: 2, errors: [] });
    expect(
      await t.app
        .get(DataSource)
        .query(
          `SELECT e.level, e.sector FROM enrollment e JOIN learner l ON l.id = e.learner_id WHERE l.national_id_hash = $1`,
          [await cccdHash('056300000001')],
        ),
    ).toEqual([{ level: 'huyen', sector: 'cong-an' }]);

    const noName = await finished(
      (await upload(Buffer.from('CCCD,Email\n056300000003,a@b.vn\n'), 'x.csv').expect(202)).body.jobId,
    );
    expect(noName).toMatchObject({ state: 'failed', error: expect.stringMatching(/no column "Họ và tên"/) });
    await upload(Buffer.from('x'), 'list.pdf').expect(400);
    await request(t.url)
      .post(`/api/v1/cohorts/${cohortId}/enrollments/import`)
      .set(as(admin))
      .send({ file: 'x' })
      .expect(400);
  });

  it('serves a template whose every column the import recognises', async () => {
    const res = await request(t.url).get('/api/v1/enrollments/template.xlsx').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const template = await readTable(res.body as Buffer, 10);
    expect(template.header).toContain('Họ và tên');
    expect(template.header.map((h) => columnOf(h))).not.toContain(undefined);
    const csv = await request(t.url).get('/api/v1/enrollments/template.csv').expect(200);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(template.header.join(','));
  });
});
