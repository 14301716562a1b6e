/**
 * Certificate benchmark: certificates rendered, stored and recorded per second, with one worker
 * process and then two (each at HOCBA_WORKER_CONCURRENCY jobs at a time).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:certificates [-- --count 2000 --concurrency 2]
 *
 * Enrollments that completed their course are generated in SQL with their certificate requests
 * and outbox rows, as the projection writes them; then the workers start and the clock runs until
 * every certificate is issued. The target: 50/s per worker process (100,000 in under 20 minutes
 * with two).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, benchDatabase, startService, stopServices, waitForHealth } from './support';

const COUNT = arg('count', 2000);
const CONCURRENCY = arg('concurrency', 2);
const PORT = 3904;
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };

async function main(): Promise<void> {
  const db = await benchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'hocba-bench-certificates-'));
  const env = {
    DATABASE_URL: db.url,
    HOCBA_DATA_DIR: dataDir,
    HOCBA_QUEUE_PREFIX: `bench-${db.name}`,
    HOCBA_WORKER_CONCURRENCY: String(CONCURRENCY),
  };
  const children: ChildProcess[] = [];
  try {
    // The API runs the migrations; the workers do the work.
    children.push(
      startService('api', {
        ...env,
        PORT: String(PORT),
        HOCBA_ADMIN_USER: ADMIN.username,
        HOCBA_ADMIN_PASSWORD: ADMIN.password,
      }),
    );
    await waitForHealth(PORT);
    await db.query(
      `INSERT INTO course (code, title, activity_id, completion, certificates)
       VALUES ('ky-nang-so', 'Kỹ năng số cho cán bộ, công chức', 'https://mooc.example.vn/courses/ky-nang-so', '{"moveOn":"Completed"}', '{"auto":true}')`,
    );
    await db.query(
      `INSERT INTO cohort (code, title, course_id, province_id)
       SELECT 'bench', 'Lớp kỹ năng số - đợt 1', (SELECT k.id FROM course k), u.id FROM admin_unit u WHERE u.kind = 'province' AND u.era = 'legacy' ORDER BY u.id LIMIT 1`,
    );
    for (const [workers, from] of [
      [1, 0],
      [2, COUNT],
    ] as const) {
      await seed(db, from, COUNT);
      const started = Date.now();
      const running = Array.from({ length: workers }, () => startService('worker', env));
      children.push(...running);
      for (;;) {
        const [{ issued }] = (await db.query(
          `SELECT count(*)::int AS issued FROM certificate WHERE state = 'issued' AND number LIKE 'HB-BENCH-${workers}-%'`,
        )) as { issued: number }[];
        if (issued >= COUNT) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const seconds = (Date.now() - started) / 1000;
      await stopServices(...running);
      console.log(
        JSON.stringify({
          workers,
          concurrency: CONCURRENCY,
          certificates: COUNT,
          seconds: Number(seconds.toFixed(1)),
          'certificates/s': Math.round(COUNT / seconds),
          'per worker/s': Math.round(COUNT / seconds / workers),
        }),
      );
    }
    await zip(2 * COUNT);
  } finally {
    await stopServices(...children);
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  /** The cohort's ZIP (every certificate issued above) through the API's job, timed. */
  async function zip(certificates: number): Promise<void> {
    const worker = startService('worker', env);
    children.push(worker);
    const api = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`http://127.0.0.1:${PORT}${path}`, init);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res;
    };
    const { accessToken } = (await (
      await api('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      })
    ).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const [{ id }] = (await db.query(`SELECT id FROM cohort`)) as { id: string }[];
    const started = Date.now();
    const { jobId } = (await (
      await api(`/api/v1/cohorts/${id}/certificates.zip`, { method: 'POST', headers: auth })
    ).json()) as { jobId: string };
    let job: { state: string; result?: { size: number; download: string } };
    do {
      await new Promise((r) => setTimeout(r, 250));
      job = (await (await api(`/api/v1/jobs/${jobId}`, { headers: auth })).json()) as typeof job;
    } while (job.state !== 'completed' && job.state !== 'failed');
    const built = (Date.now() - started) / 1000;
    const bytes = (await (await api(job.result!.download, { headers: auth })).arrayBuffer()).byteLength;
    console.log(
      JSON.stringify({
        zip: `${certificates} certificates`,
        state: job.state,
        'built in s': Number(built.toFixed(1)),
        'downloaded MB': Number((bytes / 1e6).toFixed(1)),
        'total s': Number(((Date.now() - started) / 1000).toFixed(1)),
      }),
    );
  }

  /** COUNT learners who completed the course, each with a certificate requested (and its outbox row). */
  async function seed(database: typeof db, from: number, count: number): Promise<void> {
    const round = from === 0 ? 1 : 2;
    await database.query(
      `INSERT INTO learner (full_name, name_key, account_home_page, account_name)
       SELECT 'Nguyễn Thị Hồng Nhung ' || g, 'nguyễn thị hồng nhung ' || g, 'https://mooc.example.vn', 'hv' || g
         FROM generate_series(${from}, ${from + count - 1}) g`,
    );
    await database.query(
      `INSERT INTO enrollment (cohort_id, learner_id, unit, level, sector)
       SELECT (SELECT id FROM cohort), id, 'Công an xã Đồng Tâm', 'xa', 'cong-an' FROM learner
        WHERE (substring(account_name from 3))::int >= ${from}`,
    );
    await database.query(
      `INSERT INTO enrollment_progress (enrollment_id, activated_at, started_at, completed_at)
       SELECT e.id, now(), now(), now() FROM enrollment e
        WHERE NOT EXISTS (SELECT 1 FROM enrollment_progress p WHERE p.enrollment_id = e.id)`,
    );
    await database.query(
      `INSERT INTO certificate (enrollment_id, number, code)
       SELECT e.id, 'HB-BENCH-${round}-' || lpad((row_number() OVER (ORDER BY e.id))::text, 6, '0'), upper(substr(md5(random()::text), 1, 16))
         FROM enrollment e WHERE NOT EXISTS (SELECT 1 FROM certificate c WHERE c.enrollment_id = e.id)`,
    );
    await database.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload)
       SELECT 'certificates', 'certificate-render', 'certificate-' || id, json_build_object('certificateId', id)
         FROM certificate WHERE number LIKE 'HB-BENCH-${round}-%'`,
    );
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
