import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import XAPI, { type Statement } from '@xapi/xapi';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@hocba/jobs';
import { ProgressProjection } from '@hocba/progress';
import { ensureLocalRedis, type EmbeddedRedis } from '@hocba/queue';
import { FunnelTallyCompactor } from '@hocba/reports';
import { startAdminApp } from './support/admin';
import { sparePort } from './support/ports';
import { BASIC, type TestApp } from './support/test-app';

/**
 * Certificates survive faults: a worker killed with SIGKILL in the middle of a batch, and Redis
 * stopped (losing every queued job: it keeps nothing on disk) while completions keep arriving.
 * Afterwards every eligible enrollment has exactly one certificate, issued, its bytes stored.
 * Redis here is a server of the test's own on a spare port; the shared one is never touched.
 */
const HOME = 'https://lms.faults.vn';
const COURSE = `${HOME}/course/kỹ-năng-số`;
const FIRST = 60;
const DURING_OUTAGE = 20;

const completed = (i: number): Statement => ({
  actor: { objectType: 'Agent', account: { homePage: HOME, name: `hv-${i}` } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { objectType: 'Activity', id: COURSE },
  result: { completion: true },
  timestamp: new Date(Date.UTC(2024, 8, 1) + i * 60_000).toISOString(),
});

describe('certificates under faults', () => {
  let t: TestApp;
  let admin: string;
  let redis: EmbeddedRedis;
  let redisPort: number;
  let worker: ChildProcess | undefined;
  const env: Record<string, string> = {};

  /** The worker as its own process, from the TypeScript sources, as `npm run start:worker` runs it. */
  const startWorkerProcess = () => {
    const child = spawn(
      process.execPath,
      ['-r', join(__dirname, 'support/ts-register.js'), join(__dirname, '../apps/worker/src/main.ts')],
      { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: 'ignore' },
    );
    return child;
  };
  const stopWorker = async (signal: NodeJS.Signals) => {
    const child = worker;
    worker = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  const counts = async () => {
    const [row]: { pending: number; issued: number; total: number; enrollments: number }[] = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE state = 'issued')::int AS issued,
                count(*)::int AS total, count(DISTINCT enrollment_id)::int AS enrollments FROM certificate`,
      );
    return row;
  };
  const until = async (what: string, check: () => Promise<boolean>, seconds: number) => {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what}: not within ${seconds} s (${JSON.stringify(await counts())})`);
  };

  beforeAll(async () => {
    redisPort = await sparePort();
    redis = await ensureLocalRedis(redisPort);
    Object.assign(env, {
      REDIS_URL: redis.url,
      HOCBA_CERTIFICATE_RECHECK_SECONDS: '2',
      HOCBA_WORKER_CONCURRENCY: '2',
    });
    ({ t, admin } = await startAdminApp({ env }));
    // The worker process works on the test app's database, queues and files.
    for (const k of ['DATABASE_URL', 'HOCBA_QUEUE_PREFIX', 'HOCBA_DATA_DIR', 'HOCBA_PUBLIC_URL'])
      if (process.env[k]) env[k] = process.env[k]!;
    const as = { authorization: `Bearer ${admin}` };
    await request(t.url)
      .post('/api/v1/courses')
      .set(as)
      .send({
        code: 'ky-nang-so',
        title: 'Kỹ năng số',
        activityId: COURSE,
        completion: { moveOn: 'Completed' },
        certificates: { auto: true },
      })
      .expect(201);
    const cohort = (
      await request(t.url)
        .post('/api/v1/cohorts')
        .set(as)
        .send({
          code: 'ls-kns-1',
          title: 'Lạng Sơn - Kỹ năng số',
          courseCode: 'ky-nang-so',
          province: 'Lạng Sơn',
        })
        .expect(201)
    ).body.id as string;
    const learners = Array.from({ length: FIRST + DURING_OUTAGE + 5 }, (_, i) => ({
      fullName: `Hoàng Thị Hương ${i}`,
      account: { homePage: HOME, name: `hv-${i}` },
    }));
    await request(t.url).post(`/api/v1/cohorts/${cohort}/enrollments`).set(as).send({ learners }).expect(201);
  }, 60_000);

  afterAll(async () => {
    await stopWorker('SIGKILL');
    await t?.close();
    await redis?.stop();
  });

  it('issues exactly one certificate per eligible enrollment after a worker is killed mid-batch and Redis is down for a while', async () => {
    const xapi = new XAPI({ endpoint: `${t.url}/xapi/`, auth: BASIC, version: '1.0.3' });
    const acknowledged: string[] = [];
    acknowledged.push(
      ...(await xapi.sendStatements({ statements: Array.from({ length: FIRST }, (_, i) => completed(i)) }))
        .data,
    );
    expect(await counts()).toMatchObject({ pending: FIRST, total: FIRST });

    worker = startWorkerProcess();
    await until('some certificates issued', async () => (await counts()).issued >= 5, 60);
    await stopWorker('SIGKILL');
    const atKill = await counts();
    expect(atKill.issued).toBeLessThan(FIRST);

    // Redis goes away with every job it held; completions keep arriving and are acknowledged.
    await redis.stop();
    const db = t.app.get(DataSource);
    const [{ before }]: { before: string }[] = await db.query(
      `SELECT COALESCE(max(id), 0) AS before FROM outbox`,
    );
    acknowledged.push(
      ...(
        await xapi.sendStatements({
          statements: Array.from({ length: DURING_OUTAGE }, (_, i) => completed(FIRST + i)),
        })
      ).data,
    );
    // A relay round during the outage gives up (Redis does not answer), and the renders these
    // completions asked for wait in the outbox: nothing is lost while Redis is away.
    await expect(t.app.get(OutboxRelay).relay()).rejects.toThrow('Redis did not answer');
    const [waiting]: { renders: number; pending: number }[] = await db.query(
      `SELECT count(*) FILTER (WHERE job_name = 'certificate-render')::int AS renders,
              count(*) FILTER (WHERE relayed_at IS NULL)::int AS pending
         FROM outbox WHERE id > $1`,
      [before],
    );
    expect(waiting).toEqual({ renders: DURING_OUTAGE, pending: DURING_OUTAGE });
    redis = await ensureLocalRedis(redisPort);
    worker = startWorkerProcess();

    const eligible = FIRST + DURING_OUTAGE;
    await until('every certificate issued', async () => (await counts()).issued === eligible, 120);
    expect(await counts()).toEqual({ pending: 0, issued: eligible, total: eligible, enrollments: eligible });
    const files: { storage_key: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT storage_key FROM certificate`);
    for (const f of files)
      expect(existsSync(join(env.HOCBA_DATA_DIR, 'certificates', f.storage_key))).toBe(true);
    const funnel = await request(t.url)
      .get('/api/v1/reports/funnel')
      .query({ groupBy: 'province' })
      .set({ authorization: `Bearer ${admin}` })
      .expect(200);
    expect(funnel.body.totals).toMatchObject({ completed: eligible, certified: eligible });

    // Every acknowledged statement stored once; the reports equal a rebuild from the statements.
    const [stored]: { total: number; acknowledged: number }[] = await db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE id = ANY($1::uuid[]))::int AS acknowledged FROM statement`,
      [acknowledged],
    );
    expect(stored).toEqual({ total: eligible, acknowledged: eligible });
    await t.app.get(ProgressProjection).rebuildAll(db);
    await new FunnelTallyCompactor(db).rebuild();
    const rebuilt = await request(t.url)
      .get('/api/v1/reports/funnel')
      .query({ groupBy: 'province' })
      .set({ authorization: `Bearer ${admin}` })
      .expect(200);
    expect(rebuilt.body.rows).toEqual(funnel.body.rows);
  }, 240_000);
});
