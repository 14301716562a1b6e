/**
 * Report benchmark at national scale: 63 provinces, 600 cohorts, 1,000,000 enrollments with their
 * progress (the milestones 50 million statements would have set), then the province funnel as of
 * random dates, timed over HTTP: p50, p95, p99.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:reports [-- --enrollments 1000000 --requests 100]
 *
 * The data is generated in SQL straight into a database of the benchmark's own (dropped after):
 * the ingest path is measured by bench/ingest; this measures reading.
 */
import type { ChildProcess } from 'node:child_process';
import { arg, benchDatabase, flag, startService, stopServices, waitForHealth } from './support';

const ENROLLMENTS = arg('enrollments', 1_000_000);
const REQUESTS = arg('requests', 100);
const COHORTS = 600;
const PORT = 3902;
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  let api: ChildProcess | undefined;
  try {
    api = startService('api', {
      DATABASE_URL: db.url,
      PORT: String(PORT),
      HOCBA_ADMIN_USER: ADMIN.username,
      HOCBA_ADMIN_PASSWORD: ADMIN.password,
    });
    await waitForHealth(PORT);
    let started = Date.now();
    await db.query(
      `INSERT INTO course (code, title, activity_id, completion) VALUES ('de-an-06', 'Đề án 06', 'https://mooc.example.vn/courses/de-an-06', '{"moveOn":"Completed"}')`,
    );
    await db.query(`
      INSERT INTO cohort (code, title, course_id, province_id, wave)
      SELECT 'lop-' || g, 'Lớp ' || g, (SELECT id FROM course), p.id, 'đợt ' || (1 + g % 3)
        FROM generate_series(0, ${COHORTS - 1}) g
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM admin_unit WHERE kind = 'province' AND era = 'legacy') p ON p.n = g % 63`);
    await db.query(`
      INSERT INTO learner (full_name, name_key, account_home_page, account_name)
      SELECT 'Học viên ' || g, 'học viên ' || g, 'https://mooc.example.vn', 'hv' || g FROM generate_series(0, ${ENROLLMENTS - 1}) g`);
    await db.query(`
      INSERT INTO enrollment (cohort_id, learner_id, unit, level, sector, status, deducted_on, deduction_reason)
      SELECT c.id, l.id, 'Đơn vị ' || (n % 50), (ARRAY['tinh','huyen','xa'])[1 + n % 3], (ARRAY['cong-an','cbccvc','khac'])[1 + n % 3],
             CASE WHEN n % 50 = 0 THEN 'deducted' ELSE 'active' END,
             CASE WHEN n % 50 = 0 THEN date '2024-05-01' + (n % 180) END, CASE WHEN n % 50 = 0 THEN 'Chuyển công tác' END
        FROM (SELECT id, (substring(account_name from 3))::int AS n FROM learner) l
        JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k FROM cohort) c ON c.k = l.n % ${COHORTS}`);
    // Milestones spread over six months: 95% activated, 90% started, 80% completed, 75% passed.
    await db.query(`
      INSERT INTO enrollment_progress (enrollment_id, activated_at, activated_by, started_at, started_by, completed_at, completed_by, passed_at, passed_by)
      SELECT e.id,
             CASE WHEN r < 0.95 THEN t END, CASE WHEN r < 0.95 THEN gen_random_uuid() END,
             CASE WHEN r < 0.90 THEN t + interval '1 day' END, CASE WHEN r < 0.90 THEN gen_random_uuid() END,
             CASE WHEN r < 0.80 THEN t + interval '10 days' END, CASE WHEN r < 0.80 THEN gen_random_uuid() END,
             CASE WHEN r < 0.75 THEN t + interval '11 days' END, CASE WHEN r < 0.75 THEN gen_random_uuid() END
        FROM (SELECT id, random() AS r, timestamptz '2024-04-01' + random() * interval '180 days' AS t FROM enrollment) e`);
    await db.query('VACUUM ANALYZE');
    console.log(
      `# reports benchmark: ${ENROLLMENTS} enrollments in ${COHORTS} cohorts over 63 provinces, generated in ${((Date.now() - started) / 1000).toFixed(0)} s; database ${db.name}`,
    );

    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const time = async (label: string, query: () => string) => {
      const ms: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        started = performance.now();
        const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/reports/funnel?${query()}`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        if (!res.ok) throw new Error(`${label}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        ms.push(performance.now() - started);
      }
      ms.sort((a, b) => a - b);
      console.log(
        JSON.stringify({
          report: label,
          requests: REQUESTS,
          'p50 ms': Math.round(percentile(ms, 50)),
          'p95 ms': Math.round(percentile(ms, 95)),
          'p99 ms': Math.round(percentile(ms, 99)),
        }),
      );
    };
    const randomDay = () =>
      new Date(Date.UTC(2024, 4, 1) + Math.floor(Math.random() * 200) * 86_400_000)
        .toISOString()
        .slice(0, 10);
    await time(
      'province funnel, legacy map, random asOf',
      () => `groupBy=province&era=legacy&asOf=${randomDay()}`,
    );
    await time(
      'province funnel, current map, random asOf',
      () => `groupBy=province&era=current&asOf=${randomDay()}`,
    );
    await time('province funnel, today', () => 'groupBy=province&era=legacy');
    await time(
      'cohort funnel of one province',
      () => `groupBy=cohort&province=Bắc Giang&asOf=${randomDay()}`,
    );
  } finally {
    await stopServices(api);
    // --keep leaves the database for EXPLAIN (drop it by hand).
    if (flag('keep')) console.log(`# kept database ${db.name}`);
    else await db.drop();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
