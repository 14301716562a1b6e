/**
 * Enrollment import benchmark: rows/s for a 50,000-row XLSX (and the same list as CSV), from the
 * upload to the job's completion, and again for a re-import of the same file (nothing changes).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:import [-- --rows 50000]
 *
 * Starts the API and one worker as child processes on a database of its own, and drops it after.
 */
import type { ChildProcess } from 'node:child_process';
import ExcelJS from 'exceljs';
import { benchDatabase, startService, stopServices, waitForHealth } from './support';

const args = process.argv.slice(2);
const ROWS = (() => {
  const i = args.indexOf('--rows');
  return i >= 0 ? Number(args[i + 1]) : 50_000;
})();
const PORT = 3901;
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['Văn An', 'Thị Bình', 'Hữu Cường', 'Thị Dung', 'Minh Đức', 'Ngọc Hà', 'Quốc Huy', 'Thị Lan'];

function learnerRow(i: number, offset: number): (string | number)[] {
  const id = String(offset + i).padStart(9, '0');
  return [
    i,
    `${FAMILY[i % 12]} ${GIVEN[i % 8]}`,
    `001${id}`,
    `hv${offset + i}@hanoi.gov.vn`,
    `09${id.slice(1)}`,
    `Phòng ${i % 50}`,
    ['Tỉnh', 'Huyện', 'Xã'][i % 3],
    ['Công an', 'CBCCVC'][i % 2],
    'Hà Nội',
  ];
}
const HEADER = [
  'STT',
  'Họ và tên',
  'Số CCCD',
  'Email',
  'Số điện thoại',
  'Đơn vị',
  'Cấp',
  'Lĩnh vực',
  'Tỉnh/Thành phố',
];

async function xlsx(offset: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(HEADER);
  for (let i = 1; i <= ROWS; i++) sheet.addRow(learnerRow(i, offset));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(offset: number): Buffer {
  const lines = [HEADER.join(',')];
  for (let i = 1; i <= ROWS; i++) lines.push(learnerRow(i, offset).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

async function api<T>(token: string | undefined, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function timedImport(
  token: string,
  cohortId: string,
  file: Buffer,
  name: string,
  label: string,
): Promise<void> {
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([file]), name);
  const res = await fetch(`${BASE}/api/v1/cohorts/${cohortId}/enrollments/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const { jobId } = (await res.json()) as { jobId: string };
  for (;;) {
    const job = await api<{
      state: string;
      result: { created: number; updated: number; unchanged: number; errors: unknown[] } | null;
      error: string | null;
    }>(token, 'GET', `/api/v1/jobs/${jobId}`);
    if (job.state === 'failed') throw new Error(`import failed: ${job.error}`);
    if (job.state === 'completed' && job.result) {
      const seconds = (performance.now() - started) / 1000;
      const r = job.result;
      console.log(
        JSON.stringify({
          import: label,
          rows: ROWS,
          bytes: file.length,
          created: r.created,
          updated: r.updated,
          unchanged: r.unchanged,
          errors: r.errors.length,
          seconds: Number(seconds.toFixed(2)),
          'rows/s': Math.round(ROWS / seconds),
        }),
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  let apiProcess: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  try {
    const env = {
      DATABASE_URL: db.url,
      PORT: String(PORT),
      HOCBA_ADMIN_USER: ADMIN.username,
      HOCBA_ADMIN_PASSWORD: ADMIN.password,
      HOCBA_QUEUE_PREFIX: db.name,
    };
    apiProcess = startService('api', env);
    await waitForHealth(PORT);
    worker = startService('worker', env);
    const { accessToken } = await api<{ accessToken: string }>(
      undefined,
      'POST',
      '/api/v1/auth/login',
      ADMIN,
    );
    await api(accessToken, 'POST', '/api/v1/courses', {
      code: 'bench',
      title: 'Bench',
      activityId: 'https://mooc.example.vn/courses/bench',
      completion: { moveOn: 'Completed' },
    });
    const cohort = async (code: string) =>
      (
        await api<{ id: string }>(accessToken, 'POST', '/api/v1/cohorts', {
          code,
          title: code,
          courseCode: 'bench',
          province: 'Hà Nội',
        })
      ).id;
    console.log(
      `# import benchmark: ${ROWS} rows per file, API pid ${apiProcess.pid}, worker pid ${worker.pid}, database ${db.name}`,
    );
    const xlsxCohort = await cohort('bench-xlsx');
    const file = await xlsx(0);
    await timedImport(accessToken, xlsxCohort, file, 'ds.xlsx', 'XLSX, new learners');
    await timedImport(accessToken, xlsxCohort, file, 'ds.xlsx', 'XLSX, same file again');
    const csvCohort = await cohort('bench-csv');
    await timedImport(accessToken, csvCohort, csv(ROWS), 'ds.csv', 'CSV, new learners');
  } finally {
    await stopServices(apiProcess, worker);
    await db.drop();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
